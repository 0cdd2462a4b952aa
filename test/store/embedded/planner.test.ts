/**
 * Reads through index buckets (planner.ts) must return exactly what a full scan returns, in
 * the same order. Two checks: through the driver, an indexed collection against an
 * identical one without indexes; and directly on the storage, random documents of awkward
 * shapes (nested arrays, nulls, missing fields, -0, dates, ObjectIds) under random writes,
 * against mingo over every document. No timings are asserted.
 */
import { ObjectId, type Collection as DriverCollection, type Db, type Document, type UpdateFilter } from 'mongodb';
import { Collection } from '../../../src/store/embedded-mongo/collections.js';
import { normalizeIndexSpec } from '../../../src/store/embedded-mongo/indexes.js';
import { planCandidates } from '../../../src/store/embedded-mongo/planner.js';
import { compileFilter } from '../../../src/store/embedded-mongo/query.js';
import type { Doc } from '../../../src/store/embedded-mongo/values.js';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();

/** Numbered documents with any fields (the driver's default schema types `_id` as ObjectId). */
interface Row {
  _id: number;
  [field: string]: unknown;
}

/** The driver's types accept `$push` or an `_id` only on fields declared with those types. */
const anyUpdate = (update: Document): UpdateFilter<Row> => update as UpdateFilter<Row>;

