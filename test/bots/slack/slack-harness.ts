/**
 * A provider on Slack for tests: the embedded store, the case service whose notifier is
 * the Slack adapter's, Bolt's real ExpressReceiver on an HTTP server, and the fake Web API.
 * Requests are signed as Slack signs them. With `web`, the bot's own HTTP app (src/http)
 * serves Slack and the web pages on one server, and the bot signs links for its address.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createSlackBot, SLACK_EVENTS_PATH, type SlackBot } from '../../../src/bots/slack/slack-app.js';
import { CaseQueries } from '../../../src/cases/case-queries.js';
import { CaseService } from '../../../src/cases/case-service.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../../src/rules/packs/index.js';
import type { OpenStore } from '../../../src/store/open-store.js';
import type { LearnerRecord, StaffRecord } from '../../../src/store/records.js';
import type { Store } from '../../../src/store/store.js';
import { WorkQueue } from '../../../src/bots/work-queue.js';
import { createHttpApp } from '../../../src/http/app.js';
import { LinkSigner, WebLinks } from '../../../src/web/links.js';
import { openTestStore } from '../../store/contract/harness.js';
import { postSigned, SIGNING_SECRET, startFakeSlack, type FakeAnswer, type FakeSlack, type SlackPost } from './fake-slack.js';

export interface SlackProvider {
  readonly opened: OpenStore;
  readonly slack: FakeSlack;
  readonly bot: SlackBot;
  readonly service: CaseService;
  readonly url: string;
  /** The server's address (the web pages' public address when `web`). */
  readonly base: string;
  /** What signs the bot's links; null without `web`. */
  readonly links: WebLinks | null;
  readonly logged: string[];
  now: Date;
  /** `/waymark <text>` typed by a Slack user in a channel. */
  command(user: string, text: string, extra?: Record<string, string>): Promise<SlackPost>;
  /** A click on a Waymark button. */
  click(user: string, verb: string, payload: Record<string, string>, extra?: Record<string, unknown>): Promise<SlackPost>;
  /** A modal submitted with its values (block id -> Slack's value object). */
  submit(user: string, view: { id: string; callback_id: string; private_metadata: string; blocks?: object[] }, values: Record<string, object>): Promise<SlackPost>;
  close(): Promise<void>;
}

let serial = 0;

export async function openSlackProvider(
  name: string,
  staff: StaffRecord[],
  learners: LearnerRecord[],
  start: string,
  options: { light?: boolean; wrapStore?: (store: Store) => Store; work?: WorkQueue; web?: boolean; answers?: Record<string, FakeAnswer> } = {},
): Promise<SlackProvider> {
  const slack = await startFakeSlack(options);
  const opened = await openTestStore(name);
  for (const s of staff) await opened.store.putStaff(s);
  for (const l of learners) await opened.store.putLearner(l);
  const logged: string[] = [];
  const holder: { bot?: SlackBot } = {};
  const p = { now: new Date(start) } as SlackProvider;
  const ctx = { store: options.wrapStore?.(opened.store) ?? opened.store, packFor: builtinPack, now: () => p.now };
  const service = new CaseService({ ctx, notifier: { send: (intent, key) => holder.bot!.notifier.send(intent, key) }, onAfterError: (_id, e) => logged.push(String(e)) });
  let base = '';
  const links = options.web ? new WebLinks(new LinkSigner('a-slack-test-secret-long-enough-0123'), () => base) : null;
  const bot = createSlackBot({
    ctx,
    service,
    queries: new CaseQueries(ctx),
    packs: BUILTIN_PACK_IDS.map((id) => builtinPack(id)!),
    defaultPolicy: 'mtt',
    config: { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: `${slack.url}/api/` },
    postIntervalMs: 0,
    log: (line) => logged.push(line),
    // Unbounded unless a test bounds it: the suites that flood the bot count records, not busy answers.
    work: options.work ?? new WorkQueue({ concurrency: Infinity }),
    links,
  });
  holder.bot = bot;
  const app = links
    ? createHttpApp({ ctx, service, apiKeys: undefined, defaultPolicy: 'mtt', ready: async () => null, log: (line) => logged.push(String(line)), web: { links }, routers: [bot.router!] })
    : express().use(bot.router!);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.keepAliveTimeout = 120_000; // as the fake Web API's: no ECONNRESET on a reused socket
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}${SLACK_EVENTS_PATH}`;
  const interaction = (payload: object) => postSigned(url, { payload: JSON.stringify(payload) });
  return Object.assign(p, {
    opened,
    slack,
    bot,
    service,
    url,
    base,
    links,
    logged,
    command: (user: string, text: string, extra: Record<string, string> = {}) =>
      postSigned(url, {
        token: 'unused',
        team_id: 'T1',
        channel_id: 'C-TEAM',
        user_id: user,
        command: '/waymark',
        text,
        response_url: `${slack.url}/respond/${++serial}`,
        trigger_id: `trigger-${serial}`,
        ...extra,
      }),
    click: (user: string, verb: string, payload: Record<string, string>, extra: Record<string, unknown> = {}) =>
      interaction({
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: user },
        api_app_id: 'A1',
        trigger_id: `trigger-${++serial}`,
        response_url: `${slack.url}/respond/${serial}`,
        container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D1' },
        actions: [{ type: 'button', action_id: `waymark.${verb}`, block_id: 'actions', value: JSON.stringify(payload), action_ts: `${Date.now()}.${++serial}` }],
        ...extra,
      }),
    submit: (user: string, view: { id: string; callback_id: string; private_metadata: string; blocks?: object[] }, values: Record<string, object>) =>
      interaction({
        type: 'view_submission',
        team: { id: 'T1' },
        user: { id: user },
        api_app_id: 'A1',
        view: {
          ...view,
          type: 'modal',
          blocks: view.blocks ?? Object.keys(values).map((id) => ({ type: 'input', block_id: id })),
          state: { values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { [id]: v }])) },
        },
      }),
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await slack.close();
      await opened.close();
    },
  });
}

/** The text of everything in a Block Kit payload, for assertions. */
export function textOf(value: unknown): string {
  return JSON.stringify(value);
}
