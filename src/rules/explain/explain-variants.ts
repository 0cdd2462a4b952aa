/**
 * A nation or programme variant in words: whom it applies to, and each element it changes
 * described as it reads with the variant applied, set against how it reads without. The
 * variant is applied by the engine's own code (variants.ts), so the words cannot drift
 * from what the bot runs.
 */
import { packSchema, type Pack, type Variant } from '../pack/pack-schema.js';
import { applyVariant } from '../pack/variants.js';
import type { DocItem } from './policy-document.js';
import { followUpItem, outcomeItem, stageItem, taskItem, triggerItem } from './element-items.js';
import { nationsWords, programmesWords, quoted } from './words.js';

type Section = 'triggers' | 'tasks' | 'followUps' | 'stages' | 'outcomes';

const SECTIONS: readonly { section: Section; noun: string; build: (pack: Pack, element: never) => DocItem }[] = [
  { section: 'triggers', noun: 'Rule', build: triggerItem },
  { section: 'stages', noun: 'Stage', build: stageItem },
  { section: 'tasks', noun: 'Task', build: taskItem },
  { section: 'followUps', noun: 'Check', build: followUpItem },
  { section: 'outcomes', noun: 'Outcome', build: outcomeItem },
];

/** The pack with one variant applied, defaults filled in (as variants.ts resolves it). */
export function withVariant(pack: Pack, variant: Variant): Pack {
  const applied = applyVariant(pack, variant);
  // parsePack has applied and checked every variant, so this holds for any parsed pack.
  if (!applied.ok) throw new Error(`variant ${variant.id} of pack ${pack.id} does not apply: ${applied.issues[0]?.message}`);
  return packSchema.parse(applied.value);
}

export function variantItem(pack: Pack, variant: Variant): DocItem {
  const varied = withVariant(pack, variant);
  const changes: string[] = [];
  for (const { section, noun, build } of SECTIONS) {
    for (const id of Object.keys(variant[section] ?? {})) {
      const before = build(pack, pack[section].find((x) => x.id === id) as never);
      const after = build(varied, varied[section].find((x) => x.id === id) as never);
      const name = noun === 'Stage' ? before.title : `${noun} ${quoted(before.title)}`;
      changes.push(...differences(before, after).map((d) => `${name}: ${d}`));
    }
  }
  return {
    id: variant.id,
    title: variant.description,
    facts: [{ label: 'Applies to', value: appliesTo(variant) }],
    lists: [{ title: 'What changes', items: changes }],
    source: variant.source,
    ...(variant.decision !== undefined ? { decision: variant.decision } : {}),
  };
}

function appliesTo(variant: Variant): string {
  const { nation, programme } = variant.when;
  if (programme && nation) return `${programmesWords(programme)} in ${nationsWords(nation)}`;
  if (programme) return `${programmesWords(programme)}, in every nation`;
  if (nation) return `learners in ${nationsWords(nation)}`;
  return 'every learner';
}

/** How an element reads differently: its title, each fact, each list. */
function differences(before: DocItem, after: DocItem): string[] {
  const out: string[] = [];
  if (after.title !== before.title) out.push(`Described as: ${quoted(after.title)} (was: ${quoted(before.title)})`);
  const labels = [...new Set([...before.facts, ...after.facts].map((f) => f.label))];
  for (const label of labels) {
    const was = before.facts.find((f) => f.label === label)?.value;
    const now = after.facts.find((f) => f.label === label)?.value;
    if (was !== now) out.push(`${label}: ${now ?? 'none'} (was: ${was ?? 'none'})`);
  }
  const titles = [...new Set([...before.lists, ...after.lists].map((l) => l.title))];
  for (const title of titles) {
    const was = before.lists.find((l) => l.title === title)?.items ?? [];
    const now = after.lists.find((l) => l.title === title)?.items ?? [];
    if (was.join('\n') !== now.join('\n')) out.push(`${title}: ${now.length > 0 ? now.join('; ') : 'nothing'}`);
  }
  return out;
}
