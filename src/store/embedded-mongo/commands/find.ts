/** Reads through cursors: find, getMore, killCursors. */
import {
  collectionName,
  existingCollection,
  optionalArray,
  optionalDoc,
  optionalNumber,
  type CommandContext,
  type CommandTable,
} from '../context.js';
import { badValue } from '../errors.js';
import { asFilter, findDocuments } from '../query.js';
import type { Doc } from '../values.js';

function find(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'find');
  const skip = optionalNumber(command, 'skip') ?? 0;
  if (skip < 0) throw badValue('skip value must be non-negative');
  const batchSize = optionalNumber(command, 'batchSize');
  if (batchSize !== undefined && batchSize < 0) throw badValue('batchSize value must be non-negative');
  // A negative limit is the legacy way to ask for one batch of at most |limit| documents.
  const rawLimit = optionalNumber(command, 'limit') ?? 0;
  const limit = Math.abs(rawLimit);
  const singleBatch = command.singleBatch === true || rawLimit < 0;

  const collection = existingCollection(context, name);
  const filter = asFilter(command.filter);
  const docs = collection
    ? findDocuments(collection.candidates(filter), {
        filter,
        sort: optionalDoc(command, 'sort'),
        projection: optionalDoc(command, 'projection'),
        skip,
        limit,
      })
    : [];
  const firstBatchSize = singleBatch && limit > 0 && batchSize === undefined ? limit : batchSize;
  return context.cursors.first(`${context.db}.${name}`, docs, { batchSize: firstBatchSize, singleBatch, session: context.session }) as unknown as Doc;
}

function getMore(command: Doc, context: CommandContext): Doc {
  const name = command.collection;
  if (typeof name !== 'string') throw badValue("getMore needs the 'collection' field");
  const batchSize = optionalNumber(command, 'batchSize');
  return context.cursors.more(command.getMore, `${context.db}.${name}`, batchSize) as unknown as Doc;
}

function killCursors(command: Doc, context: CommandContext): Doc {
  collectionName(command, 'killCursors');
  const { killed, notFound } = context.cursors.kill(optionalArray(command, 'cursors') ?? []);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

export const findCommands: CommandTable = { find, getMore, killCursors };
