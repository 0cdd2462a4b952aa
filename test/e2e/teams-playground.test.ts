/**
 * End to end in Microsoft's own Agents Playground (a local Teams-like web client with a
 * mock connector), driven by playwright-core in Debian's Chromium: the bot runs as
 * `waymark run` would (embedded store, Teams anonymous in local mode); the playground's
 * user types "caseload", opens a case, and approves a proposal, and the card updates.
 * Screenshots are kept in test-artifacts/ as the run's evidence.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../../src/cards/png.js';
import { loadPackRegistry } from '../../src/pack-files/pack-registry.js';
import { configFrom } from '../../src/server/config.js';
import { startWaymark, type Running } from '../../src/server/start.js';

const require = createRequire(import.meta.url);
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
/** The user the playground signs in as (Alex Wilber), by Entra object id. */
const PLAYGROUND_USER = '00000000-0000-0000-0000-0000000000020';
const browserPath = chromiumPath(process.env);
const run = browserPath || process.env.CI ? describe : describe.skip;

run('Teams in the Agents Playground', () => {
  let bot: Running;
  let playground: ChildProcess;
  let browser: Browser;
  let page: Page;
  let playgroundLog = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = configFrom({ PORT: '0', LOG_LEVEL: 'silent', WAYMARK_DEMO: 'off', WAYMARK_PLAYGROUND: 'off' });
    if (!config.ok) throw new Error(config.problems.join('\n'));
    const registry = await loadPackRegistry({ policy: config.config.policy });
    if (!registry.ok) throw new Error(registry.lines.join('\n'));
    bot = await startWaymark(config.config, pino({ level: 'silent' }), registry.value);
    const store = bot.ctx.store;
    await store.putStaff({ id: 'alex@mtt.example', name: 'Alex Wilber', roles: ['coach', 'directors'], teamsUserId: PLAYGROUND_USER });
    await store.putStaff({ id: 'sam@mtt.example', name: 'Sam Cover', roles: ['coach'], covers: ['alex@mtt.example'] });
    // The bot runs on the real clock: the history is dated back from today.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await store.putLearner({ id: 'M1', name: 'Mia Jones', programme: 'apprenticeship', nation: 'england', startDate: day(30), coach: 'alex@mtt.example', policy: 'mtt' });
    for (const at of [day(14), day(7), day(0)]) await bot.service.ingest({ kind: 'feed', id: 'mis' }, 'M1', { id: `e2e-${at}`, type: 'session.missed', at });

    const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
    playground = spawn(process.execPath, [cli, '-e', `http://127.0.0.1:${bot.port}/api/messages`, '-c', 'msteams', '-p', '0', '--dt'], {
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: join(ARTIFACTS, 'm365agentsplayground.log') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    playground.stdout!.on('data', (c: Buffer) => (playgroundLog += c.toString()));
    playground.stderr!.on('data', (c: Buffer) => (playgroundLog += c.toString()));
    const port = await until(() => /Listening on (\d+)/.exec(playgroundLog)?.[1], 30_000, () => `the playground did not start: ${playgroundLog}`);

    browser = await chromium.launch({
      executablePath: browserPath ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`http://localhost:${port}`, { waitUntil: 'networkidle' });
    // Connecting installs the app in the personal chat: Waymark keeps that conversation.
    await until(async () => ((await store.getSetting(`teams:ref:user:${PLAYGROUND_USER}`)) ? true : undefined), 20_000, () => 'the playground never installed the app');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    playground?.kill('SIGTERM');
    await bot?.stop();
  });

  test('type "caseload", open a case, approve a proposal and see the card update', async () => {
    await type('caseload');
    await page.getByText('Your caseload').last().waitFor({ timeout: 60_000 });
    await page.getByText('Mia Jones (M1)').last().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'playground-1-caseload.png') });

    await page.getByRole('button', { name: 'Open case' }).last().click();
    await page.getByText('Why the rules fired').last().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-2-case.png') });

    // A covering coach proposes Stage 1; the request reaches Alex (a Director) 1:1.
    const proposed = await bot.service.execute({ kind: 'propose', actor: 'sam@mtt.example', key: 'e2e-proposal', learnerId: 'M1', stage: 'stage-1', reason: 'Three sessions missed' });
    expect(proposed.ok).toBe(true);
    await page.getByText('Approve "Stage 1" for Mia Jones?').last().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-3-approval.png') });
    await page.getByRole('button', { name: 'Approve' }).last().click();
    // The card clicked is answered ("Decision recorded") and also updated in place with the
    // decision itself, in either order: whichever shows last, the request shows the decision.
    // (Exact text: the request's own title, 'Approve "Stage 1" for Mia Jones?', contains it.)
    const decided = page.getByText('Decision recorded').or(page.getByText('"Stage 1" for Mia Jones', { exact: true })).filter({ visible: true }).last();
    await decided.waitFor({ timeout: 60_000 });
    // For the screenshot only (the wait above is the check): later messages push the card
    // up, and a re-render can detach it mid-scroll.
    await decided.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
    await page.screenshot({ path: join(ARTIFACTS, 'playground-4-decided.png') });
    expect((await bot.ctx.store.loadCase('M1'))?.state.stage).toBe('stage-1');
  }, 180_000);

  async function type(text: string): Promise<void> {
    const box = page.getByRole('textbox').first();
    await box.click();
    await box.fill(text);
    await box.press('Enter');
  }
});

async function until<T>(check: () => T | undefined | Promise<T | undefined>, ms: number, message: () => string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(message());
    await new Promise((r) => setTimeout(r, 100));
  }
}
