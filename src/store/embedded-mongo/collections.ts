/**
 * The in-memory data: databases of collections of documents. A stored document is never
 * changed in place: a write builds a new object and swaps it in. So a cursor's batch, a
 * findAndModify pre-image or an aggregation input is a stable snapshot for free, and a write
 * refused by a unique index leaves the stored document untouched.
 *
 * Documents are kept in a Map by `_id` key; Map keeps insertion order and replacing a value
 * keeps its position, which gives mongod's natural order (updates do not move documents).
 * Each document also gets an increasing position at insertion, so candidates an index
 * bucket returns (in no useful order) can be put back into natural order.
 */
import { UUID } from 'bson';
import { CommandError } from './errors.js';
import { IndexCatalog } from './indexes.js';
import { planCandidates } from './planner.js';
import { idKey, isPlainObject, type Doc } from './values.js';

export class Collection {
  readonly indexes: IndexCatalog;
  readonly uuid = new UUID();
  private readonly docs = new Map<string, Doc>();
  /** `_id` key -> insertion position (increasing, never reused), for natural order. */
  private readonly positions = new Map<string, number>();
  private nextPosition = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    this.indexes = new IndexCatalog({ db, collection: name });
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  get count(): number {
    return this.docs.size;
  }

  /** The stored documents in natural order. Treat them as read-only. */
  documents(): Doc[] {
    return [...this.docs.values()];
  }

  /**
   * The documents a query can match, in natural order: only the one it names when it asks
   * for an exact `_id` (the common "update this document" case), else those of the smallest
   * index bucket an equality in the query selects (planner.ts), else all of them. The
   * caller still applies the full filter, so this only decides how much is scanned.
   */
  candidates(query: Doc): Doc[] {
    const id = exactId(query._id);
    if (id.found) {
      const doc = this.docs.get(idKey(id.value));
      return doc ? [doc] : [];
    }
    const planned = planCandidates(query, this.indexes.plannable());
    return planned ? this.inNaturalOrder(planned) : this.documents();
  }

  private inNaturalOrder(ids: ReadonlySet<string>): Doc[] {
    // Sorting k ids costs k log k; once k is a good share of the collection, one pass
    // over it in natural order, keeping the members, is cheaper.
    if (ids.size * 8 >= this.docs.size) return [...this.docs].filter(([id]) => ids.has(id)).map(([, doc]) => doc);
    const positioned: Array<[number, Doc]> = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) positioned.push([this.positions.get(id)!, doc]);
    }
    return positioned.sort((a, b) => a[0] - b[0]).map(([, doc]) => doc);
  }

  entries(): Iterable<[string, Doc]> {
    return this.docs.entries();
  }

  /** Stores a new document (it must have an `_id`); throws E11000 on a unique key clash. */
  insert(doc: Doc): void {
    const owner = idKey(doc._id);
    this.indexes.commit(owner, undefined, doc, this.indexes.check(owner, doc, true));
    this.docs.set(owner, doc);
    this.positions.set(owner, this.nextPosition++);
  }

  /** Swaps `previous` for `next` (same `_id`); throws E11000 on a unique key clash. */
  replace(previous: Doc, next: Doc): void {
    const owner = idKey(previous._id);
    if (idKey(next._id) !== owner) {
      throw new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    this.indexes.commit(owner, previous, next, this.indexes.check(owner, next, false));
    this.docs.set(owner, next);
  }

  remove(doc: Doc): void {
    const owner = idKey(doc._id);
    this.indexes.commit(owner, doc, undefined);
    this.docs.delete(owner);
    this.positions.delete(owner);
  }
}

/** `{ _id: value }` or `{ _id: { $eq: value } }`; anything else (operators, regex) is not exact. */
function exactId(condition: unknown): { found: boolean; value?: unknown } {
  if (condition === undefined || condition instanceof RegExp) return { found: false };
  if (!isPlainObject(condition)) return { found: true, value: condition };
  const keys = Object.keys(condition);
  if (!keys.some((key) => key.startsWith('$'))) return { found: true, value: condition };
  return keys.length === 1 && keys[0] === '$eq' ? exactId(condition.$eq) : { found: false };
}

export class Database {
  readonly collections = new Map<string, Collection>();

  constructor(readonly name: string) {}
}

/** Every database of one server. */
export class Storage {
  private readonly databases = new Map<string, Database>();

  databaseNames(): string[] {
    return [...this.databases.keys()].filter((name) => (this.databases.get(name)?.collections.size ?? 0) > 0);
  }

  collectionsOf(db: string): Collection[] {
    return [...(this.databases.get(db)?.collections.values() ?? [])];
  }

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.collections.get(name);
  }

  /** The collection, created on first use as a write or createIndexes does implicitly. */
  ensureCollection(db: string, name: string): Collection {
    return this.collection(db, name) ?? this.createCollection(db, name);
  }

  createCollection(db: string, name: string, options: Doc = {}): Collection {
    validateNames(db, name);
    if (this.collection(db, name)) {
      throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
    }
    const database = this.databases.get(db) ?? new Database(db);
    this.databases.set(db, database);
    const collection = new Collection(db, name, options);
    database.collections.set(name, collection);
    return collection;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const database = this.databases.get(db);
    const collection = database?.collections.get(name);
    database?.collections.delete(name);
    if (database && database.collections.size === 0) this.databases.delete(db);
    return collection;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }
}

function validateNames(db: string, name: string): void {
  if (db.length === 0 || /[/\\. "$]/.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (name.length === 0 || name.includes('$') || name.includes('\0')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
}
