/**
 * Loading one policy pack: a built-in id, or a pack file, read and checked exactly like a
 * built-in pack. A file that `extends` another has its base loaded first (a built-in id, or
 * a file relative to the extending one), then merged by the pure core (extendPack), then
 * parsed. Every problem is one line, `<file>: <path>: <message>`; nothing is half-loaded.
 */
import { dirname, resolve } from 'node:path';
import { parseJson, readText } from '../cli/files.js';
import type { Outcome } from '../cli/io.js';
import { issueLine } from '../rules/issues.js';
import { baseOf, extendPack } from '../rules/pack/extend-pack.js';
import { parsePack } from '../rules/pack/parse-pack.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { BUILTIN_PACK_IDS, builtinPack, builtinPackSource, type BuiltinPackId } from '../rules/packs/index.js';

/** A value, or the lines saying what is wrong (the CLI's Outcome). */
export type Loaded<T> = Outcome<T>;

export interface LoadedPack {
  readonly pack: Pack;
  /**
   * The pack's JSON as written, with any `extends` merged in but no defaults filled: the
   * content its version stands for (so a Waymark upgrade that adds a default changes nothing).
   */
  readonly json: unknown;
  /** Where it came from: the built-in id, or the file's absolute path. */
  readonly origin: string;
  readonly builtin: boolean;
}

export function isBuiltinId(id: string): id is BuiltinPackId {
  return (BUILTIN_PACK_IDS as readonly string[]).includes(id);
}

/**
 * A built-in id, or else a pack file. `label` (e.g. `--policy`) leads a not-found line,
 * which says the name is neither a built-in nor a file, unless only a file was asked for.
 */
export async function loadPack(idOrPath: string, label: string, fileOnly = false): Promise<Loaded<LoadedPack>> {
  if (isBuiltinId(idOrPath) && !fileOnly) return { ok: true, value: builtinLoaded(idOrPath) };
  const unknown = fileOnly ? undefined : `${label}: unknown policy ${JSON.stringify(idOrPath)}: not a built-in pack (${BUILTIN_PACK_IDS.join(', ')}) and no such file`;
  const json = await resolvedJson(idOrPath, label, [], unknown);
  if (!json.ok) return json;
  const pack = parsePack(json.value);
  if (!pack.ok) return { ok: false, lines: pack.issues.map((issue) => `${idOrPath}: ${issueLine(issue)}`) };
  return { ok: true, value: { pack: pack.value, json: json.value, origin: resolve(idOrPath), builtin: false } };
}

/** A built-in pack as loaded. */
export function builtinLoaded(id: BuiltinPackId): LoadedPack {
  return { pack: builtinPack(id)!, json: builtinPackSource(id), origin: id, builtin: true };
}

/**
 * A pack file's JSON with every `extends` resolved, as a whole pack's JSON: what
 * `policy show --resolved` prints and what parsePack checks.
 */
export async function resolvedJson(path: string, label: string, chain: readonly string[] = [], missingLine?: string): Promise<Loaded<Record<string, unknown>>> {
  const absolute = resolve(path);
  if (chain.includes(absolute)) {
    return { ok: false, lines: [`${chain[chain.length - 1]}: extends: "${path}" makes a cycle (${[...chain, absolute].join(' -> ')})`] };
  }
  const text = await readText(path);
  if (!text.ok) {
    if (chain.length > 0) return { ok: false, lines: [`${chain[chain.length - 1]}: extends: no built-in pack or file "${path}" (${text.reason}; built-in: ${BUILTIN_PACK_IDS.join(', ')})`] };
    if (text.missing && missingLine) return { ok: false, lines: [missingLine] };
    return { ok: false, lines: [`${label}: cannot read "${path}": ${text.reason}`] };
  }
  const parsed = parseJson(text.text, path);
  if (!parsed.ok) return parsed;
  const json = parsed.value;
  const base = baseOf(json);
  if (base === undefined) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, lines: [`${path}: (top level): must be an object (a policy pack)`] };
    return { ok: true, value: json as Record<string, unknown> };
  }
  const baseJson = isBuiltinId(base)
    ? { ok: true as const, value: builtinPackSource(base) as Record<string, unknown> }
    : await resolvedJson(resolve(dirname(absolute), base), label, [...chain, absolute]);
  if (!baseJson.ok) return baseJson;
  const merged = extendPack(json, baseJson.value, base);
  if (!merged.ok) return { ok: false, lines: merged.issues.map((issue) => `${path}: ${issueLine(issue)}`) };
  return merged;
}
