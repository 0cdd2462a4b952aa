/**
 * insert, find, update, delete through the official driver: ids, types, query operators,
 * sort/skip/limit/projection and the update operators the project relies on.
 */
import { Binary, Decimal128, Long, ObjectId, Timestamp, type Db } from 'mongodb';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();
let db: Db;

beforeAll(async () => {
  db = await mongo.db('crud');
});

describe('insert', () => {
  it('assigns an ObjectId _id when the document has none, and keeps a given one', async () => {
    const coll = db.collection('insert_ids');
    const raw = await db.command({ insert: 'insert_ids', documents: [{ name: 'no id' }, { _id: 'mine', name: 'own id' }] });
    expect(raw).toMatchObject({ n: 2, ok: 1 });
    const noId = await coll.findOne({ name: 'no id' });
    expect(noId?._id).toBeInstanceOf(ObjectId);
    expect(Object.keys(noId!)[0]).toBe('_id');
    expect(await coll.findOne({ _id: 'mine' as unknown as ObjectId })).toEqual({ _id: 'mine', name: 'own id' });
  });

  it('inserts many documents in one batch (sent as a document sequence)', async () => {
    const coll = db.collection('insert_many');
    const result = await coll.insertMany(Array.from({ length: 500 }, (_, i) => ({ i })));
    expect(result.insertedCount).toBe(500);
    expect(await coll.countDocuments()).toBe(500);
  });

  it('round-trips ObjectId, Date, Long, Decimal128, Binary, Timestamp, nested documents and arrays', async () => {
    const coll = db.collection('types');
    const doc = {
      _id: new ObjectId(),
      ref: new ObjectId(),
      at: new Date('2026-09-08T10:30:00.123Z'),
      big: Long.fromString('9007199254740993'),
      price: Decimal128.fromString('19.99'),
      bytes: new Binary(Buffer.from([1, 2, 3])),
      ts: new Timestamp({ t: 1700000000, i: 1 }),
      nested: { list: [1, 'two', { three: 3 }], empty: {} },
      nothing: null,
      flag: true,
      ratio: 0.25,
    };
    await coll.insertOne(doc);
    const back = await coll.findOne({ _id: doc._id }, { promoteLongs: false });
    expect(back?._id.equals(doc._id)).toBe(true);
    expect((back?.ref as ObjectId).equals(doc.ref)).toBe(true);
    expect(back?.at).toEqual(doc.at);
    expect(back?.big).toBeInstanceOf(Long);
    expect((back?.big as Long).toString()).toBe('9007199254740993');
    expect((back?.price as Decimal128).toString()).toBe('19.99');
    expect(Buffer.from((back?.bytes as Binary).buffer)).toEqual(Buffer.from([1, 2, 3]));
    expect((back?.ts as Timestamp).equals(doc.ts)).toBe(true);
    expect(back?.nested).toEqual(doc.nested);
    expect(back).toMatchObject({ nothing: null, flag: true, ratio: 0.25 });
  });

  it('matches ObjectId and Date values in queries', async () => {
    const coll = db.collection('types_query');
    const owner = new ObjectId();
    await coll.insertMany([
      { owner, at: new Date('2026-01-01T00:00:00Z') },
      { owner: new ObjectId(), at: new Date('2026-06-01T00:00:00Z') },
    ]);
    expect(await coll.countDocuments({ owner: new ObjectId(owner.toHexString()) })).toBe(1);
    expect(await coll.countDocuments({ owner: { $in: [owner, new ObjectId()] } })).toBe(1);
    expect(await coll.countDocuments({ at: { $lt: new Date('2026-03-01T00:00:00Z') } })).toBe(1);
    expect(await coll.countDocuments({ at: { $gte: new Date('2026-01-01T00:00:00Z'), $lte: new Date('2026-06-01T00:00:00Z') } })).toBe(2);
  });
});

