/**
 * The learner endpoints of the data feed: create or replace a learner, and read a
 * learner's case as the engine sees it.
 */
import type { Request, Response } from 'express';
import { z } from 'zod/v4';
import type { CaseContext } from '../cases/case-context.js';
import { engineLearner } from '../cases/case-context.js';
import { storedCaseAsOfNow } from '../cases/as-of-now.js';
import { initialState } from '../rules/engine/case-state.js';
import { caseView } from '../rules/engine/case-view.js';
import { compiledFor } from '../rules/engine/compile.js';
import { fromZod, issueLine } from '../rules/issues.js';
import { learnerFields, plannedEndNotBeforeStart } from '../cases/learner-fields.js';
import type { LearnerRecord } from '../store/records.js';

/** The body of PUT /api/learners/:id. Strict, so a misspelt optional field is named, not lost. */
function learnerBody(policies: readonly string[], pathId: string) {
  const fields = learnerFields(policies);
  return plannedEndNotBeforeStart(
    z.strictObject({
      // Allowed so a caller can send the learner as GET returns it; it must agree with the path.
      id: z.literal(pathId, { message: `must match the id in the path ("${pathId}") or be left out` }).optional(),
      ...fields,
      policy: fields.policy.optional(),
    }),
  );
}

export function putLearner(ctx: CaseContext, defaultPolicy: string, policies: readonly string[]) {
  return async (req: Request<{ id: string }>, res: Response): Promise<void> => {
    const id = req.params.id;
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: '(top level): must be a JSON object (send Content-Type: application/json)', issues: [] });
      return;
    }
    const parsed = learnerBody(policies, id).safeParse(body);
    if (!parsed.success) {
      const issues = fromZod(parsed.error, '', body);
      res.status(400).json({ error: issues.map(issueLine).join('; '), issues });
      return;
    }
    const existing = await ctx.store.getLearner(id);
    if (existing?.erasedAt) {
      // An erased learner's personal data is not taken back in (README, "Data protection").
      res.status(409).json({ error: `learner ${JSON.stringify(id)} was erased on ${existing.erasedAt.toISOString().slice(0, 10)}: their details are not stored again; stop sending this learner` });
      return;
    }
    const { id: _same, ...fields } = parsed.data;
    const record: LearnerRecord = { id, ...fields, policy: fields.policy ?? defaultPolicy };
    const outcome = await ctx.store.putLearner(record);
    res.status(outcome === 'created' ? 201 : 200).json(learnerJson(record));
  };
}

/** The learner as the API shows it: optional fields only when set. */
function learnerJson(l: LearnerRecord): Record<string, string> {
  const optional = { plannedEndDate: l.plannedEndDate, coach: l.coach, employer: l.employer };
  const set = Object.entries(optional).filter((e): e is [string, string] => e[1] !== undefined);
  return { id: l.id, name: l.name, programme: l.programme, nation: l.nation, startDate: l.startDate, ...Object.fromEntries(set), policy: l.policy };
}

export function getCase(ctx: CaseContext) {
  return async (req: Request<{ id: string }>, res: Response): Promise<void> => {
    const id = req.params.id;
    const record = await ctx.store.getLearner(id);
    if (!record) {
      res.status(404).json({ error: `no learner ${JSON.stringify(id)}` });
      return;
    }
    // As of now: timers due since the last event run first (a deadline passed reads as overdue).
    const stored = await storedCaseAsOfNow(ctx, id);
    // The state was computed under the case's own pack; read it with that pack, not the
    // learner's current one (they differ after a policy change until the next event).
    const policy = stored?.policy ?? record.policy;
    const pack = ctx.packFor(policy);
    if (!pack) throw new Error(`learner ${id}: policy "${policy}" is not loaded`);
    const learner = engineLearner(record);
    // No case yet: the state a new case starts in (the pack's initial rating, no stage).
    const state = stored?.state ?? initialState(compiledFor(pack, learner.nation, learner.programme), learner);
    const view = caseView(pack, learner, state);
    res.status(200).json({
      learnerId: id,
      policy,
      ...view,
      nextWakeUp: stored?.nextWakeUpAt?.toISOString() ?? null,
      asOf: ctx.now().toISOString(),
    });
  };
}
