/**
 * The bot's one HTTP server (one port, PORT): health probes and the data feed now; the
 * Slack and Teams endpoints are mounted on the same app.
 */
import express, { type Express } from 'express';
import type { CaseContext } from '../cases/case-context.js';
import type { CaseService } from '../cases/case-service.js';
import { dataFeedRouter } from './data-feed.js';
import { healthRouter } from './health.js';
import { requestLog, type RequestLogLine } from './request-log.js';
import type { Log } from './http-errors.js';

export interface HttpAppOptions {
  readonly ctx: CaseContext;
  readonly service: CaseService;
  readonly apiKeys: readonly string[] | undefined;
  readonly defaultPolicy: string;
  /** The ids of every loaded pack a learner may name (default: the built-in ones). */
  readonly policies?: readonly string[];
  /** null when the database and scheduler are ready; otherwise the reason. */
  readonly ready: () => Promise<string | null>;
  /** Where unexpected errors go, with the id the caller was given. */
  readonly log: Log;
  /** Where each request is logged (method, path, status, time, request id); none by default. */
  readonly requestLog?: (line: RequestLogLine) => void;
}

export function createHttpApp({ ctx, service, apiKeys, defaultPolicy, policies, ready, log, requestLog: logRequest }: HttpAppOptions): Express {
  const app = express();
  // No "X-Powered-By: Express": it tells a scanner what to try.
  app.disable('x-powered-by');
  if (logRequest) app.use(requestLog(logRequest));
  app.use(healthRouter({ ready }));
  app.use(dataFeedRouter({ ctx, service, apiKeys, defaultPolicy, ...(policies ? { policies } : {}), log }));
  return app;
}
