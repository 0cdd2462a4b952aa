// Draws the Teams app icons (manifests/teams/color.png, 192x192, and outline.png, 32x32
// white on transparent, as Teams requires) from one SVG waymark, in headless Chromium.
// Run once after changing the design: node scripts/make-teams-icons.mjs
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const mark = (stroke, fill) => `
  <path d="M16 3 C10 3 6 7.5 6 13 C6 20 16 29 16 29 C16 29 26 20 26 13 C26 7.5 22 3 16 3 Z"
        fill="${fill}" stroke="${stroke}" stroke-width="2" stroke-linejoin="round"/>
  <path d="M11 11 L13.2 17 L16 12.5 L18.8 17 L21 11" fill="none" stroke="${stroke}" stroke-width="1.8"
        stroke-linecap="round" stroke-linejoin="round"/>`;

const icons = [
  { file: 'manifests/teams/color.png', size: 192, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="192" height="192"><rect width="32" height="32" fill="#2F3B52"/>${mark('#FFFFFF', '#4C8BF5')}</svg>` },
  { file: 'manifests/teams/outline.png', size: 32, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">${mark('#FFFFFF', 'none')}</svg>` },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${icon.svg}</body></html>`);
    await writeFile(icon.file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } }));
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('wrote', icons.map((i) => i.file).join(', '));
