/**
 * Starting and stopping the bot: the store (the embedded one when no MONGODB_URI), the
 * scheduler, the case service, the chat adapters that are configured, and the one HTTP
 * server (health, the data feed, Slack's endpoint). Stopping is graceful: no new
 * requests, those in flight finish, Agenda releases its locks, the database closes.
 */
import type { Logger } from 'pino';
import { CaseQueries } from '../cases/case-queries.js';
import { CaseService } from '../cases/case-service.js';
import type { CaseContext } from '../cases/case-context.js';
import type { Intent } from '../cases/intents.js';
import { ClaimsHere } from '../cases/once.js';
import type { Notifier } from '../cases/notifier.js';
import type { MessageRemover } from '../privacy/message-removal.js';
import { linkReportLines } from '../cases/staff-links.js';
import { createSlackBot, type SlackBot } from '../bots/slack/slack-app.js';
import { createTeamsBot, type TeamsBot } from '../bots/teams/teams-app.js';
import { LoopLoad, postsUnlessOverloaded } from '../bots/loop-load.js';
import { WorkQueue } from '../bots/work-queue.js';
import { createHttpApp } from '../http/app.js';
import { LinkSigner, WebLinks } from '../web/links.js';
import { digestChart, digestPictureName } from '../web/digest-chart.js';
import type { DigestChartMaker } from '../cases/digests.js';
import type { PackRegistry } from '../pack-files/pack-registry.js';
import { PROCESS_EVERY_MS, Scheduler, weeklyMeetings } from '../scheduler/scheduler.js';
import { directoryCache } from '../store/remembered-reads.js';
import { openStore } from '../store/open-store.js';
import type { Config } from './config.js';
import { loadDemoProvider, type DemoSummary } from './demo-provider.js';
import { listen } from './listen.js';
import { startPlayground } from './playground.js';
import { checkPackVersions, putPacksInForce } from './policy-versions.js';
import { watchVersions } from './version-watch.js';

export interface Running {
  /** The port the HTTP server listens on. */
  readonly port: number;
  /** Makes signed links to the web pages; null when WAYMARK_PUBLIC_URL is unset outside local mode. */
  readonly links: WebLinks | null;
  /** Local mode: where the Agents Playground is, if it started. */
  readonly playgroundUrl: string | null;
  readonly demo: DemoSummary | null;
  readonly embedded: boolean;
  readonly service: CaseService;
  readonly ctx: CaseContext;
  /**
   * Settles, with one line per pack, if another instance on the database puts a newer
   * version of a pack in force: this one must stop rather than run the old rules.
   */
  readonly superseded: Promise<string[]>;
  /** Stops gracefully; resolves when everything is closed. */
  stop(): Promise<void>;
}

/** The bot did not start (and changed nothing): one line per problem. */
export class NotStarted extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** How long /readyz waits for the database to answer a ping. */
const READY_PING_MS = 2_000;

/** How long in-flight requests get to finish on shutdown. */
export const SHUTDOWN_GRACE_MS = 8_000;

