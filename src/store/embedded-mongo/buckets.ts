/**
 * The lookup side of an index: a map from the key of a value of the index's leading field to
 * the `_id` keys of the documents holding it. The planner (planner.ts) reads a bucket as the
 * candidates of an equality and then runs the full mingo predicate on them, so a bucket may
 * hold too many documents but never too few. That is why `leadingKeys` is deliberately
 * generous: mingo's path matching differs from mongod's at the edges (it descends into
 * nested arrays, `{ 'a.b': 1 }` matches `{ a: [{ b: [[1]] }] }` and `{ a: [[1]] }`), and
 * over-indexing costs only a wasted predicate call where under-indexing would lose a match.
 * test/store/embedded/planner.test.ts checks this against mingo on awkward shapes.
 */
import { canonicalKey, isPlainObject, type Doc } from './values.js';

/** The key null, a missing field and (generously) an empty array share. */
export const NULL_KEY = canonicalKey([null]);

/** The bucket key of one value; EJSON's relaxed form already maps -0 to 0 and 1.0 to 1. */
export function valueKey(value: unknown): string {
  return canonicalKey([value]);
}

/**
 * Every key a document can be found under for `path`: each value the path reaches (but an
 * embedded document), each element (at any depth) of an array it reaches, and null
 * wherever the path runs out (a missing field, a scalar in the middle of the path, an
 * empty array).
 */
export function leadingKeys(doc: Doc, path: readonly string[]): Set<string> {
  const keys = new Set<string>();
  collect(doc, path, 0, keys);
  return keys;
}

function collect(value: unknown, path: readonly string[], depth: number, keys: Set<string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) keys.add(NULL_KEY);
    const head = path[depth];
    // `a.0` names an element of an array, and also a field `0` of documents inside it.
    if (head !== undefined && /^\d+$/.test(head)) collect(value[Number(head)], path, depth + 1, keys);
    for (const item of value) {
      collect(item, path, depth, keys);
      // mingo stops at an array inside an array and compares it with the rest of the path
      // unread: `{ 'a.b': 'x' }` matches `{ a: [['x']] }`. So index it as if it were the end.
      if (Array.isArray(item) && depth < path.length) collect(item, path, path.length, keys);
    }
    return;
  }
  if (depth === path.length) {
    // The planner never looks up an embedded document (mingo compares those whole, by
    // field order), so their keys would only cost a stringify and memory.
    if (!isPlainObject(value)) keys.add(valueKey(value));
  } else if (isPlainObject(value)) collect(value[path[depth]!], path, depth + 1, keys);
  else keys.add(NULL_KEY);
}

/** key -> set of `_id` keys; an emptied bucket is deleted so the map does not grow forever. */
export class Buckets {
  private readonly map = new Map<string, Set<string>>();

  get(key: string): ReadonlySet<string> | undefined {
    return this.map.get(key);
  }

  add(owner: string, keys: Iterable<string>): void {
    for (const key of keys) {
      const bucket = this.map.get(key);
      if (bucket) bucket.add(owner);
      else this.map.set(key, new Set([owner]));
    }
  }

  remove(owner: string, keys: Iterable<string>): void {
    for (const key of keys) {
      const bucket = this.map.get(key);
      if (!bucket) continue;
      bucket.delete(owner);
      if (bucket.size === 0) this.map.delete(key);
    }
  }

  clear(): void {
    this.map.clear();
  }
}
