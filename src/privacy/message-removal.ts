/**
 * Chat messages about an erased learner: the erasure marks them (erase.ts), and the running
 * bot replaces each with a neutral "removed" card where the platform allows it (the Slack
 * and Teams notifiers, which posted them and recorded where). Run by the scheduler's sweep,
 * so an erasure done from the command line reaches the chat within a minute or so.
 */
import type { PostedMessage } from '../store/records.js';
import type { Store } from '../store/store.js';

/** A chat platform's way of replacing a message it posted with the "removed" card. */
export interface MessageRemover {
  readonly platform: PostedMessage['platform'];
  /**
   * Replaces the message; 'gone' when the platform cannot (the conversation is no longer
   * reachable): it is not tried again. A thrown error is tried again at the next sweep.
   */
  replaceWithRemoved(message: PostedMessage): Promise<'replaced' | 'gone'>;
}

export interface RemovalReport {
  readonly replaced: number;
  readonly gone: number;
  /** On a platform this instance does not run: left waiting for one that does. */
  readonly waiting: number;
  readonly failed: { key: string; error: string }[];
}

const BATCH = 100;

export async function removeErasedMessages(store: Store, removers: readonly MessageRemover[]): Promise<RemovalReport> {
  const report = { replaced: 0, gone: 0, waiting: 0, failed: [] as { key: string; error: string }[] };
  for (const message of await store.messagesAwaitingRemoval(BATCH)) {
    const remover = removers.find((r) => r.platform === message.platform);
    if (!remover) {
      report.waiting++;
      continue;
    }
    try {
      report[await remover.replaceWithRemoved(message)]++;
      await store.messageRemoved(message.key);
    } catch (error) {
      report.failed.push({ key: message.key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
