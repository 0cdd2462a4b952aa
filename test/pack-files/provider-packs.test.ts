/**
 * A provider's own packs: `extends` merged onto a built-in or another file, the packs a
 * deployment loads (WAYMARK_POLICY, WAYMARK_PACKS) checked together, wording that must
 * follow the rule's numbers, and every bad input named by file and path.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPack, resolvedJson } from '../../src/pack-files/load-pack.js';
import { loadPackRegistry } from '../../src/pack-files/pack-registry.js';
import { wordingIssues } from '../../src/rules/pack/wording-check.js';
import type { Pack } from '../../src/rules/pack/pack-schema.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../src/rules/packs/index.js';
import { readTable } from '../../src/import/csv-table.js';
import { LEARNER_COLUMNS, validateLearners } from '../../src/import/learners.js';
import { runCli, tempDir, writeFile } from '../cli/run-cli.js';
import { afterMisses } from '../rules/misses.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/acme-mtt-two-misses.json', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));
const MISSES = 'three-consecutive-missed-sessions';

const json = (value: object) => JSON.stringify(value, null, 2);
const extending = (base: string, rest: object = {}) => ({ extends: base, id: 'acme', version: '1.0.0', ...rest });

async function pack(path: string): Promise<Pack> {
  const loaded = await loadPack(path, 'test');
  if (!loaded.ok) throw new Error(loaded.lines.join('\n'));
  return loaded.value.pack;
}

async function problems(path: string): Promise<readonly string[]> {
  const loaded = await loadPack(path, 'test');
  if (loaded.ok) throw new Error(`${path} loaded, but problems were expected`);
  return loaded.lines;
}

/** Whether a learner who missed `n` sessions in a row is on the at-risk register. */
const atRiskAfterMisses = (p: Pack, n: number): boolean => afterMisses(p, n).open;

