/**
 * With Bot Framework credentials configured, Teams requests without a token, or with a
 * token that is not Microsoft's, are refused and nothing is stored.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTeamsBot, TEAMS_MESSAGES_PATH } from '../../../src/bots/teams/teams-app.js';
import { CaseQueries } from '../../../src/cases/case-queries.js';
import { CaseService } from '../../../src/cases/case-service.js';
import { RecordingNotifier } from '../../../src/cases/notifier.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../../src/rules/packs/index.js';
import type { OpenStore } from '../../../src/store/open-store.js';
import { caseContext, learner, openTestStore } from '../../store/contract/harness.js';

let opened: OpenStore;
let server: Server;
let url: string;

beforeAll(async () => {
  opened = await openTestStore('teams-auth');
  await opened.store.putStaff({ id: 'c@x.org', name: 'C', roles: ['coach'], teamsUserId: 'aad-c' });
  await opened.store.putLearner(learner('A1', { coach: 'c@x.org' }));
  const ctx = caseContext(opened);
  const service = new CaseService({ ctx, notifier: new RecordingNotifier() });
  const bot = createTeamsBot({
    ctx,
    service,
    queries: new CaseQueries(ctx),
    packs: BUILTIN_PACK_IDS.map((id) => builtinPack(id)!),
    config: { botId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', botPassword: 'secret', botType: 'MultiTenant' },
  });
  const app = express();
  app.post(TEAMS_MESSAGES_PATH, express.json(), (req, res) => void bot.handle(req, res));
  server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${TEAMS_MESSAGES_PATH}`;
});
afterAll(async () => {
  await new Promise((r) => {
    server.close(r);
    server.closeAllConnections();
  });
  await opened.close();
});

const activity = {
  type: 'message',
  id: 'a1',
  serviceUrl: 'http://127.0.0.1:9/',
  channelId: 'msteams',
  from: { id: '29:aad-c', aadObjectId: 'aad-c' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:personal', conversationType: 'personal' },
  text: 'log A1 phone reached "should not be stored"',
};

test('no token: 401, nothing stored', async () => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(401);
  expect(await opened.store.eventsOf('A1')).toEqual([]);
});

test('a token Microsoft did not sign: refused, nothing stored', async () => {
  const forged = 'Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMGYxZTJkM2MifQ.c2lnbmF0dXJl';
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: forged }, body: JSON.stringify(activity) });
  // botbuilder answers 401 when it can check the signature against Microsoft's published
  // keys, and 500 when it cannot fetch them (as on this machine, with no internet): either
  // way the request is refused before the bot sees it.
  expect([401, 403, 500]).toContain(res.status);
  expect(await opened.store.eventsOf('A1')).toEqual([]);
});
