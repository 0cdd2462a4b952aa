/**
 * The charts page and the digest's picture, from the web fixture's seeded history plus a
 * week of decisions added here: the counts in the page's tables are exactly what the seed
 * makes them, a coach's count only her caseload, the picture is a PNG of the right size,
 * and chat fetches it at a signed address.
 */
import { chartPicture } from '../../src/web/charts-page.js';
import { digestChart, digestPictureName } from '../../src/web/digest-chart.js';
import { COACH_A, COACH_B, MANAGER, OUTSIDER, openWebFixture, SECRET_NOTE, type WebFixture } from './web-fixture.js';
import { launch, newPage, seriousViolations, withChromium } from './browser.js';

let fx: WebFixture;

/** Proposes a step as `by` and has the manager give `verdict` on it. */
async function decided(by: string, learnerId: string, step: { stage: string } | { outcome: string }, verdict: 'approved' | 'rejected') {
  const proposed = await fx.provider.ok(by, { kind: 'propose', learnerId, ...step, reason: 'as discussed' });
  await fx.provider.ok(MANAGER, { kind: 'decide', learnerId, proposal: proposed.key, verdict });
}

beforeAll(async () => {
  fx = await openWebFixture('web-charts');
  // Monday 16 November, 09:00: Noah (L-2) to stage 1; Liam (L-4) to stage 1 and then off
  // the register (back on track); stage 1 for Mia (L-1) rejected.
  await decided(COACH_A, 'L-2', { stage: 'stage-1' }, 'approved');
  await decided(COACH_B, 'L-4', { stage: 'stage-1' }, 'approved');
  await decided(COACH_B, 'L-4', { outcome: 'de-escalate' }, 'approved');
  await decided(COACH_A, 'L-1', { stage: 'stage-1' }, 'rejected');
  // A week and a bit later: Wednesday 25 November.
  await fx.provider.advanceTo('2026-11-25T09:00:00Z');
}, 120_000);
afterAll(() => fx.close());

const NAMES = ['Mia Jones', 'Noah Patel', 'Olivia Brown', 'Liam Evans', 'Priya Shah'];

async function chartsOf(staffId: string): Promise<string> {
  const response = await fetch(fx.link(staffId, { page: 'charts' }));
  expect(response.status).toBe(200);
  return response.text();
}

interface Table {
  readonly head: string[];
  /** Week start (or row heading) -> the row's numbers. */
  readonly rows: Map<string, number[]>;
}

/** The table with this id: its column headings and its rows by week (or first cell). */
function table(html: string, id: string): Table {
  const found = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html);
  if (!found) throw new Error(`no table ${id}`);
  const text = (cell: string) => cell.replace(/<[^>]+>/g, '').trim();
  const cells = (row: string) => [...row.matchAll(/<t([hd])[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[2]!);
  const [head, ...body] = [...found[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => r[1]!);
  const rows = new Map<string, number[]>();
  for (const row of body) {
    const [first, ...rest] = cells(row);
    const key = /datetime="([^"]+)"/.exec(first!)?.[1] ?? text(first!);
    rows.set(key, rest.map(text).filter((t) => t !== '' && /^\d+$/.test(t)).map(Number));
  }
  return { head: cells(head!).map(text), rows };
}

/** The 26 Mondays up to 23 November 2026, oldest first. */
const MONDAYS = Array.from({ length: 26 }, (_, i) => new Date(Date.UTC(2026, 5, 1 + 7 * i)).toISOString().slice(0, 10));

/** Rows for every week: `changes` gives the row from that week on (weeks before the first: `zero`). */
function weekly(zero: number[], changes: Record<string, number[]>): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  let current = zero;
  for (const monday of MONDAYS) {
    current = changes[monday] ?? current;
    rows.set(monday, current);
  }
  return rows;
}

const NO_PROGRESS = 'no recorded progress within 42 days';
const BEHIND = 'slightly behind target: progress 10 or more points behind plan';
const STAGES = ['Week starting', 'No stage yet', 'Stage 1', 'Stage 2', 'Stage 3 (Notification of Withdrawal)', 'Total'];
const DECISIONS = ['Week starting', 'Meeting decisions', 'Proposals approved', 'Proposals rejected', 'Sent back for more information', 'Total'];
const WELFARE = 'Make 2 welfare-check attempts, by telephone and by email';

