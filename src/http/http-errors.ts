/**
 * Error answers for the HTTP API: a body the parser could not read is the caller's fault and
 * is named; anything else is ours, answered with an id the log can be searched for, and never
 * with details (a stack trace or a database message can leak internals).
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';

export type Log = (line: string) => void;

/** What body-parser attaches to the errors it raises (http-errors). */
interface BodyParserError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly expose?: unknown;
  readonly message?: unknown;
}

export function errorHandler(log: Log): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const client = clientError(err);
    if (client) return void res.status(client.status).json({ error: client.message });
    const id = randomUUID();
    log(`internal error ${id}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).json({ error: 'internal error', id });
  };
}

/**
 * A 4xx raised while reading the request (its body, or a path that does not decode), as
 * status and message; null for anything else.
 */
function clientError(err: unknown): { status: number; message: string } | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as BodyParserError;
  // The router marks a path that does not decode with status 400 on a URIError, not `expose`.
  const exposed = e.expose === true || err instanceof URIError;
  if (typeof e.status !== 'number' || e.status < 400 || e.status >= 500 || !exposed) return null;
  const detail = typeof e.message === 'string' ? e.message : 'unreadable body';
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, message: `the request body is not valid JSON: ${detail}` };
    case 'entity.too.large':
      return { status: 413, message: 'the request body is too large (at most 2 MB)' };
    default:
      return { status: e.status, message: typeof e.type === 'string' ? `the request body could not be read: ${detail}` : `bad request: ${detail}` };
  }
}
