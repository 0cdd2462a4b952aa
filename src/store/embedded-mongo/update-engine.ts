/**
 * Applying one update to one document, and building the document an upsert inserts. mingo
 * does the operator work; this file adds what mingo leaves to the server: telling operator,
 * replacement and pipeline updates apart, `$setOnInsert`, `_id` immutability, and seeding
 * an upsert from the query's equality conditions.
 *
 * Every function returns a new document and never touches the one it was given.
 */
import { serialize } from 'bson';
import { updateOne } from 'mingo';
import { CommandError } from './errors.js';
import { deepCopy, ensureId, idKey, isPlainObject, setPath, withIdFirst, type Doc } from './values.js';

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate',
  '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$bit', '$setOnInsert',
]);

const MINGO_OPTIONS = { scriptEnabled: false };

export interface UpdateOptions {
  /** The statement's query, for the positional `$` operator. */
  readonly query: Doc;
  readonly arrayFilters?: Doc[] | undefined;
}

/** Operator update (`{ $set: ... }`), replacement document, or aggregation pipeline. */
export function classifyUpdate(update: unknown): UpdateKind {
  if (Array.isArray(update)) {
    if (!update.every(isPlainObject)) throw new CommandError('FailedToParse', 'Each element of the update pipeline must be an object');
    return 'pipeline';
  }
  if (!isPlainObject(update)) throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(update);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0) return 'replacement';
  const plain = keys.find((key) => !key.startsWith('$'));
  if (plain !== undefined) {
    throw new CommandError('FailedToParse', `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  const unknown = operators.find((key) => !UPDATE_OPERATORS.has(key));
  if (unknown !== undefined) {
    throw new CommandError('FailedToParse', `Unknown modifier: ${unknown}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  for (const operator of operators) {
    if (!isPlainObject(update[operator])) {
      throw new CommandError('FailedToParse', `Modifiers operate on fields but we found type ${typeof update[operator]} instead. For example: {$mod: {<field>: ...}} not {${operator}: ${JSON.stringify(update[operator])}}`);
    }
  }
  return 'operators';
}

/** The updated copy of a stored document. */
export function applyUpdate(doc: Doc, update: Doc | Doc[], options: UpdateOptions): Doc {
  const kind = classifyUpdate(update);
  if (kind === 'replacement') return replaceDocument(doc, update as Doc);
  if (kind === 'pipeline') return runPipelineUpdate(doc, update as Doc[]);
  const { $setOnInsert: _onInsert, ...operators } = update as Doc;
  return runOperators(doc, operators, options);
}

/** The document an upsert inserts when nothing matched the query. */
export function buildUpsert(update: Doc | Doc[], options: UpdateOptions): Doc {
  const kind = classifyUpdate(update);
  const seed = seedFromQuery(options.query);
  if (kind === 'replacement') {
    const replacement = update as Doc;
    return ensureId(replacement._id === undefined && seed._id !== undefined ? { _id: seed._id, ...replacement } : deepCopy(replacement));
  }
  if (kind === 'pipeline') return ensureId(runPipelineUpdate(seed, update as Doc[]));
  // On insert, $setOnInsert is one more $set (applied after the others, as mongod does).
  const { $setOnInsert, ...operators } = update as Doc;
  let doc = runOperators(seed, operators, { ...options, query: {} });
  if (isPlainObject($setOnInsert)) doc = runOperators(doc, { $set: $setOnInsert }, { ...options, query: {} });
  return ensureId(doc);
}

/** True when the update left the document byte-for-byte the same (nModified counts the rest). */
export function unchanged(before: Doc, after: Doc): boolean {
  return Buffer.compare(serialize(before), serialize(after)) === 0;
}

function replaceDocument(doc: Doc, replacement: Doc): Doc {
  if (replacement._id !== undefined && idKey(replacement._id) !== idKey(doc._id)) {
    throw immutableId();
  }
  const { _id: _ignored, ...fields } = deepCopy(replacement);
  return { _id: doc._id, ...fields };
}

function runOperators(doc: Doc, update: Doc, options: UpdateOptions): Doc {
  const copy = deepCopy(doc);
  const operators = assignIdFromSet(copy, update);
  if (Object.keys(operators).length === 0) return copy;
  createMissingPushTargets(copy, operators.$push);
  const usesPositional = Object.values(operators).some((fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.split('.').includes('$')));
  const documents = [copy];
  try {
    updateOne(documents, usesPositional ? options.query : {}, operators, { arrayFilters: options.arrayFilters ?? [], cloneMode: 'deep' }, MINGO_OPTIONS);
  } catch (error) {
    if (error instanceof Error && /immutable field '_id'/.test(error.message)) throw immutableId();
    throw error;
  }
  const result = documents[0]!;
  if (idKey(result._id) !== idKey(copy._id)) throw immutableId();
  return withIdFirst(result);
}

/**
 * `$set: { _id }` is legal when it changes nothing, and on an upsert's new document (often
 * as `$setOnInsert: { _id }`); mingo refuses both, so it is handled here. Returns the
 * operators without it; a real change of `_id` is refused.
 */
function assignIdFromSet(doc: Doc, operators: Doc): Doc {
  const set = operators.$set;
  if (!isPlainObject(set) || !('_id' in set)) return operators;
  const { _id, ...rest } = set;
  if (doc._id === undefined) doc._id = deepCopy(_id);
  else if (idKey(doc._id) !== idKey(_id)) throw immutableId();
  const { $set: _set, ...others } = operators;
  return Object.keys(rest).length > 0 ? { ...others, $set: rest } : others;
}

function runPipelineUpdate(doc: Doc, pipeline: Doc[]): Doc {
  const documents = [deepCopy(doc)];
  updateOne(documents, {}, pipeline as Parameters<typeof updateOne>[2], { cloneMode: 'deep' }, MINGO_OPTIONS);
  const result = documents[0]!;
  if (doc._id !== undefined && idKey(result._id) !== idKey(doc._id)) throw immutableId();
  return withIdFirst(result);
}

/**
 * mingo's $push with $slice/$sort/$position on a missing field stores $each untouched;
 * mongod treats the missing field as an empty array first. Give it that empty array.
 */
function createMissingPushTargets(doc: Doc, push: unknown): void {
  if (!isPlainObject(push)) return;
  for (const [path, spec] of Object.entries(push)) {
    if (!isPlainObject(spec) || path.includes('$')) continue;
    if (!('$slice' in spec || '$sort' in spec || '$position' in spec)) continue;
    if (readPath(doc, path) === undefined) setPath(doc, path, []);
  }
}

function readPath(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

/**
 * The fields an upsert starts from: the query's equality conditions (`{ name: 'x' }`,
 * `{ name: { $eq: 'x' } }`, inside `$and`), as mongod does. Regexes and other operators
 * say nothing about the value, so they add nothing.
 */
function seedFromQuery(query: Doc): Doc {
  const seed: Doc = {};
  collectEqualities(query, seed);
  return seed;
}

function collectEqualities(query: Doc, seed: Doc): void {
  for (const [field, condition] of Object.entries(query)) {
    if (field === '$and' || (field === '$or' && Array.isArray(condition) && condition.length === 1)) {
      for (const clause of condition as unknown[]) if (isPlainObject(clause)) collectEqualities(clause, seed);
      continue;
    }
    if (field.startsWith('$')) continue;
    const value = equalityValue(condition);
    if (value.found) setPath(seed, field, deepCopy(value.value));
  }
}

function equalityValue(condition: unknown): { found: boolean; value?: unknown } {
  if (condition instanceof RegExp) return { found: false };
  if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
    return '$eq' in condition ? { found: true, value: condition.$eq } : { found: false };
  }
  return { found: true, value: condition };
}

function immutableId(): CommandError {
  return new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}
