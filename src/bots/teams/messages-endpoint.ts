/**
 * POST /api/messages, answered promptly whatever arrives. With Bot Framework
 * authentication on, a request without a bearer token is refused (401) before its body is
 * read; a body that is not an activity is a 400 naming what is missing (the adapter would
 * throw on it, and the request was never answered); a token that fails any check (issuer,
 * audience, expiry, signature) is a 401; anything else unexpected is a 500 with an id the
 * log holds. No answer carries a library's message or a stack trace.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod/v4';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import { ReusedConnectors } from './reused-connectors.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

/**
 * botbuilder's CloudAdapter with its turn entry point public, so the HTTP answer is ours to
 * give, and its connector clients made once and reused (reused-connectors.ts).
 */
export class ActivityAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const auth = this.botFrameworkAuthentication;
    type Auth = typeof auth;
    const clients = new ReusedConnectors<Awaited<ReturnType<ReturnType<Auth['createConnectorFactory']>['create']>>, Awaited<ReturnType<Auth['createUserTokenClient']>>>();
    const reusing = Object.create(auth) as Auth;
    reusing.createConnectorFactory = (identity) => clients.reusing(auth.createConnectorFactory(identity), identity);
    reusing.createUserTokenClient = (identity) => clients.userTokens(identity, () => auth.createUserTokenClient(identity));
    reusing.authenticateRequest = async (activity, authHeader) => {
      const result = await auth.authenticateRequest(activity, authHeader);
      return result.connectorFactory ? { ...result, connectorFactory: clients.reusing(result.connectorFactory, result.claimsIdentity) } : result;
    };
    // The authentication every turn and every proactive message goes through.
    (this as unknown as { botFrameworkAuthentication: Auth }).botFrameworkAuthentication = reusing;
  }

  /** Authenticates the request (when credentials are set) and runs the turn; throws when authentication fails. */
  runActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** What every turn reads; Teams (and the Agents Playground) always send it. */
const ACTIVITY = z.object({
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  from: z.object({ id: z.string().min(1) }),
  conversation: z.object({ id: z.string().min(1) }),
});

/** The refusals botbuilder and jsonwebtoken raise for a token that fails a check. */
const TOKEN_ERRORS = ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'];

export interface MessagesEndpoint {
  readonly adapter: ActivityAdapter;
  readonly logic: (context: TurnContext) => Promise<void>;
  /** Bot Framework authentication is on (BOT_ID set). */
  readonly authenticated: boolean;
  readonly log: (line: string) => void;
}

/** Answers one request whose JSON body is parsed; never rejects. */
export async function answerActivity({ adapter, logic, log }: MessagesEndpoint, req: Request, res: Response): Promise<void> {
  const shape = ACTIVITY.safeParse(req.body);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the body';
    res.status(400).json({ error: `not a Bot Framework activity: ${where}: ${issue.message}` });
    return;
  }
  try {
    const answer = await adapter.runActivity(req.get('authorization') ?? '', withDates(req.body as Activity), logic);
    if (res.headersSent) return;
    res.status(answer?.status ?? 200);
    if (answer?.body === undefined) res.end();
    else res.json(answer.body);
  } catch (error) {
    if (res.headersSent) return;
    if (refusedToken(error)) {
      res.set('WWW-Authenticate', 'Bearer').status(401).json({ error: 'unauthorized: the request does not carry a valid Bot Framework token' });
      return;
    }
    const id = randomUUID();
    log(`teams request failed ${id}: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ error: 'internal error', id });
  }
}

/** The route for the bot's one HTTP server; body-parser's errors go on to the app's error handler. */
export function messagesRouter(endpoint: MessagesEndpoint): Router {
  const router = Router();
  const handlers = [express.json({ limit: '1mb' }), (req: Request, res: Response) => answerActivity(endpoint, req, res)];
  // An unauthenticated caller costs no parsing.
  router.post(TEAMS_MESSAGES_PATH, ...(endpoint.authenticated ? [requireBearer] : []), ...handlers);
  return router;
}

function requireBearer(req: Request, res: Response, next: NextFunction): void {
  if (/^Bearer \S+$/.test(req.get('authorization') ?? '')) return next();
  res.set('WWW-Authenticate', 'Bearer').status(401).json({ error: 'unauthorized: send the Bot Framework token as "Authorization: Bearer <token>"' });
}

function refusedToken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { statusCode?: unknown; name?: unknown };
  return e.statusCode === 401 || TOKEN_ERRORS.includes(String(e.name));
}

/** As CloudAdapter.process does before a turn: the wire's date strings as Dates. */
function withDates(activity: Activity): Activity {
  const wire = activity as unknown as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration']) {
    if (typeof wire[field] === 'string') wire[field] = new Date(wire[field]);
  }
  return activity;
}
