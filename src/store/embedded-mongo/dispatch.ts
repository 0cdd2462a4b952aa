/**
 * The command registry: command name -> handler, merged from one table per command family.
 * `runCommand` reads the envelope (`$db`, `lsid`), refuses transactions, runs the handler
 * and turns any failure into mongod's `{ ok: 0, errmsg, code, codeName }` reply. It never
 * throws.
 */
import { aggregateCommands } from './commands/aggregate.js';
import { databaseCommands } from './commands/databases.js';
import { deleteCommands } from './commands/delete.js';
import { findAndModifyCommands } from './commands/find-and-modify.js';
import { findCommands } from './commands/find.js';
import { handshakeCommands } from './commands/handshake.js';
import { indexCommands } from './commands/index-commands.js';
import { insertCommands } from './commands/insert.js';
import { updateCommands } from './commands/update.js';
import type { CommandContext, CommandHandler, ServerState } from './context.js';
import { asCommandError, CommandError, notSupported, TRANSACTIONS_UNSUPPORTED } from './errors.js';
import { isPlainObject, type Doc } from './values.js';

const REGISTRY: ReadonlyMap<string, CommandHandler> = new Map(
  Object.entries({
    ...handshakeCommands,
    ...databaseCommands,
    ...findCommands,
    ...insertCommands,
    ...updateCommands,
    ...deleteCommands,
    ...findAndModifyCommands,
    ...aggregateCommands,
    ...indexCommands,
  }),
);

/** The command names this server answers, for the report and for tests. */
export const SUPPORTED_COMMANDS: readonly string[] = [...REGISTRY.keys()];

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

export interface RequestEnvelope {
  /** The database of an OP_QUERY namespace; OP_MSG commands carry `$db` instead. */
  readonly db?: string | undefined;
  readonly connectionId: number;
}

export function runCommand(command: Doc, state: ServerState, envelope: RequestEnvelope): Doc {
  const name = Object.keys(command)[0] ?? '';
  try {
    rejectTransactions(name, command);
    const handler = REGISTRY.get(name);
    if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
    return handler(command, contextFor(command, state, envelope));
  } catch (error) {
    return asCommandError(error).toReply();
  }
}

function contextFor(command: Doc, state: ServerState, envelope: RequestEnvelope): CommandContext {
  const db = typeof command.$db === 'string' ? command.$db : (envelope.db ?? 'admin');
  return { ...state, db, connectionId: envelope.connectionId, session: sessionOf(command.lsid) };
}

/** lsid is `{ id: UUID }`; its hex string identifies the session's cursors. */
function sessionOf(lsid: unknown): string | undefined {
  if (!isPlainObject(lsid)) return undefined;
  const id = lsid.id as { toString?: (encoding: string) => string } | undefined;
  return typeof id?.toString === 'function' ? id.toString('hex') : undefined;
}

/**
 * A standalone server has no transactions. `txnNumber` alone (a retryable write) is
 * harmless and ignored; starting or continuing a transaction is refused loudly.
 */
function rejectTransactions(name: string, command: Doc): void {
  if (TRANSACTION_COMMANDS.has(name) || command.startTransaction === true || command.autocommit === false) {
    throw notSupported(TRANSACTIONS_UNSUPPORTED);
  }
}
