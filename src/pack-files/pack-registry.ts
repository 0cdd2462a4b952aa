/**
 * The policy packs a deployment runs: the five built-in ones, the pack WAYMARK_POLICY
 * names when it is a file, and the files (or folders of *.json files) WAYMARK_PACKS names.
 * Every pack is checked before anything starts: a problem in any of them is a line naming
 * its file, and none is loaded. Ids are unique: a provider's pack cannot take a built-in
 * id (extend the built-in instead) or another file's.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Pack } from '../rules/pack/pack-schema.js';
import { BUILTIN_PACK_IDS } from '../rules/packs/index.js';
import { builtinLoaded, isBuiltinId, loadPack, type Loaded, type LoadedPack } from './load-pack.js';

export interface PackRegistry {
  /** The id of the pack for learners sent without one. */
  readonly defaultPolicy: string;
  /** Every loaded pack by id, built-in ones first. */
  readonly packs: ReadonlyMap<string, LoadedPack>;
  packFor(id: string): Pack | undefined;
}

export interface PackSources {
  /** WAYMARK_POLICY: a built-in id or a pack file. */
  readonly policy: string;
  /** WAYMARK_PACKS: more pack files, or folders of them. */
  readonly packs?: readonly string[];
}

export async function loadPackRegistry(sources: PackSources, label = 'WAYMARK_POLICY'): Promise<Loaded<PackRegistry>> {
  const lines: string[] = [];
  const files = await packFiles(sources, lines);
  const packs = new Map<string, LoadedPack>(BUILTIN_PACK_IDS.map((id) => [id, builtinLoaded(id)]));
  let defaultPolicy: string | undefined = isBuiltinId(sources.policy) ? sources.policy : undefined;
  for (const file of files) {
    const loaded = await loadPack(file.path, file.label);
    if (!loaded.ok) {
      lines.push(...loaded.lines);
      continue;
    }
    const { id } = loaded.value.pack;
    const other = packs.get(id);
    if (other?.builtin) lines.push(`${file.path}: id: "${id}" is a built-in pack's id; give your pack its own id (to build on the built-in, write "extends": "${id}")`);
    else if (other) lines.push(`${file.path}: id: "${id}" is also the id of ${other.origin}; each pack needs its own id`);
    else packs.set(id, loaded.value);
    if (file.isPolicy) defaultPolicy = id;
  }
  if (lines.length > 0 || defaultPolicy === undefined) return { ok: false, lines: lines.length > 0 ? lines : [`${label}: no pack loaded`] };
  return { ok: true, value: { defaultPolicy, packs, packFor: (id) => packs.get(id)?.pack } };
}

/** The pack files to read: WAYMARK_POLICY's (if a file) first, then each of WAYMARK_PACKS, once each. */
async function packFiles(sources: PackSources, lines: string[]): Promise<{ path: string; label: string; isPolicy: boolean }[]> {
  const out = new Map<string, { path: string; label: string; isPolicy: boolean }>();
  if (!isBuiltinId(sources.policy)) out.set(resolve(sources.policy), { path: sources.policy, label: 'WAYMARK_POLICY', isPolicy: true });
  for (const entry of sources.packs ?? []) {
    const isFolder = await stat(entry).then(
      (s) => s.isDirectory(),
      () => undefined,
    );
    if (isFolder === undefined) {
      lines.push(`WAYMARK_PACKS: "${entry}": no such file or folder`);
      continue;
    }
    const paths = isFolder ? (await readdir(entry)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort().map((f) => join(entry, f)) : [entry];
    for (const path of paths) if (!out.has(resolve(path))) out.set(resolve(path), { path, label: 'WAYMARK_PACKS', isPolicy: false });
  }
  return [...out.values()];
}
