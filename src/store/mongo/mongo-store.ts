/**
 * The Store port on MongoDB through mongoose: the one place that maps documents to
 * domain records. Duplicate keys (error 11000) are how idempotency is decided.
 */
import type { Connection } from 'mongoose';
import type { LearnerRecord, LoggedEvent, PostedMessage, StaffRecord, StoredCase } from '../records.js';
import type { AppendOutcome, ClaimResult, Store } from '../store.js';
import { models, type Models } from './models.js';

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

  async findEvent(learnerId: string, key: string): Promise<LoggedEvent | null> {
    const doc = await this.m.Event.findOne({ learnerId, key }).lean<Doc>();
    return doc ? (withoutId(doc) as unknown as LoggedEvent) : null;
  }

  async eventsOf(learnerId: string): Promise<LoggedEvent[]> {
    const docs = await this.m.Event.find({ learnerId }).sort({ at: 1, recordedAt: 1, _id: 1 }).lean<Doc[]>();
    return docs.map((d) => withoutId(d) as unknown as LoggedEvent);
  }

  async loadCase(learnerId: string): Promise<StoredCase | null> {
    const doc = await this.m.Case.findById(learnerId).lean<Doc>();
    return doc ? toCase(doc) : null;
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
    const docs = await this.m.Case.find({ 'state.open': true, 'state.agenda': { $elemMatch: { meeting, date } } })
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

  async learnerIdsWithEvents(): Promise<string[]> {
    const ids = (await this.m.Event.distinct('learnerId')) as string[];
    return ids.sort();
  }

  async recordMessage(message: PostedMessage): Promise<void> {
    const { key, ...fields } = message;
    await this.m.Message.replaceOne({ _id: key }, { _id: key, ...fields }, { upsert: true });
  }

  async messagesFor(learnerId: string, purpose?: string): Promise<PostedMessage[]> {
    const filter = purpose === undefined ? { learnerId } : { learnerId, purpose };
    const docs = await this.m.Message.find(filter).sort({ postedAt: 1, _id: 1 }).lean<Doc[]>();
    return docs.map((d) => ({ ...withoutId(d), key: d._id }) as unknown as PostedMessage);
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
    // Taken before: take it over only if its holder never finished within the lease.
    const stale = new Date(now.getTime() - leaseMs);
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

/** Creates or replaces the document whose _id is the record's id. */
async function putById(model: Models['Learner'], record: { id: string }): Promise<'created' | 'updated'> {
  const { id, ...fields } = record;
  const result = await model.replaceOne({ _id: id }, { _id: id, ...defined(fields) }, { upsert: true });
  return result.upsertedCount > 0 ? 'created' : 'updated';
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
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
