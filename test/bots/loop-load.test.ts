/**
 * The event loop's load, as the work queue reads it: samples that fire late push the
 * smoothed lateness up and punctual ones bring it down; a loop busy most of the time is
 * over before it falls behind; one long turn is not an overload; stopped, it reads zero.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import { LoopLoad } from '../../src/bots/loop-load.js';
import { WorkQueue } from '../../src/bots/work-queue.js';

/** A LoopLoad on a clock the test moves, its samples taken by hand, each with the busy share given. */
function loadAt() {
  let now = 1_000;
  let busyMs = 0;
  const utilisation = (since?: EventLoopUtilization): EventLoopUtilization => {
    const total = { idle: now - busyMs, active: busyMs, utilization: busyMs / now };
    if (!since) return total;
    const active = total.active - since.active;
    const idle = total.idle - since.idle;
    return { idle, active, utilization: active / (active + idle) };
  };
  const load = new LoopLoad({ everyMs: 10, lagLimitMs: 30, busyLimit: 0.9, now: () => now, utilisation });
  load.start();
  return {
    load,
    /** Moves the clock `ms`, `busy` of it with the loop busy, and takes a sample there. */
    sample(ms: number, busy = 0) {
      now += ms;
      busyMs += ms * busy;
      load.tick();
    },
  };
}

test('punctual samples of an idle loop: no lag, not busy, not over', () => {
  const { load, sample } = loadAt();
  for (let i = 0; i < 20; i++) sample(10);
  expect([load.lagMs, load.busy, load.over]).toEqual([0, 0, false]);
  load.stop();
});

test('late samples raise the lateness past its limit; punctual ones bring it back under', () => {
  const { load, sample } = loadAt();
  // One sample 40 ms late moves the smoothed lateness a quarter of the way: 10 ms, not over.
  sample(50);
  expect(load.lagMs).toBe(10);
  expect(load.over).toBe(false);
  // Late every time: 27.3 ms after four, over the 30 ms limit at the fifth.
  sample(50);
  sample(50);
  sample(50);
  expect(load.lagMs).toBeCloseTo(40 * (1 - 0.75 ** 4), 6);
  expect(load.over).toBe(false);
  sample(50);
  expect(load.over).toBe(true);
  // Punctual again: back under once the smoothing forgets.
  for (let i = 0; i < 4; i++) sample(10);
  expect(load.over).toBe(false);
  expect(load.lagMs).toBeGreaterThan(0);
  load.stop();
});

test('a loop busy most of the time is over before it falls behind, and under again once it has room', () => {
  const { load, sample } = loadAt();
  // Busy 95% of the time, every sample on time: over once the smoothed share passes 0.9.
  let samples = 0;
  while (!load.over && samples < 100) {
    sample(10, 0.95);
    samples++;
  }
  expect(load.lagMs).toBe(0);
  // 0.95 * (1 - 0.9^n) > 0.9 first at n = 28.
  expect(samples).toBe(28);
  // Busy 80% of the time: under again within a few samples.
  sample(10, 0.8);
  expect(load.over).toBe(false);
  expect(load.busy).toBeGreaterThan(0.88);
  expect(load.busy).toBeLessThan(0.9);
  load.stop();
});

test('one long turn of the loop is not an overload; stopped, it reads zero', () => {
  const { load, sample } = loadAt();
  // A 130 ms pause (e.g. collecting garbage) moves the lateness a quarter of the way: 30 ms, not over.
  sample(130, 1);
  expect(load.lagMs).toBe(30);
  expect(load.over).toBe(false);
  sample(10);
  expect(load.lagMs).toBe(22.5);
  // A longer one is over, for a few samples.
  sample(170);
  expect(load.lagMs).toBeCloseTo(56.875, 6);
  expect(load.over).toBe(true);
  sample(10);
  sample(10);
  expect(load.over).toBe(true);
  sample(10);
  expect(load.over).toBe(false);
  load.stop();
  expect([load.lagMs, load.busy, load.over]).toEqual([0, 0, false]);
});

test('started, it samples on a timer; stopped, it does not', async () => {
  const load = new LoopLoad({ everyMs: 5 });
  let ticks = 0;
  load.tick = () => void ticks++;
  load.start();
  for (const end = performance.now() + 5_000; ticks < 3 && performance.now() < end; ) await new Promise((r) => setTimeout(r, 5));
  expect(ticks).toBeGreaterThanOrEqual(3);
  load.stop();
  const stoppedAt = ticks;
  await new Promise((r) => setTimeout(r, 50));
  expect(ticks).toBe(stoppedAt);
});

test('on the real loop: more work is refused while the loop keeps running late, and taken once it has caught up', async () => {
  const load = new LoopLoad({ everyMs: 5, lagLimitMs: 30 }).start();
  // One piece running, as many as may run while the loop is overloaded.
  const queue = new WorkQueue({ concurrency: 1, overloadedConcurrency: 1, overloaded: () => load.over });
  let release!: () => void;
  queue.offer(() => new Promise<void>((r) => (release = r)));
  // Turns of 60 ms, one after another, until the loop is over (or 5 s pass).
  const busyTurn = () =>
    new Promise<void>((r) =>
      setImmediate(() => {
        const until = performance.now() + 60;
        while (performance.now() < until);
        r();
      }),
    );
  for (const end = performance.now() + 5_000; !load.over && performance.now() < end; ) {
    await busyTurn();
    await new Promise((r) => setTimeout(r, 0));
  }
  expect(queue.offer(async () => {})).toBe(false);
  // Idle samples bring it back under (within 5 s even on a busy machine).
  for (const end = performance.now() + 5_000; load.over && performance.now() < end; ) await new Promise((r) => setTimeout(r, 10));
  expect(load.over).toBe(false);
  expect(queue.offer(async () => {})).toBe(true);
  release();
  await queue.idle();
  load.stop();
});
