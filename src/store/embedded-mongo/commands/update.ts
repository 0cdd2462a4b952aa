/**
 * update: each statement `{ q, u, upsert, multi, arrayFilters }` updates the first match (or
 * every match with multi), or inserts when nothing matched and upsert is set. `n` counts
 * matched plus upserted documents, `nModified` the ones that really changed.
 */
import type { Collection } from '../collections.js';
import { collectionName, type CommandContext, type CommandTable } from '../context.js';
import { badValue, CommandError } from '../errors.js';
import { asFilter, compileFilter, sortDocuments } from '../query.js';
import { applyUpdate, buildUpsert, classifyUpdate, unchanged } from '../update-engine.js';
import { isPlainObject, type Doc } from '../values.js';
import { runBatch, statementsOf, writeReply } from './write-batch.js';

/** The documents a statement targets: every match, or the first in natural or `sort` order. */
export function selectTargets(collection: Collection | undefined, query: Doc, options: { multi: boolean; sort?: Doc | undefined }): Doc[] {
  if (!collection) return [];
  const matches = compileFilter(query);
  const candidates = collection.candidates(query);
  if (options.multi) return candidates.filter((doc) => matches(doc));
  if (options.sort && Object.keys(options.sort).length > 0) {
    return sortDocuments(candidates.filter((doc) => matches(doc)), options.sort).slice(0, 1);
  }
  const first = candidates.find((doc) => matches(doc));
  return first ? [first] : [];
}

export function arrayFiltersOf(statement: Doc): Doc[] | undefined {
  const filters = statement.arrayFilters;
  if (filters === undefined || filters === null) return undefined;
  if (!Array.isArray(filters) || !filters.every(isPlainObject)) throw badValue('arrayFilters must be an array of objects');
  return filters;
}

interface StatementResult {
  matched: number;
  modified: number;
  upsertedId?: unknown;
}

function runStatement(context: CommandContext, name: string, statement: Doc): StatementResult {
  const query = asFilter(statement.q, 'q');
  const update = statement.u as Doc | Doc[];
  const multi = statement.multi === true;
  const kind = classifyUpdate(update);
  if (multi && kind === 'replacement') throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
  const options = { query, arrayFilters: arrayFiltersOf(statement) };
  const collection = context.storage.collection(context.db, name);
  const targets = selectTargets(collection, query, { multi, sort: isPlainObject(statement.sort) ? statement.sort : undefined });

  if (targets.length === 0) {
    if (statement.upsert !== true) return { matched: 0, modified: 0 };
    const doc = buildUpsert(update, options);
    context.storage.ensureCollection(context.db, name).insert(doc);
    return { matched: 0, modified: 0, upsertedId: doc._id };
  }
  let modified = 0;
  for (const target of targets) {
    const next = applyUpdate(target, update, options);
    if (unchanged(target, next)) continue;
    collection!.replace(target, next);
    modified++;
  }
  return { matched: targets.length, modified };
}

function update(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'update');
  const statements = statementsOf(command, 'updates');
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = runBatch(command, statements, (statement, index) => {
    if (!isPlainObject(statement)) throw badValue('each update statement must be an object');
    const result = runStatement(context, name, statement);
    n += result.matched;
    nModified += result.modified;
    if (result.upsertedId !== undefined) {
      n += 1;
      upserted.push({ index, _id: result.upsertedId });
    }
  });
  return writeReply({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
}

export const updateCommands: CommandTable = { update };
