/**
 * Finding a policy pack: a built-in id first, else a path to a pack file, which is read,
 * parsed and checked exactly like a built-in pack. Every problem in a pack file is one
 * line, `<file>: <path>: <message>`.
 */
import { issueLine } from '../rules/issues.js';
import { parsePack } from '../rules/pack/parse-pack.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { BUILTIN_PACK_IDS, builtinPack, type BuiltinPackId } from '../rules/packs/index.js';
import { parseJson, readText } from './files.js';
import { failed, ok, type Outcome } from './io.js';

export function isBuiltinId(id: string): id is BuiltinPackId {
  return (BUILTIN_PACK_IDS as readonly string[]).includes(id);
}

/** A built-in pack id, or else a pack file. `label` (e.g. `--policy`) leads a not-found line. */
export async function loadPolicy(idOrPath: string, label: string): Promise<Outcome<Pack>> {
  if (isBuiltinId(idOrPath)) return ok(builtinPack(idOrPath)!);
  const read = await readText(idOrPath);
  if (!read.ok && read.missing) {
    return failed(
      `${label}: unknown policy ${JSON.stringify(idOrPath)}: not a built-in pack (${BUILTIN_PACK_IDS.join(', ')}) and no such file`,
    );
  }
  if (!read.ok) return failed(`${label}: cannot read "${idOrPath}": ${read.reason}`);
  return checkPackText(read.text, idOrPath);
}

/** A pack file only (`policy check`). */
export async function loadPackFile(path: string, label: string): Promise<Outcome<Pack>> {
  const read = await readText(path);
  if (!read.ok) {
    const hint = read.missing && isBuiltinId(path) ? ` (${path} is a built-in pack; \`waymark policy show ${path}\` prints it to copy)` : '';
    return failed(`${label}: cannot read "${path}": ${read.reason}${hint}`);
  }
  return checkPackText(read.text, path);
}

function checkPackText(text: string, path: string): Outcome<Pack> {
  const json = parseJson(text, path);
  if (!json.ok) return json;
  const pack = parsePack(json.value);
  if (!pack.ok) return failed(...pack.issues.map((issue) => `${path}: ${issueLine(issue)}`));
  return ok(pack.value);
}
