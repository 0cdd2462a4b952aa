/**
 * In production (MONGODB_URI set) standard output is JSON lines only, for a log pipeline:
 * the start-up announcement is a log line, a misspelt WAYMARK_* variable is a warning
 * naming it, and each request under /api is logged with its whole path.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killAll, startWaymark, until } from './processes.js';

const BIN = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));
const KEY = 'production-log-key-0123456789';

afterAll(() => killAll());

test('every line on standard output is JSON: the start, the warning about an unknown variable, each request with its path', async () => {
  const db = startWaymark(['db', '--port', '0'], {});
  const uri = await until(() => db.lines.find((l) => l.startsWith('mongodb://')));
  const env = { PATH: process.env.PATH ?? '', MONGODB_URI: uri, PORT: '0', WAYMARK_API_KEYS: KEY, LOG_LEVEL: 'info', WAYMARK_POLCY: 'mtt' };
  const bot = spawn(process.execPath, [BIN, 'run'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  bot.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  bot.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => bot.once('close', resolve));
  try {
    const url = await until(() => /listening on (http:\/\/localhost:\d+)/.exec(stdout)?.[1]);
    const res = await fetch(`${url}/api/learners/NOBODY/case`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(404);
    await until(() => (stdout.includes('/api/learners/NOBODY/case') ? true : undefined));
  } finally {
    bot.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  const lines = stdout.trimEnd().split('\n');
  const records = lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
  });
  expect(records.filter((r) => typeof r.msg === 'string' && r.msg.startsWith('Waymark is listening on http://localhost:'))).toHaveLength(1);
  expect(records.filter((r) => r.level === 40 && r.msg === 'WAYMARK_POLCY: is not a Waymark variable and is ignored; did you mean WAYMARK_POLICY? (every variable is in .env.example)')).toHaveLength(1);
  expect(records.filter((r) => r.msg === 'request').map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/api/learners/NOBODY/case', 404]]);
  expect(stderr).toBe('');
});
