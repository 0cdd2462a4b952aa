import { BUILTIN_PACK_IDS } from '../../src/rules/packs/index.js';
import { runCli, tempDir, writeFile } from './run-cli.js';

type Json = Record<string, unknown>;

async function builtinSource(id: string): Promise<Json> {
  const run = await runCli(['policy', 'show', id]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Json;
}

describe('waymark policy list', () => {
  it('lists every built-in pack, one aligned line each', async () => {
    const run = await runCli(['policy', 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual([...BUILTIN_PACK_IDS]);
    const versionColumn = lines.map((l) => l.search(/\d+\.\d+\.\d+/));
    expect(new Set(versionColumn).size).toBe(1);
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
  });

  it('--json gives id, version, provider and name for every pack', async () => {
    const run = await runCli(['policy', 'list', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Json[];
    expect(rows.map((r) => r.id)).toEqual([...BUILTIN_PACK_IDS]);
    for (const row of rows) expect(Object.keys(row)).toEqual(['id', 'version', 'provider', 'name']);
    expect(rows.find((r) => r.id === 'mtt')).toMatchObject({ provider: 'Multi Trades Training' });
  });
});

describe('waymark policy show', () => {
  it.each([...BUILTIN_PACK_IDS])('prints the %s pack source as written', async (id) => {
    const source = await builtinSource(id);
    expect(source.id).toBe(id);
  });

  it('prints a pack file as parsed, defaults filled in', async () => {
    const file = writeFile(tempDir(), 'pack.json', await builtinSource('mtt'));
    const run = await runCli(['policy', 'show', file]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'mtt', variants: expect.any(Array) });
  });

  it('refuses an unknown policy with exit 2', async () => {
    const run = await runCli(['policy', 'show', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^policy show: unknown policy "nope": not a built-in pack/);
  });

  it('needs an argument', async () => {
    const run = await runCli(['policy', 'show']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs a pack id/);
  });
});

describe('waymark policy check', () => {
  it.each([...BUILTIN_PACK_IDS])('passes a copy of the built-in %s pack', async (id) => {
    const file = writeFile(tempDir(), `${id}.json`, await builtinSource(id));
    const run = await runCli(['policy', 'check', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ok \\(${id} \\d+\\.\\d+\\.\\d+: \\d+ triggers?, \\d+ stages?, \\d+ variants?\\)\\n$`));
  });

  async function checkBroken(edit: (pack: Json, triggers: Json[]) => Json): Promise<{ file: string; lines: string[] }> {
    const pack = await builtinSource('mtt');
    const file = writeFile(tempDir(), 'broken.json', edit(pack, pack.triggers as Json[]));
    const run = await runCli(['policy', 'check', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith(`${file}: `))).toBe(true);
    return { file, lines };
  }

  it('lists every schema problem with its path, on standard error', async () => {
    const { file, lines } = await checkBroken((pack, triggers) => ({
      ...pack,
      id: 'Not_Kebab',
      triggers: [{ ...triggers[0], id: 'two  words' }, ...triggers.slice(1)],
    }));
    expect(lines).toContain(`${file}: id: must be a kebab-case id (lower-case words joined by "-")`);
    expect(lines).toContainEqual(expect.stringMatching(/: triggers\[0\]\.id: must be a kebab-case id/));
  });

  it('lists every cross-reference problem with its path: an undefined role, a duplicated trigger id', async () => {
    const { file, lines } = await checkBroken((pack, triggers) => ({
      ...pack,
      triggers: [
        { ...triggers[0], effects: [{ do: 'notify', role: 'headteacher', reason: 'tell them' }] },
        ...triggers.slice(1),
        { ...triggers[1] },
      ],
    }));
    const pack = await builtinSource('mtt');
    const triggers = pack.triggers as Json[];
    expect(lines).toContainEqual(
      expect.stringMatching(/^.*: triggers\[0\]\.effects\[0\]\.role: names role "headteacher", which this pack does not define/),
    );
    expect(lines).toContain(`${file}: triggers[${triggers.length}].id: "${String(triggers[1]!.id)}" is used twice in triggers`);
  });

  it('refuses a file that is not JSON', async () => {
    const file = writeFile(tempDir(), 'pack.json', '{ nope');
    const run = await runCli(['policy', 'check', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: `));
  });

  it('refuses a file that does not exist, pointing to show for a built-in id', async () => {
    const missing = await runCli(['policy', 'check', 'no-such-pack.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('policy check: cannot read "no-such-pack.json": no such file\n');
    const builtin = await runCli(['policy', 'check', 'mtt']);
    expect(builtin.code).toBe(2);
    expect(builtin.stderr).toContain('waymark policy show mtt');
  });

  it('needs a file', async () => {
    const run = await runCli(['policy', 'check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs the path of a pack file/);
  });
});

describe('waymark policy schema', () => {
  it('prints the pack JSON Schema', async () => {
    const run = await runCli(['policy', 'schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as Json;
    expect(schema.$schema).toEqual(expect.stringContaining('json-schema.org'));
    expect(schema.title).toBe('Waymark policy pack');
  });
});

describe('waymark policy', () => {
  it('refuses an unknown or missing subcommand', async () => {
    const unknown = await runCli(['policy', 'delete']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^waymark policy: unknown subcommand "delete"\nusage: waymark policy /);
    const missing = await runCli(['policy']);
    expect(missing.code).toBe(2);
  });
});
