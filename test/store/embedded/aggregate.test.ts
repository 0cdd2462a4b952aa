/** aggregate (through mingo), count and distinct. */
import type { Db } from 'mongodb';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();
let db: Db;

beforeAll(async () => {
  db = await mongo.db('agg');
  await db.collection('cases').insertMany([
    { learnerId: 'L1', stage: 1, coach: 'c1', open: true, tags: ['attendance'] },
    { learnerId: 'L2', stage: 2, coach: 'c1', open: true, tags: ['progress', 'attendance'] },
    { learnerId: 'L3', stage: 2, coach: 'c2', open: false, tags: [] },
    { learnerId: 'L4', stage: 3, coach: 'c2', open: true },
  ]);
  await db.collection('coaches').insertMany([
    { _id: 'c1' as never, name: 'Ann' },
    { _id: 'c2' as never, name: 'Raj' },
  ]);
});

describe('aggregate', () => {
  it('runs $match, $group, $sort, $project and $limit', async () => {
    const rows = await db
      .collection('cases')
      .aggregate([
        { $match: { open: true } },
        { $group: { _id: '$coach', cases: { $sum: 1 }, maxStage: { $max: '$stage' } } },
        { $sort: { _id: 1 } },
        { $project: { _id: 0, coach: '$_id', cases: 1, maxStage: 1 } },
        { $limit: 5 },
      ])
      .toArray();
    expect(rows).toEqual([
      { cases: 2, maxStage: 2, coach: 'c1' },
      { cases: 1, maxStage: 3, coach: 'c2' },
    ]);
  });

  it('runs $count and $lookup within the same database', async () => {
    expect(await db.collection('cases').aggregate([{ $match: { stage: 2 } }, { $count: 'n' }]).toArray()).toEqual([{ n: 2 }]);
    const joined = await db
      .collection('cases')
      .aggregate([
        { $match: { learnerId: 'L1' } },
        { $lookup: { from: 'coaches', localField: 'coach', foreignField: '_id', as: 'coachDoc' } },
        { $project: { _id: 0, learnerId: 1, coachName: { $first: '$coachDoc.name' } } },
      ])
      .toArray();
    expect(joined).toEqual([{ learnerId: 'L1', coachName: 'Ann' }]);
  });

  it('answers countDocuments (an aggregate) and estimatedDocumentCount (count)', async () => {
    expect(await db.collection('cases').countDocuments({ open: true })).toBe(3);
    expect(await db.collection('cases').countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await db.collection('cases').estimatedDocumentCount()).toBe(4);
    expect(await db.collection('missing').countDocuments()).toBe(0);
  });

  it('batches a large aggregate result through getMore', async () => {
    await db.collection('numbers').insertMany(Array.from({ length: 150 }, (_, i) => ({ i })));
    const all = await db.collection('numbers').aggregate([{ $sort: { i: -1 } }], { batchSize: 40 }).toArray();
    expect(all).toHaveLength(150);
    expect(all[0]).toMatchObject({ i: 149 });
  });

  it('refuses $out and $merge', async () => {
    await expect(db.collection('cases').aggregate([{ $out: 'copy' }]).toArray()).rejects.toMatchObject({ code: 238, message: '$out is not supported by the embedded MongoDB server' });
  });
});

describe('count', () => {
  it('counts with query, skip and limit', async () => {
    expect(await db.command({ count: 'cases', query: { open: true } })).toMatchObject({ n: 3, ok: 1 });
    expect(await db.command({ count: 'cases', query: {}, skip: 1, limit: 2 })).toMatchObject({ n: 2 });
    expect(await db.command({ count: 'cases', skip: 3 })).toMatchObject({ n: 1 });
    expect(await db.command({ count: 'nothing_here' })).toMatchObject({ n: 0 });
  });
});

describe('distinct', () => {
  it('lists distinct values, flattening arrays and honouring the query', async () => {
    expect((await db.collection('cases').distinct('coach')).sort()).toEqual(['c1', 'c2']);
    expect((await db.collection('cases').distinct('stage', { open: true })).sort()).toEqual([1, 2, 3]);
    expect((await db.collection('cases').distinct('tags')).sort()).toEqual(['attendance', 'progress']);
  });
});
