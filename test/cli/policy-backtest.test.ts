/**
 * `waymark policy backtest` (issue 14): replays learners under the pack in force and a
 * candidate and lists exactly the learners whose outcome would change, from a folder of
 * simulate input files or from the database; bad input is one precise line each, exit 2,
 * and the database is never written to.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { advanceCase } from '../../src/cases/advance-case.js';
import { recordEvent } from '../../src/cases/record-event.js';
import { policyBacktest } from '../../src/cli/policy-backtest.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { feed, learner } from '../store/contract/harness.js';
import { ACME, CHANGED, input, inputFolder, L2_DIFFERENCE, loadLearners, MTT_VERSION, sessions } from './backtest-fixtures.js';
import { runCli, runCommand, tempDir, writeFile, type CliRun } from './run-cli.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCommand(policyBacktest, args, env);

/** A candidate without mtt's "no recorded progress within 42 days" timer. */
function withoutProgressTimer(): string {
  return writeFile(tempDir(), 'no-timer.json', { extends: 'mtt', id: 'no-timer', version: '1.0.0', remove: { triggers: ['no-progress-in-42-days'] } });
}

/** Bad input: exit 2, nothing on standard output, exactly these lines on standard error. */
function expectBadInput(result: CliRun, lines: string[]): void {
  expect(result).toEqual({ code: 2, stdout: '', stderr: lines.map((l) => `${l}\n`).join('') });
}

let server: EmbeddedMongo;
let opened: OpenStore;
let db: NodeJS.ProcessEnv;
const folder = inputFolder();

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  ({ opened, env: db } = await loadLearners(server, 'backtest'));
});
afterAll(async () => {
  await opened.close();
  await server.close();
});

