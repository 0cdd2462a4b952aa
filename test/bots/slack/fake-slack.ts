/**
 * Slack for the tests: a local recording server standing in for the Web API
 * (SLACK_API_URL) and for response_url, and a client that sends correctly signed requests
 * into Bolt's real receiver.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The request's path (for response_url posts, which identifies the command). */
  readonly path: string;
}

export interface FakeSlack {
  readonly url: string;
  readonly calls: Call[];
  /** The next `n` calls of `method` are answered 429 with Retry-After: 1. */
  rateLimitNext(method: string, n: number): void;
  /** The calls answered 429 (kept out of `calls`), to show that each was retried. */
  readonly rateLimited: Call[];
  of(method: string): Record<string, unknown>[];
  /** Slack users by e-mail, as users.lookupByEmail answers; 'missing-scope' answers as an app without users:read.email. */
  usersByEmail: Record<string, string> | 'missing-scope';
  /** Waits until `check` holds of the calls (work happens after the ack). */
  until(check: (calls: Call[]) => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** A method's own answer: fields merged into `{ ok: true }`, and response headers (e.g. x-oauth-scopes). */
export type FakeAnswer = (args: Record<string, unknown>) => { body?: Record<string, unknown>; headers?: Record<string, string> };

/**
 * `light`: keep only each call's method and path, not its arguments (for very many calls).
 * `answers`: how some methods answer (by method name), beyond the built-in ones.
 */
export async function startFakeSlack(options: { light?: boolean; answers?: Record<string, FakeAnswer> } = {}): Promise<FakeSlack> {
  const calls: Call[] = [];
  const rateLimited: Call[] = [];
  const limited = new Map<string, number>();
  let ts = 1_700_000_000;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      const method = path.startsWith('/respond/') ? 'respond' : path.replace(/^\/api\//, '');
      const left = limited.get(method) ?? 0;
      if (left > 0) {
        limited.set(method, left - 1);
        rateLimited.push({ method, path, args: parse(body, req.headers['content-type'] ?? '') });
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const args = parse(body, req.headers['content-type'] ?? '');
      calls.push({ method, path, args: options.light ? { text: typeof args.text === 'string' ? args.text.slice(0, 80) : undefined, channel: args.channel } : args });
      const channel = (args.channel as string | undefined) ?? 'C0';
      if (method === 'users.lookupByEmail') {
        const users = fake.usersByEmail;
        const id = users === 'missing-scope' ? undefined : users[String(args.email)];
        const error = users === 'missing-scope' ? 'missing_scope' : 'users_not_found';
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(id ? { ok: true, user: { id, profile: { email: args.email } } } : { ok: false, error }));
      }
      const answer: Record<string, unknown> = { ok: true };
      if (method === 'chat.postMessage') Object.assign(answer, { channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, ts: `${ts++}.000100` });
      if (method === 'chat.update') Object.assign(answer, { channel, ts: args.ts });
      if (method === 'views.open' || method === 'views.publish') Object.assign(answer, { view: { id: `V${ts++}` } });
      const own = options.answers?.[method]?.(args);
      Object.assign(answer, own?.body);
      res.writeHead(200, { 'content-type': 'application/json', ...own?.headers });
      res.end(JSON.stringify(answer));
    });
  });
  // Idle keep-alive sockets stay open for 2 minutes (Node closes them after 5 s): on a loaded
  // machine a client reusing one just as the server closed it gets ECONNRESET.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeSlack = {
    url,
    calls,
    rateLimited,
    usersByEmail: {},
    rateLimitNext: (method, n) => void limited.set(method, n),
    of: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    async until(check, ms = 60_000) {
      const end = Date.now() + ms;
      while (!check(calls)) {
        if (Date.now() > end) throw new Error(`timed out; calls: ${calls.map((c) => c.method).join(', ')}`);
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

/** Web API calls arrive form-encoded (JSON-valued fields as JSON text) or as JSON. */
function parse(body: string, type: string): Record<string, unknown> {
  if (type.includes('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackPost {
  readonly status: number;
  readonly body: string;
}

/** Posts a form-encoded body to the bot as Slack would, signed (or tampered, or stale). */
export async function postSigned(
  url: string,
  form: Record<string, string>,
  options: { secret?: string; timestamp?: number; headers?: Record<string, string> } = {},
): Promise<SlackPost> {
  const body = new URLSearchParams(form).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** The headers Slack signs a raw body with, for tests that post bodies of their own making. */
export function signedHeaders(body: string, contentType: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature };
}
