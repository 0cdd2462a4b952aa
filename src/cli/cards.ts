/**
 * `waymark cards preview --out <dir> [--no-png]`: every card and form with sample data,
 * as Block Kit JSON (paste into Slack's Block Kit Builder), as Adaptive Card JSON (paste
 * into the Adaptive Cards Designer) and as PNG (the Adaptive Card rendered by the
 * adaptivecards library in headless Chromium). Each is checked first: a card over Slack's
 * limits or one the adaptivecards library reports a problem with fails the command.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toAdaptiveCard, toAdaptiveDialog } from '../cards/adaptive.js';
import { adaptiveCardProblems } from '../cards/adaptive-check.js';
import { toSlackMessage, toSlackModal } from '../cards/block-kit.js';
import { blockKitProblems } from '../cards/block-kit-check.js';
import { CardPhotographer, chromiumPath } from '../cards/png.js';
import { sampleCards, sampleForms } from '../cards/samples.js';
import { badInput, EXIT_INTERNAL, writeLines, type CliIo } from './io.js';

export const CARDS_USAGE = 'usage: waymark cards preview --out <dir> [--no-png]';

interface Rendered {
  readonly name: string;
  readonly slack: object;
  readonly adaptive: object;
  readonly problems: string[];
}

export async function cardsCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === 'help') {
    io.stdout.write(`${CARDS_USAGE}\n\nWrites every card with sample data as <name>.slack.json, <name>.adaptive.json and <name>.png.\nPNGs need Chromium (Debian's chromium, or CHROMIUM_PATH).\n`);
    return 0;
  }
  if (sub !== 'preview') return badInput(io, [sub === undefined ? 'waymark cards: which subcommand?' : `waymark cards: unknown subcommand ${JSON.stringify(sub)}`, CARDS_USAGE]);
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { out: { type: 'string' }, 'no-png': { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    return badInput(io, [`waymark cards preview: ${(error as Error).message}`, CARDS_USAGE]);
  }
  if (!values.out) return badInput(io, ['waymark cards preview: --out <dir> is required', CARDS_USAGE]);
  const browser = values['no-png'] ? null : chromiumPath(env);
  if (!values['no-png'] && browser === null) {
    return badInput(io, ['waymark cards preview: no Chromium for the PNGs: install Debian\'s chromium (apt-get install chromium), set CHROMIUM_PATH, or pass --no-png']);
  }

  const rendered = render();
  const problems = rendered.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`));
  if (problems.length > 0) {
    writeLines(io.stderr, [...problems, `waymark cards preview: ${problems.length} problems; nothing written`]);
    return EXIT_INTERNAL;
  }
  await mkdir(values.out, { recursive: true });
  const photographer = browser === null ? null : await CardPhotographer.open(browser);
  try {
    for (const r of rendered) {
      await writeFile(join(values.out, `${r.name}.slack.json`), `${JSON.stringify(r.slack, null, 2)}\n`);
      await writeFile(join(values.out, `${r.name}.adaptive.json`), `${JSON.stringify(r.adaptive, null, 2)}\n`);
      if (photographer) await writeFile(join(values.out, `${r.name}.png`), await photographer.photograph(r.adaptive));
    }
  } finally {
    await photographer?.close();
  }
  const kinds = photographer ? 'Block Kit JSON, Adaptive Card JSON and PNG' : 'Block Kit JSON and Adaptive Card JSON';
  writeLines(io.stdout, [`${rendered.length} cards and forms written to ${values.out} (${kinds}), each checked against Slack's limits and by the adaptivecards library`]);
  return 0;
}

function render(): Rendered[] {
  const cards = sampleCards().map(({ name, card }) => {
    const slack = toSlackMessage(card);
    const adaptive = toAdaptiveCard(card);
    return { name, slack, adaptive, problems: [...blockKitProblems(slack, 'message'), ...adaptiveCardProblems(adaptive)] };
  });
  const forms = sampleForms().map(({ name, form }) => {
    const slack = toSlackModal(form);
    const adaptive = toAdaptiveDialog(form);
    return { name, slack, adaptive, problems: [...blockKitProblems(slack, 'modal'), ...adaptiveCardProblems(adaptive)] };
  });
  return [...cards, ...forms];
}