describe('from a folder of simulate input files (--input)', () => {
  test('lists exactly the learners whose outcome changes, as a table with totals', async () => {
    const result = await run([ACME, '--against', 'mtt', '--input', folder]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `Backtest of acme-mtt 1.0.0 (candidate) against mtt ${MTT_VERSION} (in force)`,
      '6 learners replayed; 2 would change.',
      '',
      'learner  what would differ (in force -> candidate; + only under the candidate, - only under the pack in force)',
      'L2       at risk: no -> yes',
      '         rating: low -> medium',
      '         ratings given: low -> low, medium',
      '         alerts: + 2 consecutive missed sessions',
      '         recommendations: + support-plan',
      'L3U      rating: medium -> high',
      '         ratings given: low, medium -> low, medium, high',
      '         alerts: + missed a scheduled session without advance notice while at risk',
      '         recommendations: + stage stage-1',
      '',
      'Totals (learners): at risk 1, rating 2, ratings given 2, alerts 2, recommendations 2, stages entered 0, stages refused 0, tasks 0',
      '',
    ]);
  });

  test('--json prints { candidate, against, learners, changed, differences }', async () => {
    const result = await run([ACME, '--against', 'mtt', '--input', folder, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, unknown> & { differences: { learnerId: string }[] };
    expect(Object.keys(doc)).toEqual(['candidate', 'against', 'learners', 'changed', 'differences']);
    expect(doc).toMatchObject({ candidate: { id: 'acme-mtt', version: '1.0.0' }, against: { id: 'mtt', version: MTT_VERSION }, learners: 6, changed: 2 });
    expect(Object.keys(doc.candidate as object)).toEqual(['id', 'version']);
    expect(doc.differences.map((d) => d.learnerId)).toEqual(CHANGED);
    expect(doc.differences[0]).toEqual(L2_DIFFERENCE);
  });

  test('--learner narrows it to the learners named (the flag repeated)', async () => {
    const result = JSON.parse((await run([ACME, '--against', 'mtt', '--input', folder, '--learner', 'L0', '--learner', 'L2', '--json'])).stdout);
    expect(result).toMatchObject({ learners: 2, changed: 1 });
    expect(result.differences.map((d: { learnerId: string }) => d.learnerId)).toEqual(['L2']);
  });

  test('without --against, the pack in force is WAYMARK_POLICY', async () => {
    const asMtt = JSON.parse((await run([ACME, '--input', folder, '--json'], { WAYMARK_POLICY: 'mtt' })).stdout);
    expect(asMtt.against).toEqual({ id: 'mtt', version: MTT_VERSION });
    expect(asMtt.differences.map((d: { learnerId: string }) => d.learnerId)).toEqual(CHANGED);
    const acmeInForce = JSON.parse((await run([ACME, '--input', folder, '--json'], { WAYMARK_POLICY: ACME })).stdout);
    expect(acmeInForce).toMatchObject({ against: { id: 'acme-mtt' }, learners: 6, changed: 0 });
  });

  test('each file runs to the end of its last event\'s day, so timers due later that day fire', async () => {
    const dir = tempDir();
    // 42 days after the 10:00 activity is 10:00 (London) on 13 Oct, after the last event that day.
    writeFile(dir, 't.json', input('T', [{ type: 'activity', at: '2026-09-01T09:00:00Z' }, { type: 'session.attended', at: '2026-10-13T08:00:00Z' }]));
    const doc = JSON.parse((await run([withoutProgressTimer(), '--against', 'mtt', '--input', dir, '--json'])).stdout);
    expect(doc.differences).toEqual([
      expect.objectContaining({ learnerId: 'T', atRisk: { against: true, candidate: false }, alerts: { onlyAgainst: ['no recorded progress within 42 days'], onlyCandidate: [] } }),
    ]);
  });

  test('a stage step the candidate refuses, and the task it would have set, are listed', async () => {
    const dir = tempDir();
    const strict = writeFile(dir, 'strict.json', {
      extends: 'mtt',
      id: 'strict-mtt',
      version: '1.0.0',
      change: { stages: { 'stage-1': { entry: { requires: [{ contactRule: 'welfare-check', explain: 'Stage 1 needs 2 welfare-check attempts first' }] } } } },
    });
    const learners = join(dir, 'learners');
    mkdirSync(learners);
    writeFile(learners, 's1.json', input('S1', [...sessions('AMMN'), { type: 'stage.entered', at: '2026-09-30', stage: 'stage-1' }]));
    const result = await run([strict, '--against', 'mtt', '--input', learners, '--json']);
    expect(JSON.parse(result.stdout).differences).toEqual([
      {
        learnerId: 'S1',
        stages: { against: ['stage-1'], candidate: [] },
        refused: { onlyAgainst: [], onlyCandidate: [expect.stringMatching(/^events\[5\]: cannot enter stage-1: Stage 1 needs 2 welfare-check attempts first/)] },
        tasks: { onlyAgainst: ['stage-1-welfare-checks (coach) due 2026-10-07'], onlyCandidate: [] },
      },
    ]);
  });
});

describe('from the database (MONGODB_URI)', () => {
  /** Every document of the collections a backtest reads. */
  const contents = async () => {
    const out: Record<string, unknown[]> = {};
    for (const name of ['learners', 'events', 'cases']) out[name] = await opened.connection.db!.collection(name).find().sort({ _id: 1 }).toArray();
    return out;
  };

  test('replays the learners whose policy is the pack in force and lists the same changes; writes nothing', async () => {
    const before = await contents();
    const result = await run([ACME, '--against', 'mtt', '--json'], db);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    // B1 runs under bpn: not replayed.
    expect(doc).toMatchObject({ candidate: { id: 'acme-mtt', version: '1.0.0' }, against: { id: 'mtt', version: MTT_VERSION }, learners: 6, changed: 2 });
    expect(doc.differences.map((d: { learnerId: string }) => d.learnerId)).toEqual(CHANGED);
    expect(doc.differences[0]).toEqual(L2_DIFFERENCE);
    expect(await contents()).toEqual(before);
    const table = await run([ACME, '--against', 'mtt'], db);
    expect(table.stdout).toContain('6 learners replayed; 2 would change.');
  });

  test('--learner narrows it; the pack in force defaults to WAYMARK_POLICY', async () => {
    const one = JSON.parse((await run([ACME, '--learner', 'L2', '--learner', 'L3', '--json'], { ...db, WAYMARK_POLICY: 'mtt' })).stdout);
    expect(one).toMatchObject({ against: { id: 'mtt' }, learners: 2, changed: 1 });
    expect(one.differences).toEqual([L2_DIFFERENCE]);
    const bpn = JSON.parse((await run([ACME, '--json'], { ...db, WAYMARK_POLICY: 'bpn' })).stdout);
    expect(bpn).toMatchObject({ against: { id: 'bpn' }, learners: 1 });
  });

  test('each learner runs as far as their case has been run, not only to their last event', async () => {
    const clockDb = await openStore({ uri: server.uri, dbName: 'backtest-clock' });
    try {
      const ctx = { store: clockDb.store, packFor: builtinPack, now: () => new Date('2026-09-07T12:00:00Z') };
      await clockDb.store.putLearner(learner('T1'));
      expect((await recordEvent(ctx, { learnerId: 'T1', event: { id: 'a', type: 'activity', at: '2026-09-07' }, actor: feed })).status).toBe('stored');
      // The scheduler woke the case on 30 Oct: the 42-day timer has fired under mtt.
      await advanceCase(ctx, 'T1', new Date('2026-10-30T09:00:00Z'));
      const doc = JSON.parse((await run([withoutProgressTimer(), '--against', 'mtt', '--json'], { MONGODB_URI: server.uri.replace('/?', '/backtest-clock?') })).stdout);
      expect(doc.differences).toEqual([expect.objectContaining({ learnerId: 'T1', atRisk: { against: true, candidate: false } })]);
    } finally {
      await clockDb.close();
    }
  });

  test('no learner under the pack in force: none replayed, and the table says why', async () => {
    const result = await run([ACME, '--against', 'atl'], db);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `Backtest of acme-mtt 1.0.0 (candidate) against atl ${builtinPack('atl')!.version} (in force)`,
        '0 learners replayed; 0 would change.',
        "No learner in the database runs under atl (a learner's pack is their `policy`; name another with --against).",
        '',
      ].join('\n'),
    });
  });

  test('an unknown learner, or one under another pack, is bad input', async () => {
    expectBadInput(await run([ACME, '--against', 'mtt', '--learner', 'NOPE', '--learner', 'B1', '--learner', 'L2'], db), [
      '--learner NOPE: no learner "NOPE" in the database',
      '--learner B1: runs under policy "bpn", not "mtt"; give --against bpn to backtest them',
    ]);
  });
});

