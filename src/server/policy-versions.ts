/**
 * Which version of each policy pack is in force on a database. The database decides, so
 * that every instance on it agrees:
 *
 * - at start, each loaded pack is compared with the versions this database has run: the
 *   same version with other content is refused ("bump the version"), and so is a version
 *   older than the one in force (versions only move forward; a roll back is the earlier
 *   rules under a new version). Nothing is written unless every pack passes;
 * - a new version is put in force with a conditional write, and the cases made under the
 *   old one are re-evaluated (rebuildCase says once what the new version changes);
 * - a running instance checks once a lease that its versions are still in force
 *   (version-watch.ts); one whose pack another instance has superseded stops, rather
 *   than run the old rules.
 */
import { createHash } from 'node:crypto';
import type { LoadedPack } from '../pack-files/load-pack.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { compareVersions, nextPatch } from '../rules/pack/pack-version.js';
import type { PolicyVersion } from '../store/records.js';
import type { Store } from '../store/store.js';

/** A pack whose version is new to this database, to put in force. */
export type PackChange = PolicyVersion;

export type VersionCheck = { readonly ok: true; readonly changes: PackChange[] } | { readonly ok: false; readonly lines: string[] };

/**
 * The content of a pack, as a hash: its JSON as written with `extends` merged in (so a
 * change in the base counts), keys in a fixed order, `$schema` (where the editor finds the
 * schema) left out. Defaults are not filled in, so an upgrade that adds one changes nothing.
 */
export function packHash(loaded: Pick<LoadedPack, 'json'>): string {
  const { $schema: _where, ...content } = loaded.json as Record<string, unknown>;
  return createHash('sha256').update(canonical(content)).digest('hex');
}

/** JSON with every object's keys sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(',')}}`;
}

/** Checks every loaded pack against the database's history; writes nothing. */
export async function checkPackVersions(store: Store, packs: readonly LoadedPack[], now: Date): Promise<VersionCheck> {
  const lines: string[] = [];
  const changes: PackChange[] = [];
  for (const loaded of packs) {
    const { pack, origin } = loaded;
    const history = await store.policyVersions(pack.id);
    const inForce = await store.policyInForce(pack.id);
    const hash = packHash(loaded);
    const same = history.find((v) => v.version === pack.version);
    if (same && same.hash !== hash) {
      lines.push(
        `${origin}: version: ${pack.id} ${pack.version} is not the ${pack.version} this database has run (since ${same.since.toISOString()}): ` +
          `its content changed (for a pack that extends another, a change in the base counts too); bump the version, e.g. to ${nextPatch(laterOf(pack.version, inForce))}`,
      );
    } else if (inForce !== null && compareVersions(pack.version, inForce) < 0) {
      lines.push(
        `${origin}: version: ${pack.id} ${pack.version} is older than ${inForce}, the version in force on this database; versions only move forward: ` +
          `run ${inForce} or later, or to roll back, give the earlier rules a new version (e.g. ${nextPatch(inForce)})`,
      );
    } else if (inForce !== pack.version) {
      changes.push({ policy: pack.id, version: pack.version, hash, since: now, previous: inForce });
    }
  }
  return lines.length > 0 ? { ok: false, lines } : { ok: true, changes };
}

/**
 * Puts each change in force; returns those this instance made (a change another instance
 * made first is fine when it put the same version in force; otherwise start again). The
 * cases made under another version are then re-evaluated (version-watch.ts).
 */
export async function putPacksInForce(store: Store, changes: readonly PackChange[]): Promise<PackChange[]> {
  const applied: PackChange[] = [];
  for (const change of changes) {
    if ((await store.putPolicyInForce(change)) === 'done') {
      applied.push(change);
      continue;
    }
    const inForce = await store.policyInForce(change.policy);
    if (inForce !== change.version) throw new Error(`${change.policy}: another instance put ${inForce} in force while this one was starting with ${change.version}; start again`);
  }
  return applied;
}

/**
 * For the commands that write cases without running the bot (`cases rebuild`, `cases
 * register`, `import events`): the loaded packs must be the versions in force, or none may
 * be in force yet.
 * A new version is put in force by starting the bot with it, which re-evaluates every case.
 */
export async function packsInForce(store: Store, packs: readonly LoadedPack[]): Promise<string[]> {
  const checked = await checkPackVersions(store, packs, new Date());
  if (!checked.ok) return checked.lines;
  const loaded = new Map(packs.map((p) => [p.pack.id, p.origin]));
  return checked.changes
    .filter((c) => c.previous !== null)
    .map((c) => `${loaded.get(c.policy)}: version: ${c.policy} ${c.version} is not in force on this database (${c.previous} is); start the bot with it first, which re-evaluates every case under it`);
}

/** The loaded packs another instance has since superseded, one line each (none: all current). */
export async function supersededPacks(store: Store, packs: readonly Pack[]): Promise<string[]> {
  const lines: string[] = [];
  for (const pack of packs) {
    const inForce = await store.policyInForce(pack.id);
    if (inForce !== null && compareVersions(inForce, pack.version) > 0) {
      lines.push(`policy ${pack.id}: ${inForce} is now in force on this database (another instance started with it); this instance runs ${pack.version} and stops; start it with the new pack`);
    }
  }
  return lines;
}

function laterOf(version: string, inForce: string | null): string {
  return inForce !== null && compareVersions(inForce, version) > 0 ? inForce : version;
}
