/**
 * `waymark doctor` through the real binary (bin/waymark.js -> dist/cli/main.js) against a
 * database nothing answers at: the process ends by itself (no hang: the test's own
 * timeout is the only bound), with exit 1, a ✗ naming the database, and no stack trace.
 * Run `npm run build` before running this file on its own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

beforeAll(() => {
  if (!existsSync(new URL('../../dist/cli/main.js', import.meta.url))) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
});

test('an unreachable MONGODB_URI: the process exits 1 by itself, naming the database, with nothing on stderr', async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));

  const child = spawn('node', ['bin/waymark.js', 'doctor'], {
    cwd: root,
    env: { PATH: process.env.PATH, MONGODB_URI: `mongodb://user:s3cret@127.0.0.1:${port}/waymark?directConnection=true` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));

  expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  const lines = stdout.split('\n');
  expect(lines.filter((l) => l.startsWith('✗ database: '))).toEqual([
    expect.stringContaining(`could not reach the database at mongodb://127.0.0.1:${port}/waymark (MONGODB_URI) within 3 s`),
  ]);
  expect(stdout).not.toContain('s3cret');
  expect(stdout).not.toMatch(/\n\s+at /);
  expect(lines.at(-2)).toBe('3 of 7 checks fail.');
}, 60_000);
