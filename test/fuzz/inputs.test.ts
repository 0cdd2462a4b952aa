/**
 * Property-based fuzzing of every input Waymark reads from outside: simulate inputs,
 * policy pack files, CSV files and the HTTP events API. No input crashes it, a rejected
 * input writes nothing, and every error names where the problem is.
 */
import fc from 'fast-check';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { createHttpApp } from '../../src/http/app.js';
import { readTable } from '../../src/import/csv-table.js';
import { EVENT_COLUMNS, validateEvents } from '../../src/import/events.js';
import { LEARNER_COLUMNS, validateLearners } from '../../src/import/learners.js';
import { parseSimulationInput } from '../../src/rules/events/parse-input.js';
import { parsePack } from '../../src/rules/pack/parse-pack.js';
import { builtinPackSource } from '../../src/rules/packs/index.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { caseContext, learner, openTestStore } from '../store/contract/harness.js';
import { serve, type Served } from '../http/serve.js';

/** Counted across the file, for the closing figures. */
export const RUNS = { simulate: 3_000, packs: 1_000, csv: 2_000, http: 300 };

const eventLike = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
    type: fc.oneof(fc.constantFrom('session.missed', 'contact', 'progress', 'decision', 'stage.entered', 'concern.raised', 'step.decided', 'nope'), fc.string()),
    at: fc.oneof(fc.constantFrom('2026-09-08', '2026-09-08T10:00:00Z', '2026-13-01', '', 'yesterday'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    channel: fc.constantFrom('phone', 'pigeon', undefined),
    outcome: fc.constantFrom('reached', 'no_answer', 'maybe', undefined),
    actual: fc.oneof(fc.double(), fc.integer(), fc.string()),
    planned: fc.oneof(fc.double(), fc.integer()),
    stage: fc.oneof(fc.constantFrom('stage-1', 'Stage 1'), fc.string()),
    category: fc.string(),
    learnerId: fc.constantFrom('F1', 'F2', 'GHOST', '', undefined),
  },
  { requiredKeys: [] },
);

test('simulate input: never throws; a refusal names a path', () => {
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.record({ learner: fc.anything(), events: fc.array(eventLike, { maxLength: 8 }) })), (input) => {
      const parsed = parseSimulationInput(input);
      if (!parsed.ok) for (const issue of parsed.issues) expect(issue.path.length + issue.message.length).toBeGreaterThan(0);
    }),
    { numRuns: RUNS.simulate },
  );
});

test('policy pack files: a real pack with random parts replaced never throws; problems name their path', () => {
  const base = structuredClone(builtinPackSource('bpn')) as Record<string, unknown>;
  const keys = Object.keys(base);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.anything()), { maxLength: 3 }), fc.anything(), (patches, whole) => {
      const pack = Object.fromEntries([...Object.entries(base), ...patches]);
      for (const input of [pack, whole]) {
        const parsed = parsePack(input);
        if (!parsed.ok) for (const issue of parsed.issues) expect(typeof issue.path).toBe('string');
      }
    }),
    { numRuns: RUNS.packs },
  );
});

test('CSV files: any text is read or refused by line and column, never thrown', () => {
  const cell = fc.oneof(fc.constantFrom('', 'L1', 'Mia', 'apprenticeship', 'england', '2026-09-01', 'mtt', '"q,uoted"', '=cmd()'), fc.string({ maxLength: 12 }));
  const csv = fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { maxLength: 8 }).map((rows) => rows.map((r) => r.join(',')).join('\n'));
  fc.assert(
    fc.property(fc.oneof(csv, fc.string()), fc.boolean(), (text, header) => {
      const body = header ? `id,learnerId,type,at,channel,outcome\n${text}` : text;
      for (const [spec, validate] of [
        [EVENT_COLUMNS, validateEvents],
        [LEARNER_COLUMNS, validateLearners],
      ] as const) {
        const table = readTable(body, spec);
        if (!table.ok) {
          for (const issue of table.issues) expect(issue.line).toBeGreaterThanOrEqual(0);
          continue;
        }
        const validated = validate(table.rows);
        for (const issue of validated.issues) expect(issue.line).toBeGreaterThan(0);
      }
    }),
    { numRuns: RUNS.csv },
  );
});

describe('the HTTP events API', () => {
  let opened: OpenStore;
  let api: Served;
  const KEY = 'fuzz-key-0123456789abcdef';
  beforeAll(async () => {
    opened = await openTestStore('fuzz-http');
    await opened.store.putLearner(learner('F1'));
    await opened.store.putLearner(learner('F2', { policy: 'bpn' }));
    const ctx = caseContext(opened);
    api = await serve(createHttpApp({ ctx, service: new CaseService({ ctx, notifier: new RecordingNotifier() }), apiKeys: [KEY], defaultPolicy: 'mtt', ready: async () => null, log: () => {} }), KEY);
  });
  afterAll(async () => {
    await api.close();
    await opened.close();
  });

  test('any body: never a 500; each event stored or refused with a path; nothing half-written', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.record({ events: fc.array(eventLike, { maxLength: 6 }) }), fc.anything()), async (body) => {
        const before = (await opened.store.eventsOf('F1')).length + (await opened.store.eventsOf('F2')).length;
        const res = await api.request('POST', '/api/events', { raw: JSON.stringify(body) ?? 'null' });
        expect([200, 400, 413]).toContain(res.status);
        const after = (await opened.store.eventsOf('F1')).length + (await opened.store.eventsOf('F2')).length;
        if (res.status !== 200) {
          expect(after).toBe(before);
          return;
        }
        const results = (res.json as { results: { status: string; error?: string }[] }).results;
        for (const r of results) if (r.status === 'rejected') expect(r.error).toMatch(/^events\[\d+\]/);
        expect(after - before).toBe(results.filter((r) => r.status === 'stored').length);
        n++;
      }),
      { numRuns: RUNS.http },
    );
    expect(n).toBeGreaterThan(0);
  }, 120_000);
});
