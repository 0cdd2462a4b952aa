/**
 * Recording many events at once: a batch from the data feed (POST /api/events) or a whole
 * history from a CSV import. Per group of learners: one read each of the learners, of the
 * keys already logged and of the cases; each learner's events folded onto their case in
 * memory, in the order given; the group's log written in one insert, whose unique index
 * still decides duplicates; and one versioned save per learner. Learners are independent,
 * so a group's are worked on at once.
 *
 * Not a second set of rules: each event meets recordEvent's own checks and fold (foldNew),
 * against the case as the events before it left it, so the case, its outbox and its next
 * wake-up are exactly those of recording the same events one at a time, in the same order.
 * If another writer saved the case or logged one of the keys meanwhile, the case is
 * replayed from the log, as recordEvent does after a conflict.
 *
 * A history (`history: true`) is recorded quietly; see history-summary.ts.
 */
import type { CaseState } from '../rules/engine/case-state.js';
import type { Refusal } from '../rules/engine/context.js';
import { foldEvents } from '../rules/engine/engine.js';
import type { LoggedStep } from '../rules/engine/fold-log.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Learner, LearnerEvent } from '../rules/events/learner-event.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { Actor, LearnerRecord, LoggedEvent, StoredCase } from '../store/records.js';
import type { AppendOutcome } from '../store/store.js';
import { rebuildCase } from './advance-case.js';
import { awaitsPolicyUpdate, CONFLICT, isCurrent, untilSaved, wakeUpAt, type CaseContext } from './case-context.js';
import { historySummary } from './history-summary.js';
import { withOutbox } from './outbox.js';
import { beforeStart, checkEvent, foldNew, learnerFor, logLine, loggedSteps, refused, type Rejected } from './record-event.js';

export interface BatchItem {
  readonly learnerId: string;
  /** The event as received (simulate.md form); its `id` is the key unless `key` is given. */
  readonly event: unknown;
  readonly key?: string;
}

export interface RecordBatchOptions {
  readonly actor: Actor;
  /** A history: the past is recorded quietly and what is current said once (history-summary.ts). */
  readonly history?: boolean;
  /**
   * Learners read together (their records, logged keys and cases: one query each) and
   * then written together (one insert for their log lines, a save each); a few such
   * groups are in hand at a time.
   */
  readonly groupSize?: number;
}

export type BatchItemResult =
  | { readonly status: 'stored'; readonly key: string }
  | { readonly status: 'duplicate'; readonly key: string; readonly original: LoggedEvent }
  | Rejected;

export interface BatchResult {
  /** One per item, in order. */
  readonly results: BatchItemResult[];
  /** The learners whose case was saved, in order of first appearance, and when each must next be woken. */
  readonly saved: { readonly learnerId: string; readonly nextWakeUp: Date | null }[];
}

const GROUP_SIZE = 16;
/** Groups in hand at once: while one waits for the database, another is folded. */
const GROUPS_IN_HAND = 4;

/** What foldLearner needs read before it starts, read for a whole group (readGroup). */
interface LearnerReads {
  readonly record: LearnerRecord | null;
  readonly known: readonly LoggedEvent[];
  readonly stored: StoredCase | null;
  /** Whether anything is logged for them (if not, a replay needs no read of their log). */
  readonly logged: boolean;
}

interface Candidate {
  readonly index: number;
  readonly item: BatchItem;
  readonly event: LearnerEvent;
  readonly key: string;
}

/**
 * The case as the batch has left it so far (what recordEvent would have saved). After a
 * run folded in one go, `next` holds the engine's next timer and the wake-up (which needs
 * the working-day calendar) is worked out once, at the end.
 */
type Running = Pick<StoredCase, 'policy' | 'packVersion' | 'state' | 'nextWakeUpAt' | 'outbox'> & { readonly next?: number | null | undefined };

