/** Databases, collections and indexes: create, list, drop. */
import type { Db } from 'mongodb';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();
let db: Db;

beforeAll(async () => {
  db = await mongo.db('catalog');
});

describe('collections and databases', () => {
  it('creates a collection, refuses to create it twice, and lists it', async () => {
    await db.createCollection('events');
    await expect(db.createCollection('events')).rejects.toMatchObject({ code: 48, codeName: 'NamespaceExists' });
    await db.collection('cases').insertOne({ a: 1 });
    const names = (await db.listCollections().toArray()).map((info) => info.name).sort();
    expect(names).toEqual(['cases', 'events']);
    const full = await db.listCollections({ name: 'events' }).toArray();
    expect(full).toEqual([expect.objectContaining({ name: 'events', type: 'collection', options: {}, idIndex: expect.objectContaining({ name: '_id_' }) })]);
    const nameOnly = await db.listCollections({}, { nameOnly: true }).toArray();
    expect(nameOnly.find((info) => info.name === 'cases')).toEqual({ name: 'cases', type: 'collection' });
  });

  it('lists databases that hold collections', async () => {
    await mongo.client().then((client) => client.db('catalog_other').collection('x').insertOne({ a: 1 }));
    const { databases } = await db.admin().listDatabases();
    const names = databases.map((info) => info.name);
    expect(names).toEqual(expect.arrayContaining(['catalog', 'catalog_other']));
    expect(databases.find((info) => info.name === 'catalog')?.sizeOnDisk).toBeGreaterThan(0);
    const onlyNames = await db.admin().listDatabases({ nameOnly: true });
    expect(onlyNames.databases.map((info) => info.name)).toEqual(expect.arrayContaining(['catalog_other']));
  });

  it('drops a collection (and a missing one without error)', async () => {
    await db.collection('to_drop').insertOne({ a: 1 });
    expect(await db.collection('to_drop').drop()).toBe(true);
    expect((await db.listCollections({ name: 'to_drop' }).toArray()).length).toBe(0);
    expect(await db.collection('never_existed').drop()).toBe(true);
  });

  it('drops a database', async () => {
    const other = (await mongo.client()).db('catalog_drop');
    await other.collection('x').insertOne({ a: 1 });
    expect(await other.dropDatabase()).toBe(true);
    expect(await other.listCollections().toArray()).toEqual([]);
    const { databases } = await db.admin().listDatabases();
    expect(databases.map((info) => info.name)).not.toContain('catalog_drop');
  });
});

describe('indexes', () => {
  it('creates indexes idempotently and lists them with _id_ first', async () => {
    const coll = db.collection('indexed');
    expect(await coll.createIndex({ name: 1 }, { unique: true })).toBe('name_1');
    expect(await coll.createIndex({ name: 1 }, { unique: true })).toBe('name_1');
    await coll.createIndex({ a: 1, b: -1 }, { name: 'a_b', sparse: true });
    await coll.createIndex({ c: 1 }, { partialFilterExpression: { c: { $exists: true } } });
    const raw = await db.command({
      createIndexes: 'indexed',
      indexes: [
        { key: { name: 1 }, name: 'name_1', unique: true },
        { key: { _id: 1 }, name: '_id_' },
      ],
    });
    expect(raw).toMatchObject({ numIndexesBefore: 4, numIndexesAfter: 4, note: 'all indexes already exist', ok: 1 });
    const indexes = await coll.listIndexes().toArray();
    expect(indexes).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { name: 1 }, name: 'name_1', unique: true },
      { v: 2, key: { a: 1, b: -1 }, name: 'a_b', sparse: true },
      { v: 2, key: { c: 1 }, name: 'c_1', partialFilterExpression: { c: { $exists: true } } },
    ]);
  });

  it('refuses conflicting index definitions', async () => {
    const coll = db.collection('indexed_conflicts');
    await coll.createIndex({ x: 1 }, { name: 'x' });
    await expect(coll.createIndex({ y: 1 }, { name: 'x' })).rejects.toMatchObject({ code: 86, codeName: 'IndexKeySpecsConflict' });
    await expect(coll.createIndex({ x: 1 }, { name: 'x', unique: true })).rejects.toMatchObject({ code: 85, codeName: 'IndexOptionsConflict' });
    await expect(coll.createIndex({ x: 1 }, { name: 'other' })).rejects.toMatchObject({ code: 85 });
  });

  it('lists indexes of a missing collection as NamespaceNotFound', async () => {
    await expect(db.collection('no_indexes_here').listIndexes().toArray()).rejects.toMatchObject({ code: 26 });
  });

  it('drops indexes by name, by key and all at once, never _id_', async () => {
    const coll = db.collection('indexed_drop');
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    await coll.dropIndex('a_1');
    await coll.dropIndex({ b: 1 } as never);
    expect((await coll.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_', 'c_1']);
    await expect(coll.dropIndex('nope')).rejects.toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    await expect(coll.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_']);
  });
});
