/**
 * A pack that extends another: it names its base (`"extends": "mtt"` or a pack file) and
 * gives only what differs, so later fixes to the base reach it. The merge is pure: the
 * caller loads the base (built-in or file, itself already resolved) and passes its JSON.
 *
 * - Top-level fields given (name, provider, source, summary, ratings, onAtRisk, decisions,
 *   id, version) replace the base's. The base's summary is not inherited: it describes the
 *   base, numbers and all.
 * - `change.<section>.<id>`: replaces the keys given of that element of the base (shallow,
 *   as a variant does: `due: { workingDays: 3 }` replaces the whole `due`).
 * - `replace.<section>`: whole elements, each in place of the base's element with its id.
 * - `add.<section>`: new elements, appended (their ids must be new).
 * - `remove.<section>`: ids of the base's elements to drop.
 *
 * An id the base does not have (or, for `add`, already has) is an issue naming the path.
 * The result is an ordinary pack, checked by parsePack like any other.
 */
import { z } from 'zod/v4';
import type { InputIssue, Parsed } from '../issues.js';
import { kebabId } from './schema-parts.js';

/** The parts of a pack made of elements with ids, which an extending pack edits by id. */
export const EXTENSIBLE_SECTIONS = [
  'roles',
  'concernCategories',
  'triggers',
  'stages',
  'outcomes',
  'tasks',
  'followUps',
  'contactRules',
  'meetings',
  'appeals',
  'interventions',
  'variants',
] as const;
export type ExtensibleSection = (typeof EXTENSIBLE_SECTIONS)[number];

type Element = Record<string, unknown> & { id: string };
const element = z.record(z.string(), z.unknown());
const perSection = <T extends z.ZodTypeAny>(s: T) => z.object(Object.fromEntries(EXTENSIBLE_SECTIONS.map((k) => [k, s.optional()]))).strict();

/** The fields only an extending pack has (the rest are a pack's own, all optional here). */
export const extensionFields = {
  extends: z.string().min(1).meta({ description: 'the base: a built-in pack id (e.g. "mtt") or a pack file, relative to this one' }),
  change: perSection(z.record(kebabId, element))
    .optional()
    .meta({ description: 'by section, then by id: the keys of a base element to replace, e.g. {"triggers": {"three-consecutive-missed-sessions": {"count": 2}}}' }),
  replace: perSection(z.array(element)).optional().meta({ description: 'by section: whole elements, each replacing the base element with its id' }),
  add: perSection(z.array(element)).optional().meta({ description: 'by section: new elements' }),
  remove: perSection(z.array(kebabId)).optional().meta({ description: 'by section: ids of base elements to drop' }),
};

const extensionSchema = z.object(extensionFields).passthrough();

/** Whether a pack's JSON extends another (and so needs its base before it can be parsed). */
export function baseOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const base = (json as { extends?: unknown }).extends;
  return typeof base === 'string' ? base : undefined;
}

/** The extending pack's JSON merged onto its resolved base's JSON, as a whole pack's JSON. */
export function extendPack(json: unknown, base: Record<string, unknown>, baseName: string): Parsed<Record<string, unknown>> {
  const parsed = extensionSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(top level)', message: i.message })) };
  }
  const { extends: _base, change, replace, add, remove, ...own } = parsed.data;
  const issues: InputIssue[] = [];
  const merged: Record<string, unknown> = { ...base, ...own };
  // The base's summary describes the base (its numbers among them): it is not inherited.
  if (!('summary' in own)) delete merged.summary;
  for (const section of EXTENSIBLE_SECTIONS) {
    if (section in own) {
      issues.push({ path: section, message: `gives the whole list; an extending pack changes ${section} with change, replace, add or remove` });
      continue;
    }
    let items = [...((base[section] as Element[] | undefined) ?? [])];
    const has = (id: string) => items.some((x) => x.id === id);
    const missing = (path: string, id: string) => issues.push({ path, message: `the base "${baseName}" has no ${section} "${id}"` });
    remove?.[section]?.forEach((id, i) => {
      if (!has(id)) missing(`remove.${section}[${i}]`, id);
      items = items.filter((x) => x.id !== id);
    });
    replace?.[section]?.forEach((item, i) => {
      const id = String(item.id);
      if (!has(id)) missing(`replace.${section}[${i}].id`, id);
      items = items.map((x) => (x.id === id ? (item as Element) : x));
    });
    for (const [id, patch] of Object.entries(change?.[section] ?? {})) {
      if (!has(id)) missing(`change.${section}.${id}`, id);
      if ('id' in patch) issues.push({ path: `change.${section}.${id}.id`, message: 'cannot change an id (remove it and add the new one)' });
      items = items.map((x) => (x.id === id ? { ...x, ...patch } : x));
    }
    add?.[section]?.forEach((item, i) => {
      if (has(String(item.id))) issues.push({ path: `add.${section}[${i}].id`, message: `the base "${baseName}" already has ${section} "${String(item.id)}": use change or replace` });
      else items.push(item as Element);
    });
    if (items.length > 0 || section in base) merged[section] = items;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: merged };
}
