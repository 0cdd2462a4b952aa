/**
 * Property-based fuzzing of every input Waymark reads from outside: simulate inputs,
 * policy pack files, CSV files and the HTTP events API. No input crashes it, a rejected
 * input writes nothing, and every error names where the problem is.
 */
import { readFileSync } from 'node:fs';
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

/** Whether an issue's `path` lies within `part` (the part itself, or inside it). */
const within = (path: string, part: string) => path === part || path.startsWith(`${part}.`) || path.startsWith(`${part}[`);

test('simulate input: never throws; a refusal names the event that was changed', () => {
  const base = JSON.parse(readFileSync(new URL('../../examples/mtt-missed-sessions.json', import.meta.url), 'utf8')) as { learner: object; events: Record<string, unknown>[] };
  expect(parseSimulationInput(base).ok).toBe(true);
  const eventKeys = ['id', 'type', 'at', 'channel', 'outcome', 'stage', 'notice', 'actual', 'planned', 'category'];
  fc.assert(
    fc.property(fc.nat(base.events.length - 1), fc.constantFrom(...eventKeys), fc.oneof(fc.anything(), eventLike), fc.boolean(), (k, key, value, whole) => {
      const events = base.events.map((e, i) => (i !== k ? e : whole ? value : { ...e, [key]: value }));
      const parsed = parseSimulationInput({ ...base, events });
      if (parsed.ok) return;
      expect(parsed.issues.length).toBeGreaterThan(0);
      for (const issue of parsed.issues) expect({ path: issue.path, inChangedEvent: within(issue.path, `events[${k}]`) }).toEqual({ path: issue.path, inChangedEvent: true });
    }),
    { numRuns: RUNS.simulate },
  );
  // Anything at all: never throws, and every refusal says something.
  fc.assert(
    fc.property(fc.anything(), (input) => {
      const parsed = parseSimulationInput(input);
      if (!parsed.ok) expect(parsed.issues.length).toBeGreaterThan(0);
    }),
    { numRuns: RUNS.simulate },
  );
});

test('policy pack files: a real pack with random parts replaced never throws; problems name the part replaced', () => {
  const base = structuredClone(builtinPackSource('bpn')) as Record<string, unknown>;
  const keys = Object.keys(base);
  expect(parsePack(base).ok).toBe(true);
  // Parts nothing else refers to: replacing one can only be wrong there. (Replacing the
  // roles, say, is reported where a stage names a role that is gone.)
  const free = keys.filter((key) =>
    [42, undefined, null, [], {}, ''].every((probe) => {
      const parsed = parsePack({ ...base, [key]: probe });
      return parsed.ok || parsed.issues.every((i) => within(i.path, key));
    }),
  );
  expect(free).toEqual(expect.arrayContaining(['name', 'version', 'summary']));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.anything()), { minLength: 1, maxLength: 3 }), fc.anything(), (patches, whole) => {
      const parsed = parsePack(Object.fromEntries([...Object.entries(base), ...patches]));
      const patched = patches.map(([key]) => key);
      if (!parsed.ok && patched.every((key) => free.includes(key))) {
        for (const issue of parsed.issues) expect({ path: issue.path, inPatched: patched.some((key) => within(issue.path, key)) }).toEqual({ path: issue.path, inPatched: true });
      }
      const any = parsePack(whole);
      if (!any.ok) expect(any.issues.length).toBeGreaterThan(0);
    }),
    { numRuns: RUNS.packs },
  );
});

test('CSV files: any text is read or refused by line, never thrown; a changed cell is named by its line', () => {
  const cell = fc.oneof(fc.constantFrom('', 'L1', 'Mia', 'apprenticeship', 'england', '2026-09-01', 'mtt', '"q,uoted"', '=cmd()'), fc.string({ maxLength: 12 }));
  const csv = fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { maxLength: 8 }).map((rows) => rows.map((r) => r.join(',')).join('\n'));
  fc.assert(
    fc.property(fc.oneof(csv, fc.string()), fc.boolean(), (text, header) => {
      const body = header ? `id,learnerId,type,at,channel,outcome\n${text}` : text;
      const lines = body.split(/\r\n|\r|\n/).length;
      for (const [spec, validate] of [
        [EVENT_COLUMNS, validateEvents],
        [LEARNER_COLUMNS, validateLearners],
      ] as const) {
        const table = readTable(body, spec);
        const issues = table.ok ? validate(table.rows).issues : table.issues;
        for (const issue of issues) expect(issue.line >= 1 && issue.line <= lines).toBe(true);
      }
    }),
    { numRuns: RUNS.csv },
  );
  // A valid events file with one cell replaced: every problem is on that cell's line.
  const columns = ['id', 'learnerId', 'type', 'at', 'channel', 'outcome'];
  const rows = [
    ['E1', 'L1', 'session.missed', '2026-09-08', '', ''],
    ['E2', 'L1', 'contact', '2026-09-09', 'phone', 'no_answer'],
    ['E3', 'L2', 'contact', '2026-09-10', 'email', 'reached'],
    ['E4', 'L2', 'session.missed', '2026-09-15', '', ''],
  ];
  const quoted = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const file = (cells: string[][]) => [columns.join(','), ...cells.map((r) => r.map(quoted).join(','))].join('\n');
  const valid = readTable(file(rows), EVENT_COLUMNS);
  expect(valid.ok && validateEvents(valid.rows).issues).toEqual([]);
  fc.assert(
    fc.property(
      fc.nat(rows.length - 1),
      fc.nat(columns.length - 1),
      // Not another row's id (a repeated id is rightly reported on the later row).
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'nope', '2026-13-01', 'session.missed', 'pigeon', 'maybe', '=cmd()')).filter((v) => !/^\s*E\d+\s*$/.test(v)),
      (r, c, value) => {
        const changed = rows.map((row, i) => (i === r ? row.map((v, j) => (j === c ? value : v)) : row));
        const table = readTable(file(changed), EVENT_COLUMNS);
        const issues = table.ok ? validateEvents(table.rows).issues : table.issues;
        // The header is line 1, so row r is on line r + 2.
        for (const issue of issues) expect({ line: issue.line, message: issue.message }).toEqual({ line: r + 2, message: issue.message });
      },
    ),
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
        // A refusal names its own event: the i-th result, events[i].
        for (const [i, r] of results.entries()) if (r.status === 'rejected') expect(r.error?.startsWith(`events[${i}]`)).toBe(true);
        expect(after - before).toBe(results.filter((r) => r.status === 'stored').length);
        n++;
      }),
      { numRuns: RUNS.http },
    );
    expect(n).toBeGreaterThan(0);
  }, 120_000);
});
