/** Catalog commands: databases and collections. */
import { calculateObjectSize } from 'bson';
import type { Collection } from '../collections.js';
import { collectionName, optionalDoc, type CommandContext, type CommandTable } from '../context.js';
import { notSupported } from '../errors.js';
import { ID_INDEX_NAME } from '../indexes.js';
import { compileFilter } from '../query.js';
import type { Doc } from '../values.js';

function listDatabases(command: Doc, context: CommandContext): Doc {
  const matches = compileFilter(optionalDoc(command, 'filter') ?? {});
  const databases = context.storage
    .databaseNames()
    .map((name) => ({ name, sizeOnDisk: databaseSize(context, name), empty: false }))
    .filter((database) => matches(database));
  const totalSize = databases.reduce((sum, database) => sum + database.sizeOnDisk, 0);
  if (command.nameOnly === true) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
}

/** The BSON size of the database's documents: there is no disk, but clients like a number. */
function databaseSize(context: CommandContext, db: string): number {
  let size = 0;
  for (const collection of context.storage.collectionsOf(db)) {
    for (const doc of collection.documents()) size += calculateObjectSize(doc);
  }
  return size;
}

function dropDatabase(_command: Doc, context: CommandContext): Doc {
  context.storage.dropDatabase(context.db);
  return { dropped: context.db, ok: 1 };
}

function collectionInfo(collection: Collection): Doc {
  return {
    name: collection.name,
    type: 'collection',
    options: collection.options,
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
  };
}

function listCollections(command: Doc, context: CommandContext): Doc {
  const matches = compileFilter(optionalDoc(command, 'filter') ?? {});
  const nameOnly = command.nameOnly === true;
  const infos = context.storage
    .collectionsOf(context.db)
    .map(collectionInfo)
    .filter((info) => matches(info))
    .map((info) => (nameOnly ? { name: info.name, type: info.type } : info));
  const cursor = optionalDoc(command, 'cursor');
  return context.cursors.first(`${context.db}.$cmd.listCollections`, infos, {
    batchSize: typeof cursor?.batchSize === 'number' ? cursor.batchSize : undefined,
    session: context.session,
  }) as unknown as Doc;
}

/**
 * Fields of a `create` command that belong to the request, not to the collection. The rest
 * (validator, capped, ...) is kept and shown by listCollections, but not enforced.
 */
const ENVELOPE_FIELDS = new Set(['create', 'lsid', '$db', '$clusterTime', '$readPreference', 'writeConcern', 'comment', 'txnNumber', 'autocommit', 'apiVersion', 'apiStrict', 'apiDeprecationErrors']);

function create(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'create');
  if (command.viewOn !== undefined) throw notSupported('views are not supported by the embedded MongoDB server');
  const options: Doc = {};
  for (const [key, value] of Object.entries(command)) if (!ENVELOPE_FIELDS.has(key)) options[key] = value;
  context.storage.createCollection(context.db, name, options);
  return { ok: 1 };
}

function drop(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'drop');
  const dropped = context.storage.dropCollection(context.db, name);
  // Since MongoDB 7.0 dropping a missing collection succeeds.
  if (!dropped) return { ok: 1 };
  return { ns: dropped.namespace, nIndexesWas: dropped.indexes.list().length, ok: 1 };
}

export const databaseCommands: CommandTable = {
  listDatabases,
  dropDatabase,
  listCollections,
  create,
  drop,
};
