/**
 * A request id for every HTTP request (the caller's X-Request-Id, or a new one), echoed in
 * the response and logged with the method, path, status and time taken. Nothing else from
 * the request is logged: no headers (tokens), no bodies (learner details).
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestLogLine {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
}

export function requestLog(log: (line: RequestLogLine) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.get('x-request-id');
    const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    // Read now: a router mounted at a prefix (/api) strips it from req.path while it runs.
    const path = req.path;
    res.on('finish', () => {
      log({ requestId, method: req.method, path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
    next();
  };
}
