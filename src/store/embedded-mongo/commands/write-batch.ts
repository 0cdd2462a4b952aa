/**
 * The shared shape of insert, update and delete: a batch of statements run one by one,
 * each atomic on its own. A failed statement becomes an entry of `writeErrors` (the
 * command itself still answers ok: 1); an ordered batch stops at the first failure, an
 * unordered one carries on.
 */
import { optionalArray } from '../context.js';
import { asCommandError, badValue } from '../errors.js';
import type { Doc } from '../values.js';

export function statementsOf(command: Doc, field: string): unknown[] {
  const statements = optionalArray(command, field);
  if (statements === undefined) throw badValue(`BSON field '${field}' is missing but a required field`);
  return statements;
}

export function runBatch(command: Doc, statements: unknown[], run: (statement: unknown, index: number) => void): Doc[] {
  const ordered = command.ordered !== false;
  const writeErrors: Doc[] = [];
  for (let index = 0; index < statements.length; index++) {
    try {
      run(statements[index], index);
    } catch (error) {
      writeErrors.push(asCommandError(error).toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

/** `{ ...counts, writeErrors?, ok: 1 }`: writeErrors only when there are some, as mongod does. */
export function writeReply(counts: Doc, writeErrors: Doc[]): Doc {
  return { ...counts, ...(writeErrors.length > 0 ? { writeErrors } : {}), ok: 1 };
}
