/**
 * A view over the store that remembers the answers of some reads, for a while, and forgets
 * them when this view writes what they read. Two uses:
 *
 * - one command's directory reads (src/cases/command-reads.ts): remembered for the command's
 *   life only, never shared between commands;
 * - the process's directory (directoryCache below): the staff directory, the settings and
 *   the policy's version history change a few times a week, yet every request and every
 *   post asks for them, often several times. They are remembered for a few seconds, so a change made by another
 *   process (`waymark import staff`, another instance) is seen within DIRECTORY_CACHE_MS;
 *   a change made through this process is seen at once.
 *
 * Every other call goes straight to the store. A read that fails is not remembered.
 */
import type { Store } from './store.js';

type Method = keyof Store & string;

export interface RememberedReadsOptions {
  /** The reads whose answers are remembered. */
  readonly reads: readonly Method[];
  /**
   * Per write, what it makes this view forget: 'all' remembered answers, or only the
   * answers of these reads asked with the write's first argument (a setting, by its key).
   */
  readonly forgets: Readonly<Partial<Record<Method, 'all' | readonly Method[]>>>;
  /** How long an answer is remembered; unbounded when absent. */
  readonly forMs?: number;
  /** The clock (milliseconds), for forMs. */
  readonly now?: () => number;
}

interface Remembered {
  readonly answer: Promise<unknown>;
  readonly until: number;
}

/** Answers kept before expired ones are cleared out. */
const PRUNE_AT = 1_000;

export function rememberedReads(store: Store, options: RememberedReadsOptions): Store {
  const reads: ReadonlySet<string> = new Set(options.reads);
  const forMs = options.forMs ?? Infinity;
  const now = options.now ?? Date.now;
  const remembered = new Map<string, Remembered>();
  const keyOf = (name: string, args: readonly unknown[]) => `${name}:${JSON.stringify(args)}`;

  const forget = (write: Method, args: readonly unknown[]): void => {
    const what = options.forgets[write];
    if (what === 'all') remembered.clear();
    else for (const read of what ?? []) remembered.delete(keyOf(read, args.slice(0, 1)));
  };

  const prune = (at: number): void => {
    if (remembered.size < PRUNE_AT) return;
    for (const [key, entry] of remembered) if (entry.until <= at) remembered.delete(key);
  };

  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      const call = (args: unknown[]): Promise<unknown> => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      if (options.forgets[name as Method] !== undefined) {
        // Forgotten before the write (no read starting now is kept with the old answer)
        // and after it (nor one that started while it ran).
        return async (...args: unknown[]) => {
          forget(name as Method, args);
          try {
            return await call(args);
          } finally {
            forget(name as Method, args);
          }
        };
      }
      if (!reads.has(name)) return (...args: unknown[]) => call(args);
      return (...args: unknown[]) => {
        const key = keyOf(name, args);
        const at = now();
        const kept = remembered.get(key);
        if (kept !== undefined && kept.until > at) return kept.answer;
        const answer = call(args);
        const entry = { answer, until: at + forMs };
        answer.catch(() => {
          if (remembered.get(key) === entry) remembered.delete(key);
        });
        prune(at);
        remembered.set(key, entry);
        return answer;
      };
    },
  });
}

/** How old a directory read may be: a change made elsewhere is seen within this. */
export const DIRECTORY_CACHE_MS = 5_000;

/** The staff directory, settings and policy history, remembered for DIRECTORY_CACHE_MS across the process. */
export function directoryCache(store: Store, now: () => number = Date.now): Store {
  return rememberedReads(store, {
    reads: ['getStaff', 'staffByChatId', 'staffWithRole', 'allStaff', 'getSetting', 'policyVersions'],
    forgets: { putStaff: 'all', putSetting: ['getSetting'], putPolicyInForce: 'all' },
    forMs: DIRECTORY_CACHE_MS,
    now,
  });
}
