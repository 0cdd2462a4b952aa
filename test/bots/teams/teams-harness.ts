/**
 * Teams for the tests: a local recording server standing in for the Bot Framework
 * connector (activities carry its address as `serviceUrl`), the Teams adapter on an HTTP
 * server at /api/messages (anonymous, as in local mode), and helpers that send activities
 * and invokes into the real CloudAdapter as Teams would. With `web`, the bot's own HTTP app
 * (src/http) serves Teams and the web pages on one server, and the bot signs links for it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createTeamsBot, TEAMS_MESSAGES_PATH, type TeamsBot } from '../../../src/bots/teams/teams-app.js';
import { WorkQueue } from '../../../src/bots/work-queue.js';
import { createHttpApp } from '../../../src/http/app.js';
import { LinkSigner, WebLinks } from '../../../src/web/links.js';
import { CaseQueries } from '../../../src/cases/case-queries.js';
import { CaseService } from '../../../src/cases/case-service.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../../src/rules/packs/index.js';
import type { OpenStore } from '../../../src/store/open-store.js';
import type { LearnerRecord, StaffRecord } from '../../../src/store/records.js';
import { openTestStore } from '../../store/contract/harness.js';

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface FakeConnector {
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** The next `n` calls are answered with `status` (429, 502, ...). */
  failNext(status: number, n: number): void;
  /** The calls answered with a failure by `failNext` (kept out of `calls`), to show each was retried. */
  readonly failed: ConnectorCall[];
  /** Who is in every conversation, as GET /v3/conversations/{id}/pagedmembers answers (TeamsChannelAccount). */
  roster: Record<string, unknown>[];
  until(check: (calls: ConnectorCall[]) => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failed: ConnectorCall[] = [];
  let failing = { status: 0, n: 0 };
  let id = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failing.n > 0) {
        failing = { ...failing, n: failing.n - 1 };
        failed.push({ method: req.method ?? '', path: req.url ?? '', body: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
        res.writeHead(failing.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'try later' } }));
        return;
      }
      calls.push({ method: req.method ?? '', path: req.url ?? '', body: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.method === 'GET' && /\/pagedmembers/.test(req.url ?? '')) return void res.end(JSON.stringify({ members: fake.roster }));
      res.end(JSON.stringify({ id: `act-${++id}` }));
    });
  });
  server.keepAliveTimeout = 120_000; // see fake-slack.ts
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const fake: FakeConnector = {
    url,
    calls,
    failed,
    roster: [],
    failNext: (status, n) => void (failing = { status, n }),
    async until(check, ms = 60_000) {
      const end = Date.now() + ms;
      while (!check(calls)) {
        if (Date.now() > end) throw new Error(`timed out; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}

export interface TeamsProvider {
  readonly opened: OpenStore;
  readonly connector: FakeConnector;
  readonly bot: TeamsBot;
  readonly service: CaseService;
  readonly logged: string[];
  /** The server's address (the web pages' public address when `web`). */
  readonly base: string;
  /** What signs the bot's links; null without `web`. */
  readonly links: WebLinks | null;
  now: Date;
  /** A message typed to the bot (personal chat unless `conversation` says otherwise). */
  say(user: TeamsUser, text: string, conversation?: Conversation): Promise<{ status: number; body: string }>;
  /** An invoke (Action.Execute, task/fetch, task/submit) and its response body. */
  invoke(user: TeamsUser, name: string, value: object, extra?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The app installed in a personal chat or added to a channel (conversationUpdate). */
  install(user: TeamsUser, conversation?: Conversation): Promise<void>;
  close(): Promise<void>;
}

export interface TeamsUser {
  readonly aadObjectId: string;
  readonly name: string;
}

export interface Conversation {
  readonly id: string;
  readonly conversationType: 'personal' | 'channel' | 'groupChat';
}

let serial = 0;

export async function openTeamsProvider(name: string, staff: StaffRecord[], learners: LearnerRecord[], start: string, options: { web?: boolean } = {}): Promise<TeamsProvider> {
  const connector = await startFakeConnector();
  const opened = await openTestStore(name);
  for (const s of staff) await opened.store.putStaff(s);
  for (const l of learners) await opened.store.putLearner(l);
  const logged: string[] = [];
  const holder: { bot?: TeamsBot } = {};
  const p = { now: new Date(start) } as TeamsProvider;
  const ctx = { store: opened.store, packFor: builtinPack, now: () => p.now };
  const service = new CaseService({ ctx, notifier: { send: (intent, key) => holder.bot!.notifier.send(intent, key) }, onAfterError: (_id, e) => logged.push(String(e)) });
  let base = '';
  const links = options.web ? new WebLinks(new LinkSigner('a-teams-test-secret-long-enough-0123'), () => base) : null;
  const bot = createTeamsBot({
    ctx,
    service,
    queries: new CaseQueries(ctx),
    packs: BUILTIN_PACK_IDS.map((id) => builtinPack(id)!),
    defaultPolicy: 'mtt',
    config: {},
    postIntervalMs: 0,
    retryBaseDelayMs: 10,
    // The tests read each answer in place; on a loaded machine a command can take longer than production's wait.
    answerWithinMs: 60_000,
    // Every request starts at once (the flood tests count records; work-queue.test.ts bounds it).
    work: new WorkQueue({ concurrency: Infinity }),
    log: (line) => logged.push(line),
    links,
  });
  holder.bot = bot;
  const messages = express.Router().post(TEAMS_MESSAGES_PATH, express.json(), (req, res) => void bot.handle(req, res));
  const app = links
    ? createHttpApp({ ctx, service, apiKeys: undefined, defaultPolicy: 'mtt', ready: async () => null, log: (line) => logged.push(String(line)), web: { links }, routers: [messages] })
    : express().use(messages);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.keepAliveTimeout = 120_000; // as the fake connector's: no ECONNRESET on a reused socket
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}${TEAMS_MESSAGES_PATH}`;
  const personal = (user: TeamsUser): Conversation => ({ id: `a:personal-${user.aadObjectId}`, conversationType: 'personal' });
  const activity = (type: string, user: TeamsUser, conversation: Conversation, fields: Record<string, unknown>) => ({
    type,
    id: `activity-${++serial}`,
    timestamp: new Date().toISOString(),
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
    recipient: { id: '28:waymark', name: 'Waymark' },
    conversation: { id: conversation.id, conversationType: conversation.conversationType, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...fields,
  });
  const post = async (body: object) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.text() };
  };
  return Object.assign(p, {
    opened,
    connector,
    bot,
    service,
    logged,
    base,
    links,
    say: (user: TeamsUser, text: string, conversation = personal(user)) => post(activity('message', user, conversation, { text })),
    invoke: async (user: TeamsUser, name: string, value: object, extra: Record<string, unknown> = {}) => {
      const res = await post(activity('invoke', user, (extra.conversation as Conversation | undefined) ?? personal(user), { name, value, ...extra }));
      return { status: res.status, body: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} };
    },
    install: async (user: TeamsUser, conversation = personal(user)) => {
      await post(activity('conversationUpdate', user, conversation, { membersAdded: [{ id: '28:waymark' }] }));
    },
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await connector.close();
      await opened.close();
    },
  });
}

/** The Adaptive Cards in the connector calls, as text, for assertions. */
export function cardsIn(calls: readonly ConnectorCall[]): string[] {
  return calls.map((c) => JSON.stringify(c.body.attachments ?? c.body));
}