describe('bad input: one precise line each, exit 2', () => {
  const usage = readFileSync(new URL('../../src/cli/usage.ts', import.meta.url), 'utf8').match(/BACKTEST_USAGE = '([^']+)'/)![1]!;

  test('unknown packs, unreadable and invalid pack files', async () => {
    const dir = tempDir();
    const broken = writeFile(dir, 'broken.json', '{ "extends": ');
    const invalid = writeFile(dir, 'invalid.json', { extends: 'mtt', id: 'x', version: '1.0.0', change: { triggers: { 'no-such-trigger': { count: 2 } } } });
    expectBadInput(await run(['no-such-pack', '--against', 'nope', '--input', folder]), [
      'candidate: unknown policy "no-such-pack": not a built-in pack (makers, creative-alliance, bpn, mtt, atl) and no such file',
      '--against: unknown policy "nope": not a built-in pack (makers, creative-alliance, bpn, mtt, atl) and no such file',
    ]);
    expectBadInput(await run([dir, '--against', 'mtt', '--input', folder]), [`candidate: cannot read "${dir}": is a directory, not a file`]);
    expectBadInput(await run([broken, '--against', 'mtt', '--input', folder]), [`${broken}: not valid JSON: Unexpected end of JSON input`]);
    const result = await run([invalid, '--against', 'mtt', '--input', folder]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^${invalid}: change\\.triggers\\.no-such-trigger: `));
  });

  test('a pack WAYMARK_PACKS loads may be named by id', async () => {
    const dir = tempDir();
    writeFile(dir, 'acme.json', JSON.parse(readFileSync(ACME, 'utf8')));
    const result = await run(['acme-mtt', '--against', 'mtt', '--input', folder, '--json'], { WAYMARK_PACKS: dir });
    expect(JSON.parse(result.stdout)).toMatchObject({ candidate: { id: 'acme-mtt' }, changed: 2 });
  });

  test('no MONGODB_URI and no --input, no candidate, a stray argument, an unknown flag', async () => {
    expectBadInput(await run([ACME, '--against', 'mtt']), [
      'waymark policy backtest: no learners to replay: set MONGODB_URI to the database, or give --input DIR (a folder of simulate input files)',
      usage,
    ]);
    expectBadInput(await run(['--input', folder]), ['waymark policy backtest: which candidate? give a pack file (or a pack id)', usage]);
    expectBadInput(await run([ACME, '--input', folder, '--learner', 'L1', 'L2']), ['unexpected argument "L2" (give --learner once per learner)', usage]);
    expectBadInput(await run([ACME, '--input', folder, '--until', '2026-10-01']), ['unknown option --until', usage]);
    expectBadInput(await run([ACME, '--input', folder, '--input', folder]), ['--input: given more than once', usage]);
  });

  test('an --input folder with bad files: each problem named by file and JSON path, and no report', async () => {
    const dir = inputFolder();
    const bad = writeFile(dir, 'bad.json', input('BAD', [{ type: 'activity', at: '2026-09-07' }, { type: 'contact', at: '2026-09-08', channel: 'pigeon', outcome: 'reached' }]));
    const broken = writeFile(dir, 'broken.json', '{ "learner": ');
    const twin = writeFile(dir, 'twin.json', input('L2', []));
    const late = writeFile(dir, 'z.json', { learner: { id: 'Z', programme: 'apprenticeship', nation: 'england', startDate: '2026-13-01' }, events: [] });
    expectBadInput(await run([ACME, '--against', 'mtt', '--input', dir]), [
      `${bad}: events[1].channel: must be one of "phone", "email", "meeting", "visit", "message", "letter"`,
      `${broken}: not valid JSON: Unexpected end of JSON input`,
      `${twin}: learner.id: "L2" is also the learner of ${join(dir, 'l2.json')}; give each learner one file`,
      `${late}: learner.startDate: is not a real date: 2026-13-01 does not exist: there is no month 13`,
    ]);
  });

  test('an --input that is missing, a file, or has no .json files; an unknown --learner', async () => {
    const empty = tempDir();
    writeFile(empty, 'notes.txt', 'not a learner');
    expectBadInput(await run([ACME, '--input', join(empty, 'nope')], { WAYMARK_POLICY: 'mtt' }), [`--input: cannot read "${join(empty, 'nope')}": no such folder`]);
    expectBadInput(await run([ACME, '--input', join(empty, 'notes.txt')], { WAYMARK_POLICY: 'mtt' }), [
      `--input: "${join(empty, 'notes.txt')}" is a file; give a folder of simulate input files, one learner each`,
    ]);
    expectBadInput(await run([ACME, '--input', empty], { WAYMARK_POLICY: 'mtt' }), [`--input: no .json files in "${empty}"`]);
    expectBadInput(await run([ACME, '--input', folder, '--learner', 'L2', '--learner', 'NOPE'], { WAYMARK_POLICY: 'mtt' }), [
      `--learner NOPE: no file in "${folder}" is this learner's`,
    ]);
  });
});

test('waymark policy backtest is a policy subcommand with its own help', async () => {
  const help = await runCli(['policy', 'backtest', '--help']);
  expect(help).toMatchObject({ code: 0, stderr: '' });
  expect(help.stdout).toMatch(/^usage: waymark policy backtest <candidate pack-id \| path> \[--against/);
  expect((await runCli(['policy', 'help'])).stdout).toContain('policy backtest <candidate> [--against <pack>] [--input DIR] [--learner ID]... [--json]');
  expect((await runCli(['help'])).stdout).toContain('policy backtest <candidate>');
});
