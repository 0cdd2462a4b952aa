/**
 * Indexes: the catalog listIndexes shows, unique-key enforcement (unique indexes, including
 * `_id_`, refuse duplicates on insert, update and upsert with E11000), and the buckets the
 * planner reads to avoid scanning the collection.
 *
 * A unique index keeps a map from canonical key to the `_id` key of the document that owns
 * it. Every index also keeps buckets of its leading field (buckets.ts). A write is checked
 * first (`check`) and recorded afterwards (`commit`), so a refused write leaves no trace.
 */
import type { Document } from 'bson';
import { Buckets, leadingKeys, NULL_KEY } from './buckets.js';
import { CommandError } from './errors.js';
import type { PlannableIndex } from './planner.js';
import { compileFilter, type Predicate } from './query.js';
import { canonicalKey, formatKeyValue, isPlainObject, valuesAtPath, type Doc } from './values.js';

export interface IndexSpec extends Doc {
  v: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
}

export interface Namespace {
  readonly db: string;
  readonly collection: string;
}

export const ID_INDEX_NAME = '_id_';

/** Options that make two indexes on the same key different indexes. */
const IDENTITY_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation'] as const;

interface IndexEntry {
  readonly key: string;
  readonly values: unknown[];
}

class Index {
  readonly fields: Array<{ name: string; path: string[] }>;
  private readonly filter: Predicate | undefined;
  /** Unique indexes only: canonical key -> owning document's `_id` key. */
  readonly owners: Map<string, string> | undefined;
  /**
   * Every index but `_id_`: leading field value key -> `_id` keys, for the planner. An `_id`
   * is never an array and its key is the document's own, so `_id_`'s owners map is already
   * its buckets.
   */
  readonly buckets: Buckets | undefined;
  /** What the planner needs to know about this index. */
  readonly plannable: PlannableIndex;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key).map((name) => ({ name, path: name.split('.') }));
    this.filter = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
    this.owners = spec.unique ? new Map() : undefined;
    const owners = spec.name === ID_INDEX_NAME ? this.owners : undefined;
    const buckets = owners ? undefined : new Buckets();
    this.buckets = buckets;
    this.plannable = {
      field: this.fields[0]!.name,
      sparse: spec.sparse === true,
      partialFilterExpression: spec.partialFilterExpression,
      bucket: owners
        ? (key) => {
            const owner = owners.get(key);
            return owner === undefined ? undefined : new Set([owner]);
          }
        : (key) => buckets?.get(key),
    };
  }

  /** The index keys of a document: none when sparse or partial leaves it out, several for arrays. */
  entriesOf(doc: Doc): IndexEntry[] {
    if (this.filter && !this.filter(doc)) return [];
    const perField = this.fields.map((field) => valuesAtPath(doc, field.path));
    if (this.sparseExcludes(perField)) return [];
    const entries = new Map<string, IndexEntry>();
    for (const values of cartesian(perField)) {
      const key = canonicalKey(values);
      entries.set(key, { key, values });
    }
    return [...entries.values()];
  }

  /**
   * The bucket keys of a document. A document sparse leaves out keeps its non-null keys: the
   * planner never uses a sparse index for null, and for any other value a superset is safe.
   */
  bucketKeysOf(doc: Doc): Set<string> {
    if (this.filter && !this.filter(doc)) return new Set();
    const keys = leadingKeys(doc, this.fields[0]!.path);
    if (this.spec.sparse && this.sparseExcludes(this.fields.map((field) => valuesAtPath(doc, field.path)))) keys.delete(NULL_KEY);
    return keys;
  }

  private sparseExcludes(perField: unknown[][]): boolean {
    return this.spec.sparse === true && perField.every((values) => values.every((value) => value === undefined));
  }

  /** Records the document `owner` moving from `previous` to `next` (either may be absent). */
  updateBuckets(owner: string, previous: Doc | undefined, next: Doc | undefined): void {
    if (!this.buckets) return;
    const before = previous ? this.bucketKeysOf(previous) : new Set<string>();
    const after = next ? this.bucketKeysOf(next) : new Set<string>();
    this.buckets.remove(owner, [...before].filter((key) => !after.has(key)));
    this.buckets.add(owner, [...after].filter((key) => !before.has(key)));
  }

  keyValue(values: unknown[]): Document {
    const keyValue: Document = {};
    this.fields.forEach((field, i) => {
      keyValue[field.name] = values[i] ?? null;
    });
    return keyValue;
  }
}

