/**
 * findAndModify through findOneAndUpdate / findOneAndReplace / findOneAndDelete, and the
 * race the project's optimistic concurrency relies on: many clients, one winner.
 */
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();
let db: Db;

beforeAll(async () => {
  db = await mongo.db('fam');
});

describe('findAndModify', () => {
  it('returns the document before or after the update', async () => {
    const coll = db.collection('fam_basic');
    await coll.insertOne({ name: 'job', count: 0 });
    const before = await coll.findOneAndUpdate({ name: 'job' }, { $inc: { count: 1 } });
    expect(before).toMatchObject({ count: 0 });
    const after = await coll.findOneAndUpdate({ name: 'job' }, { $inc: { count: 1 } }, { returnDocument: 'after' });
    expect(after).toMatchObject({ count: 2 });
    expect(await coll.findOneAndUpdate({ name: 'none' }, { $inc: { count: 1 } })).toBeNull();
  });

  it('upserts and returns the new document with returnDocument: after', async () => {
    const coll = db.collection('fam_upsert');
    const created = await coll.findOneAndUpdate(
      { name: 'single', type: 'single' },
      { $set: { data: 1 }, $setOnInsert: { nextRunAt: new Date(0) } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(created?._id).toBeInstanceOf(ObjectId);
    expect(created).toMatchObject({ name: 'single', type: 'single', data: 1, nextRunAt: new Date(0) });
    const again = await coll.findOneAndUpdate(
      { name: 'single', type: 'single' },
      { $set: { data: 2 }, $setOnInsert: { nextRunAt: new Date(5) } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(again).toMatchObject({ _id: created?._id, data: 2, nextRunAt: new Date(0) });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('reports lastErrorObject like mongod', async () => {
    const coll = db.collection('fam_raw');
    const upserted = await db.command({ findAndModify: 'fam_raw', query: { k: 1 }, update: { $set: { v: 1 } }, upsert: true, new: true });
    expect(upserted).toMatchObject({ ok: 1, lastErrorObject: { n: 1, updatedExisting: false }, value: { k: 1, v: 1 } });
    expect(upserted.lastErrorObject.upserted).toBeInstanceOf(ObjectId);
    const updated = await db.command({ findAndModify: 'fam_raw', query: { k: 1 }, update: { $set: { v: 2 } } });
    expect(updated).toMatchObject({ ok: 1, lastErrorObject: { n: 1, updatedExisting: true }, value: { k: 1, v: 1 } });
    const missed = await db.command({ findAndModify: 'fam_raw', query: { k: 2 }, update: { $set: { v: 2 } } });
    expect(missed).toMatchObject({ ok: 1, lastErrorObject: { n: 0, updatedExisting: false }, value: null });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('follows sort, applies the projection, replaces and removes', async () => {
    const coll = db.collection('fam_sort');
    await coll.insertMany([
      { name: 'a', priority: 1, at: new Date(3) },
      { name: 'b', priority: 5, at: new Date(2) },
      { name: 'c', priority: 5, at: new Date(1) },
    ]);
    const next = await coll.findOneAndUpdate(
      {},
      { $set: { lockedAt: new Date() } },
      { sort: { priority: -1, at: 1 }, projection: { name: 1, _id: 0 }, returnDocument: 'after' },
    );
    expect(next).toEqual({ name: 'c' });
    const replaced = await coll.findOneAndReplace({ name: 'a' }, { name: 'a2' }, { returnDocument: 'after' });
    expect(replaced).toMatchObject({ name: 'a2' });
    expect(replaced).not.toHaveProperty('priority');
    const removed = await coll.findOneAndDelete({ priority: 5 }, { sort: { at: -1 } });
    expect(removed).toMatchObject({ name: 'b' });
    expect((await coll.find({}, { sort: { name: 1 } }).toArray()).map((doc) => doc.name)).toEqual(['a2', 'c']);
  });

  it('lets exactly one of 50 clients win a conditional findOneAndUpdate', async () => {
    const coll = db.collection('fam_race');
    const { insertedId } = await coll.insertOne({ state: 'open', version: 1, owner: null });
    const clients = await Promise.all(Array.from({ length: 50 }, () => mongo.client({ maxPoolSize: 1 })));
    const attempts = clients.map((client: MongoClient, i) =>
      client
        .db('fam')
        .collection('fam_race')
        .findOneAndUpdate({ _id: insertedId, version: 1 }, { $set: { owner: `client-${i}` }, $inc: { version: 1 } }, { returnDocument: 'after' }),
    );
    const results = await Promise.all(attempts);
    const winners = results.filter((result) => result !== null);
    expect(winners).toHaveLength(1);
    expect(await coll.findOne({ _id: insertedId })).toMatchObject({ version: 2, owner: winners[0]?.owner });
    await Promise.all(clients.map((client) => client.close()));
  });

  it('refuses update and remove together', async () => {
    await expect(db.command({ findAndModify: 'fam_raw', query: {}, remove: true, update: { $set: { a: 1 } } })).rejects.toMatchObject({ code: 9 });
  });
});
