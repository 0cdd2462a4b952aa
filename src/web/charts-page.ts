/**
 * The charts page: for each policy the viewer holds a role under, the learners at risk
 * each week over the last 26 weeks by stage and by reason, the escalations decided each
 * week and the tasks overdue now. It counts only the learners the viewer may see, by the
 * register's rule: a coach their caseload, anyone with another role of the pack all of
 * that pack's learners. Aggregates only: no learner is named.
 *
 * Also the chart pictures chat fetches (the SMT digest's), which belong to no person.
 */
import { mayActOn, oversees, rolesUnder } from '../cases/authorization.js';
import { esc } from '../explain/html.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { StaffRecord } from '../store/records.js';
import type { CaseContext } from '../cases/case-context.js';
import { policyCharts, type Include } from './chart-data.js';
import { policyFigures } from './chart-figures.js';
import { digestPicture } from './digest-chart.js';
import { layout } from './layout.js';
import { weeksUpTo } from './london-weeks.js';
import type { PageHandler, WebContext } from './page-types.js';

/** How far back the page's charts go. */
export const CHART_WEEKS = 26;

export const chartsPage: PageHandler = async (web, viewer) => {
  const weeks = weeksUpTo(viewer.now.getTime(), CHART_WEEKS);
  const sections: string[] = [];
  for (const pack of await packsOf(web.ctx, viewer.staff)) {
    const charts = await policyCharts(web.ctx, pack, weeks, seenBy(web.ctx, viewer.staff, pack));
    const now = charts.register[charts.register.length - 1]?.total ?? 0;
    sections.push(`<section aria-labelledby="policy-${esc(pack.id)}">
<h2 id="policy-${esc(pack.id)}">${esc(pack.name)}</h2>
<p>${charts.learners} ${charts.learners === 1 ? 'learner' : 'learners'} under this policy that you can see; <strong>${now}</strong> on the at-risk register now.</p>
${await policyFigures(charts)}
</section>`);
  }
  const body =
    sections.length === 0
      ? '<p>You hold no role under any policy in use here, so there is nothing to chart for you.</p>'
      : `<p>The learners you can see: ${oversight(viewer.staff)} The last ${CHART_WEEKS} weeks, counted from the log of each learner.</p>\n${sections.join('\n')}`;
  return { html: layout(viewer, { title: 'Charts', current: 'charts', body }) };
};

/**
 * The PNG for a picture name chat was given (digest-chart.ts names them), or null when the
 * name means nothing: not a digest picture, an unknown policy, or a date that is not real
 * or not yet come.
 */
export async function chartPicture(web: WebContext, name: string): Promise<Buffer | null> {
  return digestPicture(web.ctx, name);
}

/** The packs of the learners on record that the staff member holds a role under, by name. */
async function packsOf(ctx: CaseContext, staff: StaffRecord): Promise<Pack[]> {
  const policies = new Set((await ctx.store.learnerActivity()).map((a) => a.learner.policy));
  const packs = [...policies].flatMap((id) => {
    const pack = ctx.packFor(id);
    return pack !== undefined && rolesUnder(pack, staff).length > 0 ? [pack] : [];
  });
  return packs.sort((a, b) => a.name.localeCompare(b.name));
}

/** The register's rule: everyone under the pack for those who oversee it, else the learners the person may act on. */
function seenBy(ctx: CaseContext, staff: StaffRecord, pack: Pack): Include {
  if (oversees(pack, staff)) return async () => true;
  return async (record) => mayActOn(staff, { record, pack, stored: await ctx.store.loadCase(record.id) }) === null;
}

function oversight(staff: StaffRecord): string {
  const covers = staff.covers?.length ? ' and those of the coaches you cover' : '';
  return `under a policy where you are a coach, your own caseload${covers}; under one where you hold another role, all its learners.`;
}