/**
 * The events from `from` on that can be folded in one go onto a case whose clock is
 * `clock` (null: the case must be replayed): in strictly increasing time, none older than
 * the clock, no key twice. One at a time, each of those would be folded onto the case the
 * previous one left, up to its own instant; a single fold gives the same, because the
 * timers due by an event's instant fire before the next event either way. An event at the
 * same instant as the one before it starts a new run, so the timers due at that instant
 * still fire between the two. Keys logged before are answered as duplicates on the way.
 */
function nextRun(
  dated: readonly Candidate[],
  from: number,
  known: ReadonlyMap<string, LoggedEvent>,
  results: BatchItemResult[],
  clock: number | null,
): { events: Candidate[]; end: number } {
  const events: Candidate[] = [];
  const keys = new Set<string>();
  let end = from;
  for (; end < dated.length; end++) {
    const c = dated[end]!;
    const original = known.get(c.key);
    if (original) {
      results[c.index] = { status: 'duplicate', key: c.key, original };
      continue;
    }
    const after = events.length > 0 ? events[events.length - 1]!.event.at + 1 : clock;
    if (after === null || c.event.at < after || keys.has(c.key)) break;
    events.push(c);
    keys.add(c.key);
  }
  return { events, end };
}

/**
 * Folds a run (nextRun) onto `state`: one fold, and on a refusal the events before it are
 * kept, the refused one is left out, and the fold goes on after it (as recordEvent would
 * refuse it unwritten and fold the next onto the case as it stood).
 */
function foldRun(
  pack: Pack,
  learner: Learner,
  state: CaseState,
  run: readonly Candidate[],
  accepted: (c: Candidate, entries: TimelineEntry[], state: CaseState, next: number | null) => void,
  refusedOne: (c: Candidate, refusal: Refusal) => void,
): void {
  for (let k = 0; k < run.length; ) {
    const rest = run.slice(k);
    const folded = foldEvents(pack, learner, state, rest.map((c) => c.event), rest[rest.length - 1]!.event.at);
    const kept = folded.ok ? rest : rest.slice(0, folded.index);
    const done = folded.ok ? folded : kept.length > 0 ? foldEvents(pack, learner, state, kept.map((c) => c.event), kept[kept.length - 1]!.event.at) : null;
    if (done && !done.ok) throw new Error('a fold refused an event it accepted before');
    if (done) {
      // The entries go with the last event kept; where they fall in the outbox is the same.
      kept.forEach((c, n) => accepted(c, n === kept.length - 1 ? done.timeline : [], done.state, done.nextWakeUp));
      state = done.state;
    }
    if (!folded.ok) refusedOne(rest[folded.index]!, folded.refusal);
    k += kept.length + (folded.ok ? 0 : 1);
  }
}

export async function recordBatch(ctx: CaseContext, items: readonly BatchItem[], options: RecordBatchOptions): Promise<BatchResult> {
  const results: BatchItemResult[] = new Array<BatchItemResult>(items.length);
  const byLearner = new Map<string, Candidate[]>();
  items.forEach((item, index) => {
    const checked = checkEvent(ctx, { event: item.event, ...(item.key !== undefined ? { key: item.key } : {}), actor: options.actor });
    if ('status' in checked) results[index] = checked;
    else if (byLearner.has(item.learnerId)) byLearner.get(item.learnerId)!.push({ index, item, ...checked });
    else byLearner.set(item.learnerId, [{ index, item, ...checked }]);
  });
  const wakeUps = new Map<string, Date | null>();
  const size = options.groupSize ?? GROUP_SIZE;
  const learners = [...byLearner];
  const groups = Array.from({ length: Math.ceil(learners.length / size) }, (_, g) => learners.slice(g * size, (g + 1) * size));
  const worker = async (): Promise<void> => {
    for (let group = groups.shift(); group !== undefined; group = groups.shift()) {
      const reads = await readGroup(ctx, group);
      const shares = (await Promise.all(group.map(([learnerId, candidates]) => foldLearner(ctx, learnerId, candidates, options, results, reads.get(learnerId)!)))).filter(
        (share) => share !== undefined,
      );
      // The group's log lines in one write; each learner's outcomes, in order, go to its save.
      const appended = await ctx.store.appendEvents(shares.flatMap((share) => share.accepted.map((a) => a.line)));
      let from = 0;
      const outcomes = shares.map((share) => appended.slice(from, (from += share.accepted.length)));
      await Promise.all(shares.map(async (share, i) => wakeUps.set(share.learner.id, await saveLearner(ctx, share, outcomes[i]!, options, results))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUPS_IN_HAND, groups.length) }, worker));
  const saved = [...byLearner.keys()].filter((id) => wakeUps.has(id)).map((learnerId) => ({ learnerId, nextWakeUp: wakeUps.get(learnerId)! }));
  return { results, saved };
}

