/**
 * No handler holds a socket for ever: a request not answered within the server's limit is
 * answered 503, and one whose answer began but never ended has its connection closed.
 */
import { Router } from 'express';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import type { CaseContext } from '../../src/cases/case-context.js';
import { createHttpApp } from '../../src/http/app.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { Store } from '../../src/store/store.js';
import { serve, type Served } from './serve.js';

const ctx: CaseContext = { store: {} as Store, packFor: builtinPack, now: () => new Date('2026-09-30T12:00:00Z') };
let api: Served;

beforeAll(async () => {
  const stuck = Router();
  stuck.get('/stuck', () => {});
  stuck.get('/half-answered', (_req, res) => void res.status(200).write('{"partial":'));
  api = await serve(
    createHttpApp({ ctx, service: new CaseService({ ctx, notifier: new RecordingNotifier() }), apiKeys: ['k'.repeat(16)], defaultPolicy: 'atl', ready: async () => null, log: () => {}, routers: [stuck], requestTimeoutMs: 100 }),
  );
});
afterAll(() => api.close());

test('a handler that never answers: 503 with a JSON error, at the limit', async () => {
  expect(await api.request('GET', '/stuck', { key: null })).toMatchObject({ status: 503, json: { error: 'the request was not answered in time; try again' } });
});

test('an answer begun and never finished: the connection is closed', async () => {
  const res = await fetch(`${api.url}/half-answered`);
  expect(res.status).toBe(200);
  await expect(res.text()).rejects.toThrow();
});

test('a handler that answers in time is not disturbed', async () => {
  expect(await api.request('GET', '/healthz', { key: null })).toMatchObject({ status: 200, json: { status: 'ok' } });
});
