/**
 * `waymark audit <learner> [--json]`: a learner's full trail from the append-only event
 * log: what happened and when, who recorded it, and under which pack version, in time
 * order, erasures included. It shows restricted details, so each run is in the access log;
 * `--restricted` lists that log instead. The database comes from MONGODB_URI.
 */
import { parseArgs } from 'node:util';
import { openStore } from '../store/open-store.js';
import { trailEntry, trailWithUpdates, type TrailEntry } from '../cases/trail.js';
import { logRestrictedView, restrictedAccessLines } from '../privacy/access-log.js';
import { cliActor } from './cli-actor.js';
import { badInput, printJson, writeLines, type CliIo } from './io.js';

export const AUDIT_USAGE = 'usage: waymark audit <learner-id> [--json] [--restricted] [--by NAME]   (uses MONGODB_URI)';

export async function auditCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean' }, restricted: { type: 'boolean' }, by: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return badInput(io, [`waymark audit: ${(error as Error).message}`, AUDIT_USAGE]);
  }
  if (parsed.values.help) {
    io.stdout.write(
      `${AUDIT_USAGE}\n\nPrints who recorded what about a learner, when, and under which pack version, restricted details\nincluded (the view is logged as --by, default the account running it).\n--restricted  lists who has viewed the learner's restricted details, and when, instead\n`,
    );
    return 0;
  }
  const [learnerId, ...extra] = parsed.positionals;
  if (learnerId === undefined || extra.length > 0) return badInput(io, ['waymark audit: name exactly one learner id', AUDIT_USAGE]);
  const uri = env.MONGODB_URI;
  if (!uri) return badInput(io, ['waymark audit: MONGODB_URI is not set; point it at the database to read (e.g. the URI `waymark db` prints)']);

  const opened = await openStore({ uri });
  try {
    const learner = await opened.store.getLearner(learnerId);
    if (!learner) return badInput(io, [`waymark audit: no learner "${learnerId}"`]);
    if (parsed.values.restricted) {
      const views = await opened.store.restrictedAccessOf(learnerId);
      if (parsed.values.json) return printJson(io, { learnerId, views });
      writeLines(io.stdout, await restrictedAccessLines(opened.store, learnerId));
      return 0;
    }
    const logged = await opened.store.eventsOf(learnerId);
    // Run by an admin with the database's URI: the whole trail, restricted details included.
    const trail = await trailWithUpdates(opened.store, learner.policy, logged, (e) => trailEntry(e, undefined, true), learnerId);
    if (trail.some((t) => t.restricted)) await logRestrictedView(opened.store, learnerId, cliActor(parsed.values.by), 'audit', new Date());
    if (parsed.values.json) return printJson(io, { learner, events: trail });
    writeLines(io.stdout, [
      `Audit trail of ${learner.id} (${learner.name}), policy ${learner.policy}: ${logged.length} event${logged.length === 1 ? '' : 's'}`,
      ...trail.map(line),
    ]);
    return 0;
  } finally {
    await opened.close();
  }
}

/** One entry per line: when, what (with its fields), who recorded it and when, under which pack. */
function line(e: TrailEntry): string {
  const { type, at: _at, ...fields } = e.event;
  const what =
    type === 'policy.updated'
      ? `policy updated from ${String(fields.from)} to ${String(fields.to)} (cases re-evaluated under ${String(fields.to)})`
      : type === 'learner.erased'
        ? `personal data erased (reason: ${String(fields.reason)}; free text removed from ${String(fields.events)} events; ${String(fields.messages)} chat messages to replace)`
        : `${type}${details(fields)}`;
  return [e.at, what, `recorded by ${e.recordedBy} at ${e.recordedAt}`, `under ${e.policy} ${e.packVersion}`, `key ${e.key}`].join('  |  ');
}

function details(fields: Record<string, unknown>): string {
  const text = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return text ? ` ${text}` : '';
}
