/**
 * The access log (issue 19): every view of a restricted detail (the case view in chat,
 * `waymark audit`, an export) records who and when; `waymark audit <id> --restricted`
 * lists them. A view that withholds the detail, or a case with none, is not logged.
 */
import { auditCommand } from '../../src/cli/audit.js';
import { CaseQueries } from '../../src/cases/case-queries.js';
import { recordEvent } from '../../src/cases/record-event.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { runCommand } from '../cli/run-cli.js';
import { learner } from '../store/contract/harness.js';

const NOW = new Date('2026-09-25T09:00:00Z');
let server: EmbeddedMongo;
let opened: OpenStore;
let queries: CaseQueries;

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  opened = await openStore({ uri: server.uri });
  const ctx = { store: opened.store, packFor: builtinPack, now: () => NOW };
  queries = new CaseQueries(ctx);
  await opened.store.putStaff({ id: 'coach@example.org', name: 'Casey Coach', roles: ['coach'] });
  await opened.store.putStaff({ id: 'dsl@example.org', name: 'Dee Lead', roles: ['safeguarding-team'] });
  await opened.store.putLearner(learner('CONCERN'));
  await opened.store.putLearner(learner('PLAIN'));
  const feed = { kind: 'feed', id: 'test' } as const;
  await recordEvent(ctx, { learnerId: 'CONCERN', event: { id: 'c1', type: 'concern.raised', at: '2026-09-10', category: 'safeguarding', note: 'disclosed at review' }, actor: feed });
  await recordEvent(ctx, { learnerId: 'PLAIN', event: { id: 'p1', type: 'session.missed', at: '2026-09-10' }, actor: feed });
});
afterAll(async () => {
  await opened.close();
  await server.close();
});

test('a case view that shows a restricted detail is logged with who and when; one that withholds it is not', async () => {
  const shown = await queries.caseDetail('dsl@example.org', 'CONCERN');
  expect(shown.ok && shown.value.trail.some((t) => t.restricted)).toBe(true);
  const withheld = await queries.caseDetail('coach@example.org', 'CONCERN');
  expect(withheld.ok && withheld.value.trail.some((t) => t.withheld)).toBe(true);
  expect((await queries.caseDetail('dsl@example.org', 'PLAIN')).ok).toBe(true);
  expect(await opened.store.restrictedAccessOf('CONCERN')).toEqual([{ learnerId: 'CONCERN', viewer: 'dsl@example.org', at: NOW, view: 'case' }]);
  expect(await opened.store.restrictedAccessOf('PLAIN')).toEqual([]);
});

test('waymark audit shows restricted details, so it is logged; --restricted lists every view', async () => {
  const env = { MONGODB_URI: server.uri };
  expect((await runCommand(auditCommand, ['CONCERN', '--by', 'admin@example.org'], env)).stdout).toContain('note=disclosed at review');
  expect((await runCommand(auditCommand, ['PLAIN', '--by', 'admin@example.org'], env)).code).toBe(0);
  const listed = await runCommand(auditCommand, ['CONCERN', '--restricted'], env);
  expect(listed.code).toBe(0);
  expect(listed.stdout.split('\n')).toEqual([
    "Views of CONCERN's restricted details: 2",
    '2026-09-25T09:00:00.000Z  |  dsl@example.org  |  case view (chat)',
    expect.stringMatching(/^\S+Z {2}\| {2}cli:admin@example\.org {2}\| {2}waymark audit$/),
    '',
  ]);
  // Listing the log shows no restricted detail, and is not itself a view.
  expect(await opened.store.restrictedAccessOf('CONCERN')).toHaveLength(2);
  expect((await runCommand(auditCommand, ['PLAIN', '--restricted'], env)).stdout).toBe("No one has viewed PLAIN's restricted details.\n");
});
