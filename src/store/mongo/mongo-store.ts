/**
 * The Store port on MongoDB through mongoose: the one place that maps documents to
 * domain records. Duplicate keys (error 11000) are how idempotency is decided.
 */
import type { Connection } from 'mongoose';
import type { EventInput } from '../../rules/events/event-schema.js';
import type { Actor, ErasureRecord, LearnerRecord, LoggedEvent, PolicyVersion, PostedMessage, RestrictedAccess, StaffRecord, StoredCase } from '../records.js';
import type { AppendOutcome, ClaimResult, HistoryFilter, LearnerActivity, LearnerHistory, Store } from '../store.js';
import { models, type Models } from './models.js';
import * as privacy from './privacy-store.js';

type Doc = Record<string, unknown>;

export class MongoStore implements Store {
  private readonly m: Models;

  constructor(connection: Connection) {
    this.m = models(connection);
  }

  /** Builds every declared index (unique ones included) before the store is used. */
  async init(): Promise<void> {
    await Promise.all(Object.values(this.m).map((model) => model.init()));
  }

  putLearner(learner: LearnerRecord): Promise<'created' | 'updated'> {
    return putById(this.m.Learner, learner);
  }

  async getLearner(id: string): Promise<LearnerRecord | null> {
    const doc = await this.m.Learner.findById(id).lean<Doc>();
    return doc ? (withId(doc) as unknown as LearnerRecord) : null;
  }

