/**
 * `npm run manifests`: the Teams app package is built from the manifest with the bot id
 * filled in, validated against the schema in Microsoft's manifest package, with icons of
 * the sizes Teams requires; a bad manifest or a missing BOT_ID writes nothing.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';

const SCRIPT = fileURLToPath(new URL('../../scripts/teams-package.mjs', import.meta.url));
const TEAMS = fileURLToPath(new URL('../../manifests/teams/', import.meta.url));
const BOT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

function run(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'teams-manifest-'));
  for (const f of ['manifest.json', 'color.png', 'outline.png']) cpSync(join(TEAMS, f), join(dir, f));
  return dir;
}

test('writes a valid app package with the bot id and domain filled in', async () => {
  const dir = copy();
  const result = await run({ BOT_ID, BOT_DOMAIN: 'waymark.example.org', TEAMS_MANIFEST_DIR: dir });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toContain('manifest 1.22 valid');
  const zip = new AdmZip(join(dir, 'build/waymark-teams.zip'));
  expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  const manifest = JSON.parse(zip.readAsText('manifest.json'));
  expect(manifest).toMatchObject({ id: BOT_ID, bots: [{ botId: BOT_ID, scopes: ['personal', 'team', 'groupChat'] }], validDomains: ['waymark.example.org'] });
  expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual(['help', 'caseload', 'case', 'log', 'record', 'escalate', 'approvals', 'register', 'setup alerts', 'setup smt']);
});

test('a missing or malformed BOT_ID, or a manifest the schema rejects, writes nothing', async () => {
  const dir = copy();
  expect(await run({ TEAMS_MANIFEST_DIR: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('BOT_ID: is required') });
  expect(await run({ BOT_ID: 'not-a-guid', TEAMS_MANIFEST_DIR: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('BOT_ID: must be a GUID') });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, accentColor: 'blue', name: { short: 'x'.repeat(40) } }));
  const bad = await run({ BOT_ID, TEAMS_MANIFEST_DIR: dir });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/npm run manifests: manifest\.json: .*accentColor/);
  expect(existsSync(join(dir, 'build'))).toBe(false);
});
