/**
 * Unique indexes, which the project's idempotency depends on: E11000 with MongoDB's
 * message, code, keyPattern and keyValue, on insert (ordered and unordered), update,
 * upsert and findAndModify; compound, sparse and partial indexes; `_id`.
 */
import { MongoBulkWriteError, MongoServerError, ObjectId, type Db } from 'mongodb';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();
let db: Db;

beforeAll(async () => {
  db = await mongo.db('uniq');
});

async function uniqueOnName(name: string) {
  const coll = db.collection(name);
  await coll.createIndex({ name: 1 }, { unique: true });
  return coll;
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the operation to fail');
}

describe('unique indexes', () => {
  it('refuses a duplicate insertOne with E11000, keyPattern and keyValue', async () => {
    const coll = await uniqueOnName('u_insert');
    await coll.insertOne({ name: 'x' });
    const error = await rejection(coll.insertOne({ name: 'x' }));
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyPattern: { name: 1 }, keyValue: { name: 'x' } });
    expect(error.message).toBe('E11000 duplicate key error collection: uniq.u_insert index: name_1 dup key: { name: "x" }');
    expect(await coll.countDocuments()).toBe(1);
  });

  it('stops an ordered insertMany at the first duplicate', async () => {
    const coll = await uniqueOnName('u_ordered');
    const error = await rejection(coll.insertMany([{ name: 'a' }, { name: 'b' }, { name: 'a' }, { name: 'c' }]));
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as unknown as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.insertedCount).toBe(2);
    expect(bulk.writeErrors).toHaveLength(1);
    const [first] = bulk.writeErrors as unknown as Array<{ index: number; code: number; errmsg: string }>;
    expect(first).toMatchObject({ index: 2, code: 11000, errmsg: expect.stringMatching(/^E11000 duplicate key error collection: uniq.u_ordered index: name_1/) });
    expect((await coll.find().toArray()).map((doc) => doc.name)).toEqual(['a', 'b']);
  });

  it('reports keyPattern and keyValue in each raw writeErrors entry (the driver\'s bulk error drops them)', async () => {
    await uniqueOnName('u_raw');
    const ordered = await db.command({ insert: 'u_raw', documents: [{ name: 'a' }, { name: 'a' }, { name: 'b' }] });
    expect(ordered).toMatchObject({ n: 1, ok: 1 });
    expect(ordered.writeErrors).toEqual([
      {
        index: 1,
        code: 11000,
        errmsg: 'E11000 duplicate key error collection: uniq.u_raw index: name_1 dup key: { name: "a" }',
        keyPattern: { name: 1 },
        keyValue: { name: 'a' },
      },
    ]);
    const unordered = await db.command({ insert: 'u_raw', documents: [{ name: 'a' }, { name: 'c' }, { name: 'b' }], ordered: false });
    expect(unordered).toMatchObject({ n: 2, ok: 1 });
    expect(unordered.writeErrors).toMatchObject([{ index: 0, code: 11000, keyPattern: { name: 1 }, keyValue: { name: 'a' } }]);
    const update = await db.command({ update: 'u_raw', updates: [{ q: { name: 'c' }, u: { $set: { name: 'b' } } }] });
    expect(update).toMatchObject({ n: 0, nModified: 0, ok: 1, writeErrors: [{ index: 0, code: 11000, keyValue: { name: 'b' } }] });
  });

  it('carries on past duplicates in an unordered insertMany', async () => {
    const coll = await uniqueOnName('u_unordered');
    const error = await rejection(coll.insertMany([{ name: 'a' }, { name: 'a' }, { name: 'b' }, { name: 'b' }, { name: 'c' }], { ordered: false }));
    const bulk = error as unknown as MongoBulkWriteError;
    expect(bulk).toBeInstanceOf(MongoBulkWriteError);
    expect(bulk.insertedCount).toBe(3);
    expect((bulk.writeErrors as unknown as Array<{ index: number; code: number }>).map((e) => [e.index, e.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect((await coll.find().toArray()).map((doc) => doc.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses an update that changes a field into a duplicate, leaving the document as it was', async () => {
    const coll = await uniqueOnName('u_update');
    await coll.insertMany([{ name: 'a', v: 1 }, { name: 'b', v: 1 }]);
    const error = await rejection(coll.updateOne({ name: 'b' }, { $set: { name: 'a', v: 2 } }));
    expect(error).toMatchObject({ code: 11000, keyPattern: { name: 1 }, keyValue: { name: 'a' } });
    expect(await coll.findOne({ name: 'b' }, { projection: { _id: 0 } })).toEqual({ name: 'b', v: 1 });
    // Updating a document without touching its unique field is fine.
    await coll.updateOne({ name: 'a' }, { $set: { v: 3 } });
  });

  it('refuses an upsert that would insert a duplicate', async () => {
    const coll = await uniqueOnName('u_upsert');
    await coll.insertOne({ name: 'taken', kind: 'a' });
    const error = await rejection(coll.updateOne({ kind: 'b' }, { $set: { name: 'taken' } }, { upsert: true }));
    expect(error).toMatchObject({ code: 11000, keyValue: { name: 'taken' } });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('fails findOneAndUpdate with a command error (ok: 0) on a duplicate', async () => {
    const coll = await uniqueOnName('u_fam');
    await coll.insertMany([{ name: 'a' }, { name: 'b' }]);
    const error = await rejection(coll.findOneAndUpdate({ name: 'b' }, { $set: { name: 'a' } }));
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, codeName: 'DuplicateKey', keyPattern: { name: 1 }, keyValue: { name: 'a' } });
    const upsertError = await rejection(coll.findOneAndUpdate({ name: 'zzz' }, { $set: { name: 'b' } }, { upsert: true }));
    expect(upsertError).toMatchObject({ code: 11000 });
  });

  it('enforces a compound unique index on the combination only', async () => {
    const coll = db.collection('u_compound');
    await coll.createIndex({ learnerId: 1, key: 1 }, { unique: true, name: 'learner_key' });
    await coll.insertMany([{ learnerId: 'L1', key: 'k' }, { learnerId: 'L2', key: 'k' }, { learnerId: 'L1', key: 'j' }]);
    const error = await rejection(coll.insertOne({ learnerId: 'L1', key: 'k' }));
    expect(error).toMatchObject({ code: 11000, keyPattern: { learnerId: 1, key: 1 }, keyValue: { learnerId: 'L1', key: 'k' } });
    expect(error.message).toBe('E11000 duplicate key error collection: uniq.u_compound index: learner_key dup key: { learnerId: "L1", key: "k" }');
  });

  it('treats a missing field as null (one document without it), unless the index is sparse', async () => {
    const plain = await uniqueOnName('u_missing');
    await plain.insertOne({ other: 1 });
    expect(await rejection(plain.insertOne({ other: 2 }))).toMatchObject({ code: 11000, keyValue: { name: null } });

    const sparse = db.collection('u_sparse');
    await sparse.createIndex({ email: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ other: 1 }, { other: 2 }, { email: 'a@x' }]);
    expect(await rejection(sparse.insertOne({ email: 'a@x' }))).toMatchObject({ code: 11000 });
  });

  it('applies a partial unique index only to documents matching its filter', async () => {
    const coll = db.collection('u_partial');
    await coll.createIndex({ learnerId: 1 }, { unique: true, partialFilterExpression: { open: true } });
    await coll.insertMany([{ learnerId: 'L1', open: false }, { learnerId: 'L1', open: false }, { learnerId: 'L1', open: true }]);
    expect(await rejection(coll.insertOne({ learnerId: 'L1', open: true }))).toMatchObject({ code: 11000 });
    // Closing the open case frees the key.
    await coll.updateOne({ open: true }, { $set: { open: false } });
    await coll.insertOne({ learnerId: 'L1', open: true });
  });

  it('indexes each element of an array field', async () => {
    const coll = db.collection('u_multikey');
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b'] });
    expect(await rejection(coll.insertOne({ tags: ['c', 'b'] }))).toMatchObject({ code: 11000, keyValue: { tags: 'b' } });
  });

  it('always keeps _id unique', async () => {
    const coll = db.collection('u_id');
    const _id = new ObjectId();
    await coll.insertOne({ _id });
    const error = await rejection(coll.insertOne({ _id }));
    expect(error).toMatchObject({ code: 11000, keyPattern: { _id: 1 }, keyValue: { _id } });
    expect(error.message).toBe(`E11000 duplicate key error collection: uniq.u_id index: _id_ dup key: { _id: ObjectId('${_id.toHexString()}') }`);
  });

  it('refuses to build a unique index over existing duplicates, and leaves no index behind', async () => {
    const coll = db.collection('u_build');
    await coll.insertMany([{ name: 'a' }, { name: 'a' }]);
    const error = await rejection(coll.createIndex({ name: 1 }, { unique: true }));
    expect(error).toMatchObject({ code: 11000, keyValue: { name: 'a' } });
    expect((await coll.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_']);
  });

  it('frees a key when its document is deleted or the index dropped', async () => {
    const coll = await uniqueOnName('u_free');
    await coll.insertOne({ name: 'a' });
    await coll.deleteOne({ name: 'a' });
    await coll.insertOne({ name: 'a' });
    await coll.dropIndex('name_1');
    await coll.insertOne({ name: 'a' });
    expect(await coll.countDocuments({ name: 'a' })).toBe(2);
  });
});
