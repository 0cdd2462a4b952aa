/**
 * The query planner: picks the documents a filter can match from an index bucket instead of
 * the whole collection. It only narrows. The caller still runs the full mingo predicate on
 * what it returns, so a plan can never change a result, only skip documents that could not
 * match. No plan (undefined) means "scan everything", as before there were buckets.
 *
 * A plan needs an equality that every match must satisfy: a top-level condition (or one
 * inside a top-level `$and`) `{ f: value }`, `{ f: { $eq: value } }` or `{ f: { $in: [...] } }`
 * on a field that leads some index. Of those, the smallest bucket (sum of buckets for `$in`)
 * wins. `$or`, ranges and everything else fall back to the scan.
 */
import { NULL_KEY, valueKey } from './buckets.js';
import { canonicalKey, isPlainObject, type Doc } from './values.js';

export interface PlannableIndex {
  /** The leading field of the key pattern (dotted, as written). */
  readonly field: string;
  readonly sparse: boolean;
  readonly partialFilterExpression: Doc | undefined;
  bucket(key: string): ReadonlySet<string> | undefined;
}

interface Equality {
  readonly field: string;
  /** Bucket keys; a match holds at least one of them. */
  readonly keys: string[];
}

/** The `_id` keys of the documents `filter` can match, or undefined to scan them all. */
export function planCandidates(filter: Doc, indexes: readonly PlannableIndex[]): ReadonlySet<string> | undefined {
  let best: { size: number; buckets: ReadonlySet<string>[] } | undefined;
  for (const equality of equalitiesOf(filter)) {
    for (const index of indexes) {
      if (index.field !== equality.field || !usable(index, equality, filter)) continue;
      const buckets = equality.keys.flatMap((key) => index.bucket(key) ?? []);
      const size = buckets.reduce((sum, bucket) => sum + bucket.size, 0);
      if (!best || size < best.size) best = { size, buckets };
    }
  }
  if (!best) return undefined;
  if (best.buckets.length === 1) return best.buckets[0];
  const union = new Set<string>();
  for (const bucket of best.buckets) for (const id of bucket) union.add(id);
  return union;
}

/**
 * A sparse index leaves out documents missing its fields, which `{ f: null }` matches; a
 * partial index leaves out documents its filter rejects, so it is used only when the query
 * repeats every condition of that filter word for word (then every match is in the index).
 */
function usable(index: PlannableIndex, equality: Equality, filter: Doc): boolean {
  if (index.sparse && equality.keys.includes(NULL_KEY)) return false;
  const partial = index.partialFilterExpression;
  if (!partial) return true;
  return Object.entries(partial).every(([field, condition]) => Object.hasOwn(filter, field) && canonicalKey([filter[field]]) === canonicalKey([condition]));
}

/** The equalities every match of `filter` satisfies (the conjuncts a plan may rely on). */
function equalitiesOf(filter: Doc): Equality[] {
  const found: Equality[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) found.push(...equalitiesOf(clause));
      continue;
    }
    if (field.startsWith('$')) continue;
    const values = equalityValues(condition);
    if (values) found.push({ field, keys: [...new Set(values.map(valueKey))] });
  }
  return found;
}

/** The values a condition requires the field to equal one of, if it is such a condition. */
function equalityValues(condition: unknown): unknown[] | undefined {
  if (plainValue(condition)) return [condition];
  if (!isPlainObject(condition)) return undefined;
  const operators = Object.keys(condition);
  // `{ a: 1 }` as a value is an embedded document to compare whole: not planned.
  if (operators.length === 0 || !operators.every((name) => name.startsWith('$'))) return undefined;
  if ('$eq' in condition) return plainValue(condition.$eq) ? [condition.$eq] : undefined;
  const list = condition.$in;
  if (Array.isArray(list) && list.every(plainValue)) return list;
  return undefined;
}

/**
 * Values whose equality in mingo is exactly equality of their bucket keys. Arrays and
 * embedded documents (compared whole, or element-wise), regular expressions (a pattern, not
 * a value), NaN, invalid dates and the BSON wrapper classes other than ObjectId are left to
 * the scan rather than reasoned about.
 */
function plainValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return !Number.isNaN(value);
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return isObjectId(value);
}

function isObjectId(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { _bsontype?: unknown })._bsontype === 'ObjectId';
}