/** A group's learners, the keys of theirs already logged, their cases, and who has a log: four reads. */
async function readGroup(ctx: CaseContext, group: readonly (readonly [string, readonly Candidate[]])[]): Promise<Map<string, LearnerReads>> {
  const ids = group.map(([learnerId]) => learnerId);
  const [records, known, cases, logged] = await Promise.all([
    ctx.store.getLearners(ids),
    ctx.store.findEvents(new Map(group.map(([learnerId, candidates]) => [learnerId, candidates.map((c) => c.key)]))),
    ctx.store.loadCases(ids),
    ctx.store.learnersWithEvents(ids),
  ]);
  const hasLog = new Set(logged);
  const recordOf = new Map(records.map((r) => [r.id, r]));
  const caseOf = new Map(cases.map((c) => [c.learnerId, c]));
  return new Map(
    ids.map((id) => [id, { record: recordOf.get(id) ?? null, known: known.filter((l) => l.learnerId === id), stored: caseOf.get(id) ?? null, logged: hasLog.has(id) }]),
  );
}

/** One learner's share of the batch folded, from what their group read; undefined when there is nothing to write. */
async function foldLearner(
  ctx: CaseContext,
  learnerId: string,
  candidates: readonly Candidate[],
  options: RecordBatchOptions,
  results: BatchItemResult[],
  reads: LearnerReads,
): Promise<FoldedShare | undefined> {
  const found = learnerFor(ctx, learnerId, reads.record, '');
  if ('status' in found) {
    for (const c of candidates) results[c.index] = { ...found, key: c.key };
    return undefined;
  }
  const { record, pack, learner } = found;
  const dated = candidates.filter((c) => {
    const early = beforeStart(learner, c.event, c.key);
    if (early) results[c.index] = early;
    return !early;
  });
  const datedKeys = new Set(dated.map((c) => c.key));
  const known = new Map(reads.known.filter((l) => datedKeys.has(l.key)).map((l) => [l.key, l]));
  if (dated.every((c) => known.has(c.key))) {
    for (const c of dated) results[c.index] = { status: 'duplicate', key: c.key, original: known.get(c.key)! };
    return undefined;
  }

  let stored = reads.stored;
  if (awaitsPolicyUpdate(stored, pack)) {
    await rebuildCase(ctx, learnerId, ctx.now());
    stored = await ctx.store.loadCase(learnerId);
  }
  // The learner's log as the events before each one left it: read once, if a replay needs it.
  let log: LoggedStep[] | undefined;
  const steps: LoggedStep[] = [];
  const logOf = async (): Promise<LoggedStep[]> => [...(log ??= reads.logged ? await loggedSteps(ctx, learnerId) : []), ...steps];
  const accepted: { index: number; line: LoggedEvent; event: LearnerEvent }[] = [];
  let running: Running | null = stored;
  const accept = (c: Candidate, entries: readonly TimelineEntry[], projection: Pick<Running, 'state' | 'nextWakeUpAt' | 'next'>): void => {
    const line = logLine(ctx, record, pack, { event: c.item.event, actor: options.actor }, c.event, c.key);
    accepted.push({ index: c.index, line, event: c.event });
    steps.push({ key: c.key, event: c.event });
    known.set(c.key, line);
    running = { policy: pack.id, packVersion: pack.version, ...projection, outbox: withOutbox(running, learnerId, entries) };
  };
  for (let i = 0; i < dated.length; ) {
    const run = nextRun(dated, i, known, results, isCurrent(running, pack) ? running.state.clock : null);
    i = run.end;
    if (run.events.length > 0) {
      foldRun(pack, learner, running!.state, run.events, (c, entries, state, next) => accept(c, entries, { state, next, nextWakeUpAt: null }), (c, refusal) => {
        results[c.index] = refused(c.key, refusal);
      });
      continue;
    }
    if (i >= dated.length) break;
    // An event older than the case (or a case to replay): recordEvent's fold, from the log.
    const c = dated[i++]!;
    const folded = await foldNew(pack, learner, running, c.event, null, logOf);
    if (folded.ok) accept(c, folded.entries, { ...folded.projection, next: undefined });
    else results[c.index] = refused(c.key, folded.refusal);
  }
  if (accepted.length === 0) return undefined;
  const folded: Running = running!;
  const last = folded.next === undefined ? folded : { ...folded, nextWakeUpAt: wakeUpAt(folded.state, learner.nation, folded.next), next: undefined };
  return { pack, learner, stored, accepted, last };
}

