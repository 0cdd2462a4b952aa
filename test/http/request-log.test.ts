/**
 * The request log names the path the caller asked for, including under the data feed's
 * /api prefix, whether the request was answered by a route or refused on the way to it.
 */
import type { CaseContext } from '../../src/cases/case-context.js';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { createHttpApp } from '../../src/http/app.js';
import type { RequestLogLine } from '../../src/http/request-log.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { Store } from '../../src/store/store.js';
import { serve } from './serve.js';

const KEY = 'k'.repeat(16);
const emptyStore = new Proxy({} as Store, { get: () => async () => null });
const ctx: CaseContext = { store: emptyStore, packFor: builtinPack, now: () => new Date('2026-09-30T12:00:00Z') };

test('each request is logged with its full path: refused by the key check, answered by a route, and health', async () => {
  const lines: RequestLogLine[] = [];
  const app = createHttpApp({
    ctx,
    service: new CaseService({ ctx, notifier: new RecordingNotifier() }),
    apiKeys: [KEY],
    defaultPolicy: 'atl',
    ready: async () => null,
    log: () => {},
    requestLog: (line) => lines.push(line),
  });
  const api = await serve(app, KEY);
  try {
    expect((await api.request('GET', '/api/learners/L1/case', { key: 'wrong-key-wrong-key' })).status).toBe(401);
    expect((await api.request('GET', '/api/learners/L1/case?x=1')).status).toBe(404);
    expect((await api.request('POST', '/api/events', { raw: '{not json' })).status).toBe(400);
    expect((await api.request('GET', '/healthz', { key: null })).status).toBe(200);
  } finally {
    await api.close();
  }
  expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
    ['GET', '/api/learners/L1/case', 401],
    ['GET', '/api/learners/L1/case', 404],
    ['POST', '/api/events', 400],
    ['GET', '/healthz', 200],
  ]);
});