/** The unique keys of a document, per index, as check found them. */
export type CheckedKeys = Map<Index, IndexEntry[]>;

function cartesian(lists: unknown[][]): unknown[][] {
  if (lists.every((list) => list.length === 1)) return [lists.map((list) => list[0])];
  return lists.reduce<unknown[][]>((combos, list) => combos.flatMap((combo) => list.map((value) => [...combo, value])), [[]]);
}

export class IndexCatalog {
  private readonly indexes = new Map<string, Index>();

  constructor(private readonly ns: Namespace) {
    this.indexes.set(ID_INDEX_NAME, new Index({ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME, unique: true }));
  }

  list(): IndexSpec[] {
    return [...this.indexes.values()].map((index) => {
      // `_id_` is unique by nature; mongod does not print `unique: true` for it.
      if (index.spec.name !== ID_INDEX_NAME) return index.spec;
      const { unique: _unique, ...spec } = index.spec;
      return spec as IndexSpec;
    });
  }

  has(name: string): boolean {
    return this.indexes.has(name);
  }

  findByKey(key: Doc): IndexSpec | undefined {
    const wanted = canonicalKey([key]);
    return [...this.indexes.values()].find((index) => canonicalKey([index.spec.key]) === wanted)?.spec;
  }

  /**
   * Adds an index over the existing documents. Returns false when an identical index exists
   * (createIndexes is idempotent); throws on a conflicting one or on existing duplicates.
   */
  create(spec: IndexSpec, docs: Iterable<[string, Doc]>): boolean {
    if (this.isExisting(spec)) return false;
    const index = new Index(spec);
    for (const [owner, doc] of docs) {
      if (index.owners) {
        for (const entry of index.entriesOf(doc)) {
          const current = index.owners.get(entry.key);
          if (current !== undefined && current !== owner) throw this.duplicate(index, entry);
          index.owners.set(entry.key, owner);
        }
      }
      index.updateBuckets(owner, undefined, doc);
    }
    this.indexes.set(spec.name, index);
    return true;
  }