  async getLearners(ids: readonly string[]): Promise<LearnerRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.m.Learner.find({ _id: { $in: [...ids] } }).lean<Doc[]>();
    return docs.map((d) => withId(d) as unknown as LearnerRecord);
  }

  async findLearners(text: string, limit: number): Promise<LearnerRecord[]> {
    const exact = await this.getLearner(text);
    if (exact) return [exact];
    const pattern = new RegExp(text.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    const docs = await this.m.Learner.find({ name: pattern }).sort({ name: 1, _id: 1 }).limit(limit).lean<Doc[]>();
    return docs.map((d) => withId(d) as unknown as LearnerRecord);
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.m.Setting.collection.updateOne({ _id: key as never }, { $set: { value, updatedAt: new Date() } }, { upsert: true });
  }

  async getSetting(key: string): Promise<string | null> {
    const doc = await this.m.Setting.findById(key).lean<Doc>();
    return doc ? (doc.value as string) : null;
  }

  putStaff(staff: StaffRecord): Promise<'created' | 'updated'> {
    return putById(this.m.Staff, staff);
  }

  async getStaff(id: string): Promise<StaffRecord | null> {
    const doc = await this.m.Staff.findById(id).lean<Doc>();
    return doc ? (withId(doc) as unknown as StaffRecord) : null;
  }

  async staffByChatId(platform: 'slack' | 'teams', chatId: string): Promise<StaffRecord | null> {
    const field = platform === 'slack' ? 'slackUserId' : 'teamsUserId';
    const doc = await this.m.Staff.findOne({ [field]: chatId }).lean<Doc>();
    return doc ? (withId(doc) as unknown as StaffRecord) : null;
  }

  async staffWithRole(role: string): Promise<StaffRecord[]> {
    const docs = await this.m.Staff.find({ roles: role }).sort({ _id: 1 }).lean<Doc[]>();
    return docs.map((d) => withId(d) as unknown as StaffRecord);
  }

  async allStaff(): Promise<StaffRecord[]> {
    const docs = await this.m.Staff.find({}).sort({ _id: 1 }).lean<Doc[]>();
    return docs.map((d) => withId(d) as unknown as StaffRecord);
  }

  async appendEvent(event: LoggedEvent): Promise<AppendOutcome> {
    try {
      await this.m.Event.collection.insertOne({ ...event });
      return { stored: true, event };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const original = await this.m.Event.findOne({ learnerId: event.learnerId, key: event.key }).lean<Doc>();
      if (!original) throw error;
      return { stored: false, original: withoutId(original) as unknown as LoggedEvent };
    }
  }

  async appendEvents(events: readonly LoggedEvent[]): Promise<AppendOutcome[]> {
    if (events.length === 0) return [];
    let duplicates: number[] = [];
    try {
      await this.m.Event.collection.insertMany(
        events.map((e) => ({ ...e })),
        { ordered: false },
      );
    } catch (error) {
      duplicates = duplicateIndexes(error, events.length);
    }
    const outcomes: AppendOutcome[] = events.map((event) => ({ stored: true, event }));
    for (const i of duplicates) {
      const original = await this.findEvent(events[i]!.learnerId, events[i]!.key);
      if (!original) throw new Error(`event ${events[i]!.learnerId}/${events[i]!.key}: refused as a duplicate, yet not found`);
      outcomes[i] = { stored: false, original };
    }
    return outcomes;
  }

  async findEvents(wanted: ReadonlyMap<string, readonly string[]>): Promise<LoggedEvent[]> {
    const learners = [...wanted].filter(([, keys]) => keys.length > 0).map(([learnerId]) => learnerId);
    if (learners.length === 0) return [];
    // One query for every learner: it may also bring a key one learner was asked for that
    // another has, which is left out here.
    const keys = [...new Set(learners.flatMap((learnerId) => wanted.get(learnerId)!))];
    const asked = new Set(learners.flatMap((learnerId) => wanted.get(learnerId)!.map((key) => JSON.stringify([learnerId, key]))));
    const docs = await this.m.Event.find({ learnerId: { $in: learners }, key: { $in: keys } }).lean<Doc[]>();
    return docs.filter((d) => asked.has(JSON.stringify([d.learnerId, d.key]))).map((d) => withoutId(d) as unknown as LoggedEvent);
  }

  async findEvent(learnerId: string, key: string): Promise<LoggedEvent | null> {
    const doc = await this.m.Event.findOne({ learnerId, key }).lean<Doc>();
    return doc ? (withoutId(doc) as unknown as LoggedEvent) : null;
  }

  async eventsOf(learnerId: string): Promise<LoggedEvent[]> {
    const docs = await this.m.Event.find({ learnerId }).sort({ at: 1, recordedAt: 1, _id: 1 }).lean<Doc[]>();
    return docs.map((d) => withoutId(d) as unknown as LoggedEvent);
  }

  async lastRecorded(kind: Actor['kind']): Promise<LoggedEvent | null> {
    const doc = await this.m.Event.findOne({ 'actor.kind': kind }).sort({ recordedAt: -1, _id: -1 }).lean<Doc>();
    return doc ? (withoutId(doc) as unknown as LoggedEvent) : null;
  }

  async *learnerHistories(policy: string, filter: HistoryFilter = {}): AsyncIterable<LearnerHistory> {
    const query = filter.ids === undefined ? { policy } : { policy, _id: { $in: [...filter.ids] } };
    const all = (await this.m.Learner.find(query).sort({ _id: 1 }).lean<Doc[]>()).map((d) => withId(d) as unknown as LearnerRecord);
    const share = filter.share;
    const learners = share === undefined ? all : all.filter((_, place) => place % share.of === share.index);
    const batchAt = (from: number) => {
      const read = this.historyBatch(learners.slice(from, from + HISTORY_BATCH));
      read.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
      return read;
    };
    let next = learners.length > 0 ? batchAt(0) : undefined;
    for (let from = 0; next !== undefined; from += HISTORY_BATCH) {
      const batch = await next;
      // The next batch is read while the caller works through this one.
      next = from + HISTORY_BATCH < learners.length ? batchAt(from + HISTORY_BATCH) : undefined;
      yield* batch;
    }
  }

  /**
   * The logs and case clocks of a batch of learners: two queries. The logs come unsorted
   * (no large sort on the server) and are put in eventsOf's order per learner here.
   */
  private async historyBatch(learners: readonly LearnerRecord[]): Promise<LearnerHistory[]> {
    const ids = learners.map((l) => l.id);
    const [events, cases] = await Promise.all([
      this.m.Event.find({ learnerId: { $in: ids } }).lean<Doc[]>(),
      this.m.Case.find({ _id: { $in: ids } }, { 'state.clock': 1 }).lean<Doc[]>(),
    ]);
    const logs = new Map<string, Doc[]>(ids.map((id) => [id, []]));
    for (const doc of events) logs.get(doc.learnerId as string)?.push(doc);
    const clocks = new Map(cases.map((d) => [d._id as string, (d.state as { clock?: unknown } | undefined)?.clock]));
    return learners.map((learner) => {
      const clock = clocks.get(learner.id);
      return {
        learner,
        events: logs.get(learner.id)!.sort(inLogOrder).map((d) => withoutId(d) as unknown as LoggedEvent),
        caseClock: typeof clock === 'number' ? new Date(clock) : null,
      };
    });
  }

  async loadCase(learnerId: string): Promise<StoredCase | null> {
    const doc = await this.m.Case.findById(learnerId).lean<Doc>();
    return doc ? toCase(doc) : null;
  }

  async loadCases(learnerIds: readonly string[]): Promise<StoredCase[]> {
    if (learnerIds.length === 0) return [];
    const docs = await this.m.Case.find({ _id: { $in: [...learnerIds] } }).lean<Doc[]>();
    return docs.map(toCase);
  }

  async saveCase(next: Omit<StoredCase, 'version' | 'updatedAt'>, expectedVersion: number | null): Promise<'saved' | 'conflict'> {
    const { learnerId, ...fields } = next;
    const updatedAt = new Date();
    if (expectedVersion === null) {
      try {
        await this.m.Case.collection.insertOne({ _id: learnerId as never, ...fields, version: 1, updatedAt });
        return 'saved';
      } catch (error) {
        if (isDuplicateKey(error)) return 'conflict';
        throw error;
      }
    }
    const result = await this.m.Case.collection.updateOne(
      { _id: learnerId as never, version: expectedVersion },
      { $set: { ...fields, updatedAt }, $inc: { version: 1 } },
    );
    return result.matchedCount === 1 ? 'saved' : 'conflict';
  }

  async markDelivered(learnerId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.m.Case.collection.updateOne({ _id: learnerId as never }, { $pull: { outbox: { key: { $in: [...keys] } } } as never });
  }

  async casesWithOutbox(limit: number): Promise<string[]> {
    const docs = await this.m.Case.find({ 'outbox.0': { $exists: true } }, { _id: 1 }).sort({ _id: 1 }).limit(limit).lean<Doc[]>();
    return docs.map((d) => d._id as string);
  }

  async casesDueBefore(at: Date, limit: number): Promise<StoredCase[]> {
    const docs = await this.m.Case.find({ nextWakeUpAt: { $ne: null, $lte: at } })
      .sort({ nextWakeUpAt: 1, _id: 1 })
      .limit(limit)
      .lean<Doc[]>();
    return docs.map(toCase);
  }

  async casesOnAgenda(meeting: string, date: string): Promise<StoredCase[]> {
    const docs = await this.m.Case.find({ 'state.agenda': { $elemMatch: { meeting, date } } })
      .sort({ _id: 1 })
      .lean<Doc[]>();
    return docs.map(toCase);
  }

  async openCases(): Promise<StoredCase[]> {
    const docs = await this.m.Case.find({ 'state.open': true }).sort({ _id: 1 }).lean<Doc[]>();
    return docs.map(toCase);
  }

  async casesAssignedTo(staffId: string): Promise<StoredCase[]> {
    const docs = await this.m.Case.find({ 'state.assignee': staffId }).sort({ _id: 1 }).lean<Doc[]>();
    return docs.map(toCase);
  }

  async casesAwaitingDecision(roles: readonly string[]): Promise<StoredCase[]> {
    const docs = await this.m.Case.find({ 'state.proposals': { $elemMatch: { status: 'pending', approver: { $in: [...roles] } } } })
      .sort({ _id: 1 })
      .lean<Doc[]>();
    return docs.map(toCase);
  }

  async learnersOfCoach(coachId: string): Promise<LearnerRecord[]> {
    const docs = await this.m.Learner.find({ coach: coachId }).sort({ _id: 1 }).lean<Doc[]>();
    return docs.map((d) => withId(d) as unknown as LearnerRecord);
  }

  async learnerActivity(): Promise<LearnerActivity[]> {
    const [learners, latest] = await Promise.all([
      this.m.Learner.find({}).sort({ _id: 1 }).lean<Doc[]>(),
      this.m.Event.aggregate<{ _id: string; at: Date }>([{ $group: { _id: '$learnerId', at: { $max: '$at' } } }]),
    ]);
    const lastAt = new Map(latest.map((l) => [l._id, l.at]));
    return learners.map((d) => ({ learner: withId(d) as unknown as LearnerRecord, lastEventAt: lastAt.get(d._id as string) ?? null }));
  }

  async learnerIdsWithEvents(): Promise<string[]> {
    const ids = (await this.m.Event.distinct('learnerId')) as string[];
    return ids.sort();
  }

  async learnersWithEvents(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await this.m.Event.distinct('learnerId', { learnerId: { $in: [...ids] } })) as string[];
  }

  async casesUnderOtherVersion(policy: string, version: string): Promise<string[]> {
    const docs = await this.m.Case.find({ policy, packVersion: { $ne: version } }, { _id: 1 }).sort({ _id: 1 }).lean<Doc[]>();
    return docs.map((d) => d._id as string);
  }

  async policyVersions(policy: string): Promise<PolicyVersion[]> {
    const docs = await this.m.PolicyVersion.find({ policy }).sort({ since: 1, _id: 1 }).lean<Doc[]>();
    return docs.map((d) => withoutId(d) as unknown as PolicyVersion);
  }

  async putPolicyInForce(next: PolicyVersion): Promise<'done' | 'conflict'> {
    const id = next.policy as never;
    if (next.previous === null) {
      try {
        await this.m.Policy.collection.insertOne({ _id: id, version: next.version, since: next.since });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return 'conflict';
      }
    } else {
      const moved = await this.m.Policy.collection.updateOne({ _id: id, version: next.previous }, { $set: { version: next.version, since: next.since } });
      if (moved.matchedCount !== 1) return 'conflict';
    }
    // The history: a version run before keeps its first record (and content hash).
    await this.m.PolicyVersion.collection.updateOne({ _id: `${next.policy}@${next.version}` as never }, { $setOnInsert: { ...next } }, { upsert: true });
    return 'done';
  }

  async policyInForce(policy: string): Promise<string | null> {
    const doc = await this.m.Policy.findById(policy).lean<Doc>();
    return doc ? (doc.version as string) : null;
  }

  async recordMessage(message: PostedMessage): Promise<void> {
    const { key, ...fields } = message;
    await this.m.Message.replaceOne({ _id: key }, { _id: key, ...fields }, { upsert: true });
  }

  async messagesFor(learnerId: string, purpose?: string): Promise<PostedMessage[]> {
    const filter = purpose === undefined ? { learnerId } : { learnerId, purpose };
    const docs = await this.m.Message.find(filter).sort({ postedAt: 1, _id: 1 }).lean<Doc[]>();
    return docs.map(privacy.toMessage);
  }

  rewriteEvents(learnerId: string, events: readonly { key: string; event: EventInput }[]): Promise<void> {
    return privacy.rewriteEvents(this.m, learnerId, events);
  }

  markMessagesForRemoval(learnerId: string): Promise<number> {
    return privacy.markMessagesForRemoval(this.m, learnerId);
  }

  messagesAwaitingRemoval(limit: number): Promise<PostedMessage[]> {
    return privacy.messagesAwaitingRemoval(this.m, limit);
  }

  messageRemoved(key: string): Promise<void> {
    return privacy.messageRemoved(this.m, key);
  }

  recordErasure(erasure: ErasureRecord): Promise<void> {
    return privacy.recordErasure(this.m, erasure);
  }

  erasuresOf(learnerId: string): Promise<ErasureRecord[]> {
    return privacy.erasuresOf(this.m, learnerId);
  }

  recordRestrictedAccess(access: RestrictedAccess): Promise<void> {
    return privacy.recordRestrictedAccess(this.m, access);
  }

  restrictedAccessOf(learnerId: string): Promise<RestrictedAccess[]> {
    return privacy.restrictedAccessOf(this.m, learnerId);
  }

  async releaseClaim(key: string): Promise<void> {
    await this.m.Claim.deleteOne({ _id: key });
  }

  async claim(key: string, leaseMs: number): Promise<ClaimResult> {
    const now = new Date();
    try {
      await this.m.Claim.collection.insertOne({ _id: key as never, state: 'claimed', claimedAt: now });
      return 'claimed';
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Taken before: done, held, or (its holder never finished within the lease) taken over.
    const stale = new Date(now.getTime() - leaseMs);
    const found = await this.m.Claim.findById(key).lean<Doc>();
    if (found?.state === 'done') return 'done';
    if (found && (found.claimedAt as Date) >= stale) return 'held';
    const taken = await this.m.Claim.collection.updateOne(
      { _id: key as never, state: 'claimed', claimedAt: { $lt: stale } },
      { $set: { claimedAt: now } },
    );
    if (taken.modifiedCount === 1) return 'claimed';
    const existing = await this.m.Claim.findById(key).lean<Doc>();
    return existing?.state === 'done' ? 'done' : 'held';
  }

  async renewClaim(key: string): Promise<void> {
    await this.m.Claim.collection.updateOne({ _id: key as never, state: 'claimed' }, { $set: { claimedAt: new Date() } });
  }

  async completeClaim(key: string): Promise<void> {
    await this.m.Claim.collection.updateOne({ _id: key as never }, { $set: { state: 'done' } });
  }
}

