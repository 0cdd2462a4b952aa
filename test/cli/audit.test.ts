/**
 * `waymark audit <learner>` (issue 4): the learner's full trail from the event log: who
 * recorded what, when, under which pack version.
 */
import { auditCommand } from '../../src/cli/audit.js';
import { recordEvent } from '../../src/cases/record-event.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { learner } from '../store/contract/harness.js';
import { runCommand } from './run-cli.js';

let server: EmbeddedMongo;
let opened: OpenStore;
beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  opened = await openStore({ uri: server.uri });
  const ctx = { store: opened.store, packFor: builtinPack, now: () => new Date('2026-09-23T08:00:00Z') };
  await opened.store.putLearner(learner('AU1', { name: 'Sam Patel' }));
  await recordEvent(ctx, { learnerId: 'AU1', event: { id: 'att-1', type: 'session.missed', at: '2026-09-08', notice: false }, actor: { kind: 'feed', id: 'key-abc123' } });
  await recordEvent(ctx, {
    learnerId: 'AU1',
    event: { id: 'c-1', type: 'contact', at: '2026-09-09T10:30:00Z', channel: 'phone', outcome: 'no_answer' },
    actor: { kind: 'staff', id: 'coach@example.org' },
  });
});
afterAll(async () => {
  await opened.close();
  await server.close();
});

const run = (args: string[], env: NodeJS.ProcessEnv) => runCommand(auditCommand, args, env);

test('prints every logged event in time order with who recorded it and the pack version', async () => {
  const result = await run(['AU1'], { MONGODB_URI: server.uri });
  expect(result.code).toBe(0);
  expect(result.stdout.split('\n')).toEqual([
    'Audit trail of AU1 (Sam Patel), policy mtt: 2 events',
    '2026-09-08T00:00:00.000+01:00  |  session.missed notice=false  |  recorded by feed:key-abc123 at 2026-09-23T08:00:00.000Z  |  under mtt 1.3.0  |  key att-1',
    '2026-09-09T11:30:00.000+01:00  |  contact channel=phone outcome=no_answer  |  recorded by staff:coach@example.org at 2026-09-23T08:00:00.000Z  |  under mtt 1.3.0  |  key c-1',
    '',
  ]);
});

test('--json gives the same trail as data', async () => {
  const result = await run(['AU1', '--json'], { MONGODB_URI: server.uri });
  const doc = JSON.parse(result.stdout);
  expect(doc.learner.id).toBe('AU1');
  expect(doc.events.map((e: { key: string; recordedBy: string; packVersion: string }) => [e.key, e.recordedBy, e.packVersion])).toEqual([
    ['att-1', 'feed:key-abc123', '1.3.0'],
    ['c-1', 'staff:coach@example.org', '1.3.0'],
  ]);
});

test('an unknown learner, a missing id or a missing MONGODB_URI is bad input (exit 2)', async () => {
  expect(await run(['nobody'], { MONGODB_URI: server.uri })).toMatchObject({ code: 2, stdout: '', stderr: 'waymark audit: no learner "nobody"\n' });
  expect(await run([], { MONGODB_URI: server.uri })).toMatchObject({ code: 2, stderr: expect.stringContaining('name exactly one learner id') });
  expect(await run(['AU1'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('MONGODB_URI is not set') });
});