describe('the manager sees every learner of both policies', () => {
  let html: string;
  beforeAll(async () => {
    html = await chartsOf(MANAGER);
  });

  test('under atl: on the register each week by stage (Liam left in the week of 16 November)', () => {
    const t = table(html, 'atl-by-stage');
    expect(t.head).toEqual(STAGES);
    expect(t.rows).toEqual(
      weekly([0, 0, 0, 0, 0], {
        '2026-10-12': [2, 0, 0, 0, 2], // Noah (behind, 12 Oct) and Olivia (no progress, 13 Oct)
        '2026-10-19': [3, 0, 0, 0, 3], // + Liam (no progress, 22 Oct)
        '2026-10-26': [4, 0, 0, 0, 4], // + Mia (no progress, 26 Oct)
        '2026-11-16': [2, 1, 0, 0, 3], // Noah at stage 1; Liam back on track
      }),
    );
  });

  test('under atl: by the reason that put each learner on the register', () => {
    const t = table(html, 'atl-by-reason');
    expect(t.head).toEqual(['Week starting', NO_PROGRESS, BEHIND, 'Total']);
    expect(t.rows).toEqual(
      weekly([0, 0, 0], {
        '2026-10-12': [1, 1, 2],
        '2026-10-19': [2, 1, 3],
        '2026-10-26': [3, 1, 4],
        '2026-11-16': [2, 1, 3],
      }),
    );
  });

  test('under atl: the decisions of the week of 16 November, and the welfare checks overdue', () => {
    const decided = table(html, 'atl-decided');
    expect(decided.head).toEqual(DECISIONS);
    expect(decided.rows).toEqual(weekly([0, 0, 0, 0, 0], { '2026-11-16': [0, 3, 1, 0, 4], '2026-11-23': [0, 0, 0, 0, 0] }));
    // Noah's stage 1 checks were due on Monday 23 November; Liam's went with his case.
    const overdue = table(html, 'atl-overdue');
    expect(overdue.rows).toEqual(new Map([[WELFARE, [1]], ['Total', [1]]]));
    expect(html).toContain('4 learners under this policy that you can see; <strong>3</strong> on the at-risk register now.');
  });

  test('under bpn: Priya, on the register since 15 September', () => {
    expect(table(html, 'bpn-by-stage').rows).toEqual(weekly([0, 0, 0, 0, 0], { '2026-09-14': [1, 0, 0, 0, 1] }));
    expect(table(html, 'bpn-decided').rows.get('2026-11-16')).toEqual([0, 0, 0, 0, 0]);
  });

  test('every chart is one image with a name, in a figure with a caption, and names no learner', () => {
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    expect(svgs).toHaveLength(8);
    for (const svg of svgs) expect(svg).toMatch(/^<svg role="img" aria-label="[^"]+"/);
    expect(html.match(/<figure>\n<svg /g)).toHaveLength(8);
    expect(html.match(/<\/svg>\n<figcaption>/g)).toHaveLength(8);
    expect(html).toContain('aria-label="On the register each week, by stage: bar chart of learners on the register in the 26 weeks from 1 Jun 2026 to 23 Nov 2026; 3 this week, at most 4.');
    expect(html).not.toContain('<script');
    for (const name of [...NAMES, SECRET_NOTE]) expect(html).not.toContain(name);
  });
});

describe('a coach sees only her caseload', () => {
  let html: string;
  beforeAll(async () => {
    html = await chartsOf(COACH_A);
  });

  test('under atl: Mia and Noah only', () => {
    expect(table(html, 'atl-by-stage').rows).toEqual(
      weekly([0, 0, 0, 0, 0], { '2026-10-12': [1, 0, 0, 0, 1], '2026-10-26': [2, 0, 0, 0, 2], '2026-11-16': [1, 1, 0, 0, 2] }),
    );
    expect(table(html, 'atl-decided').rows.get('2026-11-16')).toEqual([0, 1, 1, 0, 2]);
    expect(table(html, 'atl-overdue').rows.get('Total')).toEqual([1]);
    expect(html).toContain('2 learners under this policy that you can see; <strong>2</strong> on the at-risk register now.');
  });

  test('under bpn: her learner Priya, as the manager sees her', () => {
    expect(table(html, 'bpn-by-stage').rows).toEqual(weekly([0, 0, 0, 0, 0], { '2026-09-14': [1, 0, 0, 0, 1] }));
    for (const name of [...NAMES, SECRET_NOTE]) expect(html).not.toContain(name);
  });

  test('the other coach sees Olivia and Liam under atl, and nothing under bpn', async () => {
    const other = await chartsOf(COACH_B);
    const rows = table(other, 'atl-by-stage').rows;
    expect(MONDAYS.map((m) => rows.get(m)!.at(-1))).toEqual(
      MONDAYS.map((m) => (m < '2026-10-12' ? 0 : m < '2026-10-19' ? 1 : m < '2026-11-16' ? 2 : 1)),
    );
    expect(other).toContain('0 learners under this policy that you can see; <strong>0</strong> on the at-risk register now.');
  });

  test('someone with no role under any policy gets nothing to chart', async () => {
    const page = await chartsOf(OUTSIDER);
    expect(page).toContain('nothing to chart for you');
    expect(page).not.toContain('<table');
  });
});

