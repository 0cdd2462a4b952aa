/**
 * The bounded work queue behind chat requests: work runs at most `concurrency` at once,
 * at most `maxWaiting` wait, and anything past that is refused at the door, never queued
 * and never run; a request that can carry its answer gets it now, or at once 'later' with
 * the answer following.
 */
import { answerOrHandOff, WorkQueue, type Outcome } from '../../src/bots/work-queue.js';

/** A piece of work that runs until released. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  let started = false;
  return { work: () => ((started = true), done), release, started: () => started };
}

test('runs at most `concurrency` at once, queues up to `maxWaiting`, refuses the rest', async () => {
  const queue = new WorkQueue({ concurrency: 2, maxWaiting: 1 });
  const [a, b, c, d] = [gate(), gate(), gate(), gate()];
  expect([queue.offer(a.work), queue.offer(b.work), queue.offer(c.work), queue.offer(d.work)]).toEqual([true, true, true, false]);
  await Promise.resolve();
  expect([a.started(), b.started(), c.started(), d.started()]).toEqual([true, true, false, false]);
  a.release();
  await new Promise((r) => setTimeout(r, 0));
  expect(c.started()).toBe(true);
  // A slot is taken again, so the queue takes one more to wait, and no more.
  expect([queue.offer(d.work), queue.offer(gate().work)]).toEqual([true, false]);
  b.release();
  c.release();
  d.release();
  await queue.idle();
  expect(d.started()).toBe(true);
});

test('while the process is overloaded, nothing waits and only `overloadedConcurrency` pieces run', async () => {
  let overloaded = false;
  const queue = new WorkQueue({ concurrency: 3, maxWaiting: 4, overloadedConcurrency: 1, overloaded: () => overloaded });
  const [a, b, c, d, e, f] = [gate(), gate(), gate(), gate(), gate(), gate()];
  expect([a, b, c, d].map((g) => queue.offer(g.work))).toEqual([true, true, true, true]);
  overloaded = true;
  expect(queue.offer(e.work)).toBe(false);
  // The waiting piece still gets its turn; with one running, the next is still refused.
  a.release();
  b.release();
  c.release();
  await new Promise((r) => setTimeout(r, 0));
  expect(d.started()).toBe(true);
  expect(queue.offer(e.work)).toBe(false);
  d.release();
  await queue.idle();
  // None running: work starts however loaded the process is, up to overloadedConcurrency.
  expect(queue.free).toBe(true);
  expect([queue.offer(e.work), queue.offer(f.work)]).toEqual([true, false]);
  overloaded = false;
  expect(queue.offer(f.work)).toBe(true);
  e.release();
  f.release();
  await queue.idle();
  expect([e.started(), f.started()]).toEqual([true, true]);
});

test('run answers what the work answers, or null when full', async () => {
  const queue = new WorkQueue({ concurrency: 1, maxWaiting: 0 });
  const blocker = gate();
  queue.offer(blocker.work);
  expect(queue.run(async () => 1)).toBeNull();
  blocker.release();
  await queue.idle();
  await expect(queue.run(async () => 42)).resolves.toBe(42);
  await queue.idle();
  await expect(queue.run(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
});

describe('answerOrHandOff', () => {
  test('a free slot: the answer now, and nothing follows', async () => {
    const followed: Outcome<string>[] = [];
    const queue = new WorkQueue();
    expect(await answerOrHandOff(queue, async () => 'card', async (o) => void followed.push(o))).toEqual({ kind: 'now', value: 'card' });
    await queue.idle();
    expect(followed).toEqual([]);
  });

  test('work that must wait for a turn is answered "later" at once, and its outcome follows', async () => {
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 1 });
    const blocker = gate();
    queue.offer(blocker.work);
    const followed: Outcome<string>[] = [];
    expect(await answerOrHandOff(queue, async () => 'card', async (o) => void followed.push(o))).toEqual({ kind: 'later' });
    expect(followed).toEqual([]);
    blocker.release();
    await queue.idle();
    expect(followed).toEqual([{ value: 'card' }]);
  });

  test('work slower than the wait is answered "later", and its outcome follows once', async () => {
    const slow = gate();
    const followed: Outcome<void>[] = [];
    const queue = new WorkQueue();
    expect(await answerOrHandOff(queue, slow.work, async (o) => void followed.push(o), 5)).toEqual({ kind: 'later' });
    slow.release();
    await queue.idle();
    expect(followed).toEqual([{ value: undefined }]);
  });

  test('a full queue: busy, and the work never runs', async () => {
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 0 });
    const blocker = gate();
    queue.offer(blocker.work);
    let ran = 0;
    expect(await answerOrHandOff(queue, async () => void ran++, async () => {})).toEqual({ kind: 'busy' });
    blocker.release();
    await queue.idle();
    expect(ran).toBe(0);
  });

  test('a failure answered now is thrown to the request', async () => {
    await expect(answerOrHandOff(new WorkQueue(), async () => Promise.reject(new Error('db down')), async () => {})).rejects.toThrow('db down');
  });
});
