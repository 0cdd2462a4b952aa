/**
 * Recording one event for a learner: validate it, refuse what the policy forbids before
 * anything is written, append it to the audit log (a repeated key changes nothing and
 * returns the original), fold it onto the stored case, and save the case with a version
 * check, retrying on a conflict. Correct without transactions: the log insert is the
 * commit point, and the case is a projection that can always be replayed from the log.
 */
import { londonMidnight } from '../rules/calendar/index.js';
import { foldEvents } from '../rules/engine/engine.js';
import type { Refusal } from '../rules/engine/context.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import { parseEvent } from '../rules/events/parse-input.js';
import type { Learner, LearnerEvent } from '../rules/events/learner-event.js';
import { notFeedable, type EventInput } from '../rules/events/event-schema.js';
import { futureProblem } from '../rules/events/clock-skew.js';
import { issueLine } from '../rules/issues.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { Actor, LearnerRecord, LoggedEvent, StoredCase } from '../store/records.js';
import type { LoggedStep } from '../rules/engine/fold-log.js';
import { awaitsPolicyUpdate, CONFLICT, engineEvent, engineLearner, isCurrent, untilSaved, wakeUpAt, type CaseContext } from './case-context.js';
import { rebuildCase } from './advance-case.js';
import { withOutbox } from './outbox.js';
import { replay } from './replay.js';

export interface RecordEventInput {
  readonly learnerId: string;
  /** The event as received (simulate.md form); its `id` is the key unless `key` is given. */
  readonly event: unknown;
  readonly key?: string;
  readonly actor: Actor;
  /**
   * The learner and their stored case as the caller read them for this command, so they
   * are not read again. A case someone saved since is still safe: the save's version check
   * fails and the case is read afresh, as after any conflict.
   */
  readonly known?: { readonly record: LearnerRecord; readonly stored: StoredCase | null };
}

export type RecordEventResult =
  | {
      readonly status: 'stored';
      readonly key: string;
      /** What the bot must now do because of this event (and timers that came due with it). */
      readonly entries: TimelineEntry[];
      readonly nextWakeUp: Date | null;
      /** The case as saved (delivery and the answer use it rather than reading it again). */
      readonly case: Omit<StoredCase, 'updatedAt'>;
      /** The line the log now holds for this event. */
      readonly logged: LoggedEvent;
    }
  | { readonly status: 'duplicate'; readonly key: string; readonly original: LoggedEvent }
  | {
      readonly status: 'rejected';
      readonly key?: string;
      readonly code: RejectCode;
      readonly error: string;
      /** For 'refused-by-policy': the engine's refusal, with its stable code and plain message. */
      readonly refusal?: Refusal;
    };

export type RejectCode = 'invalid-event' | 'unknown-learner' | 'unknown-policy' | 'refused-by-policy';

/** Stands for the event being recorded while it is not yet in the log. */
const NEW = '\u0000new';

export type Rejected = Extract<RecordEventResult, { status: 'rejected' }>;

/** The event parsed, and its key: the checks that need no database. */
export function checkEvent(ctx: CaseContext, input: Pick<RecordEventInput, 'event' | 'key' | 'actor'>): { event: LearnerEvent; key: string } | Rejected {
  const parsed = parseEvent(input.event, 'event');
  if (!parsed.ok) return { status: 'rejected', code: 'invalid-event', error: parsed.issues.map(issueLine).join('; ') };
  const event = parsed.value;
  const staffOnly = input.actor.kind === 'staff' ? undefined : notFeedable(event.type);
  if (staffOnly) return { status: 'rejected', code: 'invalid-event', error: `event.type: ${staffOnly}` };
  const key = input.key ?? event.id;
  if (key === undefined) return { status: 'rejected', code: 'invalid-event', error: 'event.id: is required (the idempotency key)' };
  // Nothing can have happened yet: refused beyond a small clock skew (clock-skew.ts).
  const ahead = futureProblem(event.at, ctx.now().getTime());
  if (ahead) return { status: 'rejected', key, code: 'invalid-event', error: `event.at: ${ahead}` };
  return { event, key };
}

