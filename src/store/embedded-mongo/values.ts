/**
 * Small helpers over decoded BSON values: copying, dotted paths, canonical keys for index
 * entries, and MongoDB's way of printing a key in a duplicate key message.
 */
import { EJSON, ObjectId, type Document } from 'bson';

export type Doc = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy that shares no plain object, array or Date with the original. BSON value classes
 * (ObjectId, Binary, Long, ...) are immutable in practice and are shared.
 */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => deepCopy(item)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const copy: Doc = {};
    for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
    return copy as T;
  }
  return value;
}

/**
 * Every value a dotted path reaches, descending into arrays the way a multikey index does:
 * `tags` over `['a', 'b']` gives both elements. A path that reaches nothing gives
 * `[undefined]`, so the caller can tell "missing" from "null".
 */
export function valuesAtPath(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) {
    if (Array.isArray(value)) return value.length > 0 ? value : [undefined];
    return [value];
  }
  if (Array.isArray(value)) {
    const [head] = path;
    if (head !== undefined && /^\d+$/.test(head)) return valuesAtPath(value[Number(head)], path.slice(1));
    const found = value.flatMap((item) => (isPlainObject(item) ? valuesAtPath(item, path) : []));
    return found.length > 0 ? found : [undefined];
  }
  if (isPlainObject(value)) return valuesAtPath(value[path[0]!], path.slice(1));
  return [undefined];
}

/** Sets a dotted path, creating plain objects on the way (used to seed upserted documents). */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Doc = doc;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (!isPlainObject(next)) target[part] = {};
    target = target[part] as Doc;
  }
  target[parts[parts.length - 1]!] = value;
}

/**
 * A string equal for two values exactly when MongoDB's index treats them as the same key:
 * numbers by value (1, 1.0 and Long 1 alike), missing and null alike, documents by
 * field order and values.
 */
export function canonicalKey(values: readonly unknown[]): string {
  // Most keys are strings, numbers, dates and ObjectIds: written here exactly as EJSON
  // writes them (a hot path: every insert keys every index), anything else by EJSON.
  const parts: string[] = [];
  for (const value of values) {
    const part = simpleKeyPart(value);
    if (part === undefined) return EJSON.stringify(values.map((v) => (v === undefined ? null : v)), { relaxed: true });
    parts.push(part);
  }
  return `[${parts.join(',')}]`;
}

/** Dates EJSON writes as ISO text (years 1970 to 9999); others it writes as a number. */
const ISO_DATES = { from: 0, to: 253_402_300_800_000 };

/** A value as relaxed EJSON writes it, for the common kinds; undefined for the rest. */
function simpleKeyPart(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (value instanceof Date) {
    const time = value.getTime();
    if (!(time >= ISO_DATES.from && time < ISO_DATES.to)) return undefined;
    const iso = value.toISOString();
    return `{"$date":"${time % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso}"}`;
  }
  if (value instanceof ObjectId) return `{"$oid":"${value.toHexString()}"}`;
  return undefined;
}

/** The key of a document's `_id`, used to find it in its collection. */
export function idKey(id: unknown): string {
  return canonicalKey([id]);
}

/** Prints a key the way mongod does in E11000 messages: `{ name: "x", at: new Date(0) }`. */
export function formatKeyValue(keyValue: Document): string {
  const fields = Object.entries(keyValue).map(([name, value]) => `${name}: ${formatValue(value)}`);
  return fields.length > 0 ? `{ ${fields.join(', ')} }` : '{}';
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (Array.isArray(value)) return value.length > 0 ? `[ ${value.map(formatValue).join(', ')} ]` : '[]';
  if (isPlainObject(value)) return formatKeyValue(value);
  return EJSON.stringify(value as Document, { relaxed: true });
}

/** Returns the document with `_id` first, as mongod stores it. */
export function withIdFirst(doc: Doc): Doc {
  if (doc._id === undefined || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** Gives a document without `_id` a new ObjectId (insert and upsert), `_id` first. */
export function ensureId(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}
