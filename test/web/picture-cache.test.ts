/** A chart picture is drawn once for many fetches, again after a while, and again after a failure. */
import { PictureCache } from '../../src/web/picture-cache.js';

test('fetches within ten minutes share one drawing; after that it is drawn again', async () => {
  const cache = new PictureCache(10 * 60_000, 32);
  let drawn = 0;
  const draw = async () => Buffer.from(`png ${++drawn}`);
  const first = await Promise.all([cache.get('a', 0, draw), cache.get('a', 1, draw), cache.get('a', 10 * 60_000 - 1, draw)]);
  expect(first.map(String)).toEqual(['png 1', 'png 1', 'png 1']);
  expect(String(await cache.get('a', 10 * 60_000, draw))).toBe('png 2');
  expect(String(await cache.get('b', 10 * 60_000, draw))).toBe('png 3');
  expect(drawn).toBe(3);
});

test('a failed drawing is not kept', async () => {
  const cache = new PictureCache();
  await expect(cache.get('a', 0, async () => Promise.reject(new Error('vega failed')))).rejects.toThrow('vega failed');
  await new Promise((resolve) => setImmediate(resolve));
  expect(String(await cache.get('a', 1, async () => Buffer.from('ok')))).toBe('ok');
});

test('it holds at most the number given, dropping the oldest', async () => {
  const cache = new PictureCache(60_000, 2);
  let drawn = 0;
  const draw = async () => Buffer.from(String(++drawn));
  for (const name of ['a', 'b', 'c']) await cache.get(name, 0, draw);
  expect(String(await cache.get('c', 1, draw))).toBe('3');
  expect(String(await cache.get('a', 1, draw))).toBe('4');
});
