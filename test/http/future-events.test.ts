/**
 * Events dated in the future are refused, beyond a small stated clock skew (5 minutes),
 * per item and naming the field: in the data feed, the CSV import and chat.
 */
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { createHttpApp } from '../../src/http/app.js';
import { readTable } from '../../src/import/csv-table.js';
import { EVENT_COLUMNS, validateEvents } from '../../src/import/events.js';
import { CLOCK_SKEW_MS, futureProblem } from '../../src/rules/events/clock-skew.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { person } from '../cases/harness.js';
import { caseContext, learner, openTestStore } from '../store/contract/harness.js';
import { serve, type Served } from './serve.js';

const KEY = 'test-key-0123456789';
const NOW = new Date('2026-11-25T09:00:00Z');
let opened: OpenStore;
let api: Served;
let service: CaseService;

beforeAll(async () => {
  opened = await openTestStore('future-events');
  const ctx = caseContext(opened, () => NOW);
  service = new CaseService({ ctx, notifier: new RecordingNotifier() });
  api = await serve(createHttpApp({ ctx, service, apiKeys: [KEY], defaultPolicy: 'mtt', ready: async () => null, log: () => {} }), KEY);
  await opened.store.putLearner(learner('F1'));
  await opened.store.putStaff(person('coach@example.org', ['coach']));
});
afterAll(async () => {
  await api.close();
  await opened.close();
});

test('the skew is stated and both of its bounds hold', () => {
  expect(CLOCK_SKEW_MS).toBe(5 * 60 * 1000);
  expect(futureProblem(NOW.getTime() + CLOCK_SKEW_MS, NOW.getTime())).toBeNull();
  expect(futureProblem(NOW.getTime() + CLOCK_SKEW_MS + 1, NOW.getTime())).toBe(
    'is in the future (2026-11-25T09:05:00.001+00:00; it is now 2026-11-25T09:00:00.000+00:00): an event may be dated at most 5 minutes ahead',
  );
});

test('the feed refuses each event dated ahead, naming it and its field; the others are stored', async () => {
  const res = await api.request('POST', '/api/events', {
    body: {
      events: [
        { id: 'now-ish', learnerId: 'F1', type: 'session.missed', at: '2026-11-25T09:04:00Z' },
        { id: 'tomorrow', learnerId: 'F1', type: 'session.missed', at: '2026-11-26' },
        { id: 'today', learnerId: 'F1', type: 'session.missed', at: '2026-11-25' },
      ],
    },
  });
  expect(res.json).toEqual({
    results: [
      { id: 'now-ish', status: 'stored' },
      { id: 'tomorrow', status: 'rejected', error: expect.stringMatching(/^events\[1\]\.at: is in the future \(2026-11-26T00:00:00\.000\+00:00; .*at most 5 minutes ahead$/) },
      { id: 'today', status: 'stored' },
    ],
  });
  expect((await opened.store.eventsOf('F1')).map((e) => e.key).sort()).toEqual(['now-ish', 'today']);
});

test('the CSV import refuses the row, by line and the at column, before anything is written', () => {
  const table = readTable('id,learnerId,type,at\nc1,F1,session.missed,2026-11-20\nc2,F1,session.missed,2026-12-01\n', EVENT_COLUMNS);
  if (!table.ok) throw new Error(JSON.stringify(table));
  const checked = validateEvents(table.rows, NOW.getTime());
  expect(checked.values.map((v) => v.value.event.id)).toEqual(['c1']);
  expect(checked.issues).toEqual([{ line: 3, column: 'at', message: expect.stringMatching(/^is in the future \(2026-12-01T00:00:00\.000\+00:00; .*at most 5 minutes ahead$/) }]);
});

test('chat refuses a contact dated ahead, naming the field; one within the skew is recorded', async () => {
  const ahead = await service.execute({ kind: 'log-contact', actor: 'coach@example.org', key: 'chat-1', learnerId: 'F1', channel: 'phone', outcome: 'reached', at: '2026-11-25T10:00:00Z' });
  expect(ahead).toEqual({ ok: false, refusal: { code: 'invalid-input', message: expect.stringMatching(/^command\.at: is in the future \(2026-11-25T10:00:00\.000\+00:00; .*at most 5 minutes ahead$/) } });
  const within = await service.execute({ kind: 'log-contact', actor: 'coach@example.org', key: 'chat-2', learnerId: 'F1', channel: 'phone', outcome: 'reached', at: '2026-11-25T09:03:00Z' });
  expect(within).toMatchObject({ ok: true, status: 'recorded' });
});
