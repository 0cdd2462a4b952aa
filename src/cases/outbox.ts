/**
 * Handing what the engine decided to the notifier, once. New timeline entries are saved in
 * the case's outbox together with the state that produced them; each is delivered once
 * (see once.ts), and what was delivered, or found delivered, leaves the outbox.
 */
import { createHash } from 'node:crypto';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { OutboxItem, StoredCase } from '../store/records.js';
import type { CaseContext } from './case-context.js';
import { loadCaseParts, type CaseParts } from './case-summary.js';
import { intentsForEntry } from './entry-intents.js';
import type { Notifier } from './notifier.js';
import { once } from './once.js';

export function outboxItems(learnerId: string, entries: readonly TimelineEntry[]): OutboxItem[] {
  return entries.map((entry) => ({ key: entryKey(learnerId, entry), entry }));
}

/** The stored outbox with new items appended (an item already there is not added twice). */
export function withOutbox(stored: Pick<StoredCase, 'outbox'> | null, learnerId: string, entries: readonly TimelineEntry[]): OutboxItem[] {
  const items = [...(stored?.outbox ?? [])];
  for (const item of outboxItems(learnerId, entries)) if (!items.some((i) => i.key === item.key)) items.push(item);
  return items;
}

export interface DeliveryReport {
  readonly sent: number;
  /** Delivered by an earlier or concurrent run. */
  readonly skipped: number;
  /** Being delivered by another run (or one that died): left in the outbox for a retry. */
  readonly held: number;
  readonly failed: { key: string; error: string }[];
}

/**
 * Delivers a case's outbox. `saved`: the case as the caller just saved it, delivered
 * without reading it again; items another writer added since are delivered by that
 * writer (or the scheduler's sweep), as each writer delivers its own.
 */
export async function deliverOutbox(ctx: CaseContext, notifier: Notifier, learnerId: string, saved?: CaseParts): Promise<DeliveryReport> {
  const parts = saved ?? (await loadCaseParts(ctx, learnerId));
  const report = { sent: 0, skipped: 0, held: 0, failed: [] as { key: string; error: string }[] };
  const done: string[] = [];
  for (const item of parts?.stored?.outbox ?? []) {
    try {
      // Each intent of an entry is sent once, by its own key, so a retry after a partial
      // failure sends only what did not go.
      const intents = await intentsForEntry(ctx, parts!, item.entry);
      const results = [];
      for (const [i, intent] of intents.entries()) {
        const key = `deliver:${item.key}:${i}`;
        results.push(await once(ctx, key, () => notifier.send(intent, key)));
      }
      if (results.includes('held')) {
        report.held++;
        continue;
      }
      if (results.includes('done')) report.sent++;
      else report.skipped++;
      done.push(item.key);
    } catch (error) {
      report.failed.push({ key: item.key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (done.length > 0) await ctx.store.markDelivered(learnerId, done);
  return report;
}

function entryKey(learnerId: string, entry: TimelineEntry): string {
  return `${learnerId}:${entry.kind}:${entry.at}:${createHash('sha1').update(JSON.stringify(entry)).digest('hex').slice(0, 16)}`;
}
