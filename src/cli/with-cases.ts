/**
 * What a command that changes cases needs: the packs (WAYMARK_POLICY, WAYMARK_PACKS) in
 * force on the database in MONGODB_URI, and a case context over it. Closed after `work`.
 */
import type { CaseContext } from '../cases/case-context.js';
import { loadPackRegistry } from '../pack-files/pack-registry.js';
import { packSourcesFrom } from '../server/config.js';
import { packsInForce } from '../server/policy-versions.js';
import { openStore } from '../store/open-store.js';
import { badInput, type CliIo } from './io.js';

export interface CaseCommandWords {
  /** What the database is for, after "point it at the database" (e.g. "to rebuild"). */
  readonly purpose?: string;
  /** Said when the packs are not the ones in force (default "nothing was changed"). */
  readonly nothing?: string;
}

export async function withCaseContext(
  command: string,
  io: CliIo,
  env: NodeJS.ProcessEnv,
  work: (ctx: CaseContext) => Promise<number>,
  words: CaseCommandWords = {},
): Promise<number> {
  const uri = env.MONGODB_URI;
  const purpose = words.purpose === undefined ? '' : ` ${words.purpose}`;
  if (!uri) return badInput(io, [`${command}: MONGODB_URI is not set; point it at the database${purpose} (e.g. the URI \`waymark db\` prints)`]);
  const packs = await loadPackRegistry(packSourcesFrom(env));
  if (!packs.ok) return badInput(io, [...packs.lines, `${command}: fix the policy packs above first`]);
  const opened = await openStore({ uri });
  try {
    const behind = await packsInForce(opened.store, [...packs.value.packs.values()]);
    if (behind.length > 0) return badInput(io, [...behind, `${command}: ${words.nothing ?? 'nothing was changed'}`]);
    return await work({ store: opened.store, packFor: packs.value.packFor, now: () => new Date() });
  } finally {
    await opened.close();
  }
}
