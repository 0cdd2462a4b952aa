/**
 * A scheduler process killed (SIGKILL) with jobs due, then another started on the same
 * server (`waymark db`, or the MongoDB MONGODB_URI names): every due job runs, every
 * delivery is made, and none more than once except one in flight at the moment of the kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { recordEvent } from '../../../src/cases/record-event.js';
import { Scheduler } from '../../../src/scheduler/scheduler.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { openStore, type OpenStore } from '../../../src/store/open-store.js';
import { RecordingNotifier } from '../../../src/cases/notifier.js';
import { dropDatabase, externalDatabaseUri, feed, learner } from './harness.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const NOW = '2026-10-20T09:30:00Z';
const children: ChildProcess[] = [];
let opened: OpenStore | undefined;
const external = externalDatabaseUri('restart');

afterAll(async () => {
  await opened?.close();
  if (external) await dropDatabase(external);
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    lines.once('line', (firstLine) => resolve({ child, firstLine }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

async function until(check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('killed mid-way, restarted: every due job runs; only a delivery in flight at the kill can repeat', async () => {
  expect(existsSync(`${ROOT}dist/scheduler/scheduler.js`)).toBe(true); // `npm test` builds first
  const uri = external ?? (await start(['bin/waymark.js', 'db', '--port', '0'])).firstLine;
  opened = await openStore({ uri });
  const store = opened.store;
  const ctx = { store, packFor: builtinPack, now: () => new Date(NOW) };
  const ids = Array.from({ length: 10 }, (_, i) => `K${i}`);
  for (const id of ids) {
    await store.putLearner(learner(id));
    await recordEvent(ctx, { learnerId: id, event: { id: `${id}-s1`, type: 'stage.entered', at: '2026-10-13T10:00:00+01:00', stage: 'stage-1' }, actor: feed });
  }
  // Schedule every wake-up as due, without running anything here.
  const scheduling = new Scheduler({ db: opened.connection.db!, ctx, notifier: new RecordingNotifier() });
  for (const id of ids) await scheduling.wakeAt(id, new Date(Date.now() - 1_000));

  const deliveries = opened.connection.db!.collection<{ _id: string; n: number }>('test_deliveries');
  const env = { MONGODB_URI: uri, VIRTUAL_NOW: NOW, LEASE_MS: '2000' };
  const first = await start(['test/store/fixtures/scheduler-worker.mjs'], { ...env, DELAY_MS: '150', WORKER_NAME: 'first' });
  await until(async () => (await deliveries.countDocuments()) >= 5);
  first.child.kill('SIGKILL');
  await once(first.child, 'exit');

  const second = await start(['test/store/fixtures/scheduler-worker.mjs'], { ...env, DELAY_MS: '0', WORKER_NAME: 'second' });
  // Settled: both nudges of every learner sent, every outbox empty, and (read last, so it
  // covers every delivery seen before it) no claim still held. Without the nudges here, one
  // could start after the check and be cut off by the stop, sent but never marked done.
  await until(async () => {
    const nudges = await deliveries.countDocuments({ _id: { $regex: '^nudge:' } });
    const cases = await Promise.all(ids.map((id) => store.loadCase(id)));
    const stuck = await opened!.connection.db!.collection('claims').countDocuments({ state: 'claimed' });
    return nudges === 2 * ids.length && stuck === 0 && cases.every((c) => c!.outbox.length === 0 && c!.state.clock >= Date.parse(NOW));
  });
  second.child.kill('SIGTERM');
  await once(second.child, 'exit');

  const all = await deliveries.find().toArray();
  // Delivery is at least once: a send that completed in the instant before SIGKILL, its
  // claim not yet marked done, is sent again (once.ts). That can only be one of the jobs
  // in flight at the kill (Agenda runs at most 5 at once), and never more than twice; the
  // key each delivery carries lets an adapter drop that repeat.
  expect(all.filter((d) => d.n > 2)).toEqual([]);
  expect(all.filter((d) => d.n === 2).length).toBeLessThanOrEqual(5);
  const done = await opened.connection.db!.collection('claims').countDocuments({ state: 'done' });
  expect(all).toHaveLength(done);
  // Every learner got both nudges (before-due and due) and its stage-1 entries.
  for (const id of ids) expect(all.filter((d) => d._id.startsWith(`nudge:${id}:`))).toHaveLength(2);
});