describe('extends', () => {
  test('the example extends mtt with 2 missed sessions: at risk after 2 under it, after 3 and not 2 under mtt', async () => {
    const acme = await pack(EXAMPLE);
    expect(acme.id).toBe('acme-mtt');
    const trigger = acme.triggers.find((t) => t.id === MISSES)!;
    expect(trigger).toMatchObject({ count: 2, description: '2 consecutive missed sessions' });
    // Everything else is mtt's, unchanged.
    const mtt = builtinPack('mtt')!;
    expect(acme.triggers.map((t) => t.id)).toEqual(mtt.triggers.map((t) => t.id));
    expect(acme.stages).toEqual(mtt.stages);
    for (const [p, n, expected] of [
      [acme, 1, false],
      [acme, 2, true],
      [mtt, 2, false],
      [mtt, 3, true],
    ] as const) {
      expect([p.id, n, atRiskAfterMisses(p, n)]).toEqual([p.id, n, expected]);
    }
  });

  test('change, replace, add and remove by id, and top-level fields replaced', async () => {
    const dir = tempDir();
    const mtt = builtinPack('mtt')!;
    const [first, second, third] = mtt.triggers;
    const file = writeFile(
      dir,
      'p.json',
      json(
        extending('mtt', {
          name: 'Acme policy',
          change: { meetings: { [mtt.meetings[0]!.id]: { role: 'directors' } } },
          replace: { triggers: [{ ...second, description: `${(second as unknown as { count: number }).count} consecutive missed sessions (replaced)` }] },
          add: { roles: [{ id: 'acme-quality-lead', name: 'Quality lead' }] },
          remove: { triggers: [first!.id] },
        }),
      ),
    );
    const p = await pack(file);
    expect(p.name).toBe('Acme policy');
    expect(p.provider).toBe(mtt.provider);
    expect(p.triggers.map((t) => t.id)).toEqual(mtt.triggers.slice(1).map((t) => t.id));
    expect(p.triggers[0]!.description).toContain('(replaced)');
    expect(p.triggers[1]).toEqual(third);
    expect(p.roles.map((r) => r.id)).toEqual([...mtt.roles.map((r) => r.id), 'acme-quality-lead']);
    expect(p.meetings[0]!.role).toBe('directors');
  });

  test('a file may extend another file, which extends a built-in; show --resolved prints the whole pack', async () => {
    const dir = tempDir();
    writeFile(dir, 'base.json', json(extending('mtt', { id: 'acme-base', change: { triggers: { [MISSES]: { count: 2, description: '2 consecutive missed sessions' } } } })));
    const top = writeFile(dir, 'top.json', json({ extends: './base.json', id: 'acme-top', version: '2.0.0', name: 'Top' }));
    const p = await pack(top);
    expect([p.id, p.version, p.name, (p.triggers.find((t) => t.id === MISSES) as { count?: number } | undefined)?.count]).toEqual(['acme-top', '2.0.0', 'Top', 2]);
    const shown = await runCli(['policy', 'show', top, '--resolved']);
    expect(shown.code).toBe(0);
    const printed = JSON.parse(shown.stdout) as Pack & { extends?: string };
    expect(printed.extends).toBeUndefined();
    expect(printed.triggers.length).toBe(builtinPack('mtt')!.triggers.length);
  });

  test('bad input: unknown base, a cycle, an id the base lacks, an id it has, a whole list; each named by file and path', async () => {
    const dir = tempDir();
    const unknown = writeFile(dir, 'unknown.json', json(extending('nope')));
    expect(await problems(unknown)).toEqual([expect.stringMatching(new RegExp(`^${escape(unknown)}: extends: no built-in pack or file ".*nope" \\(no such file; built-in: makers, creative-alliance, bpn, mtt, atl\\)$`))]);

    const a = writeFile(dir, 'a.json', json(extending('./b.json', { id: 'a' })));
    writeFile(dir, 'b.json', json(extending('./a.json', { id: 'b' })));
    const cycle = await problems(a);
    expect(cycle).toHaveLength(1);
    expect(cycle[0]).toMatch(/b\.json: extends: ".*a\.json" makes a cycle \(.*a\.json -> .*b\.json -> .*a\.json\)$/);

    const wrongIds = writeFile(
      dir,
      'ids.json',
      json(extending('mtt', { change: { triggers: { 'no-such-trigger': { count: 2 } } }, remove: { stages: ['stage-9'] }, add: { triggers: [{ ...builtinPack('mtt')!.triggers[0] }] } })),
    );
    expect(await problems(wrongIds)).toEqual([
      `${wrongIds}: change.triggers.no-such-trigger: the base "mtt" has no triggers "no-such-trigger"`,
      `${wrongIds}: add.triggers[0].id: the base "mtt" already has triggers "${builtinPack('mtt')!.triggers[0]!.id}": use change or replace`,
      `${wrongIds}: remove.stages[0]: the base "mtt" has no stages "stage-9"`,
    ]);

    const whole = writeFile(dir, 'whole.json', json(extending('mtt', { triggers: [] })));
    expect(await problems(whole)).toEqual([`${whole}: triggers: gives the whole list; an extending pack changes triggers with change, replace, add or remove`]);

    const notJson = writeFile(dir, 'broken.json', '{ "extends": "mtt",');
    expect((await problems(notJson))[0]).toMatch(new RegExp(`^${escape(notJson)}: not valid JSON: `));
    expect((await resolvedJson(join(dir, 'missing.json'), 'test')).ok).toBe(false);
  });
});

describe('words follow numbers', () => {
  test('the built-in packs state no number their rules lack', () => {
    for (const id of BUILTIN_PACK_IDS) expect([id, wordingIssues(builtinPack(id)!)]).toEqual([id, []]);
  });

  test('changing a count without its description is refused, naming the path and both numbers', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'stale.json', json(extending('mtt', { change: { triggers: { [MISSES]: { count: 2 } } } })));
    const index = builtinPack('mtt')!.triggers.findIndex((t) => t.id === MISSES);
    expect(await problems(file)).toEqual([`${file}: triggers[${index}].description: says 3, but the rule's numbers are 2, 60: reword it to match the rule`]);
    // At the count the words are fine: "more than 2" means 3, and stage numbers are names.
    const fine = writeFile(
      dir,
      'fine.json',
      json(extending('mtt', { change: { triggers: { [MISSES]: { count: 3, description: 'more than 2 missed sessions in a row (stage 1 follows) in the first 60 days' } } } })),
    );
    expect(wordingIssues(await pack(fine))).toEqual([]);
  });
});

