import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

describe('waymark', () => {
  it.each([['--help'], ['help'], ['-h']])('%s prints usage listing the commands, exit 0', async (arg) => {
    const run = await runCli([arg]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const command of ['simulate', 'policy list', 'policy show', 'policy check', 'policy schema']) {
      expect(run.stdout).toContain(command);
    }
  });

  it('help simulate and simulate --help print the simulate flags', async () => {
    for (const argv of [['help', 'simulate'], ['simulate', '--help']]) {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('--until YYYY-MM-DD');
    }
  });

  it('no arguments: usage on standard error, exit 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^usage: waymark /);
  });

  it('an unknown command: exit 2 naming it, with usage', async () => {
    const run = await runCli(['simulated']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^waymark: unknown command "simulated"\nusage: waymark /);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('an unexpected error is one line on standard error, exit 1, never a throw', async () => {
    let stderr = '';
    const broken = new Writable({
      write() {
        throw new Error('disk on fire');
      },
    });
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stderr += chunk.toString();
        done();
      },
    });
    const code = await main(['policy', 'schema'], { stdin: Readable.from([]), stdout: broken, stderr: capture });
    expect(code).toBe(1);
    expect(stderr).toBe('waymark: internal error: disk on fire\n');
  });
});
