/**
 * The bot's one HTTP server (one port, PORT): health probes, the data feed, the web pages
 * (src/web), and the Slack and Teams endpoints given as routers. Every answer, an error included, is JSON without
 * internals whatever NODE_ENV says (Express's own pages carry stack traces), and every
 * request is answered within a limit.
 */
import express, { type Express, type Request, type Response, type Router } from 'express';
import type { CaseContext } from '../cases/case-context.js';
import type { CaseService } from '../cases/case-service.js';
import { dataFeedRouter } from './data-feed.js';
import { healthRouter } from './health.js';
import { requestLog, type RequestLogLine } from './request-log.js';
import { requestTimeout } from './request-timeout.js';
import { errorHandler, type Log } from './http-errors.js';
import type { WebLinks } from '../web/links.js';
import { webRouter, type RefusalLog } from '../web/web-router.js';

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
  /** The chat platforms' endpoints (Slack's /slack/events, Teams' /api/messages). */
  readonly routers?: readonly Router[];
  /** The web pages (register, charts, chronology) and what signs their links; none without. */
  readonly web?: { readonly links: WebLinks; readonly logRefusal?: RefusalLog };
  /** The most a request may take before it is answered 503 (default REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs?: number;
}

export function createHttpApp({ ctx, service, apiKeys, defaultPolicy, policies, ready, log, requestLog: logRequest, routers = [], requestTimeoutMs, web }: HttpAppOptions): Express {
  const app = express();
  // No "X-Powered-By: Express": it tells a scanner what to try.
  app.disable('x-powered-by');
  if (logRequest) app.use(requestLog(logRequest));
  app.use(requestTimeout(requestTimeoutMs));
  app.use(healthRouter({ ready }));
  app.use(dataFeedRouter({ ctx, service, apiKeys, defaultPolicy, ...(policies ? { policies } : {}), log }));
  if (web) app.use(webRouter({ ctx, links: web.links }, web.logRefusal));
  for (const router of routers) app.use(router);
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}

function notFound(req: Request, res: Response): void {
  res.status(404).json({ error: `no such endpoint: ${req.method} ${req.path}` });
}
