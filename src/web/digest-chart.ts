/**
 * The SMT digest's chart: learners on a policy's at-risk register this week against the 8
 * weeks before, as of the digest's date. It counts every learner under the policy and
 * names none, so it can go to a channel and be fetched by the chat platform with no person
 * signed in. "As of the date" is the end of that day (UK time), or now while the day runs.
 */
import type { CaseContext } from '../cases/case-context.js';
import { londonMidnight, parseDay } from '../rules/calendar/index.js';
import { policyCharts } from './chart-data.js';
import { CHART_CONFIG, drawPng, PALETTE } from './draw-chart.js';
import { shortDate, weeksUpTo } from './london-weeks.js';

/** This week and the 8 before it. */
const DIGEST_WEEKS = 9;

/** How wide the picture is, in pixels (small enough for a chat message). */
export const DIGEST_PICTURE_WIDTH = 640;

/** The picture's name for a policy's digest on `date` (YYYY-MM-DD); chartPicture draws it. */
export function digestPictureName(policy: string, date: string): string {
  return `digest-${policy}-${date}`;
}

export interface DigestChart {
  /** The week starting (Monday, YYYY-MM-DD) and the learners on the register at its end (or now), oldest first: 9 weeks. */
  readonly weeks: readonly { readonly weekStart: string; readonly atRisk: number }[];
  /** What the picture shows, in words, for people who cannot see it. */
  readonly alt: string;
}

/** The chart's numbers and alt text; throws for a policy that is not loaded or a date that is not YYYY-MM-DD. */
export async function digestChart(ctx: CaseContext, policy: string, date: string): Promise<DigestChart> {
  const pack = ctx.packFor(policy);
  if (!pack) throw new Error(`no policy "${policy}" is loaded`);
  const day = parseDay(date);
  if (day === undefined) throw new Error(`"${date}" is not a date written YYYY-MM-DD`);
  const asOf = Math.min(londonMidnight(day + 1) - 1, ctx.now().getTime());
  const charts = await policyCharts(ctx, pack, weeksUpTo(asOf, DIGEST_WEEKS));
  const weeks = charts.register.map((w) => ({ weekStart: w.week.start, atRisk: w.total }));
  const current = weeks[weeks.length - 1]!;
  const before = weeks.slice(0, -1).map((w) => w.atRisk);
  const [low, high] = [Math.min(...before), Math.max(...before)];
  const range = low === high ? `${low} in each of the previous ${before.length} weeks` : `between ${low} and ${high} in the previous ${before.length} weeks`;
  const alt = `Learners at risk under ${pack.name}: ${current.atRisk} in the week starting ${shortDate(current.weekStart)}; ${range}.`;
  return { weeks, alt };
}

/** The PNG for a digest picture's name, or null when the name is not one (see chartPicture). */
export async function digestPicture(ctx: CaseContext, name: string): Promise<Buffer | null> {
  const parsed = /^digest-([a-z0-9][a-z0-9-]*)-(\d{4}-\d{2}-\d{2})$/.exec(name);
  if (!parsed) return null;
  const [, policy, date] = parsed as unknown as [string, string, string];
  const day = parseDay(date);
  const pack = ctx.packFor(policy);
  if (day === undefined || !pack || londonMidnight(day) > ctx.now().getTime()) return null;
  const chart = await digestChart(ctx, policy, date);
  const values = chart.weeks.map((w, i) => ({ week: shortDate(w.weekStart, false), count: w.atRisk, when: i === chart.weeks.length - 1 ? 'This week' : 'Previous weeks' }));
  const max = Math.max(1, ...values.map((v) => v.count));
  return drawPng(
    {
      title: { text: `Learners at risk: ${pack.name}`, subtitle: `This week against the 8 weeks before (as of ${shortDate(date)})` },
      width: 560,
      height: 200,
      data: { values },
      encoding: {
        x: { field: 'week', type: 'ordinal', title: 'Week starting', sort: null, axis: { labelAngle: 0 } },
        y: { field: 'count', type: 'quantitative', title: 'Learners', scale: { domain: [0, max], nice: true }, axis: { tickMinStep: 1, format: 'd' } },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: { color: { field: 'when', type: 'nominal', title: null, scale: { domain: ['Previous weeks', 'This week'], range: [PALETTE[5]!, PALETTE[0]!] }, legend: { orient: 'top', direction: 'horizontal' } } },
        },
        { mark: { type: 'text', dy: -8, fontSize: 13, fontWeight: 'bold' }, encoding: { text: { field: 'count', type: 'quantitative' } } },
      ],
      config: CHART_CONFIG,
    },
    DIGEST_PICTURE_WIDTH,
  );
}
