/**
 * Chromium for the web tests (Debian's, as the card pictures use; CI installs it), with
 * axe-core for accessibility. Pages have a strict CSP with no scripts, so the browser
 * context bypasses it to inject axe.
 */
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../../src/cards/png.js';

const require = createRequire(import.meta.url);

/** `test` when Chromium is here (always in CI), else `test.skip`. */
export const withChromium = chromiumPath(process.env) !== null || process.env.CI ? test : test.skip;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(process.env) ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { target: string[] }[];
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] })).violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
