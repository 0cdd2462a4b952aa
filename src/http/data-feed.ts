/**
 * The data feed: the provider's systems push learners and events and read cases, over
 * JSON, with an API key. Mounted on the bot's one HTTP server beside the chat platforms,
 * so it claims only its own paths under /api (Teams uses /api/messages).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { BUILTIN_PACK_IDS } from '../rules/packs/index.js';
import type { CaseContext } from '../cases/case-context.js';
import type { CaseService } from '../cases/case-service.js';
import { apiKeyCheck, bearerToken, type ApiKeyCheck } from './api-keys.js';
import { postEvents } from './events.js';
import { errorHandler, type Log } from './http-errors.js';
import { getCase, putLearner } from './learners.js';

export interface DataFeedOptions {
  readonly ctx: CaseContext;
  /** Records fed events and acts on them (notifications, wake-ups). */
  readonly service: CaseService;
  /** WAYMARK_API_KEYS, split; undefined or empty disables the feed. */
  readonly apiKeys: readonly string[] | undefined;
  /** The policy for learners sent without one (WAYMARK_POLICY). */
  readonly defaultPolicy: string;
  /** The ids of every loaded pack a learner may name (default: the built-in ones). */
  readonly policies?: readonly string[];
  readonly log?: Log;
}

export const DISABLED_MESSAGE =
  'the data feed is disabled: set WAYMARK_API_KEYS to a comma-separated list of API keys to enable it';

const FEED_PATHS = ['/api/learners', '/api/events'];

export function dataFeedRouter({ ctx, service, apiKeys, defaultPolicy, policies = BUILTIN_PACK_IDS, log = () => {} }: DataFeedOptions): Router {
  // Fail at start-up, not on the first learner without a policy.
  if (!ctx.packFor(defaultPolicy)) throw new Error(`the default policy "${defaultPolicy}" is not loaded`);
  const keys = (apiKeys ?? []).map((k) => k.trim()).filter((k) => k !== '');
  const router = Router();

  // Authenticate before reading the body: an unauthenticated caller costs no parsing.
  router.use(FEED_PATHS, keys.length === 0 ? disabled : authenticate(apiKeyCheck(keys)));
  router.use(FEED_PATHS, express.json({ limit: '2mb' }));

  router.put('/api/learners/:id', putLearner(ctx, defaultPolicy, policies));
  router.get('/api/learners/:id/case', getCase(ctx));
  router.post('/api/events', postEvents(service));
  router.all(['/api/learners/:id', '/api/learners/:id/case', '/api/events'], methodNotAllowed);

  router.use(errorHandler(log));
  return router;
}

function disabled(_req: Request, res: Response): void {
  res.status(503).json({ error: DISABLED_MESSAGE });
}

function authenticate(check: ApiKeyCheck) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerToken(req.get('authorization'));
    const label = token === null ? null : check.match(token);
    if (label === null) {
      res.set('WWW-Authenticate', 'Bearer realm="waymark"');
      const error = token === null ? 'missing API key: send the header "Authorization: Bearer <key>"' : 'invalid API key';
      res.status(401).json({ error });
      return;
    }
    // The events this caller sends are logged with the key's label as their actor.
    res.locals.apiKeyLabel = label;
    next();
  };
}

const ALLOWED: Record<string, string> = { '/api/events': 'POST' };

function methodNotAllowed(req: Request, res: Response): void {
  const allow = ALLOWED[req.path] ?? (req.path.endsWith('/case') ? 'GET' : 'PUT');
  res.set('Allow', allow).status(405).json({ error: `${req.method} is not allowed on ${req.path}; use ${allow}` });
}