describe('indexed reads through the driver match a collection without indexes', () => {
  let db: Db;
  let indexed: DriverCollection<Row>;
  let plain: DriverCollection<Row>;

  const docs = (): Row[] => [
    { _id: 1, tag: 'x', a: 1, b: 2, n: 1, tags: ['red', 'blue'], sub: { x: 1 }, kind: 'p', pf: 'x', sp: 'x' },
    { _id: 2, tag: 'y', a: 1, b: 3, n: 5, tags: ['blue'], sub: [{ x: 1 }, { x: 2 }], kind: 'q', pf: 'x' },
    { _id: 3, tag: null, a: 2, b: 2, n: 7, tags: [], sub: { x: 2 }, kind: 'p', pf: 'y', sp: null },
    { _id: 4, a: 1.0, b: 2, n: 9, tags: 'red', kind: 'p', pf: 'x' },
    { _id: 5, tag: 'x', a: [1, 2], b: 2, n: 4, tags: [['red']], sub: { x: [1, 3] }, sp: 'y' },
    { _id: 6, tag: 'x', a: 3, n: 6, tags: [null], kind: 'q' },
    { _id: 7, tag: ['x', 'z'], a: -0, b: 0, n: 2, tags: ['green'], pf: 'x', kind: 'p', sp: 'x' },
  ];

  const filters: Document[] = [
    { tag: 'x' },
    { tag: { $eq: 'y' } },
    { tag: { $in: ['y', 'z'] } },
    { tag: { $in: [] } },
    { tag: 'nowhere' },
    { tag: null },
    { tag: { $in: [null, 'y'] } },
    { a: 1 },
    { a: 1, b: 2 },
    { a: 0 },
    { a: 2, b: { $gte: 2 } },
    { tags: 'red' },
    { tags: null },
    { tags: { $in: ['blue', 'green'] } },
    { 'sub.x': 1 },
    { 'sub.x': 3 },
    { sp: 'x' },
    { sp: null },
    { pf: 'x' },
    { pf: 'x', kind: 'p' },
    { tag: 'x', n: { $gt: 3 } },
    { tag: 'x', $or: [{ n: 1 }, { n: 6 }] },
    { $and: [{ tag: 'x' }, { a: { $in: [1, 3] } }] },
    { $or: [{ tag: 'y' }, { a: 3 }] },
    { _id: { $in: [2, 4, 6, 99] } },
    { n: { $lt: 5 } },
  ];

  beforeAll(async () => {
    db = await mongo.db('planner');
    indexed = db.collection<Row>('indexed');
    plain = db.collection<Row>('plain');
    await indexed.createIndex({ tag: 1 });
    await indexed.createIndex({ a: 1, b: 1 });
    await indexed.createIndex({ tags: 1 });
    await indexed.createIndex({ 'sub.x': 1 });
    await indexed.createIndex({ sp: 1 }, { sparse: true });
    await indexed.createIndex({ pf: 1 }, { partialFilterExpression: { kind: 'p' } });
    await indexed.insertMany(docs());
    await plain.insertMany(docs());
  });

  /** Every read the planner serves, on both collections, for every filter. */
  async function expectSameReads(): Promise<void> {
    for (const filter of filters) {
      const reads = async (coll: DriverCollection<Row>) => ({
        filter,
        natural: await coll.find(filter).toArray(),
        sorted: await coll.find(filter).sort({ n: -1 }).skip(1).limit(3).toArray(),
        first: await coll.findOne(filter),
        counted: await coll.countDocuments(filter),
        count: (await db.command({ count: coll.collectionName, query: filter })).n as number,
        distinct: await coll.distinct('n', filter),
      });
      expect(await reads(indexed)).toEqual(await reads(plain));
    }
  }

  /** Runs the same write on both collections and checks their answers agree. */
  async function both<T>(write: (coll: DriverCollection<Row>) => Promise<T>): Promise<void> {
    expect(await write(indexed)).toEqual(await write(plain));
  }

  it('agrees on the initial documents', async () => {
    await expectSameReads();
  });

  it('agrees after updates that change indexed fields', async () => {
    await both((coll) => coll.updateMany({ tag: 'x' }, anyUpdate({ $set: { tag: 'y' }, $inc: { n: 10 } })));
    await both((coll) => coll.updateOne({ tags: 'blue' }, anyUpdate({ $push: { tags: 'red' } })));
    await both((coll) => coll.updateOne({ a: 3 }, { $unset: { tag: '' } }));
    await both((coll) => coll.updateOne({ sp: null }, { $set: { sp: 'x', kind: 'p', pf: 'y' } }));
    await both((coll) => coll.replaceOne({ _id: 3 }, { tag: 'x', a: 1, b: 2, n: 3, tags: ['red'] }));
    await both((coll) => coll.findOneAndUpdate({ tag: 'y' }, { $set: { tag: 'x' } }, { sort: { n: 1 } }));
    await both((coll) => coll.updateOne({ tag: 'absent' }, anyUpdate({ $set: { n: 100, tags: ['blue'] }, $setOnInsert: { _id: 8 } }), { upsert: true }).then((r) => r.matchedCount));
    await expectSameReads();
  });

  it('agrees after deletes and re-inserts (a re-inserted document goes to the end)', async () => {
    await both((coll) => coll.deleteMany({ tag: 'y', n: { $gt: 14 } }));
    await both((coll) => coll.deleteOne({ tags: 'red' }));
    await both((coll) => coll.findOneAndDelete({ a: 1 }));
    await both((coll) => coll.insertOne({ _id: 1, tag: 'x', a: 1, b: 2, n: 8, tags: ['red'], kind: 'p', pf: 'x', sp: 'x' }));
    await expectSameReads();
  });

  it('agrees after an index is dropped and created again over existing documents', async () => {
    await indexed.dropIndex('tag_1');
    await expectSameReads();
    await indexed.createIndex({ tag: 1 });
    await indexed.createIndex({ n: 1 }, { sparse: true });
    await expectSameReads();
  });
});

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OID = new ObjectId('0123456789abcdef01234567');
/** Values the queries look up. */
const SCALARS: unknown[] = ['x', 'y', 1, 0, -0, 1.5, true, null, new Date(5), OID, '0123456789abcdef01234567', 5];
/** Values documents hold: the scalars and awkward shapes around them. */
const SHAPES: unknown[] = [
  ...SCALARS,
  [],
  ['x'],
  ['x', 1],
  [['x']],
  [null],
  [[null]],
  [[]],
  { b: 'x' },
  { b: null },
  { b: ['x', [1]] },
  { b: [['y']] },
  [{ b: 'x' }, { c: 1 }],
  [{ b: [['x']] }],
  [[{ b: 1 }]],
  [[{ b: 'x' }]],
  [[['x']]],
  [[1], ['x']],
  [{ b: 'y' }, ['x']],
  { b: [[null]] },
  { b: { c: [['x']] } },
  [{ b: [{ c: 'x' }] }],
  [{ 0: 'x' }],
  { 0: 'y' },
  [OID, new Date(5)],
];
const FIELDS = ['a', 'a.b', 'a.0', 'a.b.c', 'c', 'd'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

function randomDoc(next: () => number, id: number): Doc {
  const doc: Doc = { _id: id };
  for (const field of ['a', 'c', 'd', 'e']) if (next() < 0.8) doc[field] = pick(next, SHAPES);
  if (next() < 0.1) doc['a.b'] = 'x'; // a literal dotted name, which no path reaches
  return doc;
}

function randomFilter(next: () => number): Doc {
  const field = pick(next, FIELDS);
  const roll = next();
  const condition = roll < 0.5 ? pick(next, SCALARS) : roll < 0.7 ? { $eq: pick(next, SCALARS) } : { $in: [pick(next, SCALARS), pick(next, SCALARS)] };
  const filter: Doc = { [field]: condition };
  if (next() < 0.3) filter.e = pick(next, SCALARS);
  if (next() < 0.2) filter[pick(next, FIELDS)] = { $ne: pick(next, SCALARS) };
  return filter;
}

describe('candidates from index buckets against mingo over every document', () => {
  it('finds the same documents in the same order under random writes', () => {
    const next = random(20260901);
    const collection = new Collection('fuzz', 'docs');
    const createIndex = (key: Doc, options: Doc = {}) => collection.indexes.create(normalizeIndexSpec({ key, ...options }), collection.entries());
    createIndex({ a: 1, c: 1 });
    createIndex({ 'a.b': 1 });
    createIndex({ 'a.b.c': 1, d: -1 });
    let nextId = 0;
    for (; nextId < 150; nextId++) collection.insert(randomDoc(next, nextId));
    // Some indexes are built over existing documents, the others maintained from the start.
    createIndex({ 'a.0': 1 });
    createIndex({ c: 1 }, { sparse: true });
    createIndex({ d: 1 }, { partialFilterExpression: { e: 'x' } });

    let planned = 0;
    let narrowed = 0;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 20; i++) {
        const filter = randomFilter(next);
        if (next() < 0.3) filter.e = 'x'; // lets the partial index serve `d`
        const matches = compileFilter(filter);
        const expected = collection.documents().filter(matches);
        const candidates = collection.candidates(filter);
        expect({ filter, found: candidates.filter(matches) }).toEqual({ filter, found: expected });
        if (planCandidates(filter, collection.indexes.plannable())) planned++;
        if (candidates.length < collection.count) narrowed++;
      }
      // Random writes: replace, remove, insert.
      const stored = collection.documents();
      for (let i = 0; i < 10; i++) {
        const target = pick(next, stored);
        if (!collection.candidates({ _id: target._id }).includes(target)) continue;
        if (next() < 0.7) collection.replace(target, randomDoc(next, target._id as number));
        else collection.remove(target);
      }
      for (let i = 0; i < 5; i++) collection.insert(randomDoc(next, nextId++));
    }
    // The check above is only worth something if the planner really served most reads.
    expect(planned).toBeGreaterThan(400);
    expect(narrowed).toBeGreaterThan(400);
  });

  it('plans only what is safe: no sparse index for null, no partial index without its filter', () => {
    const collection = new Collection('fuzz', 'safety');
    collection.indexes.create(normalizeIndexSpec({ key: { s: 1 }, sparse: true }), []);
    collection.indexes.create(normalizeIndexSpec({ key: { p: 1 }, partialFilterExpression: { kind: 'p' } }), []);
    const plan = (filter: Doc) => planCandidates(filter, collection.indexes.plannable());
    expect(plan({ s: 'x' })).toBeDefined();
    expect(plan({ s: null })).toBeUndefined();
    expect(plan({ s: { $in: ['x', null] } })).toBeUndefined();
    expect(plan({ p: 'x' })).toBeUndefined();
    expect(plan({ p: 'x', kind: 'p' })).toBeDefined();
    expect(plan({ p: 'x', kind: 'q' })).toBeUndefined();
    expect(plan({ s: /x/ })).toBeUndefined();
    expect(plan({ s: ['x'] })).toBeUndefined();
    expect(plan({ s: { a: 1 } })).toBeUndefined();
    expect(plan({ $or: [{ s: 'x' }] })).toBeUndefined();
    expect(plan({ s: { $gt: 'x' } })).toBeUndefined();
  });
});
