/**
 * `waymark cards preview --out <dir>`: every card with sample data as Block Kit JSON,
 * Adaptive Card JSON and PNG (rendered by the adaptivecards library in Chromium).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardsCommand } from '../../src/cli/cards.js';
import { chromiumPath } from '../../src/cards/png.js';
import { sampleCards, sampleForms } from '../../src/cards/samples.js';
import { runCommand } from './run-cli.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCommand(cardsCommand, args, env);
const names = [...sampleCards().map((c) => c.name), ...sampleForms().map((f) => f.name)];

test('--no-png writes each card as Block Kit and Adaptive Card JSON', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cards-'));
  const result = await run(['preview', '--out', out, '--no-png']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toContain(`${names.length} cards and forms written to ${out}`);
  expect(readdirSync(out).sort()).toEqual(names.flatMap((n) => [`${n}.adaptive.json`, `${n}.slack.json`]).sort());
  const alert = JSON.parse(readFileSync(join(out, 'at-risk-alert.slack.json'), 'utf8')) as { blocks: unknown[] };
  expect(alert.blocks.length).toBeGreaterThan(2);
  const dialog = JSON.parse(readFileSync(join(out, 'log-contact-form.adaptive.json'), 'utf8')) as { type: string; version: string };
  expect(dialog).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
});

// CI installs Chromium (scripts/ensure-chromium.sh); elsewhere the PNG test needs it too.
const withChromium = chromiumPath(process.env) !== null || process.env.CI ? test : test.skip;

withChromium('PNGs are the Adaptive Cards rendered in headless Chromium', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cards-png-'));
  const result = await run(['preview', '--out', out], process.env);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  for (const name of names) {
    const png = readFileSync(join(out, `${name}.png`));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Width and height from the IHDR chunk: a real picture of a card (500 CSS px at 2x).
    expect(png.readUInt32BE(16)).toBe(1000);
    expect(png.readUInt32BE(20)).toBeGreaterThan(150);
  }
});

test('bad arguments, or no Chromium for the PNGs, say what to do and exit 2', async () => {
  expect(await run(['preview'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--out <dir> is required') });
  expect(await run(['preview', '--out', '/tmp/x', '--colour'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--colour'") });
  expect(await run(['frob'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown subcommand "frob"') });
  expect(await run(['preview', '--out', '/tmp/x'], { CHROMIUM_PATH: '/nonexistent/chromium' })).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("install Debian's chromium"),
  });
});
