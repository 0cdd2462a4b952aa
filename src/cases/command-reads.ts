/**
 * The directory reads of one command, made once. While a command runs, the staff
 * directory, the settings and the learner's record do not change, yet authorising it and
 * working out who hears about it ask for the same person or role again and again. This is
 * a view over the store for one command's life only (never shared between commands, so
 * nothing goes stale): those reads are made once each; every other call, and every
 * write, goes straight to the store, and a write to the directory forgets what was read.
 */
import type { Store } from '../store/store.js';

const REMEMBERED: ReadonlySet<string> = new Set<keyof Store>(['getStaff', 'staffWithRole', 'staffByChatId', 'getSetting', 'getLearner']);
const FORGETTING: ReadonlySet<string> = new Set<keyof Store>(['putStaff', 'putSetting', 'putLearner']);

export function commandReads(store: Store): Store {
  const read = new Map<string, Promise<unknown>>();
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      const call = (...args: unknown[]): unknown => (value as (...a: unknown[]) => unknown).apply(target, args);
      if (FORGETTING.has(name)) {
        return (...args: unknown[]) => {
          read.clear();
          return call(...args);
        };
      }
      if (!REMEMBERED.has(name)) return call;
      return (...args: unknown[]) => {
        const key = `${name}:${JSON.stringify(args)}`;
        let answer = read.get(key);
        if (answer === undefined) {
          answer = (call(...args) as Promise<unknown>).catch((error: unknown) => {
            read.delete(key);
            throw error;
          });
          read.set(key, answer);
        }
        return answer;
      };
    },
  });
}
