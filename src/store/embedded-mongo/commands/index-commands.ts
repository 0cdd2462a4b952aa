/**
 * createIndexes, listIndexes, dropIndexes. createIndexes is all or nothing: when one spec
 * of the batch fails (a conflict, or existing duplicates under a new unique index), the
 * ones created before it in the same command are dropped again.
 */
import { collectionName, existingCollection, optionalArray, optionalDoc, type CommandContext, type CommandTable } from '../context.js';
import { badValue, CommandError } from '../errors.js';
import { ID_INDEX_NAME, normalizeIndexSpec } from '../indexes.js';
import { isPlainObject, type Doc } from '../values.js';

function createIndexes(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'createIndexes');
  const specs = (optionalArray(command, 'indexes') ?? []).map(normalizeIndexSpec);
  if (specs.length === 0) throw badValue("Must specify at least one index to create");
  const createdCollectionAutomatically = !existingCollection(context, name);
  const collection = context.storage.ensureCollection(context.db, name);
  const numIndexesBefore = collection.indexes.list().length;
  const created: string[] = [];
  try {
    for (const spec of specs) {
      if (collection.indexes.create(spec, collection.entries())) created.push(spec.name);
    }
  } catch (error) {
    for (const indexName of created) collection.indexes.drop(indexName);
    if (createdCollectionAutomatically) context.storage.dropCollection(context.db, name);
    throw error;
  }
  return {
    numIndexesBefore,
    numIndexesAfter: collection.indexes.list().length,
    createdCollectionAutomatically,
    ...(created.length === 0 ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
}

function listIndexes(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'listIndexes');
  const collection = existingCollection(context, name);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${context.db}.${name}`);
  const cursor = optionalDoc(command, 'cursor');
  const batchSize = typeof cursor?.batchSize === 'number' ? cursor.batchSize : undefined;
  return context.cursors.first(`${context.db}.${name}`, collection.indexes.list(), { batchSize, session: context.session }) as unknown as Doc;
}

/** The index names `index` picks: '*' (all but _id_), a name, a key pattern, or a list of names. */
function indexNamesToDrop(selector: unknown, context: { list(): Array<{ name: string }>; findByKey(key: Doc): { name: string } | undefined; has(name: string): boolean }): string[] {
  if (selector === '*') return context.list().map((spec) => spec.name).filter((name) => name !== ID_INDEX_NAME);
  const names = Array.isArray(selector) ? selector : [selector];
  return names.map((entry) => {
    if (isPlainObject(entry)) {
      const spec = context.findByKey(entry);
      if (!spec) throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(entry)}`);
      return spec.name;
    }
    if (typeof entry !== 'string') throw badValue('dropIndexes: index must be a string, an object or an array of strings');
    if (!context.has(entry)) throw new CommandError('IndexNotFound', `index not found with name [${entry}]`);
    return entry;
  });
}

function dropIndexes(command: Doc, context: CommandContext): Doc {
  const commandName = Object.keys(command)[0]!;
  const name = collectionName(command, commandName);
  const collection = existingCollection(context, name);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns not found ${context.db}.${name}`);
  const nIndexesWas = collection.indexes.list().length;
  const names = indexNamesToDrop(command.index, collection.indexes);
  if (names.includes(ID_INDEX_NAME)) throw new CommandError('InvalidOptions', 'cannot drop _id index');
  for (const indexName of names) collection.indexes.drop(indexName);
  return { nIndexesWas, ok: 1 };
}

export const indexCommands: CommandTable = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
