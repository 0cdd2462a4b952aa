/**
 * How loaded this process's event loop is. Every chat request is acknowledged on this one
 * loop, so a loop with no time to spare means late acknowledgements; while it is over, the
 * work queue lets no new work wait and runs one piece at a time (work-queue.ts), so that
 * acknowledgements (and the "busy" answers) keep their time however much is asked. A timer
 * set every `everyMs` notes two things, each smoothed over the last few samples:
 * - how late the timer fired (the loop is already behind), and
 * - the share of the time the loop was busy (node's event loop utilisation), which rises
 *   before the loop falls behind, and so leaves room for the acknowledgements.
 * One long turn (a pause to collect garbage, start-up) moves either only part of the way
 * and is forgotten within a few samples. The timer does not keep the process alive.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface LoopLoadOptions {
  /** How often the loop is sampled. */
  readonly everyMs?: number;
  /** How late the loop may run, smoothed, before it counts as over. */
  readonly lagLimitMs?: number;
  /** The share of the time the loop may be busy, smoothed, before it counts as over. */
  readonly busyLimit?: number;
  /** The clock and the loop's busy time (tests). */
  readonly now?: () => number;
  readonly utilisation?: (since?: EventLoopUtilization) => EventLoopUtilization;
}

export const LOOP_SAMPLE_MS = 10;
/** About a third of the 100 ms an acknowledgement may take at the 99th percentile. */
export const LOOP_LAG_LIMIT_MS = 30;
/** A tenth of the loop's time kept free for acknowledgements. */
export const LOOP_BUSY_LIMIT = 0.9;
/** The weight of the newest sample: lateness is forgotten over a few samples, the busy share over about ten. */
const NEWEST_LATENESS = 0.25;
const NEWEST_BUSY = 0.1;

export class LoopLoad {
  private readonly everyMs: number;
  private readonly lagLimitMs: number;
  private readonly busyLimit: number;
  private readonly now: () => number;
  private readonly utilisation: (since?: EventLoopUtilization) => EventLoopUtilization;
  private timer: NodeJS.Timeout | null = null;
  private lastTick = 0;
  private lastUse: EventLoopUtilization | undefined;
  private lateness = 0;
  private busyShare = 0;

  constructor(options: LoopLoadOptions = {}) {
    this.everyMs = options.everyMs ?? LOOP_SAMPLE_MS;
    this.lagLimitMs = options.lagLimitMs ?? LOOP_LAG_LIMIT_MS;
    this.busyLimit = options.busyLimit ?? LOOP_BUSY_LIMIT;
    this.now = options.now ?? (() => performance.now());
    this.utilisation = options.utilisation ?? ((since) => performance.eventLoopUtilization(since));
  }

  start(): this {
    if (this.timer) return this;
    this.lastTick = this.now();
    this.lastUse = this.utilisation();
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lateness = 0;
    this.busyShare = 0;
  }

  /** Notes one sample: how much later than due it came, and how busy the loop was since the last (exposed for tests). */
  tick(): void {
    const now = this.now();
    const late = Math.max(0, now - this.lastTick - this.everyMs);
    this.lastTick = now;
    this.lateness += NEWEST_LATENESS * (late - this.lateness);
    const used = this.utilisation(this.lastUse);
    this.lastUse = this.utilisation();
    this.busyShare += NEWEST_BUSY * (used.utilization - this.busyShare);
  }

  /** The loop's smoothed lateness, ms (0 when stopped). */
  get lagMs(): number {
    return this.timer ? this.lateness : 0;
  }

  /** The smoothed share of the time the loop was busy, 0 to 1 (0 when stopped). */
  get busy(): number {
    return this.timer ? this.busyShare : 0;
  }

  /** Whether the loop is over either limit: no more work should wait for it. */
  get over(): boolean {
    return this.lagMs > this.lagLimitMs || this.busy > this.busyLimit;
  }
}

/**
 * For CaseService's afterAnswer: the posts a command set off go at once, unless the loop is
 * over; then they are not started, and wait in the case's outbox (with its wake-up on the
 * case) for the scheduler's sweep.
 */
export const postsUnlessOverloaded =
  (load: Pick<LoopLoad, 'over'>) =>
  (posts: () => Promise<void>): void => {
    if (!load.over) void posts();
  };
