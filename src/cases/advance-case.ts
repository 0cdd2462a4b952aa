/**
 * Waking a case at an instant: the timers due by then fire (a deadline passes, a week of
 * inactivity ends). Called by the scheduler's learner wake-up job; the clock is its caller's.
 */
import { foldEvents } from '../rules/engine/engine.js';
import { policyUpdateEntries } from '../rules/engine/policy-update.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import { awaitsPolicyUpdate, CONFLICT, engineEvent, engineLearner, isCurrent, untilSaved, wakeUpAt, type CaseContext } from './case-context.js';
import { withOutbox } from './outbox.js';
import { replay } from './replay.js';

export interface Advanced {
  readonly entries: TimelineEntry[];
  readonly nextWakeUp: Date | null;
}

/** Runs the learner's timers up to `now`; null when the learner has no case. */
export async function advanceCase(ctx: CaseContext, learnerId: string, now: Date): Promise<Advanced | null> {
  return untilSaved(learnerId, async () => {
    const stored = await ctx.store.loadCase(learnerId);
    const record = await ctx.store.getLearner(learnerId);
    if (!stored || !record) return null;
    const pack = ctx.packFor(record.policy);
    if (!pack) throw new Error(`learner ${learnerId} names policy "${record.policy}", which is not loaded`);
    if (!isCurrent(stored, pack)) return rebuildCase(ctx, learnerId, now);
    if (now.getTime() <= stored.state.clock) return { entries: [], nextWakeUp: stored.nextWakeUpAt };
    const learner = engineLearner(record);
    const result = foldEvents(pack, learner, stored.state, [], now.getTime());
    if (!result.ok) throw new Error(`advancing case ${learnerId} was refused: ${result.refusal.message}`);
    const nextWakeUp = wakeUpAt(result.state, learner.nation, result.nextWakeUp);
    const outbox = withOutbox(stored, learnerId, result.timeline);
    const next = { learnerId, policy: pack.id, packVersion: pack.version, state: result.state, nextWakeUpAt: nextWakeUp, outbox };
    return (await ctx.store.saveCase(next, stored.version)) === 'saved' ? { entries: result.timeline, nextWakeUp } : CONFLICT;
  });
}

/**
 * Replays a learner's case from the audit log up to `now` and saves it over whatever was
 * stored (`waymark cases rebuild`; also after a pack's version changes). Only what falls
 * after the stored clock is new: earlier entries were delivered already. After a new
 * version of the pack, what it changes about the case as it stood is said once, at `now`
 * (policy-update.ts).
 */
export async function rebuildCase(ctx: CaseContext, learnerId: string, now: Date): Promise<Advanced & { refused: string[] }> {
  return untilSaved(learnerId, async () => {
    const record = await ctx.store.getLearner(learnerId);
    if (!record) throw new Error(`no learner "${learnerId}" for the logged events`);
    const pack = ctx.packFor(record.policy);
    if (!pack) throw new Error(`learner ${learnerId} names policy "${record.policy}", which is not loaded`);
    const stored = await ctx.store.loadCase(learnerId);
    const log = (await ctx.store.eventsOf(learnerId)).map((l) => ({ key: l.key, event: engineEvent(l) }));
    const learner = engineLearner(record);
    const clock = stored?.state.clock ?? -Infinity;
    const replayed = replay(pack, learner, log, Math.max(now.getTime(), stored?.state.clock ?? 0));
    const fresh = replayed.timeline.filter((e) => e.at > clock);
    if (awaitsPolicyUpdate(stored, pack)) {
      const asItStood = replay(pack, learner, log.filter((l) => l.event.at <= clock), clock);
      fresh.unshift(...policyUpdateEntries(stored.state, asItStood.state, Math.max(now.getTime(), clock)));
    }
    const nextWakeUp = wakeUpAt(replayed.state, learner.nation, replayed.nextWakeUp);
    const next = {
      learnerId,
      policy: pack.id,
      packVersion: pack.version,
      state: replayed.state,
      nextWakeUpAt: nextWakeUp,
      outbox: withOutbox(stored, learnerId, fresh),
    };
    if ((await ctx.store.saveCase(next, stored?.version ?? null)) !== 'saved') return CONFLICT;
    return { entries: fresh, nextWakeUp, refused: replayed.refused.map((r) => r.key) };
  });
}
