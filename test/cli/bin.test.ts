/**
 * End to end through the real binary (bin/waymark.js -> dist/cli/main.js). `npm test`
 * builds first; run `npm run build` before running this file on its own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inputJson, MISSED_SESSIONS } from './run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function waymark(args: string[], input: string): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('node', ['bin/waymark.js', ...args], { cwd: root, input, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bin/waymark.js', () => {
  beforeAll(() => {
    if (!existsSync(new URL('../../dist/cli/main.js', import.meta.url))) {
      throw new Error('dist/cli/main.js is missing: run `npm run build` first');
    }
  });

  it('stops quietly (exit 0, nothing on stderr) when its output is piped into a reader that stops early', async () => {
    const child = spawn('node', ['bin/waymark.js', 'policy', 'explain', 'atl'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `| head -0`: the reader closes the pipe before the output comes.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('simulates the README example (exit 0) and refuses bad input (exit 2, no stack)', () => {
    const good = waymark(['simulate', '--policy', 'mtt', '--input', 'examples/mtt-missed-sessions.json', '--until', '2026-10-31'], '');
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ policy: 'mtt', learnerId: 'L1', until: '2026-10-31' });

    const bad = [...MISSED_SESSIONS, { type: 'session.skipped', at: '2026-09-29' }];
    const refused = waymark(['simulate', '--policy', 'mtt', '--input', '-'], inputJson(bad));
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^events\[4\]\.type: unknown event type "session\.skipped"/);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
  });
});
