/** Cursors: first batch, getMore, killCursors, and ids as BSON Longs. */
import { Long, type Db } from 'mongodb';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();
let db: Db;

beforeAll(async () => {
  db = await mongo.db('cursors');
  await db.collection('many').insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
});

describe('cursors', () => {
  it('returns the default first batch of 101 documents, then the rest with getMore', async () => {
    const first = await db.command({ find: 'many', filter: {} }, { promoteLongs: false });
    expect(first.cursor.firstBatch).toHaveLength(101);
    expect(first.cursor.id).toBeInstanceOf(Long);
    expect(first.cursor.id.isZero()).toBe(false);
    expect(first.cursor.ns).toBe('cursors.many');
    const more = await db.command({ getMore: first.cursor.id, collection: 'many' }, { promoteLongs: false });
    expect(more.cursor.nextBatch).toHaveLength(149);
    expect(more.cursor.id.isZero()).toBe(true);
    expect(more.cursor.nextBatch[0].i).toBe(101);
  });

  it('walks 250 documents in batches of 100 through the driver', async () => {
    const batches: number[] = [];
    const client = await mongo.client({ monitorCommands: true });
    client.on('commandSucceeded', (event) => {
      const cursor = (event.reply as { cursor?: unknown } | undefined)?.cursor as { firstBatch?: unknown[]; nextBatch?: unknown[] } | undefined;
      if (cursor) batches.push((cursor.firstBatch ?? cursor.nextBatch ?? []).length);
    });
    const docs = await client.db('cursors').collection('many').find({}, { batchSize: 100 }).sort({ i: 1 }).toArray();
    expect(docs.map((doc) => doc.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(batches).toEqual([100, 100, 50]);
  });

  it('closes a cursor with killCursors, after which getMore fails with CursorNotFound', async () => {
    const first = await db.command({ find: 'many', filter: {}, batchSize: 10 });
    const killed = await db.command({ killCursors: 'many', cursors: [first.cursor.id, Long.fromNumber(424242)] });
    expect(killed.cursorsKilled.map(String)).toEqual([first.cursor.id.toString()]);
    expect(killed.cursorsNotFound.map(String)).toEqual(['424242']);
    await expect(db.command({ getMore: first.cursor.id, collection: 'many' })).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('kills the cursor when the driver closes it early', async () => {
    const client = await mongo.client({ monitorCommands: true });
    const killed: unknown[] = [];
    client.on('commandSucceeded', (event) => {
      if (event.commandName === 'killCursors') killed.push(...(event.reply as { cursorsKilled: unknown[] }).cursorsKilled);
    });
    const cursor = client.db('cursors').collection('many').find({}, { batchSize: 5 });
    await cursor.next();
    await cursor.close();
    expect(killed).toHaveLength(1);
  });

  it('keeps a snapshot: documents changed after the query do not change the cursor', async () => {
    const cursor = db.collection('many').find({}, { batchSize: 2 }).sort({ i: 1 });
    const firstTwo = [await cursor.next(), await cursor.next()];
    await db.collection('many').updateMany({}, { $set: { touched: true } });
    const third = await cursor.next();
    await cursor.close();
    expect(firstTwo.map((doc) => doc?.i)).toEqual([0, 1]);
    expect(third).toMatchObject({ i: 2 });
    expect(third).not.toHaveProperty('touched');
    await db.collection('many').updateMany({}, { $unset: { touched: '' } });
  });
});