describe('the digest picture', () => {
  const web = () => ({ ctx: fx.ctx, links: fx.links });

  test('this week against the 8 before, for every learner under the policy, as of the date', async () => {
    const today = await digestChart(fx.ctx, 'atl', '2026-11-25');
    expect(today.weeks).toEqual(
      [['2026-09-28', 0], ['2026-10-05', 0], ['2026-10-12', 2], ['2026-10-19', 3], ['2026-10-26', 4], ['2026-11-02', 4], ['2026-11-09', 4], ['2026-11-16', 3], ['2026-11-23', 3]].map(
        ([weekStart, atRisk]) => ({ weekStart, atRisk }),
      ),
    );
    expect(today.alt).toBe('Learners at risk under Managing learners at-risk policy: 3 in the week starting 23 Nov 2026; between 0 and 4 in the previous 8 weeks.');
    // As of the end of Monday 16 November: Liam already off that morning.
    const then = await digestChart(fx.ctx, 'atl', '2026-11-16');
    expect(then.weeks.map((w) => w.atRisk)).toEqual([0, 0, 0, 2, 3, 4, 4, 4, 3]);
    expect(then.weeks[0]!.weekStart).toBe('2026-09-21');
    const bpn = await digestChart(fx.ctx, 'bpn', '2026-11-25');
    expect(bpn.alt).toBe('Learners at risk under Apprentice and Employer-Mentor Engagement Policy: 1 in the week starting 23 Nov 2026; 1 in each of the previous 8 weeks.');
  });

  test('is a PNG 640 pixels wide', async () => {
    const png = await chartPicture(web(), digestPictureName('atl', '2026-11-25'));
    expect(png).not.toBeNull();
    expect([...png!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png!.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png!.readUInt32BE(16)).toBe(640);
    const height = png!.readUInt32BE(20);
    expect(height).toBeGreaterThanOrEqual(200);
    expect(height).toBeLessThanOrEqual(420);
  });

  test.each([
    ['a name that is not a digest\'s', 'at-risk'],
    ['an unknown policy', 'digest-nope-2026-11-25'],
    ['a date that does not exist', 'digest-atl-2026-02-30'],
    ['a date not written YYYY-MM-DD', 'digest-atl-25-11-2026'],
    ['a date still to come', 'digest-atl-2026-11-26'],
    ['nothing', ''],
  ])('none for %s', async (_why, name) => {
    expect(await chartPicture(web(), name)).toBeNull();
  });

  test('chat fetches it at its signed address; a changed token is refused', async () => {
    const url = fx.links.forPicture(digestPictureName('atl', '2026-11-25'), fx.provider.now);
    const good = await fetch(url);
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await good.arrayBuffer()).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const tampered = await fetch(url.slice(0, -2) + (url.endsWith('AA') ? 'BB' : 'AA'));
    expect(tampered.status).toBe(401);
    const another = new URL(fx.links.forPicture(digestPictureName('atl', '2026-11-24'), fx.provider.now)).searchParams.get('t');
    expect((await fetch(url.replace(/t=.*$/, `t=${another}`))).status).toBe(401);
  });
});

withChromium('the charts page has no serious or critical accessibility problems', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(fx.link(MANAGER, { page: 'charts' }));
    expect(await page.locator('svg[role="img"]').count()).toBe(8);
    expect(await page.locator('figure figcaption').count()).toBe(8);
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});
