/**
 * No request holds a socket for ever: one not answered within the limit gets a 503 (or,
 * if its answer had begun, its connection is closed), whatever the handler is waiting on.
 * The limit is far above anything a platform waits for (Slack 3 s, a Teams invoke 5 s)
 * and above the largest data-feed batch, so only a stuck handler meets it.
 */
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_TIMEOUT_MS = 30_000;

export function requestTimeout(ms: number = REQUEST_TIMEOUT_MS) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const timer = setTimeout(() => {
      if (res.headersSent) return void res.destroy();
      res.set('Retry-After', '5').status(503).json({ error: 'the request was not answered in time; try again' });
    }, ms);
    timer.unref();
    // 'close' follows the answer, and a caller who hangs up.
    res.once('close', () => clearTimeout(timer));
    next();
  };
}