describe('find', () => {
  const people = [
    { _id: 1, name: 'ada', age: 36, team: 'a', tags: ['x', 'y'], address: { city: 'Leeds' } },
    { _id: 2, name: 'bob', age: 25, team: 'b', tags: ['y'], address: { city: 'York' } },
    { _id: 3, name: 'cy', age: 41, team: 'a', tags: [], lockedAt: null },
    { _id: 4, name: 'di', age: 25, team: 'c', disabled: true, lockedAt: new Date('2026-01-01T00:00:00Z') },
    { _id: 5, name: 'ed', age: 30, team: 'b' },
  ];

  beforeAll(async () => {
    await db.collection<{ _id: number }>('people').insertMany(people);
  });

  const ids = async (filter: object, options: object = {}): Promise<unknown[]> =>
    (await db.collection('people').find(filter, options).toArray()).map((doc) => doc._id);

  it('filters with the operators mongoose and Agenda send', async () => {
    expect(await ids({ team: { $in: ['a', 'c'] } })).toEqual([1, 3, 4]);
    expect(await ids({ $or: [{ age: { $lt: 26 } }, { name: 'ed' }] })).toEqual([2, 4, 5]);
    expect(await ids({ $and: [{ age: { $gte: 25 } }, { age: { $lte: 30 } }] })).toEqual([2, 4, 5]);
    expect(await ids({ age: { $gt: 30 } })).toEqual([1, 3]);
    expect(await ids({ address: { $exists: true } })).toEqual([1, 2]);
    expect(await ids({ address: { $exists: false } })).toEqual([3, 4, 5]);
    expect(await ids({ disabled: { $ne: true } })).toEqual([1, 2, 3, 5]);
    expect(await ids({ age: { $not: { $gt: 30 } } })).toEqual([2, 4, 5]);
    expect(await ids({ 'address.city': 'York' })).toEqual([2]);
    expect(await ids({ tags: 'y' })).toEqual([1, 2]);
    expect(await ids({ name: { $regex: '^[ab]', $options: 'i' } })).toEqual([1, 2]);
    expect(await ids({ team: { $nin: ['a', 'b'] } })).toEqual([4]);
  });

  it('treats null as "null or missing", as Agenda\'s lock query needs', async () => {
    expect(await ids({ lockedAt: null })).toEqual([1, 2, 3, 5]);
    expect(await ids({ lockedAt: { $eq: null } })).toEqual([1, 2, 3, 5]);
    expect(await ids({ lockedAt: { $ne: null } })).toEqual([4]);
  });

  it('sorts, skips, limits and projects', async () => {
    expect(await ids({}, { sort: { age: 1, _id: -1 } })).toEqual([4, 2, 5, 1, 3]);
    expect(await ids({}, { sort: { age: -1 }, skip: 1, limit: 2 })).toEqual([1, 5]);
    const projected = await db.collection<{ _id: number }>('people').find({ _id: 1 }, { projection: { name: 1, 'address.city': 1 } }).toArray();
    expect(projected).toEqual([{ _id: 1, name: 'ada', address: { city: 'Leeds' } }]);
    const excluded = await db.collection<{ _id: number }>('people').find({ _id: 2 }, { projection: { _id: 0, tags: 0, address: 0 } }).toArray();
    expect(excluded).toEqual([{ name: 'bob', age: 25, team: 'b' }]);
  });

  it('returns one batch and no cursor for a negative limit', async () => {
    const reply = await db.command({ find: 'people', filter: {}, sort: { _id: 1 }, limit: -2 });
    expect(reply.cursor.firstBatch.map((doc: { _id: number }) => doc._id)).toEqual([1, 2]);
    expect(reply.cursor.id.toString()).toBe('0');
    const single = await db.command({ find: 'people', filter: {}, batchSize: 1, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(1);
    expect(single.cursor.id.toString()).toBe('0');
  });

  it('looks documents up by _id, exactly or through operators, and still applies the rest of the filter', async () => {
    expect(await ids({ _id: 3 })).toEqual([3]);
    expect(await ids({ _id: { $eq: 3 } })).toEqual([3]);
    expect(await ids({ _id: { $in: [4, 2] } })).toEqual([2, 4]);
    expect(await ids({ _id: { $gt: 3 } })).toEqual([4, 5]);
    expect(await ids({ _id: 3, name: 'not cy' })).toEqual([]);
    expect(await ids({ _id: 99 })).toEqual([]);
  });

  it('finds one document with findOne and nothing in a missing collection', async () => {
    expect(await db.collection('people').findOne({ name: 'cy' })).toMatchObject({ _id: 3 });
    expect(await db.collection('no_such_collection').find({}).toArray()).toEqual([]);
  });
});

describe('update', () => {
  it('applies $set, $unset, $inc, $push, $pull, $addToSet', async () => {
    const coll = db.collection<{ count: number; tags: string[]; list: number[]; gone?: string; nested?: { field: string } }>('update_ops');
    const { insertedId } = await coll.insertOne({ count: 1, tags: ['a'], list: [1, 2, 3], gone: 'x' });
    const result = await coll.updateOne(
      { _id: insertedId },
      { $set: { 'nested.field': 'v' }, $unset: { gone: '' }, $inc: { count: 2 }, $push: { list: 4 }, $addToSet: { tags: { $each: ['a', 'b'] } } },
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    await coll.updateOne({ _id: insertedId }, { $pull: { list: { $gte: 3 } } });
    expect(await coll.findOne({ _id: insertedId })).toEqual({ _id: insertedId, count: 3, tags: ['a', 'b'], list: [1, 2], nested: { field: 'v' } });
  });

  it('applies $push with $each, $sort and $slice, also to a missing field', async () => {
    const coll = db.collection<{ recent?: number[] }>('update_push');
    const { insertedId } = await coll.insertOne({});
    await coll.updateOne({ _id: insertedId }, { $push: { recent: { $each: [3, 1, 2], $sort: 1, $slice: -2 } } });
    expect((await coll.findOne({ _id: insertedId }))?.recent).toEqual([2, 3]);
  });

  it('updates array elements with arrayFilters and the positional $ operator', async () => {
    const coll = db.collection('update_arrays');
    const { insertedId } = await coll.insertOne({ tasks: [{ id: 'a', done: false }, { id: 'b', done: false }, { id: 'c', done: false }] });
    await coll.updateOne({ _id: insertedId }, { $set: { 'tasks.$[t].done': true } }, { arrayFilters: [{ 't.id': { $in: ['a', 'c'] } }] });
    await coll.updateOne({ _id: insertedId, 'tasks.id': 'b' }, { $set: { 'tasks.$.note': 'second' } });
    expect((await coll.findOne({ _id: insertedId }))?.tasks).toEqual([
      { id: 'a', done: true },
      { id: 'b', done: false, note: 'second' },
      { id: 'c', done: true },
    ]);
  });

  it('counts matched and modified documents, and reports a no-op as not modified', async () => {
    const coll = db.collection('update_counts');
    await coll.insertMany([{ g: 1, v: 0 }, { g: 1, v: 0 }, { g: 2, v: 0 }]);
    expect(await coll.updateMany({ g: 1 }, { $set: { v: 1 } })).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await coll.updateMany({ g: 1 }, { $set: { v: 1 } })).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    expect(await coll.updateOne({ g: 1 }, { $set: { v: 5 } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await coll.updateOne({ g: 9 }, { $set: { v: 5 } })).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
  });

  it('upserts with $setOnInsert, seeding from the query, and reports upserted [{ index, _id }]', async () => {
    const coll = db.collection('update_upsert');
    const first = await coll.updateOne({ key: 'k1', 'meta.kind': 'x' }, { $set: { v: 1 }, $setOnInsert: { createdAt: new Date(0) } }, { upsert: true });
    expect(first).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const second = await coll.updateOne({ key: 'k1' }, { $set: { v: 2 }, $setOnInsert: { createdAt: new Date(1) } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await coll.findOne({ key: 'k1' }, { projection: { _id: 0 } })).toEqual({ key: 'k1', meta: { kind: 'x' }, v: 2, createdAt: new Date(0) });

    const raw = await db.command({
      update: 'update_upsert',
      updates: [
        { q: { key: 'k1' }, u: { $set: { v: 3 } }, upsert: true },
        { q: { _id: 'chosen' }, u: { $set: { v: 4 } }, upsert: true },
      ],
    });
    expect(raw).toMatchObject({ n: 2, nModified: 1, upserted: [{ index: 1, _id: 'chosen' }], ok: 1 });
  });

  it('replaces a whole document, keeping its _id, and refuses to change _id', async () => {
    const coll = db.collection('update_replace');
    const { insertedId } = await coll.insertOne({ a: 1, b: 2 });
    await coll.replaceOne({ _id: insertedId }, { c: 3 });
    expect(await coll.findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
    await expect(coll.updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } })).rejects.toMatchObject({ code: 66 });
    const upserted = await coll.replaceOne({ name: 'new' }, { name: 'new', v: 1 }, { upsert: true });
    expect(upserted.upsertedId).toBeInstanceOf(ObjectId);
  });

  it('accepts $set of an unchanged _id, and $setOnInsert of _id on an upsert', async () => {
    const coll = db.collection<{ _id: string; v?: number }>('update_set_id');
    await coll.insertOne({ _id: 'a', v: 1 });
    expect(await coll.updateOne({ _id: 'a' }, { $set: { _id: 'a', v: 2 } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const upserted = await coll.updateOne({ v: 9 }, { $setOnInsert: { _id: 'chosen' } }, { upsert: true });
    expect(upserted.upsertedId).toBe('chosen');
    expect(await coll.findOne({ _id: 'chosen' })).toEqual({ _id: 'chosen', v: 9 });
  });

  it('rejects an unknown update operator', async () => {
    await expect(db.collection('update_bad').updateOne({}, { $frobnicate: { a: 1 } } as object, { upsert: true })).rejects.toMatchObject({ code: 9 });
  });
});

describe('delete', () => {
  it('deletes one (limit 1) or all matching (limit 0) documents', async () => {
    const coll = db.collection('deletes');
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await coll.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect((await coll.deleteMany({ g: 3 })).deletedCount).toBe(0);
    expect(await coll.countDocuments()).toBe(1);
    const raw = await db.command({ delete: 'deletes', deletes: [{ q: {}, limit: 0 }] });
    expect(raw).toMatchObject({ n: 1, ok: 1 });
  });
});
