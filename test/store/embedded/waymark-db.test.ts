/**
 * `waymark db` end to end through the real binary (bin/waymark.js -> dist/): it prints the
 * URI as its only line of standard output, serves the driver, and exits 0 on SIGTERM.
 * `npm test` builds first; run `npm run build` before running this file on its own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { runCli } from '../../cli/run-cli.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) {
        stream.off('data', onData);
        resolve(text.slice(0, end));
      }
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`stream ended before a full line: ${JSON.stringify(text)}`)));
  });
}

describe('waymark db', () => {
  beforeAll(() => {
    for (const built of ['../../../dist/cli/main.js', '../../../dist/store/embedded-mongo/index.js']) {
      if (!existsSync(new URL(built, import.meta.url))) throw new Error(`${built.slice(9)} is missing: run \`npm run build\` first`);
    }
  });

  it('prints the URI, serves the driver, and exits 0 on SIGTERM', async () => {
    const child = spawn('node', ['bin/waymark.js', 'db', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );

    const uri = await firstLine(child.stdout);
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?directConnection=true$/);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000 });
    try {
      expect(await client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 });
      await client.db('cli').collection('x').insertOne({ a: 1 });
      expect(await client.db('cli').collection('x').countDocuments()).toBe(1);
    } finally {
      await client.close();
    }

    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout).toBe(`${uri}\n`);
    expect(stderr).toMatch(/in memory only and is LOST when this process stops/);
  });

  it('refuses a bad --port before starting anything (exit 2)', async () => {
    for (const port of ['x', '-1', '70000', '1.5']) {
      const run = await runCli(['db', `--port=${port}`]);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^--port: must be a whole number from 0 to 65535/);
    }
    const help = await runCli(['help', 'db']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: waymark db \[--port N\]/);
  });
});
