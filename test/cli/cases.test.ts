/**
 * `waymark cases rebuild`: cases are projections of the audit log and can be replayed
 * from it; `waymark cases register`: the at-risk register as CSV. The database comes from
 * MONGODB_URI.
 */
import { casesCommand } from '../../src/cli/cases.js';
import { recordEvent } from '../../src/cases/record-event.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { feed, learner } from '../store/contract/harness.js';
import { runCli, runCommand } from './run-cli.js';

let server: EmbeddedMongo;
let opened: OpenStore;
beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  opened = await openStore({ uri: server.uri });
});
afterAll(async () => {
  await opened.close();
  await server.close();
});

const run = (args: string[], env: NodeJS.ProcessEnv) => runCommand(casesCommand, args, env);

test('rebuild replays every case from the log and saves it', async () => {
  const ctx = { store: opened.store, packFor: builtinPack, now: () => new Date('2026-09-30T12:00:00Z') };
  await opened.store.putLearner(learner('RB1'));
  for (const [i, at] of ['2026-09-08', '2026-09-15', '2026-09-22'].entries()) {
    await recordEvent(ctx, { learnerId: 'RB1', event: { id: `m${i}`, type: 'session.missed', at }, actor: feed });
  }
  const before = (await opened.store.loadCase('RB1'))!;
  // Damage the projection: the rebuild must restore it from the log.
  await opened.connection.db!.collection('cases').updateOne({ _id: 'RB1' as never }, { $set: { 'state.open': false, 'state.rating': 'low' } });

  const result = await run(['rebuild'], { MONGODB_URI: server.uri });
  expect(result).toEqual({ code: 0, stdout: 'RB1: rebuilt\n1 of 1 cases rebuilt\n', stderr: '' });
  const after = (await opened.store.loadCase('RB1'))!;
  expect(after.state.open).toBe(true);
  // Rebuilt up to the real clock (after 13 Oct 2026): the 42-day no-progress timer has fired too.
  expect(after.state.rating).toBe('high');
  expect(after.state.reasons.map((r) => r.rule)).toEqual(['three-consecutive-missed-sessions', 'three-missed-sessions-without-calling-in', 'no-progress-in-42-days']);
  expect(after.state.decisions).toEqual(before.state.decisions);
});

test('rebuild --learner names one learner', async () => {
  const result = await run(['rebuild', '--learner', 'RB1'], { MONGODB_URI: server.uri });
  expect(result.stdout).toBe('RB1: rebuilt\n1 of 1 cases rebuilt\n');
});

test('without MONGODB_URI, or with bad arguments, it says what is wrong and exits 2', async () => {
  expect(await run(['rebuild'], {})).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('MONGODB_URI is not set') });
  expect(await run(['rebuild', '--nope'], { MONGODB_URI: server.uri })).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--nope'") });
  expect(await run(['frobnicate'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown subcommand "frobnicate"') });
  expect((await runCli(['help'])).stdout).toContain('cases rebuild [--learner <id>]');
});

test('register prints every learner on the at-risk register as CSV', async () => {
  await opened.store.putLearner(learner('RB2', { name: 'Smith, "Jo"' }));
  await opened.store.putLearner(learner('RB3', { name: '=HYPERLINK("x")' }));
  const ctx = { store: opened.store, packFor: builtinPack, now: () => new Date('2026-09-30T12:00:00Z') };
  for (const id of ['RB2', 'RB3']) {
    for (const [i, at] of ['2026-09-08', '2026-09-15', '2026-09-22'].entries()) {
      await recordEvent(ctx, { learnerId: id, event: { id: `m${i}`, type: 'session.missed', at }, actor: feed });
    }
  }
  const result = await run(['register'], { MONGODB_URI: server.uri });
  expect(result.code).toBe(0);
  const lines = result.stdout.split('\r\n');
  expect(lines[0]).toBe('learner_id,name,policy,coach,on_register_since,rating,stage,reasons,next_deadline,next_task,overdue,waiting_for');
  expect(lines[1]).toBe(
    'RB1,Learner RB1,mtt,coach@example.org,2026-09-22,high,,3 consecutive missed sessions; 3 consecutive training sessions missed without calling in; no recorded progress within 42 days,,,no,',
  );
  // A name with a comma or quotes is quoted; one a spreadsheet would run as a formula is defused.
  expect(lines[2]).toMatch(/^RB2,"Smith, ""Jo""",mtt,/);
  expect(lines[3]).toMatch(/^RB3,"'=HYPERLINK\(""x""\)",mtt,/);
  expect(lines).toHaveLength(5);
  expect(await run(['register', 'x'], { MONGODB_URI: server.uri })).toMatchObject({ code: 2, stderr: expect.stringContaining('unexpected argument "x"') });
  expect(await run(['register'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('MONGODB_URI is not set') });
});