/** The learner's record and pack, or why the event cannot be theirs. */
export function learnerFor(ctx: CaseContext, learnerId: string, record: LearnerRecord | null, key: string): { record: LearnerRecord; pack: Pack; learner: Learner } | Rejected {
  if (!record) return { status: 'rejected', key, code: 'unknown-learner', error: `learnerId: no learner "${learnerId}"` };
  // An erased learner's record is a skeleton kept for funding audits: nothing more is added to it.
  if (record.erasedAt) {
    return { status: 'rejected', key, code: 'unknown-learner', error: `learnerId: learner "${learnerId}" was erased on ${record.erasedAt.toISOString().slice(0, 10)}; nothing more is recorded for them` };
  }
  const pack = ctx.packFor(record.policy);
  if (!pack) return { status: 'rejected', key, code: 'unknown-policy', error: `learner ${record.id} names policy "${record.policy}", which is not loaded` };
  return { record, pack, learner: engineLearner(record) };
}

/** Refuses an event dated before the learner started. */
export function beforeStart(learner: Learner, event: LearnerEvent, key: string): Rejected | undefined {
  if (event.at >= londonMidnight(learner.startDay)) return undefined;
  return { status: 'rejected', key, code: 'invalid-event', error: "event.at: is before the learner's start date" };
}

export async function recordEvent(ctx: CaseContext, input: RecordEventInput): Promise<RecordEventResult> {
  const checked = checkEvent(ctx, input);
  if ('status' in checked) return checked;
  const { event, key } = checked;
  const found = learnerFor(ctx, input.learnerId, input.known?.record ?? (await ctx.store.getLearner(input.learnerId)), key);
  if ('status' in found) return found;
  const { record, pack, learner } = found;
  const early = beforeStart(learner, event, key);
  if (early) return early;

  // Check against the case as it stands: a step the policy forbids is refused unwritten.
  // A case made under an earlier version of the pack is re-evaluated under this one first.
  let stored = input.known ? input.known.stored : await ctx.store.loadCase(record.id);
  if (awaitsPolicyUpdate(stored, pack)) {
    await rebuildCase(ctx, record.id, ctx.now());
    stored = await ctx.store.loadCase(record.id);
  }
  // A repeated key is answered with the original, never refused. The log is asked only when
  // the trial already read it (a replay) or refused the event; otherwise the log's unique
  // index decides as the event is appended.
  let log: LoggedEvent[] | undefined;
  const trial = await foldNew(pack, learner, stored, event, null, async () => (log = await ctx.store.eventsOf(record.id)).map(loggedStep));
  const original = log ? log.find((e) => e.key === key) : trial.ok ? undefined : await ctx.store.findEvent(record.id, key);
  if (original) return { status: 'duplicate', key, original };
  if (!trial.ok) return refused(key, trial.refusal);

  const logged = logLine(ctx, record, pack, input, event, key);
  const appended = await ctx.store.appendEvent(logged);
  if (!appended.stored) return { status: 'duplicate', key, original: appended.original };

  return untilSaved(record.id, async (round) => {
    // After a conflict the event is already in the log, so the case is replayed from it.
    let base = { stored, folded: trial };
    if (round > 0) {
      const fresh = await ctx.store.loadCase(record.id);
      const folded = await foldNew(pack, learner, fresh, event, key, () => loggedSteps(ctx, record.id));
      if (!folded.ok) throw new Error('replaying the log cannot be refused');
      base = { stored: fresh, folded };
    }
    const next = {
      learnerId: record.id,
      policy: pack.id,
      packVersion: pack.version,
      ...base.folded.projection,
      outbox: withOutbox(base.stored, record.id, base.folded.entries),
    };
    const version = base.stored?.version ?? null;
    if ((await ctx.store.saveCase(next, version)) !== 'saved') return CONFLICT;
    const saved = { ...next, version: savedVersion(version) };
    return { status: 'stored' as const, key, entries: base.folded.entries, nextWakeUp: next.nextWakeUpAt, case: saved, logged: appended.event };
  });
}

