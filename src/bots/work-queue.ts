/**
 * The work behind chat requests, bounded per process. A request is acknowledged first and
 * its work runs here: at most `concurrency` pieces at once, and at most `maxWaiting`
 * waiting for a turn. Past that the work is refused at the door (offer answers false)
 * and the adapter tells the person Waymark is busy, so nothing is dropped silently and a
 * burst cannot pile up work (and memory) without end. While the process is `overloaded`
 * (its event loop with no time to spare, loop-load.ts) no new work waits and at most
 * `overloadedConcurrency` pieces run, so the acknowledgements of the requests behind them
 * keep their time; the work already taken goes on. Below that, work always starts: a brief
 * spike never turns anyone away from a quiet queue.
 */
export interface WorkQueueOptions {
  /** Pieces of work running at once. */
  readonly concurrency?: number;
  /** Pieces waiting for a turn before new work is refused. */
  readonly maxWaiting?: number;
  /** Whether the process is too busy to take more work now (none: never). */
  readonly overloaded?: () => boolean;
  /** Pieces of work that may run at once while the process is overloaded. */
  readonly overloadedConcurrency?: number;
}

/** Defaults: about half a second of work waiting at 500 commands a second. */
export const WORK_CONCURRENCY = 8;
export const WORK_MAX_WAITING = 256;
/**
 * One at a time while overloaded: against two, measured alternately (`LOAD_RATES=200,400
 * node bench/chat-load.js`, two rounds each) it halved ack p99 at a cold 200/s (101-125 ms
 * against 171-315) and did as much work.
 */
export const WORK_CONCURRENCY_OVERLOADED = 1;

export class WorkQueue {
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly overloaded: () => boolean;
  private readonly overloadedConcurrency: number;
  private readonly waiting: (() => Promise<void>)[] = [];
  private active = 0;
  private readonly idlers: (() => void)[] = [];

  constructor(options: WorkQueueOptions = {}) {
    this.concurrency = options.concurrency ?? WORK_CONCURRENCY;
    this.maxWaiting = options.maxWaiting ?? WORK_MAX_WAITING;
    this.overloaded = options.overloaded ?? (() => false);
    this.overloadedConcurrency = options.overloadedConcurrency ?? WORK_CONCURRENCY_OVERLOADED;
  }

  /** Whether work offered now would start at once (a slot is free and nobody waits). */
  get free(): boolean {
    return this.active < this.concurrency && this.waiting.length === 0;
  }

  /**
   * Runs `work` now, or once a running piece finishes; false, and `work` never runs, when
   * the queue is full, or the process is overloaded with `overloadedConcurrency` pieces
   * running. `work` must handle its own failures (a rejection is ignored here).
   */
  offer(work: () => Promise<void>): boolean {
    if (this.active >= this.overloadedConcurrency && this.overloaded()) return false;
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) return false;
      this.waiting.push(work);
      return true;
    }
    this.start(work);
    return true;
  }

  /**
   * Runs `work` in its turn and settles as it settles, for a caller that must wait for the
   * answer; null, and `work` never runs, when the queue is full.
   */
  run<T>(work: () => Promise<T>): Promise<T> | null {
    let accepted = false;
    const outcome = new Promise<T>((resolve, reject) => {
      accepted = this.offer(() => work().then(resolve, reject));
    });
    return accepted ? outcome : null;
  }

  /** Resolves once nothing runs or waits (a graceful stop; tests). */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  private start(work: () => Promise<void>): void {
    this.active++;
    void Promise.resolve()
      .then(work)
      .catch(() => {})
      .finally(() => {
        this.active--;
        const next = this.waiting.shift();
        if (next) this.start(next);
        else if (this.active === 0) for (const resolve of this.idlers.splice(0)) resolve();
      });
  }
}

export type Outcome<T> = { readonly value: T } | { readonly error: unknown };
export type Answered<T> = { readonly kind: 'now'; readonly value: T } | { readonly kind: 'later' } | { readonly kind: 'busy' };

/**
 * How long an acknowledgement may wait for work that started at once: a command takes a
 * few milliseconds on a quiet server, so it is answered in place; a busy one answers at
 * once and the result follows, so acks stay prompt however much work queues.
 */
export const ANSWER_WITHIN_MS = 50;

/**
 * For a request whose acknowledgement can carry the answer (a Teams invoke or message):
 * when a slot is free the work starts at once and the request is answered with its result
 * ('now', or its error thrown) if that comes within `withinMs`. When the work would have to
 * wait for a turn, or takes longer, the request is answered at once ('later') and `follow`
 * sends the outcome when the work is done, within the same turn of the queue. 'busy': the
 * queue is full and the work never runs.
 */
export function answerOrHandOff<T>(
  queue: WorkQueue,
  work: () => Promise<T>,
  follow: (outcome: Outcome<T>) => Promise<void>,
  withinMs: number = ANSWER_WITHIN_MS,
): Promise<Answered<T>> {
  return new Promise((answer, fail) => {
    // Decided once, synchronously, by whichever comes first: the outcome or the deadline.
    let state: 'waiting' | 'answered' | 'handed-off' = queue.free ? 'waiting' : 'handed-off';
    const deadline: { timer?: NodeJS.Timeout } = {};
    const accepted = queue.offer(async () => {
      let outcome: Outcome<T>;
      try {
        outcome = { value: await work() };
      } catch (error) {
        outcome = { error };
      }
      if (state === 'waiting') {
        state = 'answered';
        clearTimeout(deadline.timer);
        if ('error' in outcome) fail(outcome.error);
        else answer({ kind: 'now', value: outcome.value });
        return;
      }
      await follow(outcome);
    });
    if (!accepted) return answer({ kind: 'busy' });
    if (state === 'handed-off') return answer({ kind: 'later' });
    deadline.timer = setTimeout(() => {
      if (state !== 'waiting') return;
      state = 'handed-off';
      answer({ kind: 'later' });
    }, withinMs);
  });
}
