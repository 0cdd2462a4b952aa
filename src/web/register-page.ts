/**
 * The at-risk register page (/web/<staff>/register) and its CSV download
 * (/web/<staff>/register.csv, the same filters and order). A person sees the learners whose
 * case they may act on (authorization.ts: a coach their caseload and those they cover,
 * anyone with another role of a pack all of its learners, nobody else anything). Cases
 * are shown as of now, each read once. Nothing restricted: a row holds the pack's words.
 */
import { registerCsvText, registerRows } from '../cases/case-queries.js';
import { mayActOn, type RefusalCode } from '../cases/authorization.js';
import { staffName } from '../cases/staff-directory.js';
import { formatDay, londonDay } from '../rules/calendar/index.js';
import { layout } from './layout.js';
import { registerBody, type RegisterView } from './register-html.js';
import { applyQuery, filterOptions, parseRegisterQuery, unknownFilters, type RegisterLine, type RegisterQuery } from './register-query.js';
import type { Viewer } from './viewer.js';
import type { PageHandler, WebContext } from './page-types.js';

export const registerPage: PageHandler = async (web, viewer, req) => {
  const view = await registerView(web, viewer, parseRegisterQuery(req.query));
  return { html: layout(viewer, { title: 'At-risk register', current: 'register', body: registerBody(viewer, view) }) };
};

export const registerCsvDownload: PageHandler = async (web, viewer, req) => {
  const view = await registerView(web, viewer, parseRegisterQuery(req.query));
  return { csv: registerCsvText(view.shown.map((l) => l.row)), filename: `at-risk-register-${formatDay(londonDay(viewer.now.getTime()))}.csv` };
};

/** The register as this viewer may see it, and the rows that answer the query. */
async function registerView(web: WebContext, viewer: Viewer, query: RegisterQuery): Promise<RegisterView> {
  const refused = new Set<RefusalCode>();
  const rows = await registerRows(web.ctx, (parts) => {
    const refusal = mayActOn(viewer.staff, parts);
    if (refusal) refused.add(refusal.code);
    return refusal === null;
  });
  const names = new Map<string, Promise<string>>();
  const nameOf = (id: string) => names.get(id) ?? names.set(id, staffName(web.ctx, id)).get(id)!;
  const lines: RegisterLine[] = [];
  for (const row of rows) {
    const pack = web.ctx.packFor(row.pack.id);
    const scale = pack?.ratings?.scale ?? [];
    const rated = row.case.rating === null ? -1 : scale.indexOf(row.case.rating);
    lines.push({
      row,
      coachName: row.learner.coach === null ? null : await nameOf(row.learner.coach),
      ratingLevel: rated < 0 ? null : rated / Math.max(1, scale.length - 1),
      stageOrder: row.case.stage === null ? -1 : (pack?.stages.findIndex((s) => s.id === row.case.stage) ?? -1),
    });
  }
  const options = filterOptions(lines);
  const unknown = unknownFilters(query, options);
  return {
    query,
    total: lines.length,
    shown: unknown.length > 0 ? [] : applyQuery(lines, query),
    options,
    unknown,
    // Nobody shown because the viewer holds no role under any pack with learners on the register.
    noRole: lines.length === 0 && (viewer.staff.roles.length === 0 || (refused.size > 0 && [...refused].every((c) => c === 'no-role'))),
  };
}