/** The version a case has once saved over `expected` (Store.saveCase). */
export function savedVersion(expected: number | null): number {
  return (expected ?? 0) + 1;
}

/** An event the policy forbids, refused unwritten. */
export function refused(key: string, refusal: Refusal): Rejected {
  return { status: 'rejected', key, code: 'refused-by-policy', error: `event: ${refusal.message}`, refusal };
}

/** The line of the audit log that records `event`. */
export function logLine(ctx: CaseContext, record: LearnerRecord, pack: Pack, input: Pick<RecordEventInput, 'event' | 'actor'>, event: LearnerEvent, key: string): LoggedEvent {
  return {
    learnerId: record.id,
    key,
    event: canonical(stripId(input.event as EventInput), event),
    at: new Date(event.at),
    actor: input.actor,
    policy: pack.id,
    packVersion: pack.version,
    recordedAt: ctx.now(),
  };
}

/** A learner's log in the engine's form, in eventsOf's order. */
export async function loggedSteps(ctx: CaseContext, learnerId: string): Promise<LoggedStep[]> {
  return (await ctx.store.eventsOf(learnerId)).map(loggedStep);
}

const loggedStep = (l: LoggedEvent): LoggedStep => ({ key: l.key, event: engineEvent(l) });

export type Folded =
  | { ok: true; entries: TimelineEntry[]; projection: { state: StoredCase['state']; nextWakeUpAt: Date | null } }
  | { ok: false; refusal: Refusal };

/**
 * The case with the new event folded in. On the cheap path it is folded onto the stored
 * state; when the event is older than the state's clock, the pack changed, or the event is
 * already logged (`loggedKey`: after a save conflict), the case is replayed from the log
 * (`logOf`: the learner's logged events in eventsOf's order).
 */
export async function foldNew(
  pack: Pack,
  learner: Learner,
  stored: Pick<StoredCase, 'policy' | 'packVersion' | 'state'> | null,
  event: LearnerEvent,
  loggedKey: string | null,
  logOf: () => Promise<readonly LoggedStep[]>,
): Promise<Folded> {
  const current = isCurrent(stored, pack) ? stored : null;
  if (current && loggedKey === null && event.at >= current.state.clock) {
    const result = foldEvents(pack, learner, current.state, [event], event.at);
    if (!result.ok) return { ok: false, refusal: result.refusal };
    return { ok: true, entries: result.timeline, projection: { state: result.state, nextWakeUpAt: wakeUpAt(result.state, learner.nation, result.nextWakeUp) } };
  }
  const log = [...(await logOf())];
  if (loggedKey === null) log.push({ key: NEW, event });
  log.sort((a, b) => a.event.at - b.event.at);
  const now = Math.max(event.at, stored?.state.clock ?? event.at);
  const replayed = replay(pack, learner, log, now);
  const refusal = loggedKey === null ? replayed.refused.find((r) => r.key === NEW) : undefined;
  if (refusal) return { ok: false, refusal: { code: refusal.code, message: refusal.message } };
  return {
    ok: true,
    // New: everything after the stored clock; and from the event's instant on, what the
    // late event may have changed (already-delivered entries are skipped by key).
    entries: replayed.timeline.filter((e) => e.at > (stored?.state.clock ?? -Infinity) || e.at >= event.at),
    projection: { state: replayed.state, nextWakeUpAt: wakeUpAt(replayed.state, learner.nation, replayed.nextWakeUp) },
  };
}

/** The log holds a contact's outcome in the contract's word (no_answer), whichever spelling came in (no-answer). */
function canonical(raw: EventInput, parsed: LearnerEvent): EventInput {
  return parsed.type === 'contact' ? ({ ...raw, outcome: parsed.outcome } as EventInput) : raw;
}

function stripId(event: EventInput): EventInput {
  const { id: _key, ...rest } = event as EventInput & { learnerId?: unknown };
  delete (rest as { learnerId?: unknown }).learnerId;
  return rest as EventInput;
}
