/**
 * The HTTP app without a database behind it: health probes, the feed switched off, and
 * unexpected errors (a store that throws stands in for a database failure).
 */
import type { CaseContext } from '../../src/cases/case-context.js';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { createHttpApp } from '../../src/http/app.js';
import { apiKeyCheck, bearerToken, keyLabel } from '../../src/http/api-keys.js';
import { DISABLED_MESSAGE } from '../../src/http/data-feed.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { Store } from '../../src/store/store.js';
import { serve, type Served } from './serve.js';

const failing = new Proxy({} as Store, {
  get: () => async () => {
    throw new Error('connection refused: mongodb://secret-host:27017');
  },
});
const ctx: CaseContext = { store: failing, packFor: builtinPack, now: () => new Date('2026-09-30T12:00:00Z') };

function app(apiKeys: string[] | undefined, ready: () => Promise<string | null>, log: (line: string) => void = () => {}) {
  return createHttpApp({ ctx, service: new CaseService({ ctx, notifier: new RecordingNotifier() }), apiKeys, defaultPolicy: 'atl', ready, log });
}

describe('health', () => {
  let api: Served;
  let reason: string | null = null;
  beforeAll(async () => {
    api = await serve(app(['k'], async () => reason));
  });
  afterAll(() => api.close());

  test('/healthz is 200 ok, with no key', async () => {
    expect(await api.request('GET', '/healthz', { key: null })).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  test('/readyz is 200 when ready and 503 with the reason when not', async () => {
    reason = null;
    expect(await api.request('GET', '/readyz', { key: null })).toMatchObject({ status: 200, json: { status: 'ready' } });
    reason = 'the database is not connected';
    expect(await api.request('GET', '/readyz', { key: null })).toMatchObject({
      status: 503,
      json: { status: 'not ready', reason: 'the database is not connected' },
    });
  });

  test('/readyz is 503 when the check itself throws', async () => {
    const broken = await serve(app(['k'], async () => Promise.reject(new Error('boom'))));
    expect(await broken.request('GET', '/readyz')).toMatchObject({ status: 503, json: { status: 'not ready', reason: expect.any(String) } });
    await broken.close();
  });
});

describe('the feed without keys', () => {
  for (const keys of [undefined, [], ['', ' ']]) {
    test(`is 503 on every endpoint (keys ${JSON.stringify(keys)})`, async () => {
      const api = await serve(app(keys, async () => null), 'anything');
      try {
        for (const [method, path] of [['PUT', '/api/learners/L1'], ['POST', '/api/events'], ['GET', '/api/learners/L1/case']] as const) {
          for (const key of ['anything', null]) {
            const res = await api.request(method, path, method === 'GET' ? { key } : { key, body: {} });
            expect(res).toMatchObject({ status: 503, json: { error: DISABLED_MESSAGE } });
          }
        }
        // Only the feed's own paths: /api/messages belongs to Teams.
        expect((await api.request('POST', '/api/messages', { body: {} })).status).toBe(404);
      } finally {
        await api.close();
      }
    });
  }
});

describe('unexpected errors', () => {
  test('are 500 with an id, logged with that id, and no details sent', async () => {
    const logged: string[] = [];
    const api = await serve(app(['k'], async () => null, (line) => logged.push(line)), 'k');
    const res = await api.request('GET', '/api/learners/L1/case');
    expect(res).toEqual({ status: 500, json: { error: 'internal error', id: expect.any(String) }, headers: expect.anything() });
    const { id } = res.json as { id: string };
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(id);
    expect(logged[0]).toContain('connection refused');
    expect(JSON.stringify(res.json)).not.toContain('secret-host');
    await api.close();
  });

  test('a wrong method is 405 naming the right one', async () => {
    const api = await serve(app(['k'], async () => null), 'k');
    expect(await api.request('GET', '/api/events')).toMatchObject({ status: 405, json: { error: 'GET is not allowed on /api/events; use POST' } });
    await api.close();
  });
});

describe('api keys', () => {
  const check = apiKeyCheck(['alpha-key', 'beta']);

  test('matches any configured key, giving its label', () => {
    expect(check.match('alpha-key')).toBe(keyLabel('alpha-key'));
    expect(check.match('beta')).toBe(keyLabel('beta'));
    expect(keyLabel('beta')).toMatch(/^key-[0-9a-f]{6}$/);
  });

  test('refuses keys of a different length, including prefixes and extensions', () => {
    for (const key of ['alpha', 'alpha-key-', 'bet', 'betaa', '', 'x'.repeat(10_000)]) expect(check.match(key)).toBeNull();
  });

  test('reads only a Bearer authorization header', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
