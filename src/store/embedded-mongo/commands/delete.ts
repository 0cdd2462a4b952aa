/** delete: each statement removes the first match (limit 1) or every match (limit 0). */
import { collectionName, existingCollection, type CommandContext, type CommandTable } from '../context.js';
import { badValue } from '../errors.js';
import { asFilter, compileFilter } from '../query.js';
import { isPlainObject, type Doc } from '../values.js';
import { runBatch, statementsOf, writeReply } from './write-batch.js';

function deleteCommand(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, 'delete');
  const statements = statementsOf(command, 'deletes');
  const collection = existingCollection(context, name);
  let n = 0;
  const writeErrors = runBatch(command, statements, (statement) => {
    if (!isPlainObject(statement)) throw badValue('each delete statement must be an object');
    const limit = statement.limit ?? 0;
    if (limit !== 0 && limit !== 1) throw badValue(`The limit field in delete objects must be 0 or 1. Got ${String(limit)}`);
    if (!collection) return;
    const query = asFilter(statement.q, 'q');
    const matches = compileFilter(query);
    for (const doc of collection.candidates(query)) {
      if (!matches(doc)) continue;
      collection.remove(doc);
      n++;
      if (limit === 1) break;
    }
  });
  return writeReply({ n }, writeErrors);
}

export const deleteCommands: CommandTable = { delete: deleteCommand };
