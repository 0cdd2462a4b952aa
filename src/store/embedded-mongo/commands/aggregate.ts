/**
 * aggregate (cursor form, through mingo's pipeline), count and distinct. `$lookup` and the
 * other stages that read a second collection see the same database. `$out` and `$merge`
 * are refused: they would write behind the unique indexes' back.
 */
import type { Collection } from '../collections.js';
import { collectionName, existingCollection, optionalDoc, optionalNumber, type CommandContext, type CommandTable } from '../context.js';
import { badValue, CommandError, notSupported } from '../errors.js';
import { asFilter, compileFilter, findDocuments, runPipeline } from '../query.js';
import { canonicalKey, isPlainObject, valuesAtPath, type Doc } from '../values.js';

const WRITING_STAGES = new Set(['$out', '$merge']);

function pipelineOf(command: Doc): Doc[] {
  const pipeline = command.pipeline;
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) {
    throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array of objects");
  }
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (WRITING_STAGES.has(name)) throw notSupported(`${name} is not supported by the embedded MongoDB server`);
  }
  return pipeline;
}

/**
 * The documents a pipeline reads. A leading `$match` lets the planner narrow them (it still
 * runs as the first stage, over the candidates, in natural order), as mongod's would use an
 * index; this is what driver's countDocuments sends.
 */
function sourceOf(collection: Collection | undefined, pipeline: Doc[]): Doc[] {
  if (!collection) return [];
  const match = pipeline[0]?.$match;
  return isPlainObject(match) ? collection.candidates(match) : collection.documents();
}

function aggregate(command: Doc, context: CommandContext): Doc {
  const target = command.aggregate;
  if (command.explain === true) throw notSupported('explain is not supported by the embedded MongoDB server');
  const cursor = optionalDoc(command, 'cursor');
  if (!cursor) throw new CommandError('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  const pipeline = pipelineOf(command);
  // `aggregate: 1` runs a collection-less pipeline (it starts with a stage like $documents).
  const name = target === 1 ? '$cmd.aggregate' : collectionName(command, 'aggregate');
  const source = target === 1 ? [] : sourceOf(existingCollection(context, name), pipeline);
  const resolve = (other: string): Doc[] => existingCollection(context, other)?.documents() ?? [];
  const results = runPipeline(source, pipeline, resolve, optionalDoc(command, 'let'));
  const batchSize = optionalNumber(cursor, 'batchSize');
  return context.cursors.first(`${context.db}.${name}`, results, { batchSize, session: context.session }) as unknown as Doc;
}

function count(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'count');
  const skip = optionalNumber(command, 'skip') ?? 0;
  if (skip < 0) throw badValue('skip value is negative in count query');
  const limit = Math.abs(optionalNumber(command, 'limit') ?? 0);
  const collection = existingCollection(context, name);
  if (!collection) return { n: 0, ok: 1 };
  const filter = asFilter(command.query, 'query');
  const n = findDocuments(collection.candidates(filter), { filter, skip, limit }).length;
  return { n, ok: 1 };
}

function distinct(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'distinct');
  const key = command.key;
  if (typeof key !== 'string' || key.length === 0) throw badValue("'key' must be a non-empty string");
  const query = asFilter(command.query, 'query');
  const matches = compileFilter(query);
  const seen = new Map<string, unknown>();
  for (const doc of existingCollection(context, name)?.candidates(query) ?? []) {
    if (!matches(doc)) continue;
    // An array field contributes its elements, as mongod's distinct does.
    for (const value of valuesAtPath(doc, key.split('.'))) {
      if (value !== undefined) seen.set(canonicalKey([value]), value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
}

export const aggregateCommands: CommandTable = { aggregate, count, distinct };
