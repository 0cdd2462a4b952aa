/**
 * A Store that counts the calls made through it, by method, for tests that pin down how
 * many database round trips a use case costs. Every call goes on to the real store.
 */
import type { Store } from '../../src/store/store.js';

export interface CountingStore {
  readonly store: Store;
  /** Calls since the last reset, by method name. */
  readonly calls: Map<string, number>;
  /** The calls of these methods since the last reset, summed. */
  count(...methods: (keyof Store)[]): number;
  reset(): void;
}

export function countingStore(inner: Store): CountingStore {
  const calls = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    calls,
    count: (...methods) => methods.reduce((n, m) => n + (calls.get(m) ?? 0), 0),
    reset: () => calls.clear(),
  };
}