  private isExisting(spec: IndexSpec): boolean {
    // Asking for the `_id` index again (under its own name) is a no-op, as on mongod.
    if (spec.name === ID_INDEX_NAME && canonicalKey([spec.key]) === canonicalKey([{ _id: 1 }])) return true;
    const sameName = this.indexes.get(spec.name)?.spec;
    const sameKey = [...this.indexes.values()]
      .map((index) => index.spec)
      .filter((existing) => canonicalKey([existing.key]) === canonicalKey([spec.key]));
    if (sameName) {
      if (canonicalKey([sameName.key]) !== canonicalKey([spec.key])) {
        throw new CommandError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatKeyValue(spec)}, existing index: ${formatKeyValue(sameName)}`,
        );
      }
      if (!sameOptions(sameName, spec)) {
        throw new CommandError(
          'IndexOptionsConflict',
          `An equivalent index already exists with the same name but different options. Requested index: ${formatKeyValue(spec)}, existing index: ${formatKeyValue(sameName)}`,
        );
      }
      return true;
    }
    const clash = sameKey.find((existing) => sameOptions(existing, spec) || !differentPartialFilters(existing, spec));
    if (clash) {
      throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${clash.name}`);
    }
    return false;
  }

  drop(name: string): void {
    this.indexes.delete(name);
  }

  /** The indexes as the planner sees them. */
  plannable(): PlannableIndex[] {
    return [...this.indexes.values()].map((index) => index.plannable);
  }

  /**
   * Throws E11000 if storing `next` for the document `owner` would duplicate a unique key.
   * A new document (`inserting`) owns no key yet, so any existing owner is a clash; that
   * includes an existing document with the same `_id`.
   */
  check(owner: string, next: Doc, inserting: boolean): CheckedKeys {
    const keys: CheckedKeys = new Map();
    for (const index of this.indexes.values()) {
      if (!index.owners) continue;
      const entries = index.entriesOf(next);
      for (const entry of entries) {
        const current = index.owners.get(entry.key);
        if (current !== undefined && (inserting || current !== owner)) throw this.duplicate(index, entry);
      }
      keys.set(index, entries);
    }
    return keys;
  }

  /**
   * Records a checked write: `previous` (if any) is replaced by `next` (if any); `checked`
   * is what check answered for `next`, so its keys are not worked out twice.
   */
  commit(owner: string, previous: Doc | undefined, next: Doc | undefined, checked?: CheckedKeys): void {
    for (const index of this.indexes.values()) {
      index.updateBuckets(owner, previous, next);
      if (!index.owners) continue;
      if (previous) {
        for (const entry of index.entriesOf(previous)) {
          if (index.owners.get(entry.key) === owner) index.owners.delete(entry.key);
        }
      }
      if (next) for (const entry of checked?.get(index) ?? index.entriesOf(next)) index.owners.set(entry.key, owner);
    }
  }

  /** Forgets every key (all documents were removed). */
  clearEntries(): void {
    for (const index of this.indexes.values()) {
      index.owners?.clear();
      index.buckets?.clear();
    }
  }

  private duplicate(index: Index, entry: IndexEntry): CommandError {
    const keyValue = index.keyValue(entry.values);
    return new CommandError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.ns.db}.${this.ns.collection} index: ${index.spec.name} dup key: ${formatKeyValue(keyValue)}`,
      { keyPattern: { ...index.spec.key }, keyValue },
    );
  }
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return IDENTITY_OPTIONS.every((option) => canonicalKey([normalizeOption(option, a[option])]) === canonicalKey([normalizeOption(option, b[option])]));
}

function normalizeOption(option: string, value: unknown): unknown {
  if (option === 'unique' || option === 'sparse') return value === true;
  return value;
}

/** mongod allows two indexes on one key pattern when their partial filters differ. */
function differentPartialFilters(a: IndexSpec, b: IndexSpec): boolean {
  return canonicalKey([a.partialFilterExpression]) !== canonicalKey([b.partialFilterExpression]);
}

const KEY_TYPES = new Set(['text', '2d', '2dsphere', 'hashed', 'geoHaystack']);

/** Validates one entry of createIndexes' `indexes` and returns the spec to store. */
export function normalizeIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key)) {
    throw new CommandError('FailedToParse', "The 'key' field is a required property of an index specification");
  }
  const key = raw.key;
  if (Object.keys(key).length === 0) throw new CommandError('CannotCreateIndex', 'Index keys cannot be empty.');
  for (const [field, direction] of Object.entries(key)) {
    const valid = (typeof direction === 'number' && direction !== 0) || (typeof direction === 'string' && KEY_TYPES.has(direction));
    if (!valid) {
      throw new CommandError('CannotCreateIndex', `Values in the index key pattern can contain only non-zero numbers or the special index type strings; found ${String(direction)} for field ${field}`);
    }
  }
  const name = typeof raw.name === 'string' && raw.name.length > 0 ? raw.name : defaultIndexName(key);
  if (name === ID_INDEX_NAME && canonicalKey([key]) !== canonicalKey([{ _id: 1 }])) {
    throw new CommandError('BadValue', "The index name '_id_' is reserved for the _id index");
  }
  if (raw.partialFilterExpression !== undefined && !isPlainObject(raw.partialFilterExpression)) {
    throw new CommandError('TypeMismatch', 'partialFilterExpression must be an object');
  }
  // `background` is ignored since MongoDB 4.2; `v` and `ns` are the server's to set.
  const { v: _v, ns: _ns, background: _background, key: _key, name: _name, ...options } = raw;
  return { v: 2, key, name, ...options } as IndexSpec;
}

/** mongod's generated name: `field_1_other_-1`. */
export function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}
