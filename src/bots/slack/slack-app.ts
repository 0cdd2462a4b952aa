/**
 * The Slack app on Bolt. Over HTTP, Bolt's ExpressReceiver verifies every request's
 * signature and timestamp and serves `/slack/events` on a router the bot's one HTTP server
 * mounts; with SLACK_APP_TOKEN it uses Socket Mode instead (development, no public URL).
 * Every listener acknowledges first (Slack allows 3 s) and then hands the work to the
 * bounded work queue (work-queue.ts), so acks never wait behind it; a modal's
 * submission is the exception, run before its acknowledgement so a refusal can be shown
 * in the modal, and so what the person sees as done is stored.
 */
import { App, ExpressReceiver, LogLevel, type Logger } from '@slack/bolt';
import { Router } from 'express';
import type { CaseQueries } from '../../cases/case-queries.js';
import type { CaseService } from '../../cases/case-service.js';
import type { CaseContext } from '../../cases/case-context.js';
import type { Pack } from '../../rules/pack/pack-schema.js';
import type { WebLinks } from '../../web/links.js';
import { linkStaff, type LinkReport } from '../../cases/staff-links.js';
import type { ChatDeps } from '../conversation.js';
import { registerActions } from './actions.js';
import { registerAppHome } from './app-home.js';
import { slackClientOptions } from './slack-api.js';
import { WorkQueue } from '../work-queue.js';
import { notSlackRequestHandler, requestBodyGuard } from './request-body-guard.js';
import { registerSlashCommand } from './slash-command.js';
import { slackDirectory } from './slack-directory.js';
import { SlackNotifier } from './slack-notifier.js';
import { pictureUrls } from '../web-links.js';
import { registerViewSubmissions } from './view-submissions.js';

export interface SlackConfig {
  readonly botToken: string;
  readonly signingSecret: string;
  /** Socket Mode (development) when set. */
  readonly appToken?: string | undefined;
  /** The Web API's base URL (tests, GovSlack); default Slack's. */
  readonly apiUrl?: string | undefined;
}

export interface SlackDeps {
  readonly ctx: CaseContext;
  readonly service: CaseService;
  readonly queries: CaseQueries;
  readonly packs: readonly Pack[];
  /** The id of the policy in force (WAYMARK_POLICY); default: the first of `packs`. */
  readonly defaultPolicy?: string | undefined;
  readonly config: SlackConfig;
  /** Where errors in listeners go (the person gets a friendly message). */
  readonly log?: (line: string) => void;
  /** The least time between two posts to one channel (Slack allows about one a second). */
  readonly postIntervalMs?: number;
  /** Where the work behind requests runs (shared with Teams in one process); default its own. */
  readonly work?: WorkQueue;
  /** Signs links to the web pages (and the digest's chart); null or absent: no web pages. */
  readonly links?: WebLinks | null;
}

export interface SlackBot {
  readonly app: App;
  /** Mount on the bot's HTTP server (serves POST /slack/events); null in Socket Mode. */
  readonly router: Router | null;
  readonly notifier: SlackNotifier;
  /**
   * Links staff without a Slack id to their Slack user by e-mail (users.lookupByEmail);
   * the report names whoever could not be found. Run on start and by `waymark staff link`.
   */
  linkStaff(): Promise<LinkReport>;
  /** Connects Socket Mode (no-op over HTTP). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';

export function createSlackBot(deps: SlackDeps): SlackBot {
  const { config } = deps;
  const log = deps.log ?? (() => {});
  const logger = quietLogger(log);
  const clientOptions = slackClientOptions(config.apiUrl);
  let router: Router | null = null;
  let app: App;
  if (config.appToken) {
    app = new App({ token: config.botToken, appToken: config.appToken, socketMode: true, logger, clientOptions });
  } else {
    router = Router();
    router.post(SLACK_EVENTS_PATH, ...requestBodyGuard());
    const receiver = new ExpressReceiver({ signingSecret: config.signingSecret, endpoints: SLACK_EVENTS_PATH, router, logger, processBeforeResponse: false, processEventErrorHandler: notSlackRequestHandler });
    // Token verification stays on: Bolt then calls auth.test once at start. Off, it calls
    // auth.test before every request (a round trip to Slack each time, found under load).
    app = new App({ token: config.botToken, receiver, logger, clientOptions });
  }
  app.error(async (error) => log(`slack listener failed: ${error.message}`));

  const defaultPolicy = deps.defaultPolicy ?? deps.packs[0]?.id ?? '';
  const links = deps.links ?? null;
  const chat: ChatDeps = { ctx: deps.ctx, service: deps.service, queries: deps.queries, packs: deps.packs, defaultPolicy, platform: 'slack', work: deps.work ?? new WorkQueue(), links };
  registerSlashCommand(app, chat, log);
  registerActions(app, chat, log);
  registerViewSubmissions(app, chat, log);
  registerAppHome(app, chat, log);
  const notifier = new SlackNotifier(app.client, deps.ctx.store, { postIntervalMs: deps.postIntervalMs ?? 1_000, log, pictureUrl: pictureUrls(links, () => deps.ctx.now()) });
  return {
    app,
    router,
    notifier,
    linkStaff: () => linkStaff(deps.ctx.store, slackDirectory(app.client)),
    start: async () => {
      if (config.appToken) await app.start();
    },
    stop: async () => {
      if (config.appToken) await app.stop();
    },
  };
}

function quietLogger(log: (line: string) => void): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => log(`slack: ${msg.map(String).join(' ')}`),
    error: (...msg: unknown[]) => log(`slack: ${msg.map(String).join(' ')}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
