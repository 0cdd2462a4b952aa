/**
 * `waymark learners export <id> [--out DIR]`: everything held about a learner, as JSON and
 * as a readable HTML page (a subject access request). `waymark learners erase <id> --reason
 * TEXT [--force]`: erases their personal data, keeping the anonymised skeleton of their log
 * (src/privacy/redact.ts says what stays). Both use MONGODB_URI; both are in the audit.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eraseLearner } from '../privacy/erase.js';
import { exportLearner } from '../privacy/export.js';
import { exportHtml } from '../privacy/export-html.js';
import { parseFlags } from './args.js';
import { cliActor } from './cli-actor.js';
import { badInput, writeLines, type CliIo } from './io.js';
import { withCaseContext } from './with-cases.js';

export const LEARNERS_USAGE = 'usage: waymark learners export <id> [--out DIR] [--by NAME] | erase <id> --reason TEXT [--force] [--by NAME]   (uses MONGODB_URI)';

export const LEARNERS_HELP = `${LEARNERS_USAGE}

  export <id>      writes everything held about the learner (record, events with notes,
                   case, tasks, recommendations, proposals, the audit trail, chat messages
                   posted about them and where, erasures, who viewed restricted details),
                   restricted details included, as learner-<id>.json and learner-<id>.html
    --out DIR      the folder to write them in (default: the current folder)
  erase <id>       removes the learner's personal data: name, employer, every note and
                   free text in their log; keeps the anonymised skeleton funding audits
                   need (types, dates, pack versions, staff); the bot replaces the chat
                   messages about them with a "removed" card
    --reason TEXT  why (required; kept in the audit, the learner's name struck out)
    --force        erase even though the learner is on the at-risk register
  --by NAME        who is running it, for the audit (default: this account's user name)

Exit codes: 0 done, 2 bad input or refused (nothing changed), 3 database unreachable.
`;

export async function learnersCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === 'help') {
    io.stdout.write(LEARNERS_HELP);
    return 0;
  }
  if (sub === 'export') return exportCommand(rest, io, env);
  if (sub === 'erase') return eraseCommand(rest, io, env);
  return badInput(io, [sub === undefined ? 'waymark learners: which subcommand?' : `waymark learners: unknown subcommand ${JSON.stringify(sub)}`, LEARNERS_USAGE]);
}

async function exportCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const flags = parseFlags(args, { out: { type: 'string' }, by: { type: 'string' } }, true);
  if (!flags.ok) return badInput(io, [`waymark learners export: ${flags.lines.join('; ')}`, LEARNERS_USAGE]);
  const [learnerId, ...extra] = flags.value.positionals;
  if (learnerId === undefined || extra.length > 0) return badInput(io, ['waymark learners export: name exactly one learner id', LEARNERS_USAGE]);
  const dir = (flags.value.values.out as string | undefined) ?? '.';
  return withCaseContext('waymark learners export', io, env, async (ctx) => {
    const data = await exportLearner(ctx, learnerId, cliActor(flags.value.values.by as string | undefined));
    if (!data) return badInput(io, [`waymark learners export: no learner "${learnerId}"`]);
    await mkdir(dir, { recursive: true });
    const base = join(dir, `learner-${learnerId.replace(/[^\w.-]/g, '_')}`);
    await writeFile(`${base}.json`, `${JSON.stringify(data, null, 2)}\n`);
    await writeFile(`${base}.html`, exportHtml(data));
    writeLines(io.stdout, [`${base}.json`, `${base}.html`]);
    return 0;
  });
}

async function eraseCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const flags = parseFlags(args, { reason: { type: 'string' }, force: { type: 'boolean' }, by: { type: 'string' } }, true);
  if (!flags.ok) return badInput(io, [`waymark learners erase: ${flags.lines.join('; ')}`, LEARNERS_USAGE]);
  const [learnerId, ...extra] = flags.value.positionals;
  if (learnerId === undefined || extra.length > 0) return badInput(io, ['waymark learners erase: name exactly one learner id', LEARNERS_USAGE]);
  const reason = flags.value.values.reason as string | undefined;
  if (reason === undefined) return badInput(io, ['waymark learners erase: --reason is required: say why (the audit keeps it)', LEARNERS_USAGE]);
  return withCaseContext('waymark learners erase', io, env, async (ctx) => {
    const by = cliActor(flags.value.values.by as string | undefined);
    const outcome = await eraseLearner(ctx, { learnerId, reason, by, force: flags.value.values.force === true });
    if (!outcome.ok) return badInput(io, [`waymark learners erase: ${outcome.refusal.message} (${outcome.refusal.code}); nothing was changed`]);
    const { events, messages } = outcome.value;
    writeLines(io.stdout, [
      `${learnerId}: personal data erased by ${by}`,
      `free text removed from ${events} logged event${events === 1 ? '' : 's'}; the case rebuilt from the log`,
      messages === 0 ? 'no chat messages about them were recorded' : `${messages} chat message${messages === 1 ? '' : 's'} about them will be replaced with a "removed" card by the running bot`,
    ]);
    return 0;
  });
}
