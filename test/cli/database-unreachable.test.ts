/**
 * A database that cannot be reached is the deployment's fault, not a bug: the commands that
 * use MONGODB_URI say the database could not be reached, naming MONGODB_URI, and exit 3
 * (not `internal error`, exit 1). Through the real binary (run `npm run build` first).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDir, writeFile } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));
/** Nothing listens on port 1: the connection is refused. */
const NOWHERE = 'mongodb://127.0.0.1:1/waymark';

function waymark(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', MONGODB_URI: NOWHERE }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

test('cases, import and audit: "the database could not be reached (MONGODB_URI)", exit code 3', async () => {
  const learners = writeFile(tempDir(), 'learners.csv', 'id,name,programme,nation,startDate\nU1,Una,apprenticeship,england,2026-09-01\n');
  const runs = await Promise.all([waymark(['cases', 'register']), waymark(['import', 'learners', learners]), waymark(['audit', 'U1'])]);
  for (const run of runs) {
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr: 'waymark: the database could not be reached (MONGODB_URI): connect ECONNREFUSED 127.0.0.1:1\nCheck that the server is running and that MONGODB_URI points at it.\n',
    });
  }
});

test('the usage text gives the exit code', async () => {
  expect((await waymark(['help'])).stdout).toContain('3 the database (MONGODB_URI) could not be reached');
});
