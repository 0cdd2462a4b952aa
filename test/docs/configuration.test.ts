/**
 * The variables are written down in three places that people read: the configuration
 * schema (what the bot reads), `.env.example` (what errors send people to) and the README's
 * Configuration table. They name the same variables, and every variable the code reads
 * from the environment is one of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOT_VARIABLES, TOOL_VARIABLES } from '../../src/server/config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

/** Names assigned in .env.example, set or commented out (`# NAME=value`). */
function envExampleNames(): string[] {
  return sorted([...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
}

/** The first column of the table under "## Configuration". */
function readmeTableNames(): string[] {
  const section = read('README.md').split(/^## /m).find((s) => s.startsWith('Configuration\n'));
  if (section === undefined) throw new Error('README.md has no "## Configuration" section');
  return sorted([...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));
}

/** Upper-case names read as `env.NAME` or `process.env.NAME` in the sources and scripts. */
function namesReadInCode(): string[] {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|mjs|js)$/.test(e.name) ? [join(dir, e.name)] : []));
  const names = [...files('src'), ...files('scripts')].flatMap((f) => [...read(f).matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1]!));
  return sorted(names);
}

const DOCUMENTED = sorted([...BOT_VARIABLES, ...TOOL_VARIABLES]);

test('the schema, .env.example and the README table name the same variables', () => {
  expect(BOT_VARIABLES).toEqual(expect.arrayContaining(['PORT', 'SLACK_API_URL', 'WAYMARK_DEMO', 'WAYMARK_PLAYGROUND', 'WAYMARK_PLAYGROUND_PORT']));
  expect(TOOL_VARIABLES).toEqual(['CHROMIUM_PATH', 'BOT_DOMAIN']);
  expect(envExampleNames()).toEqual(DOCUMENTED);
  expect(readmeTableNames()).toEqual(DOCUMENTED);
});

test('every variable the code reads is documented, apart from the platform\'s and a test hook', () => {
  const notOurs = ['DISPLAY', 'WAYLAND_DISPLAY', 'TEAMS_MANIFEST_DIR'];
  expect(namesReadInCode().filter((n) => !notOurs.includes(n) && !DOCUMENTED.includes(n))).toEqual([]);
  // The scan finds reads at all (a broken pattern would pass the line above with nothing).
  expect(namesReadInCode()).toEqual(expect.arrayContaining(['CHROMIUM_PATH', 'BOT_DOMAIN', 'MONGODB_URI', 'DISPLAY']));
});
