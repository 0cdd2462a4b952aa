/**
 * The store reads behind staff linking and the setup card: the whole staff directory, and
 * the event an actor kind (the feed) recorded last.
 */
import type { OpenStore } from '../../../src/store/open-store.js';
import { logged, openTestStore } from './harness.js';

let opened: OpenStore;
beforeAll(async () => {
  opened = await openTestStore('directory-reads');
});
afterAll(() => opened.close());

test('allStaff lists every member of staff by id; empty when there is none', async () => {
  expect(await opened.store.allStaff()).toEqual([]);
  await opened.store.putStaff({ id: 'zoe@p.org', name: 'Zoe', roles: ['coach'] });
  await opened.store.putStaff({ id: 'al@p.org', name: 'Al', roles: ['admin'], slackUserId: 'U1' });
  expect((await opened.store.allStaff()).map((s) => [s.id, s.name, s.roles, s.slackUserId])).toEqual([
    ['al@p.org', 'Al', ['admin'], 'U1'],
    ['zoe@p.org', 'Zoe', ['coach'], undefined],
  ]);
});

test('lastRecorded is the latest by the time it was recorded, not by the event date, of that actor kind only', async () => {
  expect(await opened.store.lastRecorded('feed')).toBeNull();
  await opened.store.appendEvent(logged('L1', 'a', '2026-09-20', '2026-10-01T09:00:00Z'));
  await opened.store.appendEvent(logged('L2', 'b', '2026-09-01', '2026-10-03T09:00:00Z'));
  await opened.store.appendEvent({ ...logged('L1', 'c', '2026-09-30', '2026-10-05T09:00:00Z'), actor: { kind: 'staff', id: 'zoe@p.org' } });
  expect((await opened.store.lastRecorded('feed'))?.key).toBe('b');
  expect((await opened.store.lastRecorded('staff'))?.key).toBe('c');
  expect(await opened.store.lastRecorded('system')).toBeNull();
});
