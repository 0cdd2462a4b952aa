/**
 * Index keys: the common kinds of value are written without EJSON (a hot path), and must
 * come out exactly as EJSON writes them, so a key is the same whichever way it was made.
 */
import { EJSON, Long, ObjectId } from 'bson';
import { canonicalKey } from '../../../src/store/embedded-mongo/values.js';

const ejson = (values: unknown[]) => EJSON.stringify(values.map((v) => (v === undefined ? null : v)), { relaxed: true });

test.each([
  [['L1', 'key-1']],
  [['with "quotes", \\ and ü\u2028', '']],
  [[null, undefined]],
  [[0, 1, -3, 2 ** 40, Number.MAX_SAFE_INTEGER]],
  [[new Date('2026-09-01T00:00:00Z'), new Date('2026-09-01T00:00:00.123Z'), new Date(0)]],
  [[new ObjectId('0123456789abcdef01234567')]],
  // Left to EJSON: fractions, -0, dates outside 1970-9999, Longs, documents.
  [[2.5, -0, new Date(-1), new Date('+010000-01-01T00:00:00Z'), Long.fromNumber(1), { a: 1 }]],
])('%j is keyed exactly as EJSON writes it', (values) => {
  expect(canonicalKey(values)).toBe(ejson(values));
});

test('numbers are keyed by value, whatever their type', () => {
  expect(canonicalKey([1])).toBe(canonicalKey([Long.fromNumber(1)]));
  expect(canonicalKey(['1'])).not.toBe(canonicalKey([1]));
});
