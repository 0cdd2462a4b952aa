/**
 * Nation and programme variants. A variant names the triggers, tasks, follow-ups, stages
 * and outcomes it changes by id; each key it gives replaces that key of the base element
 * (shallow, so `due: { workingDays: 3 }` replaces the whole `due`). Matching variants
 * apply in pack order, so a later one wins where two touch the same key.
 */
import type { Nation } from '../calendar/index.js';
import type { Programme } from '../events/event-schema.js';
import { packSchema, type Pack, type Variant } from './pack-schema.js';
import type { InputIssue, Parsed } from '../issues.js';

const PATCHABLE = ['triggers', 'tasks', 'followUps', 'stages', 'outcomes'] as const;

export function applyVariant(pack: Pack, variant: Variant): Parsed<Pack> {
  const issues: InputIssue[] = [];
  const out: Record<string, unknown> = { ...pack, variants: [] };
  for (const section of PATCHABLE) {
    const patches = variant[section];
    if (!patches) continue;
    const base = pack[section] as readonly { id: string }[];
    for (const id of Object.keys(patches)) {
      if (!base.some((x) => x.id === id)) issues.push({ path: `${section}.${id}`, message: `changes ${section} "${id}", which the pack does not define` });
      if ('id' in (patches[id] ?? {})) issues.push({ path: `${section}.${id}.id`, message: 'a variant cannot change an id' });
    }
    out[section] = base.map((item) => (patches[item.id] ? { ...item, ...patches[item.id] } : item));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out as unknown as Pack };
}

export function variantApplies(variant: Variant, nation: Nation, programme: Programme): boolean {
  const { when } = variant;
  return (when.nation?.includes(nation) ?? true) && (when.programme?.includes(programme) ?? true);
}

/** The pack as it applies to one nation and programme (variants already checked by parsePack). */
export function resolveVariants(pack: Pack, nation: Nation, programme: Programme): { pack: Pack; variants: string[] } {
  let resolved = pack;
  const applied: string[] = [];
  for (const variant of pack.variants) {
    if (!variantApplies(variant, nation, programme)) continue;
    const result = applyVariant(resolved, variant);
    if (!result.ok) throw new Error(`variant ${variant.id} of pack ${pack.id} does not apply: ${result.issues[0]?.message}`);
    // Re-parse so a patch written in input form gets the schema's defaults too.
    resolved = packSchema.parse(result.value);
    applied.push(variant.id);
  }
  return { pack: resolved, variants: applied };
}
