/**
 * The data feed against a real (embedded) store, over real HTTP: shared/contracts/http-api.md.
 */
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { createHttpApp } from '../../src/http/app.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { caseContext, openTestStore } from '../store/contract/harness.js';
import { serve, type Served } from './serve.js';

const KEY = 'test-key-0123456789';
const OTHER_KEY = 'second-key';

let opened: OpenStore;
let api: Served;
const logged: string[] = [];
const notifier = new RecordingNotifier();
const wakeUps: [string, Date | null][] = [];

beforeAll(async () => {
  opened = await openTestStore('http-feed');
  const ctx = caseContext(opened);
  const app = createHttpApp({
    ctx,
    service: new CaseService({ ctx, notifier, wakeAt: async (learnerId, at) => void wakeUps.push([learnerId, at]) }),
    apiKeys: [KEY, OTHER_KEY],
    defaultPolicy: 'atl',
    ready: async () => null,
    log: (line) => logged.push(line),
  });
  api = await serve(app, KEY);
});
afterAll(async () => {
  await api.close();
  await opened.close();
});

const sam = { name: 'Sam Patel', programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01' };
const missed = (id: string, learnerId: string, at: string) => ({ id, learnerId, type: 'session.missed', at, notice: false });

describe('authentication', () => {
  test('a missing key is 401 and writes nothing', async () => {
    const res = await api.request('PUT', '/api/learners/NOKEY', { key: null, body: sam });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: expect.stringContaining('Authorization: Bearer') });
    expect(await opened.store.getLearner('NOKEY')).toBeNull();
  });

  test('a wrong key is 401 and writes nothing', async () => {
    const res = await api.request('PUT', '/api/learners/BADKEY', { key: 'wrong', body: sam });
    expect(res).toMatchObject({ status: 401, json: { error: 'invalid API key' } });
    expect(await opened.store.getLearner('BADKEY')).toBeNull();
  });

  test('a key that is a prefix or extension of a real one is refused', async () => {
    for (const key of [KEY.slice(0, -1), `${KEY}x`, KEY.toUpperCase()]) {
      expect((await api.request('GET', '/api/learners/X/case', { key })).status).toBe(401);
    }
  });

  test('every configured key is accepted', async () => {
    expect((await api.request('GET', '/api/learners/nobody/case', { key: OTHER_KEY })).status).toBe(404);
  });
});

describe('PUT /api/learners/:id', () => {
  test('creates (201) then updates (200), answering with the learner', async () => {
    const created = await api.request('PUT', '/api/learners/P1', { body: { ...sam, coach: 'coach@example.org', policy: 'mtt' } });
    expect(created).toMatchObject({
      status: 201,
      json: { id: 'P1', name: 'Sam Patel', programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', coach: 'coach@example.org', policy: 'mtt' },
    });
    const updated = await api.request('PUT', '/api/learners/P1', { body: { ...sam, plannedEndDate: '2027-09-01', employer: 'Acme Ltd', policy: 'mtt' } });
    expect(updated.status).toBe(200);
    expect(updated.json).toEqual({ ...sam, id: 'P1', plannedEndDate: '2027-09-01', employer: 'Acme Ltd', policy: 'mtt' });
    expect(await opened.store.getLearner('P1')).toMatchObject({ employer: 'Acme Ltd', plannedEndDate: '2027-09-01' });
  });

  test('policy defaults to the configured one', async () => {
    const res = await api.request('PUT', '/api/learners/P2', { body: sam });
    expect(res).toMatchObject({ status: 201, json: { policy: 'atl' } });
  });

  test('bad fields are 400 with each path named, and nothing is written', async () => {
    const res = await api.request('PUT', '/api/learners/P3', {
      body: { name: '', programme: 'degree', startDate: '2026-02-30', policy: 'nonsense', colour: 'blue' },
    });
    expect(res.status).toBe(400);
    const json = res.json as { error: string; issues: { path: string; message: string }[] };
    const paths = json.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'programme', 'nation', 'startDate', 'policy']));
    expect(json.error).toMatch(/startDate: is not a real date: 2026-02-30 does not exist: February 2026 has 28 days/);
    expect(json.error).toMatch(/nation: is required/);
    expect(json.error).toMatch(/"colour"/);
    expect(await opened.store.getLearner('P3')).toBeNull();
  });

  test('a planned end before the start is refused', async () => {
    const res = await api.request('PUT', '/api/learners/P4', { body: { ...sam, plannedEndDate: '2026-08-01' } });
    expect(res).toMatchObject({ status: 400, json: { issues: [{ path: 'plannedEndDate', message: 'must not be before startDate' }] } });
  });

  test('malformed JSON is 400 naming the problem, without a stack trace', async () => {
    const res = await api.request('PUT', '/api/learners/P5', { raw: '{"name": "Sam",' });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(/^the request body is not valid JSON: /);
    expect(JSON.stringify(res.json)).not.toMatch(/\bat \w+ \(/);
    expect(await opened.store.getLearner('P5')).toBeNull();
  });
});

