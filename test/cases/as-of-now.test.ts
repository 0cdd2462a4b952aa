/**
 * Reads people see show a case as of now, even when no scheduler has woken it since its
 * last event (a CLI import, then `waymark cases register`): a task due two months ago is
 * overdue and the rating is today's, in the case view, the caseload, the data feed's case
 * and the register. Reading sends nothing; the wake-up that follows sends what fell due, once.
 */
import { parse } from 'csv-parse/sync';
import { createHttpApp } from '../../src/http/app.js';
import { registerCsv } from '../../src/cases/case-queries.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { serve } from '../http/serve.js';
import { brief, learnerRecord, openProvider, person, type Provider } from './harness.js';

const KEY = 'a-test-key-of-16-chars';
const COACHES = ['c1@mtt.org', 'c2@mtt.org', 'c3@mtt.org', 'c4@mtt.org'];
let p: Provider;

beforeAll(async () => {
  p = await openProvider(
    'as-of-now',
    [...COACHES.map((c) => person(c, ['coach'])), person('dan@mtt.org', ['directors'])],
    COACHES.map((coach, i) => learnerRecord(`N${i + 1}`, 'mtt', { coach, startDate: '2026-09-01' })),
    '2026-09-22T15:00:00Z',
  );
  // The README's example for each learner: at risk on 22 September, stage 1 entered, two
  // welfare checks due 29 September. Then two months pass with no wake-up at all.
  for (const id of ['N1', 'N2', 'N3', 'N4']) {
    for (const at of ['2026-09-08', '2026-09-15', '2026-09-22']) await p.feed(id, { type: 'session.missed', at, notice: false });
    await p.feed(id, { type: 'stage.entered', at: '2026-09-22T14:00:00+01:00', stage: 'stage-1' });
  }
  p.take();
  p.now = new Date('2026-11-30T12:00:00Z');
});
afterAll(() => p.close());

/** As stored on 22 September the case is medium and the checks not yet due; as of 30 November: overdue since 30 September, and high after 42 days with no recorded progress. */
const NOW = { rating: 'high', overdue: true };

test('the case view', async () => {
  const detail = await p.queries.caseDetail('c1@mtt.org', 'N1');
  if (!detail.ok) throw new Error(detail.refusal.message);
  expect({ rating: detail.value.view?.rating, overdue: detail.value.view?.openTasks[0]?.overdue }).toEqual(NOW);
  expect(detail.value.view?.openTasks).toHaveLength(1);
});

test('the caseload', async () => {
  const caseload = await p.queries.caseload('c2@mtt.org');
  if (!caseload.ok) throw new Error(caseload.refusal.message);
  expect(caseload.value.map((i) => ({ rating: i.case.rating, overdue: i.overdue }))).toEqual([NOW]);
});

test("the data feed's case, which says as of when", async () => {
  const ctx = { store: p.opened.store, packFor: builtinPack, now: () => p.now };
  const api = await serve(createHttpApp({ ctx, service: p.service, apiKeys: [KEY], defaultPolicy: 'mtt', ready: async () => null, log: () => {} }), KEY);
  try {
    const res = await api.request('GET', '/api/learners/N3/case');
    expect(res.status).toBe(200);
    const json = res.json as { rating: string; openTasks: { overdue: boolean }[]; asOf: string };
    expect({ rating: json.rating, overdue: json.openTasks[0]?.overdue }).toEqual(NOW);
    expect(json.asOf).toBe('2026-11-30T12:00:00.000Z');
  } finally {
    await api.close();
  }
});

test('the register', async () => {
  const ctx = { store: p.opened.store, packFor: builtinPack, now: () => p.now };
  const rows = parse(await registerCsv(ctx, () => true)) as string[][];
  const [header, ...body] = rows;
  const n4 = body.find((r) => r[0] === 'N4')!;
  const field = (name: string) => n4[header!.indexOf(name)];
  expect({ rating: field('rating'), overdue: field('overdue') === 'yes' }).toEqual(NOW);
  expect(body).toHaveLength(4);
});

test('reading sent nothing; the next wake-up sends what fell due, once', async () => {
  expect(p.take()).toEqual([]);
  await p.advanceTo('2026-11-30T12:00:00Z');
  const sent = brief(p.take()).filter((line) => line.startsWith('overdue'));
  expect(sent).toHaveLength(4);
  await p.advanceTo('2026-11-30T12:00:01Z');
  expect(brief(p.take()).filter((line) => line.startsWith('overdue'))).toEqual([]);
});
