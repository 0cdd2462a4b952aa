/** insert: documents arrive in the body or as a kind-1 `documents` sequence. */
import { collectionName, type CommandContext, type CommandTable } from '../context.js';
import { CommandError } from '../errors.js';
import { ensureId, isPlainObject, type Doc } from '../values.js';
import { runBatch, statementsOf, writeReply } from './write-batch.js';

function insert(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'insert');
  const documents = statementsOf(command, 'documents');
  const collection = context.storage.ensureCollection(context.db, name);
  let n = 0;
  const writeErrors = runBatch(command, documents, (document) => {
    if (!isPlainObject(document)) throw new CommandError('TypeMismatch', 'each document to insert must be an object');
    if (Array.isArray(document._id)) throw new CommandError('BadValue', "The '_id' value cannot be of type array");
    collection.insert(ensureId(document));
    n++;
  });
  return writeReply({ n }, writeErrors);
}

export const insertCommands: CommandTable = { insert };
