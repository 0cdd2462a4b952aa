/**
 * The Store's data-protection methods on MongoDB (MongoStore delegates here): rewriting a
 * learner's logged events after an erasure, the messages waiting for a "removed" card, the
 * erasure records and the access log of restricted details.
 */
import type { EventInput } from '../../rules/events/event-schema.js';
import type { ErasureRecord, PostedMessage, RestrictedAccess } from '../records.js';
import type { Models } from './models.js';

type Doc = Record<string, unknown>;

export async function rewriteEvents(m: Models, learnerId: string, events: readonly { key: string; event: EventInput }[]): Promise<void> {
  if (events.length === 0) return;
  await m.Event.collection.bulkWrite(
    events.map((e) => ({ updateOne: { filter: { learnerId, key: e.key }, update: { $set: { event: e.event } } } })),
    { ordered: false },
  );
}

export async function markMessagesForRemoval(m: Models, learnerId: string): Promise<number> {
  const result = await m.Message.collection.updateMany({ learnerId, removal: { $ne: 'done' } }, { $set: { removal: 'pending' } });
  return result.matchedCount;
}

export async function messagesAwaitingRemoval(m: Models, limit: number): Promise<PostedMessage[]> {
  const docs = await m.Message.find({ removal: 'pending' }).sort({ postedAt: 1, _id: 1 }).limit(limit).lean<Doc[]>();
  return docs.map(toMessage);
}

export async function messageRemoved(m: Models, key: string): Promise<void> {
  await m.Message.collection.updateOne({ _id: key as never }, { $set: { removal: 'done' } });
}

export async function recordErasure(m: Models, erasure: ErasureRecord): Promise<void> {
  await m.Erasure.collection.insertOne({ ...erasure });
}

export async function erasuresOf(m: Models, learnerId: string): Promise<ErasureRecord[]> {
  const docs = await m.Erasure.find({ learnerId }).sort({ at: 1, _id: 1 }).lean<Doc[]>();
  return docs.map((d) => withoutId(d) as unknown as ErasureRecord);
}

export async function recordRestrictedAccess(m: Models, access: RestrictedAccess): Promise<void> {
  await m.RestrictedAccess.collection.insertOne({ ...access });
}

export async function restrictedAccessOf(m: Models, learnerId: string): Promise<RestrictedAccess[]> {
  const docs = await m.RestrictedAccess.find({ learnerId }).sort({ at: 1, _id: 1 }).lean<Doc[]>();
  return docs.map((d) => withoutId(d) as unknown as RestrictedAccess);
}

/** A messages document as the domain's PostedMessage (its _id is the key). */
export function toMessage(doc: Doc): PostedMessage {
  return { ...withoutId(doc), key: doc._id } as unknown as PostedMessage;
}

function withoutId(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return rest;
}