/** A learner's share of the batch folded: what to log, and what their save needs. */
interface FoldedShare {
  readonly pack: Pack;
  readonly learner: Learner;
  /** The case as read before the fold (null: none yet). */
  readonly stored: StoredCase | null;
  /** The events to log, by their place in the batch. */
  readonly accepted: readonly { index: number; line: LoggedEvent; event: LearnerEvent }[];
  /** The case with them folded in. */
  readonly last: Running;
}

/**
 * The rest of a learner's share once their log lines were written (`appended`: one outcome
 * per line): the case saved; their next wake-up.
 */
async function saveLearner(
  ctx: CaseContext,
  { pack, learner, stored, accepted, last }: FoldedShare,
  appended: readonly AppendOutcome[],
  options: RecordBatchOptions,
  results: BatchItemResult[],
): Promise<Date | null> {
  const learnerId = learner.id;
  // The log is the commit point: what the index refuses now, a racing writer logged first.
  let raced = false;
  appended.forEach((outcome, i) => {
    const { index, line } = accepted[i]!;
    if (outcome.stored) results[index] = { status: 'stored', key: line.key };
    else [results[index], raced] = [{ status: 'duplicate', key: line.key, original: outcome.original }, true];
  });
  const quiet = (base: Running, from: Running | null): Running =>
    options.history ? historySummary(pack, learner, stored, base, from, ctx.now().getTime()) : base;

  return untilSaved(learnerId, async (round) => {
    let base: { from: Running | null; next: Running; version: number | null } = { from: stored, next: last, version: stored?.version ?? null };
    if (round > 0 || raced) {
      // Someone else wrote this learner meanwhile: replay the case from the log, which holds
      // the batch, from its earliest event (the entries before it were said already).
      const fresh = await ctx.store.loadCase(learnerId);
      const earliest = accepted.reduce((a, b) => (b.event.at < a.event.at ? b : a));
      const folded = await foldNew(pack, learner, fresh, earliest.event, earliest.line.key, () => loggedSteps(ctx, learnerId));
      if (!folded.ok) throw new Error('replaying the log cannot be refused');
      const next = { policy: pack.id, packVersion: pack.version, ...folded.projection, outbox: withOutbox(fresh, learnerId, folded.entries) };
      base = { from: fresh, next, version: fresh?.version ?? null };
    }
    const { next: _next, ...next } = quiet(base.next, base.from);
    if ((await ctx.store.saveCase({ learnerId, ...next }, base.version)) !== 'saved') return CONFLICT;
    return next.nextWakeUpAt;
  });
}
