/**
 * The port through which the core tells people things: one typed intent per delivery
 * (see intents.ts). The chat adapters implement it by rendering cards; RecordingNotifier
 * serves the tests. Each call is a single delivery; callers make sure it happens once.
 */
import type { Intent } from './intents.js';

export interface Notifier {
  /**
   * Delivers one intent. `key` is stable for this delivery: a retry after a crash between
   * sending and recording it may repeat a key, so an adapter able to drop repeats should.
   */
  send(intent: Intent, key: string): Promise<void>;
}

/** Keeps every delivery in order; `failNext` makes the next sends throw (for retry tests). */
export class RecordingNotifier implements Notifier {
  readonly sent: Intent[] = [];
  readonly keys: string[] = [];
  failNext = 0;

  send(intent: Intent, key: string): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error('delivery failed (test)'));
    }
    this.sent.push(intent);
    this.keys.push(key);
    return Promise.resolve();
  }

  /** The intents of one type sent so far. */
  of<T extends Intent['type']>(type: T): Extract<Intent, { type: T }>[] {
    return this.sent.filter((i): i is Extract<Intent, { type: T }> => i.type === type);
  }

  /** Forgets what was sent (between the steps of a workflow test). */
  clear(): Intent[] {
    this.keys.splice(0);
    return this.sent.splice(0);
  }
}
