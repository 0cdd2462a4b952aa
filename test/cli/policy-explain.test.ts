/**
 * `waymark policy explain <pack> [--format md|html] [--out FILE]`: every built-in pack as
 * Markdown and as an HTML page rendered in headless Chromium (each rule, stage and outcome
 * once, printable, self-contained, no console errors), the pack that extends mtt saying 2
 * missed sessions and not 3, a hostile pack's text escaped, and bad input refused with
 * one precise line and exit 2.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../../src/cards/png.js';
import { BUILTIN_PACK_IDS, builtinPack, builtinPackSource } from '../../src/rules/packs/index.js';
import { runCli, tempDir, writeFile } from './run-cli.js';

const ACME = 'examples/acme-mtt-two-misses.json';
const explain = (...args: string[]) => runCli(['policy', 'explain', ...args]);

/** The lines of one `## title` section of a Markdown document, up to the next. */
function mdSection(md: string, title: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(`## ${title}`);
  expect(start).toBeGreaterThan(0);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('Markdown (the default)', () => {
  test.each([...BUILTIN_PACK_IDS])('%s: every rule, stage and outcome once, by id, in its section', async (id) => {
    const pack = builtinPack(id)!;
    const run = await explain(id);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith(`# ${pack.name}\n`)).toBe(true);
    expect(run.stdout).toContain(`- **Version:** ${pack.version}`);
    const parts: [string, readonly { id: string }[]][] = [
      ['What puts a learner at risk', pack.triggers],
      ['Stages', pack.stages],
      ['Outcomes', pack.outcomes],
      ['Nation and programme variants', pack.variants],
    ];
    for (const [title, elements] of parts) {
      const lines = mdSection(run.stdout, title);
      expect([title, lines.filter((l) => l.startsWith('### ')).length]).toEqual([title, elements.length]);
      expect(lines.filter((l) => l.startsWith('Id: `'))).toEqual(elements.map((e) => `Id: \`${e.id}\``));
    }
    for (const s of pack.stages) expect(mdSection(run.stdout, 'Stages')).toContain(`### ${s.name}`);
    // The header, the line under it, and one row per role.
    expect(mdSection(run.stdout, 'Who is involved').filter((l) => l.startsWith('| ')).length).toBe(pack.roles.length + 2);
  });

  test('the pack that extends mtt with 2 missed sessions says 2, not 3', async () => {
    const acme = await explain(ACME);
    expect(acme).toMatchObject({ code: 0, stderr: '' });
    expect(acme.stdout).toContain('### 2 consecutive missed sessions');
    expect(acme.stdout).toContain('- **Rule:** 2 consecutive missed sessions; an attended session breaks the run');
    expect(acme.stdout).toContain("> **Policy:** Acme's amendment: has missed 2 consecutive training sessions");
    // Only the Quality Lead's rule, a sentence of its own ("without calling in") that acme leaves alone, keeps its 3.
    const own = acme.stdout.indexOf('### 3 consecutive training sessions missed without calling in');
    expect(own).toBeGreaterThan(0);
    const rest = acme.stdout.slice(0, own) + acme.stdout.slice(acme.stdout.indexOf('\n### ', own + 1));
    expect(rest).not.toMatch(/\b3 consecutive/);
    // mtt itself does say 3: the assertion above can fail.
    expect((await explain('mtt')).stdout).toContain('- **Rule:** 3 consecutive missed sessions; an attended session breaks the run');
  });
});

describe('--out FILE', () => {
  test('writes exactly what standard output would show, and says so in one line on standard error', async () => {
    const file = join(tempDir(), 'mtt.html');
    const written = await explain('mtt', '--format', 'html', '--out', file);
    expect(written).toMatchObject({ code: 0, stdout: '', stderr: `policy explain: wrote mtt 1.3.0 as HTML to ${file}\n` });
    expect(readFileSync(file, 'utf8')).toBe((await explain('mtt', '--format', 'html')).stdout);
  });
});