describe('the packs a deployment runs', () => {
  test('WAYMARK_POLICY a file and WAYMARK_PACKS a folder: built-ins kept, the file is the default', async () => {
    const dir = tempDir();
    const folder = join(dir, 'packs');
    mkdirSync(folder);
    writeFile(folder, 'second.json', json(extending('bpn', { id: 'acme-bpn' })));
    writeFile(folder, 'pack.schema.json', '{}');
    const registry = await loadPackRegistry({ policy: EXAMPLE, packs: [folder, EXAMPLE] });
    if (!registry.ok) throw new Error(registry.lines.join('\n'));
    expect(registry.value.defaultPolicy).toBe('acme-mtt');
    expect([...registry.value.packs.keys()]).toEqual([...BUILTIN_PACK_IDS, 'acme-mtt', 'acme-bpn']);
    expect(registry.value.packFor('acme-bpn')?.triggers).toEqual(builtinPack('bpn')!.triggers);
    expect(registry.value.packFor('nope')).toBeUndefined();
  });

  test('learners may name any loaded pack, and only those; those naming none get WAYMARK_POLICY', async () => {
    const registry = await loadPackRegistry({ policy: EXAMPLE });
    if (!registry.ok) throw new Error(registry.lines.join('\n'));
    const known = { policies: [...registry.value.packs.keys()], defaultPolicy: registry.value.defaultPolicy };
    const table = readTable('id,name,programme,nation,startDate,policy\nA1,Ann,apprenticeship,england,2026-09-01,acme-mtt\nA2,Bo,apprenticeship,england,2026-09-01,\nA3,Cy,apprenticeship,england,2026-09-01,nope\n', LEARNER_COLUMNS);
    if (!table.ok) throw new Error('bad table');
    const validated = validateLearners(table.rows, known);
    expect(validated.values.map((v) => [v.value.id, v.value.policy])).toEqual([
      ['A1', 'acme-mtt'],
      ['A2', 'acme-mtt'],
    ]);
    expect(validated.issues).toEqual([{ line: 4, column: 'policy', message: 'must name a loaded policy pack: one of makers, creative-alliance, bpn, mtt, atl, acme-mtt' }]);
  });

  test('two packs with one id, an id of a built-in, a bad pack and a missing path: every problem, nothing loaded', async () => {
    const dir = tempDir();
    const one = writeFile(dir, 'one.json', json(extending('mtt', { id: 'same' })));
    const two = writeFile(dir, 'two.json', json(extending('atl', { id: 'same' })));
    const clash = writeFile(dir, 'clash.json', json(extending('mtt', { id: 'mtt' })));
    const bad = writeFile(dir, 'bad.json', json(extending('mtt', { version: 'one' })));
    const registry = await loadPackRegistry({ policy: 'atl', packs: [one, two, clash, bad, join(dir, 'gone')] });
    expect(registry).toEqual({
      ok: false,
      lines: [
        `WAYMARK_PACKS: "${join(dir, 'gone')}": no such file or folder`,
        `${two}: id: "same" is also the id of ${one}; each pack needs its own id`,
        `${clash}: id: "mtt" is a built-in pack's id; give your pack its own id (to build on the built-in, write "extends": "mtt")`,
        `${bad}: version: must be a version such as 1.0.0`,
      ],
    });
  });

  test('a broken pack stops the bot before anything starts: exit 2, the file and the path named', () => {
    const dir = tempDir();
    const bad = writeFile(dir, 'bad.json', json(extending('mtt', { change: { triggers: { [MISSES]: { count: 2 } } } })));
    const result = spawnSync(process.execPath, [BIN, 'run'], { env: { PATH: process.env.PATH ?? '', WAYMARK_POLICY: bad, WAYMARK_PLAYGROUND: 'off', PORT: '0' }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).not.toContain('listening');
    expect(result.stderr).toContain(`${bad}: triggers[`);
    expect(result.stderr).toContain('.description: says 3, but the rule');
    expect(result.stderr).toContain('waymark run: not started');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
