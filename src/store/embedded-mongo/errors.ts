/**
 * Server errors with MongoDB's codes and code names, so the driver raises the same
 * MongoServerError a real server would cause and callers can test `error.code`.
 */
import type { Document } from 'bson';

/** The subset of MongoDB's error codes (src/mongo/base/error_codes.yml) this server uses. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CannotCreateIndex: 67,
  NotImplemented: 238,
  DuplicateKey: 11000,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

export class CommandError extends Error {
  readonly code: number;

  constructor(
    readonly codeName: ErrorCodeName,
    message: string,
    /** Extra reply fields, e.g. keyPattern and keyValue on a duplicate key error. */
    readonly details: Document = {},
  ) {
    super(message);
    this.code = ErrorCode[codeName];
  }

  /** The `{ ok: 0, errmsg, code, codeName }` reply of a failed command. */
  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.details };
  }

  /** One entry of a write command's `writeErrors`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.details };
  }
}

export function badValue(message: string): CommandError {
  return new CommandError('BadValue', message);
}

/** Turns anything thrown while running a command into a CommandError. */
export function asCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  // mingo throws MingoError (a plain Error subclass) for bad query, update and pipeline syntax.
  if (error instanceof Error && error.constructor.name === 'MingoError') return badValue(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new CommandError('InternalError', `embedded server error: ${message}`);
}

/**
 * A feature this server does not have. Not IllegalOperation (20): the driver rewrites that
 * code on any write into a misleading "does not support retryable writes" message.
 */
export function notSupported(message: string): CommandError {
  return new CommandError('NotImplemented', message);
}

export const TRANSACTIONS_UNSUPPORTED =
  'Transactions are not supported by the embedded MongoDB server (it runs as a standalone server). ' +
  'Use single-document atomic updates and unique indexes, or set MONGODB_URI to a replica set.';