describe('bad input: one precise line, exit 2, nothing on standard output', () => {
  const dir = tempDir();
  const notJson = writeFile(dir, 'broken.json', '{ "id": ');
  const invalid = writeFile(dir, 'invalid.json', { ...(builtinPackSource('mtt') as object), version: 'one' });
  mkdirSync(join(dir, 'folder'));

  test.each([
    [[], 'policy explain: needs a pack id or a path to a pack file'],
    [['nope'], 'policy explain: unknown policy "nope": not a built-in pack (makers, creative-alliance, bpn, mtt, atl) and no such file'],
    [[join(dir, 'folder')], `policy explain: cannot read "${join(dir, 'folder')}": is a directory, not a file`],
    [[notJson], `${notJson}: not valid JSON: `],
    [[invalid], `${invalid}: version: must be a version such as 1.0.0`],
    [['mtt', '--format', 'pdf'], 'policy explain: --format must be md or html, not "pdf"'],
    [['mtt', '--format'], 'policy explain: --format: needs a value'],
    [['mtt', '--format', 'md', '--format', 'html'], 'policy explain: --format: given more than once'],
    [['mtt', '--colour'], 'policy explain: unknown option --colour'],
    [['mtt', 'atl'], 'policy explain: unexpected argument "atl"'],
    [['mtt', '--out', join(dir, 'no-such-folder', 'x.md')], `policy explain: cannot write "${join(dir, 'no-such-folder', 'x.md')}": no such folder`],
    [['mtt', '--out', join(dir, 'folder')], `policy explain: cannot write "${join(dir, 'folder')}": is a directory, not a file`],
  ])('%j', async (args, line) => {
    const run = await explain(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]!.startsWith(line)).toBe(true);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('the usage and help text name explain with its flags', async () => {
    const run = await explain('mtt', '--format', 'pdf');
    expect(run.stderr).toContain('explain <pack-id | path> [--format md|html] [--out FILE]');
    expect((await runCli(['policy', 'help'])).stdout).toContain('policy explain <pack-id | path> [--format md|html] [--out FILE]');
  });
});

// CI installs Chromium (scripts/ensure-chromium.sh); elsewhere these tests need it too.
const executable = chromiumPath(process.env);
const withChromium = executable !== null || process.env.CI ? describe : describe.skip;

withChromium('HTML, rendered in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: executable ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(() => browser?.close());

  /** The page with `html` loaded; every console message, page error and request it made. */
  async function open(html: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    return { page, problems, requests };
  }

  const count = (page: Page, selector: string) => page.locator(selector).count();

  test.each([...BUILTIN_PACK_IDS])('%s: headings, one article per rule, stage and outcome, no errors, no requests', async (id) => {
    const pack = builtinPack(id)!;
    const run = await explain(id, '--format', 'html');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const { page, problems, requests } = await open(run.stdout);
    try {
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.title()).toBe(`${pack.name} (${pack.id} ${pack.version})`);
      expect(await page.locator('h1').textContent()).toBe(pack.name);
      expect(await count(page, 'main > section > h2')).toBe(14);
      const parts: [string, readonly { id: string }[]][] = [
        ['what-puts-a-learner-at-risk', pack.triggers],
        ['stages', pack.stages],
        ['outcomes', pack.outcomes],
        ['nation-and-programme-variants', pack.variants],
      ];
      for (const [section, elements] of parts) {
        const articles = page.locator(`#${section} > article`);
        expect([section, await articles.count()]).toEqual([section, elements.length]);
        expect(await articles.locator('.id code').allTextContents()).toEqual(elements.map((e) => e.id));
      }
      expect(await page.locator('#stages > article > h3').allTextContents()).toEqual(pack.stages.map((s) => s.name));
      expect(await page.locator('#outcomes > article > h3').allTextContents()).toEqual(pack.outcomes.map((o) => o.label));
      expect(await page.locator('#what-puts-a-learner-at-risk > article > h3').allTextContents()).toEqual(pack.triggers.map((t) => t.description));
      expect(await count(page, '#who-is-involved tbody tr')).toBe(pack.roles.length);
      // Every contents link leads to a section on the page.
      const targets = await page.locator('nav a').evaluateAll((links) => links.map((a) => (a as unknown as { hash: string }).hash.slice(1)));
      expect(targets).toHaveLength(14);
      for (const target of targets) expect(await count(page, `section#${target}`)).toBe(1);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('the pack that extends mtt reads "2 consecutive" and nowhere "3 consecutive"; it prints as a PDF without the contents', async () => {
    const run = await explain(ACME, '--format', 'html');
    expect(run.code).toBe(0);
    const { page, problems } = await open(run.stdout);
    try {
      const text = await page.locator('body').innerText();
      expect(text).toContain('2 consecutive missed sessions; an attended session breaks the run');
      // Only the Quality Lead's rule, a sentence of its own ("without calling in") that acme leaves alone, keeps its 3.
      const own = await page.locator('#what-puts-a-learner-at-risk--three-missed-sessions-without-calling-in').innerText();
      expect(own).toMatch(/\b3 consecutive/);
      expect(text.replace(own, '')).not.toMatch(/\b3 consecutive/);
      expect(await page.locator('#what-puts-a-learner-at-risk--three-consecutive-missed-sessions h3').textContent()).toBe('2 consecutive missed sessions');
      expect(await page.locator('nav').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('nav').isVisible()).toBe(false);
      expect(await page.locator('h1').isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // Several pages of A4: the whole document printed, not a blank page.
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(3);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("a hostile pack's words are shown as text, never run or rendered as markup", async () => {
    const hostile = '<script>window.pwned = true</script><img src=x onerror="window.pwned = true"> & <b>bold</b>';
    const file = writeFile(tempDir(), 'hostile.json', {
      extends: 'mtt',
      id: 'hostile',
      version: '1.0.0',
      name: hostile,
      change: { triggers: { 'left-employment': { description: `left </p><a href="javascript:alert(document.domain)">employment</a> [x](javascript:void) *now*` } } },
    });
    const md = await explain(file);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# \\<script\\>window.pwned = true\\</script\\>\\<img src=x onerror="window.pwned = true"\\> \\& \\<b\\>bold\\</b\\>');
    expect(md.stdout).toContain('### left \\</p\\>\\<a href="javascript:alert(document.domain)"\\>employment\\</a\\> \\[x\\](javascript:void) \\*now\\*');
    expect(md.stdout).not.toMatch(/(^|[^\\])<(script|img|b|a|\/p)\b/);

    const html = await explain(file, '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).not.toMatch(/<(script|img|b\b|a href="javascript)/i);
    const { page, problems, requests } = await open(html.stdout);
    try {
      expect(await page.locator('h1').textContent()).toBe(hostile);
      expect(await page.title()).toBe(`${hostile} (hostile 1.0.0)`);
      expect(await page.locator('#what-puts-a-learner-at-risk--left-employment h3').textContent()).toMatch(/^left <\/p><a href=/);
      expect(await count(page, 'script, img, b, a[href^="javascript"]')).toBe(0);
      expect(await page.evaluate(() => (globalThis as { pwned?: boolean }).pwned)).toBeUndefined();
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
