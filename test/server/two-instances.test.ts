/**
 * Two bot processes on one database (one `waymark db`, or the MongoDB MONGODB_URI names): fed
 * events arrive at either, and the schedulers of both run on the same jobs; between them
 * every notification is sent exactly once, and each does its share.
 */
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { dropDatabase, externalDatabaseUri } from '../store/contract/harness.js';
import { killAll, startWaymark as spawnCollecting, until } from './processes.js';

const KEY = 'two-instances-key-0123456789';
let opened: OpenStore | undefined;
const external = externalDatabaseUri('two-instances');

afterAll(async () => {
  await opened?.close();
  if (external) await dropDatabase(external);
  killAll();
});

test('every notification is sent once between two instances', async () => {
  const db = external ? undefined : spawnCollecting(['db', '--port', '0'], {});
  const uri = external ?? (await until(() => db!.lines.find((l) => l.startsWith('mongodb://'))));
  const env = { MONGODB_URI: uri, PORT: '0', WAYMARK_API_KEYS: KEY, LOG_LEVEL: 'info' };
  const bots = [spawnCollecting(['run'], env), spawnCollecting(['run'], env)];
  const urls = await Promise.all(bots.map((b) => until(() => /listening on (http:\/\/localhost:\d+)/.exec(b.lines.join('\n'))?.[1])));

  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const ids = Array.from({ length: 8 }, (_, i) => `TI${i}`);
  const post = (url: string, path: string, method: string, body: object) =>
    fetch(url + path, { method, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (const [i, id] of ids.entries()) {
    const url = urls[i % 2]!;
    expect((await post(url, `/api/learners/${id}`, 'PUT', { name: `Learner ${id}`, programme: 'apprenticeship', nation: 'england', startDate: day(60), policy: 'mtt' })).status).toBe(201);
    const events = [
      ...[20, 13, 6].map((a, j) => ({ id: `${id}-m${j}`, learnerId: id, type: 'session.missed', at: day(a) })),
      { id: `${id}-s1`, learnerId: id, type: 'stage.entered', at: day(9), stage: 'stage-1' },
    ].sort((a, b) => a.at.localeCompare(b.at));
    const res = await post(url, '/api/events', 'POST', { events });
    expect(((await res.json()) as { results: { status: string }[] }).results.every((r) => r.status === 'stored')).toBe(true);
  }

  opened = await openStore({ uri });
  const store = opened.store;
  // Settled: every outbox empty and no claim left half-done.
  await until(async () => {
    const cases = await Promise.all(ids.map((id) => store.loadCase(id)));
    const pending = await opened!.connection.db!.collection('claims').countDocuments({ state: 'claimed' });
    return cases.every((c) => c && c.outbox.length === 0) && pending === 0 ? true : undefined;
  });
  // Then both stop: once they have exited, nothing more can be sent, so a late repeat
  // cannot hide behind the count.
  await Promise.all(
    bots.map((b) => {
      const exited = new Promise((r) => b.child.once('close', r));
      b.child.kill('SIGTERM');
      return exited;
    }),
  );

  const sentBy = bots.map((b) => b.lines.filter((l) => l.includes('notification (no chat platform configured)')).map((l) => (JSON.parse(l) as { key: string }).key));
  const sent = sentBy.flat();
  // Alerts, tasks, overdue notices and the rest for 8 learners: each exactly once.
  expect(sent.length).toBeGreaterThan(ids.length * 3);
  expect(sent.length).toBe(new Set(sent).size);
  const done = await opened.connection.db!.collection('claims').countDocuments({ state: 'done' });
  expect(sent).toHaveLength(done);
  // Both instances did their share.
  expect(sentBy.every((keys) => keys.length > 0)).toBe(true);

});
