/**
 * Adaptive Cards as PNG pictures: each card is rendered by Microsoft's adaptivecards
 * library in headless Chromium (Debian's `chromium`, driven by playwright-core) with a
 * Teams-like host config, and the rendered card is photographed. For people to see the
 * cards (README, reviews); nothing at run time depends on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Where Chromium is: CHROMIUM_PATH, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv): string | null {
  const path = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : null;
}

// Flags for a headless root session on a machine with a closed network.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 32, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: colours() },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: colours() },
  },
  actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'inline' }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
};

function colours() {
  return {
    default: { default: '#242424', subtle: '#616161' },
    accent: { default: '#5B5FC7', subtle: '#4F52B2' },
    good: { default: '#237B4B', subtle: '#237B4B' },
    warning: { default: '#8A5A00', subtle: '#835C00' },
    attention: { default: '#C4314B', subtle: '#A72037' },
  };
}

const STYLE = `
  body { margin: 0; padding: 16px; background: #EBEBEB; font-family: 'Segoe UI', Arial, sans-serif; }
  #card { width: 500px; background: #FFFFFF; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); overflow: hidden; }
  .ac-pushButton { border: 1px solid #D1D1D1; border-radius: 4px; background: #FFFFFF; padding: 5px 12px; font: 600 14px 'Segoe UI', Arial, sans-serif; color: #242424; }
  .ac-pushButton.style-positive { background: #5B5FC7; color: #FFFFFF; border-color: #5B5FC7; }
  .ac-pushButton.style-destructive { color: #C4314B; }
  .ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
  .ac-input { font: 14px 'Segoe UI', Arial, sans-serif; border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px; }
`;

export class CardPhotographer {
  private constructor(private readonly browser: Browser) {}

  static async open(executablePath: string): Promise<CardPhotographer> {
    return new CardPhotographer(await chromium.launch({ executablePath, headless: true, args: FLAGS }));
  }

  /** The card rendered as the adaptivecards library renders it, as PNG bytes. */
  async photograph(card: object): Promise<Buffer> {
    const page = await this.browser.newPage({ deviceScaleFactor: 2 });
    try {
      const library = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><div id="card"></div></body></html>`);
      await page.addScriptTag({ content: library });
      const error = await page.evaluate(
        ([json, hostConfig]) => {
          const AC = (globalThis as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
          const card = new AC.AdaptiveCard();
          card.hostConfig = new AC.HostConfig(hostConfig);
          card.parse(json);
          const rendered = card.render();
          if (!rendered) return 'the card did not render';
          (globalThis as unknown as { document: { getElementById(id: string): { appendChild(n: unknown): void } } }).document.getElementById('card').appendChild(rendered);
          return null;
        },
        [card, HOST_CONFIG] as const,
      );
      if (error) throw new Error(error);
      return await page.locator('#card').screenshot({ type: 'png' });
    } finally {
      await page.close();
    }
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
