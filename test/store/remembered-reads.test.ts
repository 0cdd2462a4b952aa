/**
 * The process's directory cache (remembered-reads.ts): the staff directory, settings and
 * policy history are read at most once per DIRECTORY_CACHE_MS, a write through the cache is
 * seen at once, a write made elsewhere within DIRECTORY_CACHE_MS, and a failed read is
 * asked again. Counted on the real store, so one read more or fewer fails.
 */
import { DIRECTORY_CACHE_MS, directoryCache } from '../../src/store/remembered-reads.js';
import type { OpenStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { countingStore, type CountingStore } from '../cases/counting-store.js';
import { openTestStore } from './contract/harness.js';

let opened: OpenStore;
let counted: CountingStore;
let cached: Store;
let clock: number;

beforeAll(async () => {
  opened = await openTestStore('remembered-reads');
});
afterAll(() => opened.close());
beforeEach(async () => {
  await opened.connection.db!.collection('staff').deleteMany({});
  await opened.connection.db!.collection('settings').deleteMany({});
  await opened.store.putStaff({ id: 'coach@example.org', name: 'Cara Coach', roles: ['coach'], slackUserId: 'U1' });
  counted = countingStore(opened.store);
  clock = 1_000_000;
  cached = directoryCache(counted.store, () => clock);
});

test('a read is made once while it is fresh, and again once it is DIRECTORY_CACHE_MS old', async () => {
  for (let i = 0; i < 5; i++) expect((await cached.getStaff('coach@example.org'))?.name).toBe('Cara Coach');
  expect(counted.calls.get('getStaff')).toBe(1);
  clock += DIRECTORY_CACHE_MS - 1;
  await cached.getStaff('coach@example.org');
  expect(counted.calls.get('getStaff')).toBe(1);
  clock += 1;
  await cached.getStaff('coach@example.org');
  expect(counted.calls.get('getStaff')).toBe(2);
});

test('reads are remembered by their arguments: another person or role is read for itself', async () => {
  await Promise.all([cached.getStaff('coach@example.org'), cached.getStaff('coach@example.org'), cached.getStaff('nobody@example.org')]);
  await cached.staffByChatId('slack', 'U1');
  await cached.staffByChatId('teams', 'U1');
  await cached.staffWithRole('coach');
  await cached.staffWithRole('coach');
  expect(Object.fromEntries(counted.calls)).toEqual({ getStaff: 2, staffByChatId: 2, staffWithRole: 1 });
});

test('a change made through the cache is seen at once; one made elsewhere within DIRECTORY_CACHE_MS', async () => {
  expect(await cached.staffWithRole('admin')).toEqual([]);
  await cached.putStaff({ id: 'coach@example.org', name: 'Cara Coach', roles: ['coach', 'admin'], slackUserId: 'U1' });
  expect((await cached.staffWithRole('admin')).map((s) => s.id)).toEqual(['coach@example.org']);

  // Elsewhere: another process (an import), straight to the database.
  await opened.store.putStaff({ id: 'coach@example.org', name: 'Cara Coach', roles: ['coach'], slackUserId: 'U1' });
  expect((await cached.staffWithRole('admin')).map((s) => s.id)).toEqual(['coach@example.org']);
  clock += DIRECTORY_CACHE_MS;
  expect(await cached.staffWithRole('admin')).toEqual([]);
});

test('a setting written through the cache forgets that setting only', async () => {
  expect(await cached.getSetting('slack:channel:alerts')).toBeNull();
  expect(await cached.getSetting('slack:channel:smt')).toBeNull();
  await cached.putSetting('slack:channel:alerts', 'C-TEAM');
  expect(await cached.getSetting('slack:channel:alerts')).toBe('C-TEAM');
  expect(await cached.getSetting('slack:channel:smt')).toBeNull();
  expect(counted.calls.get('getSetting')).toBe(3);
});

test('a read answered while a write ran (with what was there before) is not kept', async () => {
  let written!: () => void;
  const slowWrites = new Proxy(opened.store, {
    get(target, name, receiver) {
      if (name === 'putSetting') return (key: string, value: string) => new Promise<void>((r) => (written = r)).then(() => target.putSetting(key, value));
      return Reflect.get(target, name, receiver) as unknown;
    },
  });
  const view = directoryCache(slowWrites, () => clock);
  const writing = view.putSetting('k', 'new');
  expect(await view.getSetting('k')).toBeNull(); // read while the write waits
  written();
  await writing;
  expect(await view.getSetting('k')).toBe('new');
});

test('a read that failed is asked again, not remembered', async () => {
  let fail = true;
  const flaky = new Proxy(opened.store, {
    get(target, name, receiver) {
      if (name === 'getSetting' && fail) return () => Promise.reject(new Error('database unreachable'));
      return Reflect.get(target, name, receiver) as unknown;
    },
  });
  const view = directoryCache(flaky, () => clock);
  await expect(view.getSetting('k')).rejects.toThrow('database unreachable');
  fail = false;
  expect(await view.getSetting('k')).toBeNull();
});

test('what is not the directory is never remembered', async () => {
  await cached.getLearner('L1');
  await cached.getLearner('L1');
  await cached.loadCase('L1');
  await cached.loadCase('L1');
  expect(Object.fromEntries(counted.calls)).toEqual({ getLearner: 2, loadCase: 2 });
});