export async function startWaymark(config: Config, log: Logger, registry: PackRegistry): Promise<Running> {
  // The embedded store says loudly, line by line, that nothing it holds is durable.
  const opened = await openStore({ uri: config.mongodbUri, log: (line) => log.warn(line) });
  const packs = [...registry.packs.values()].map((p) => p.pack);
  // The database says which version of each pack is in force: a pack changed without a
  // new version, or older than the one in force, stops the start before anything runs.
  const versions = await checkPackVersions(opened.store, [...registry.packs.values()], new Date());
  if (!versions.ok) {
    await opened.close();
    throw new NotStarted(versions.lines);
  }
  const updated = await putPacksInForce(opened.store, versions.changes);
  for (const c of updated.filter((c) => c.previous !== null)) log.info({ policy: c.policy, from: c.previous, to: c.version }, `policy ${c.policy} updated from ${c.previous} to ${c.version}`);
  // Every request and post asks for people and settings: read at most every few seconds.
  const store = directoryCache(opened.store);
  const ctx: CaseContext = { store, packFor: registry.packFor, now: () => new Date(), claimLeaseMs: config.leaseMs, claimsHere: new ClaimsHere() };

  // The web pages' links: signed with WAYMARK_WEB_SECRET (or a key for this process), for
  // the public address, or this machine's in local mode once the port is known.
  let listeningPort = config.port;
  const publicUrl = config.web.publicUrl ?? (config.local ? () => `http://localhost:${listeningPort}` : null);
  const links = publicUrl === null ? null : new WebLinks(new LinkSigner(config.web.secret), typeof publicUrl === 'string' ? () => publicUrl : publicUrl);

  const notifiers: Notifier[] = [];
  const notifier: Notifier = { send: (intent, key) => fanOut(notifiers, intent, key, log) };
  // The platforms that replace chat messages about erased learners (src/privacy).
  const removers: MessageRemover[] = [];
  const scheduler = new Scheduler({
    db: opened.connection.db!,
    ctx,
    notifier,
    meetings: weeklyMeetings(packs),
    // A job or delivery held by an instance that went silent is taken over within about a
    // lease and a half: locks last a lease, jobs are polled at least twice a lease, and the
    // safety-net sweep runs every lease.
    lockLifetimeMs: config.leaseMs,
    processEveryMs: Math.min(PROCESS_EVERY_MS, config.leaseMs / 2),
    sweepEvery: `${config.leaseMs / 1_000} seconds`,
    retentionYears: config.retentionYears,
    removers,
    // The digest's chart is a picture at a signed address: none without the web pages.
    ...(links ? { digestChart: digestChartMaker(ctx) } : {}),
    log: (line) => log.info(line),
  });
  // Every chat request is acknowledged on this process's one event loop: while it has no
  // time to spare, one piece of chat work runs at a time and none waits (the rest are told
  // Waymark is busy), and the posts a command sets off are left in the case's outbox for
  // the scheduler's sweep (loop-load.ts).
  const load = new LoopLoad().start();
  const service = new CaseService({
    ctx,
    notifier,
    wakeAt: (learnerId, at) => scheduler.wakeAt(learnerId, at),
    onAfterError: (learnerId, error) => log.warn({ learnerId, err: String(error) }, 'delivery after a change failed; the scheduler will retry'),
    // A person's confirmation does not wait for the posts their command set off (what is
    // not sent before a stop, or while the loop is overloaded, stays in the case's outbox and
    // its wake-up on the case, for the scheduler's sweep within a lease).
    afterAnswer: postsUnlessOverloaded(load),
  });
  const queries = new CaseQueries(ctx);

  // One bounded queue for the work behind every chat request in this process (work-queue.ts).
  const work = new WorkQueue({ overloaded: () => load.over });
  let slack: SlackBot | null = null;
  if (config.slack) {
    slack = createSlackBot({ ctx, service, queries, packs, defaultPolicy: registry.defaultPolicy, config: config.slack, log: (line) => log.warn(line), work, links });
    notifiers.push(slack.notifier);
    removers.push(slack.notifier);
  }
  // Teams: authenticated with the Azure Bot's credentials; anonymous only in local mode
  // (the embedded store, e.g. with the Agents Playground); otherwise not served.
  let teams: TeamsBot | null = null;
  if (config.teams || opened.embedded) {
    teams = createTeamsBot({ ctx, service, queries, packs, defaultPolicy: registry.defaultPolicy, config: config.teams ?? {}, log: (line) => log.warn(line), work, links });
    notifiers.push(teams.notifier);
    removers.push(teams.notifier);
  }
  if (notifiers.length === 0) notifiers.push(loggingNotifier(log));

  let schedulerRunning = false;
  const app = createHttpApp({
    ctx,
    service,
    apiKeys: config.apiKeys,
    defaultPolicy: registry.defaultPolicy,
    policies: [...registry.packs.keys()],
    ready: async () => {
      if (versionWatch.isSuperseded()) return 'a newer policy version is in force; this instance is stopping';
      if (!schedulerRunning) return 'the scheduler is not running';
      try {
        await Promise.race([
          opened.connection.db!.admin().ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), READY_PING_MS).unref()),
        ]);
        return null;
      } catch {
        return 'the database is not reachable';
      }
    },
    log: (line) => log.error(line),
    requestLog: (line) => log.info(line, 'request'),
    ...(links ? { web: { links, logRefusal: (line: object) => log.info(line, 'web link refused') } } : {}),
    routers: [...(slack?.router ? [slack.router] : []), ...(teams ? [teams.router] : [])],
  });

  await scheduler.start();
  schedulerRunning = true;
  // Cases made under another version are re-evaluated now and once a lease (one another
  // instance touched meanwhile included); an instance whose pack was superseded stops.
  const versionWatch = watchVersions({
    store: opened.store,
    packs,
    everyMs: config.leaseMs,
    reEvaluate: (learnerId) => scheduler.wakeNow(learnerId),
    log,
  });
  const listening = await listen(app, config.port, config.host);
  if (!listening.ok) {
    await versionWatch.stop();
    await scheduler.stop();
    await opened.close();
    load.stop();
    throw new NotStarted([`waymark run: ${listening.line}`]);
  }
  const { server, port } = listening;
  listeningPort = port;
  await slack?.start();
  // Installed with a token: staff without a Slack id are linked by e-mail, in the background.
  void slack
    ?.linkStaff()
    .then((report) => linkReportLines(report).forEach((line) => log.info(`slack staff link: ${line}`)))
    .catch((error: Error) => log.warn(`slack staff link failed: ${error.message}`));
  let demo: DemoSummary | null = null;
  if (config.local?.demo) {
    // The demo's history is in the past: what it set off is not sent (nobody has connected yet).
    const quiet: Notifier = { send: async () => {} };
    demo = await loadDemoProvider(ctx, new CaseService({ ctx, notifier: quiet, wakeAt: (id, at) => scheduler.wakeAt(id, at) }), quiet, registry.packFor(registry.defaultPolicy)!);
    log.info(demo, `demo provider loaded (${registry.defaultPolicy})`);
  }
  const playground = config.local?.playground ? await startPlayground(port, config.local.playgroundPort, (line) => log.warn(line)) : null;
  log.info({ port, host: config.host ?? 'every interface', policy: registry.defaultPolicy, packs: [...registry.packs.values()].map((p) => `${p.pack.id} ${p.pack.version}`), slack: slack ? (config.slack?.appToken ? 'socket-mode' : 'http') : 'off', teams: teams ? (config.teams ? 'authenticated' : 'anonymous (local mode)') : 'off', dataFeed: config.apiKeys.length > 0 ? 'on' : 'off' }, 'waymark is running');

  let stopping: Promise<void> | null = null;
  return {
    port,
    links,
    playgroundUrl: playground?.url ?? null,
    demo,
    embedded: opened.embedded,
    service,
    ctx,
    superseded: versionWatch.superseded,
    stop: () =>
      (stopping ??= (async () => {
        await versionWatch.stop();
        schedulerRunning = false;
        playground?.stop();
        // Stop taking requests; those in flight finish, idle keep-alive connections close.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(grace);
        await slack?.stop();
        await scheduler.stop();
        await opened.close();
        load.stop();
        log.info('waymark stopped');
      })()),
  };
}

/** The SMT digest's chart: its picture's name (the web router draws it when fetched) and its words. */
function digestChartMaker(ctx: CaseContext): DigestChartMaker {
  return async (policy, date) => ({ picture: digestPictureName(policy, date), alt: (await digestChart(ctx, policy, date)).alt });
}

async function fanOut(notifiers: readonly Notifier[], intent: Intent, key: string, log: Logger): Promise<void> {
  const failures: unknown[] = [];
  for (const n of notifiers) {
    try {
      await n.send(intent, key);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    log.warn({ intent: intent.type, key, errors: failures.map(String) }, 'a notification failed');
    throw failures[0];
  }
}

/** With no chat platform set up, what would be sent is logged (type and audience only). */
function loggingNotifier(log: Logger): Notifier {
  return {
    send: async (intent, key) => {
      const to = intent.audience.kind === 'direct' ? `${intent.audience.staffIds.length} people by DM` : intent.audience.kind;
      log.info({ intent: intent.type, to, key }, 'notification (no chat platform configured)');
    },
  };
}
