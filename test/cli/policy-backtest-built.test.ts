/**
 * `waymark policy backtest` through the built binary (bin/waymark.js -> dist), where a
 * large folder and the database's learners are shared with worker threads: the same
 * outcome as one thread, in the same order. `npm test` builds first; run `npm run build`
 * before running this file on its own.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyBacktest } from '../../src/cli/policy-backtest.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { ACME, input, LEARNERS, loadLearners, sessions } from './backtest-fixtures.js';
import { runCommand, tempDir, writeFile, type CliRun } from './run-cli.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCommand(policyBacktest, args, env);

let server: EmbeddedMongo;
let opened: OpenStore;
let db: NodeJS.ProcessEnv;
beforeAll(async () => {
  if (!existsSync(new URL('../../dist/cli/backtest-worker.js', import.meta.url))) throw new Error('dist/cli/backtest-worker.js is missing: run `npm run build` first');
  server = await startEmbeddedMongo({ port: 0 });
  ({ opened, env: db } = await loadLearners(server, 'backtest-built'));
});
afterAll(async () => {
  await opened.close();
  await server.close();
});

describe('the built command, which shares the work with worker threads', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  /** Runs the built command in a child process (asynchronously: the database it may use is served by this process). */
  const built = (args: string[], env: NodeJS.ProcessEnv = { MONGODB_URI: '' }): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(process.execPath, ['bin/waymark.js', 'policy', 'backtest', ...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  const patterns = Object.values(LEARNERS);
  const dir = tempDir();
  for (let i = 0; i < 260; i++) writeFile(dir, `w${String(i).padStart(3, '0')}.json`, input(`W${i}`, sessions(patterns[i % patterns.length]!)));

  test('and finds what one thread finds, in the same order', async () => {
    const threaded = await built([ACME, '--against', 'mtt', '--input', dir, '--json']);
    expect(threaded.stderr).toBe('');
    const alone = await run([ACME, '--against', 'mtt', '--input', dir, '--json']);
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(alone.stdout));
    // Files cycle through the 6 patterns; 2 of them change: 43 files of each in 260.
    expect(JSON.parse(threaded.stdout)).toMatchObject({ learners: 260, changed: 86 });
  });

  test('and reports the problems of every thread in file order', async () => {
    const bad = tempDir();
    for (let i = 0; i < 260; i++) writeFile(bad, `w${String(i).padStart(3, '0')}.json`, input(`W${i}`, sessions('AMMAA')));
    writeFile(bad, 'w003.json', '{');
    writeFile(bad, 'w200.json', input('W10', []));
    writeFile(bad, 'w255.json', input('W255', [{ type: 'nope', at: '2026-09-08' }]));
    const expected = [
      `${join(bad, 'w003.json')}: not valid JSON: Expected property name or '}' in JSON at position 1`,
      `${join(bad, 'w200.json')}: learner.id: "W10" is also the learner of ${join(bad, 'w010.json')}; give each learner one file`,
      expect.stringMatching(new RegExp(`^${join(bad, 'w255.json')}: events\\[0\\]\\.type: unknown event type "nope"`)),
      '',
    ];
    const threaded = await built([ACME, '--against', 'mtt', '--input', bad]);
    expect(threaded).toMatchObject({ code: 2, stdout: '' });
    expect(threaded.stderr.split('\n')).toEqual(expected);
    expect((await run([ACME, '--against', 'mtt', '--input', bad])).stderr).toBe(threaded.stderr);
  });

  test('and shares the database\'s learners between threads, each with its own connection', async () => {
    const threaded = await built([ACME, '--against', 'mtt', '--json'], db);
    expect(threaded.stderr).toBe('');
    const alone = await run([ACME, '--against', 'mtt', '--json'], db);
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(alone.stdout));
    expect(JSON.parse(threaded.stdout)).toMatchObject({ learners: 6, changed: 2 });
  });
});
