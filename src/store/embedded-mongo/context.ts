/**
 * What a command handler gets: the server's state and the request's envelope, and the
 * shape of the registry that maps command names to handlers.
 */
import type { Collection, Storage } from './collections.js';
import type { CursorStore } from './cursors.js';
import { CommandError } from './errors.js';
import { isPlainObject, type Doc } from './values.js';

export interface ServerState {
  readonly storage: Storage;
  readonly cursors: CursorStore;
}

export interface CommandContext extends ServerState {
  /** The command's database (`$db`, or the namespace of an OP_QUERY). */
  readonly db: string;
  readonly connectionId: number;
  /** The session id (lsid.id as hex), if the driver sent one. */
  readonly session: string | undefined;
}

/** Runs one command synchronously, which is what makes every write atomic. */
export type CommandHandler = (command: Doc, context: CommandContext) => Doc;

export type CommandTable = Readonly<Record<string, CommandHandler>>;

/** The collection name a command names in its first field (`{ find: 'jobs', ... }`). */
export function collectionName(command: Doc, commandName: string): string {
  const name = command[commandName];
  if (typeof name !== 'string' || name.length === 0) {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${describeType(name)}`);
  }
  return name;
}

/** The collection if it exists; reads of a missing collection see no documents. */
export function existingCollection(context: CommandContext, name: string): Collection | undefined {
  return context.storage.collection(context.db, name);
}

export function optionalDoc(command: Doc, field: string): Doc | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type '${describeType(value)}', expected type 'object'`);
  return value;
}

export function optionalNumber(command: Doc, field: string): number | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'object' && value !== null && 'toNumber' in value ? (value as { toNumber(): number }).toNumber() : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type '${describeType(value)}', expected a number`);
  }
  return number;
}

export function optionalArray(command: Doc, field: string): unknown[] | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type '${describeType(value)}', expected type 'array'`);
  return value;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (typeof value === 'object') return isPlainObject(value) ? 'object' : value.constructor.name.toLowerCase();
  return typeof value === 'number' ? 'double' : typeof value;
}