/** Learners per batch read by learnerHistories. */
const HISTORY_BATCH = 20;

/** eventsOf's order: by `at`, then by when recorded, then by insertion (the ObjectId). */
function inLogOrder(a: Doc, b: Doc): number {
  return (
    (a.at as Date).getTime() - (b.at as Date).getTime() ||
    (a.recordedAt as Date).getTime() - (b.recordedAt as Date).getTime() ||
    compareText(idText(a._id), idText(b._id))
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function idText(id: unknown): string {
  return typeof id === 'object' && id !== null && 'toHexString' in id ? (id as { toHexString(): string }).toHexString() : String(id);
}

/** Creates or replaces the document whose _id is the record's id. */
async function putById(model: Models['Learner'], record: { id: string }): Promise<'created' | 'updated'> {
  const { id, ...fields } = record;
  const result = await model.replaceOne({ _id: id }, { _id: id, ...defined(fields) }, { upsert: true });
  return result.upsertedCount > 0 ? 'created' : 'updated';
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * The statements of an unordered insert that failed only because their key was taken;
 * any other failure is thrown on.
 */
function duplicateIndexes(error: unknown, count: number): number[] {
  const reported = (error as { writeErrors?: unknown }).writeErrors;
  const writeErrors = (Array.isArray(reported) ? reported : reported === undefined ? [] : [reported]) as { index?: unknown; code?: unknown }[];
  if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000 || typeof e.index !== 'number' || e.index >= count)) throw error;
  return writeErrors.map((e) => e.index as number);
}

function toCase(doc: Doc): StoredCase {
  const { _id, ...rest } = doc;
  return { learnerId: _id as string, ...(rest as Omit<StoredCase, 'learnerId'>) };
}

function withId(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

function withoutId(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return rest;
}

/** Drops undefined fields, so a replace never stores them as null. */
function defined(fields: object): Doc {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
