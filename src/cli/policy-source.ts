/**
 * Finding a policy pack for a command: a built-in id first, else a path to a pack file,
 * loaded (with its `extends` resolved) and checked exactly like a built-in pack. Every
 * problem in a pack file is one line, `<file>: <path>: <message>`.
 */
import { isBuiltinId, loadPack } from '../pack-files/load-pack.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { failed, ok, type Outcome } from './io.js';

export { isBuiltinId };

/** A built-in pack id, or else a pack file. `label` (e.g. `--policy`) leads a not-found line. */
export async function loadPolicy(idOrPath: string, label: string): Promise<Outcome<Pack>> {
  const loaded = await loadPack(idOrPath, label);
  return loaded.ok ? ok(loaded.value.pack) : failed(...loaded.lines);
}

/** A pack file only (`policy check`). */
export async function loadPackFile(path: string, label: string): Promise<Outcome<Pack>> {
  if (isBuiltinId(path)) {
    return failed(`${label}: cannot read "${path}": no such file (${path} is a built-in pack; \`waymark policy show ${path}\` prints it to copy)`);
  }
  const loaded = await loadPack(path, label, true);
  return loaded.ok ? ok(loaded.value.pack) : failed(...loaded.lines);
}