describe('POST /api/events', () => {
  beforeAll(async () => {
    await api.request('PUT', '/api/learners/E1', { body: { ...sam, policy: 'mtt' } });
    await api.request('PUT', '/api/learners/E2', { body: { ...sam, policy: 'mtt' } });
  });

  test('stores an event, and a resend is a duplicate that changes nothing', async () => {
    const body = { events: [missed('e1-a', 'E1', '2026-09-08')] };
    expect(await api.request('POST', '/api/events', { body })).toMatchObject({ status: 200, json: { results: [{ id: 'e1-a', status: 'stored' }] } });
    const before = await opened.store.loadCase('E1');
    expect(await api.request('POST', '/api/events', { body })).toMatchObject({ status: 200, json: { results: [{ id: 'e1-a', status: 'duplicate' }] } });
    expect(await opened.store.loadCase('E1')).toEqual(before);
    const log = await opened.store.eventsOf('E1');
    expect(log).toHaveLength(1);
    expect(log[0]!.actor).toEqual({ kind: 'feed', id: expect.stringMatching(/^key-[0-9a-f]{6}$/) });
  });

  test('rejects an unknown learner, a bad field (named) and a forbidden step; the batch keeps its order', async () => {
    const res = await api.request('POST', '/api/events', {
      body: {
        events: [
          missed('m1', 'E2', '2026-09-08'),
          missed('ghost-1', 'GHOST', '2026-09-08'),
          { id: 'bad-1', learnerId: 'E2', type: 'contact', at: '2026-09-09', channel: 'pigeon', outcome: 'reached' },
          { id: 'stage-1', learnerId: 'E2', type: 'stage.entered', at: '2026-09-10', stage: 'stage-2' },
          'not an event',
          { learnerId: 'E2', type: 'session.missed', at: '2026-09-11' },
          { id: 'nolearner', type: 'session.missed', at: '2026-09-11' },
          { id: 'sneaky', learnerId: 'E2', type: 'step.decided', at: '2026-09-12', proposal: 'p1', verdict: 'approved', staff: 'boss@x.org' },
          missed('m2', 'E2', '2026-09-15'),
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      results: [
        { id: 'm1', status: 'stored' },
        { id: 'ghost-1', status: 'rejected', error: 'events[1].learnerId: no learner "GHOST"' },
        { id: 'bad-1', status: 'rejected', error: expect.stringMatching(/^events\[2\]\.channel: must be one of/) },
        { id: 'stage-1', status: 'rejected', error: expect.stringMatching(/^events\[3\]: cannot enter stage-2 from no stage/) },
        { id: null, status: 'rejected', error: expect.stringMatching(/^events\[4\]\.id: is required/) },
        { id: null, status: 'rejected', error: 'events[5].id: is required (the idempotency key)' },
        { id: 'nolearner', status: 'rejected', error: 'events[6].learnerId: is required' },
        // Approvals are authorised when a person gives them; a feed cannot send one.
        { id: 'sneaky', status: 'rejected', error: 'events[7].type: "step.decided" is a staff action: it is recorded when a person takes it in Waymark, not sent by a feed' },
        { id: 'm2', status: 'stored' },
      ],
    });
    expect((await opened.store.eventsOf('E2')).map((e) => e.key)).toEqual(['m1', 'm2']);
  });

  test('more than 1,000 events is 413 and nothing is stored', async () => {
    const events = Array.from({ length: 1001 }, (_, i) => missed(`big-${i}`, 'E2', '2026-09-20'));
    const res = await api.request('POST', '/api/events', { body: { events } });
    expect(res).toMatchObject({ status: 413, json: { error: expect.stringContaining('at most 1000') } });
    expect(await opened.store.findEvent('E2', 'big-0')).toBeNull();
  });

  test('events that are not an array is 400', async () => {
    expect(await api.request('POST', '/api/events', { body: { events: { id: 'x' } } })).toMatchObject({
      status: 400,
      json: { error: 'events: must be an array of events' },
    });
    expect(await api.request('POST', '/api/events', { body: {} })).toMatchObject({ status: 400, json: { error: 'events: is required (an array of events)' } });
  });

  test('malformed JSON is 400', async () => {
    const res = await api.request('POST', '/api/events', { raw: '{"events": [}' });
    expect(res).toMatchObject({ status: 400, json: { error: expect.stringMatching(/not valid JSON/) } });
  });
});

describe('GET /api/learners/:id/case', () => {
  test('an unknown learner is 404', async () => {
    expect(await api.request('GET', '/api/learners/x/case')).toEqual({ status: 404, json: { error: 'no learner "x"' }, headers: expect.anything() });
  });

  test('a learner with no events yet has the initial case', async () => {
    await api.request('PUT', '/api/learners/C0', { body: { ...sam, policy: 'mtt' } });
    const res = await api.request('GET', '/api/learners/C0/case');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ learnerId: 'C0', policy: 'mtt', atRisk: false, rating: 'low', stage: null, reasons: [], openTasks: [], nextWakeUp: null });
  });

  test('3 missed sessions under mtt put the learner at risk', async () => {
    await api.request('PUT', '/api/learners/C1', { body: { ...sam, policy: 'mtt' } });
    const events = ['2026-09-08', '2026-09-15', '2026-09-22'].map((at, i) => missed(`c1-${i}`, 'C1', at));
    const posted = await api.request('POST', '/api/events', { body: { events } });
    expect((posted.json as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    const res = await api.request('GET', '/api/learners/C1/case');
    expect(res.status).toBe(200);
    // As of now (after 3 November 2026), 42 days with no recorded progress have made it high too.
    expect(res.json).toMatchObject({ learnerId: 'C1', policy: 'mtt', atRisk: true, rating: 'high', status: 'monitoring' });
    const view = res.json as { reasons: string[]; openTasks: { task: string; role: string; due: string }[]; stage: unknown };
    expect(view.reasons).toContain('3 consecutive missed sessions');
    expect('stage' in view).toBe(true);
    for (const task of view.openTasks) expect(task).toEqual(expect.objectContaining({ task: expect.any(String), role: expect.any(String), due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}/) }));
  });

  test('fed events are acted on: the alert goes out and the next wake-up is scheduled', () => {
    expect(notifier.of('at-risk-alert').filter((a) => a.learner.id === 'C1').map((a) => a.why)).toEqual([['3 consecutive missed sessions']]);
    // A learner's events in one request are recorded together: one wake-up scheduled, at the case's.
    expect(wakeUps.filter(([id]) => id === 'C1')).toEqual([['C1', new Date('2026-10-12T23:00:00Z')]]);
  });
});

test('no unexpected error was logged', () => {
  expect(logged).toEqual([]);
});
