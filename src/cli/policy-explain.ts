/**
 * `waymark policy explain <pack-id | path> [--format md|html] [--out FILE]`: a pack as a
 * readable document for whoever signs it off, generated from its data (a file with its
 * `extends` resolved): Markdown by default, or one printable HTML page. Printed on standard
 * output, or written to FILE with a one-line confirmation on standard error.
 */
import { toHtml } from '../explain/html.js';
import { toMarkdown } from '../explain/markdown.js';
import { explainPack } from '../rules/explain/explain-pack.js';
import { parseFlags } from './args.js';
import { writeText } from './files.js';
import { badInput, EXIT_OK, writeLines, type CliIo } from './io.js';
import { loadPolicy } from './policy-source.js';
import { POLICY_USAGE } from './usage.js';

const RENDERERS = { md: toMarkdown, html: toHtml } as const;
type Format = keyof typeof RENDERERS;

export async function policyExplain(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, { format: { type: 'string' }, out: { type: 'string' } }, true);
  if (!flags.ok) return badInput(io, [...flags.lines.map((l) => `policy explain: ${l}`), POLICY_USAGE]);
  const [idOrPath, ...extra] = flags.value.positionals;
  if (idOrPath === undefined) return badInput(io, ['policy explain: needs a pack id or a path to a pack file', POLICY_USAGE]);
  if (extra.length > 0) return badInput(io, [`policy explain: unexpected argument ${JSON.stringify(extra[0])}`, POLICY_USAGE]);
  const format = (flags.value.values.format ?? 'md') as string;
  if (!Object.hasOwn(RENDERERS, format)) return badInput(io, [`policy explain: --format must be md or html, not ${JSON.stringify(format)}`, POLICY_USAGE]);
  const out = flags.value.values.out as string | undefined;
  if (out === '') return badInput(io, ['policy explain: --out needs a file name', POLICY_USAGE]);

  const pack = await loadPolicy(idOrPath, 'policy explain');
  if (!pack.ok) return badInput(io, pack.lines);
  const document = RENDERERS[format as Format](explainPack(pack.value));
  if (out === undefined) {
    io.stdout.write(document);
    return EXIT_OK;
  }
  const written = await writeText(out, document);
  if (!written.ok) return badInput(io, [`policy explain: cannot write "${out}": ${written.reason}`]);
  writeLines(io.stderr, [`policy explain: wrote ${pack.value.id} ${pack.value.version} as ${format === 'md' ? 'Markdown' : 'HTML'} to ${out}`]);
  return EXIT_OK;
}
