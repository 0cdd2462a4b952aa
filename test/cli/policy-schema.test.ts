/**
 * A pack copied with `policy show` keeps a `$schema` that works wherever the copy is kept:
 * it names `./pack.schema.json`, and `policy schema --out` writes that file beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packJsonSchema } from '../../src/rules/pack/json-schema.js';
import { runCli, tempDir } from './run-cli.js';

test('policy show names ./pack.schema.json, and policy schema --out writes it beside the copy', async () => {
  const dir = tempDir();
  for (const source of ['bpn', 'examples/acme-mtt-two-misses.json']) {
    const shown = await runCli(['policy', 'show', source]);
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as { $schema: string }).$schema).toBe('./pack.schema.json');
  }
  const written = await runCli(['policy', 'schema', '--out', join(dir, 'pack.schema.json')]);
  expect(written).toEqual({ code: 0, stdout: '', stderr: `policy schema: wrote the pack format as JSON Schema to ${join(dir, 'pack.schema.json')}\n` });
  expect(JSON.parse(readFileSync(join(dir, './pack.schema.json'), 'utf8'))).toEqual(packJsonSchema());
});

test('policy schema --out: a folder that does not exist, or no file name, is bad input', async () => {
  expect(await runCli(['policy', 'schema', '--out', join(tempDir(), 'no-such-folder', 'pack.schema.json')])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('no such folder') });
  expect(await runCli(['policy', 'schema', '--out', ''])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^policy schema: --out needs a file name\n/) });
});
