/**
 * Erasing a learner's personal data (UK GDPR article 17), keeping the anonymised skeleton
 * of their log that funding audits need (redact.ts says exactly what stays). Refused for a
 * learner on the at-risk register unless forced. Recorded in their audit trail: who ran it,
 * when, and why.
 *
 * No transactions: the steps are ordered so that a run cut short can simply be run again.
 * The learner record is rewritten last, and it is what marks the erasure as done.
 */
import { rebuildCase } from '../cases/advance-case.js';
import type { CaseContext } from '../cases/case-context.js';
import { erasedLearner, redactEvent, strikeOut } from './redact.js';

export interface EraseRequest {
  readonly learnerId: string;
  readonly reason: string;
  /** `cli:<user>` or `system:retention`. */
  readonly by: string;
  /** Erase even though the learner is on the at-risk register. */
  readonly force: boolean;
}

export interface Erased {
  readonly learnerId: string;
  /** Logged events whose free text was removed. */
  readonly events: number;
  /** Chat messages about them that the bot will replace with a "removed" card. */
  readonly messages: number;
}

export type EraseRefusal = { readonly code: 'unknown-learner' | 'already-erased' | 'open-case' | 'no-reason'; readonly message: string };

export type EraseOutcome = { readonly ok: true; readonly value: Erased } | { readonly ok: false; readonly refusal: EraseRefusal };

export async function eraseLearner(ctx: CaseContext, request: EraseRequest): Promise<EraseOutcome> {
  const { learnerId } = request;
  const record = await ctx.store.getLearner(learnerId);
  if (!record) return refused('unknown-learner', `There is no learner "${learnerId}".`);
  if (record.erasedAt) return refused('already-erased', `Learner ${learnerId}'s personal data was erased on ${record.erasedAt.toISOString()}.`);
  const reason = request.reason.trim();
  if (reason === '') return refused('no-reason', 'Say why the learner is erased (--reason): the audit keeps it.');
  const stored = await ctx.store.loadCase(learnerId);
  if (stored?.state.open && !request.force) {
    return refused('open-case', `Learner ${learnerId} is on the at-risk register (an open case); close the case first, or erase anyway with --force.`);
  }

  const rewritten = (await ctx.store.eventsOf(learnerId)).flatMap((e) => {
    const event = redactEvent(e.event);
    return event === null ? [] : [{ key: e.key, event }];
  });
  await ctx.store.rewriteEvents(learnerId, rewritten);
  if (stored) {
    // The case is a projection of the log: rebuilt from the stripped log, it holds no free
    // text either. Nothing waiting to be said about them is said any more.
    await rebuildCase(ctx, learnerId, ctx.now());
    const outbox = (await ctx.store.loadCase(learnerId))?.outbox ?? [];
    await ctx.store.markDelivered(learnerId, outbox.map((i) => i.key));
  }
  const messages = await ctx.store.markMessagesForRemoval(learnerId);
  const at = ctx.now();
  await ctx.store.recordErasure({ learnerId, at, by: request.by, reason: strikeOut(reason, record), events: rewritten.length, messages });
  await ctx.store.putLearner(erasedLearner(record, at));
  return { ok: true, value: { learnerId, events: rewritten.length, messages } };
}

function refused(code: EraseRefusal['code'], message: string): { ok: false; refusal: EraseRefusal } {
  return { ok: false, refusal: { code, message } };
}
