/**
 * The five built-in policy packs (POLICIES.md), each a JSON file beside this one that a
 * provider can copy and edit. They are checked by the same parser as a custom pack.
 */
import { parsePack } from '../pack/parse-pack.js';
import type { Pack } from '../pack/pack-schema.js';
import { issueLine } from '../issues.js';
import atl from './atl.json' with { type: 'json' };
import bpn from './bpn.json' with { type: 'json' };
import creativeAlliance from './creative-alliance.json' with { type: 'json' };
import makers from './makers.json' with { type: 'json' };
import mtt from './mtt.json' with { type: 'json' };

export const BUILTIN_PACK_IDS = ['makers', 'creative-alliance', 'bpn', 'mtt', 'atl'] as const;
export type BuiltinPackId = (typeof BUILTIN_PACK_IDS)[number];

const sources: Record<BuiltinPackId, unknown> = { makers, 'creative-alliance': creativeAlliance, bpn, mtt, atl };

const parsed = new Map<string, Pack>();

/** A built-in pack by id, or undefined. A built-in pack that fails its own schema is a bug: it throws. */
export function builtinPack(id: string): Pack | undefined {
  if (!(BUILTIN_PACK_IDS as readonly string[]).includes(id)) return undefined;
  let pack = parsed.get(id);
  if (!pack) {
    const result = parsePack(sources[id as BuiltinPackId]);
    if (!result.ok) throw new Error(`built-in pack ${id} is invalid:\n${result.issues.map(issueLine).join('\n')}`);
    parsed.set(id, (pack = result.value));
  }
  return pack;
}

/** The raw JSON of a built-in pack, as a provider would copy it. */
export function builtinPackSource(id: BuiltinPackId): unknown {
  return sources[id];
}
