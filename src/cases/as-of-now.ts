/**
 * Reads that people see (the register, a case, a caseload, the data feed's case) show the
 * case as of now, not as of its last event: a case whose wake-up time has passed has its
 * due timers run first (advanceCase, as the scheduler's wake-up does), so a deadline two
 * months gone reads as overdue even when no scheduler has run since (a CLI import, then
 * `waymark cases register`). What those timers decide goes to the case's outbox, and the
 * scheduler delivers it as it would have: reading never sends anything itself.
 */
import { advanceCase } from './advance-case.js';
import type { CaseContext } from './case-context.js';
import { loadCaseParts, type CaseParts } from './case-summary.js';
import type { StoredCase } from '../store/records.js';

/** How many due cases one pass of `advanceDueCases` takes at a time. */
const BATCH = 200;

/** The learner's stored case, with the timers due by now run first (null: no case yet). */
export async function storedCaseAsOfNow(ctx: CaseContext, learnerId: string): Promise<StoredCase | null> {
  const stored = await ctx.store.loadCase(learnerId);
  const now = ctx.now();
  if (!stored || !isDue(stored.nextWakeUpAt, now)) return stored;
  await advanceCase(ctx, learnerId, now);
  return ctx.store.loadCase(learnerId);
}

/** The learner's case parts, with the timers due by now run first. */
export async function casePartsAsOfNow(ctx: CaseContext, learnerId: string): Promise<CaseParts | null> {
  const parts = await loadCaseParts(ctx, learnerId);
  if (!parts?.stored || !isDue(parts.stored.nextWakeUpAt, ctx.now())) return parts;
  return { ...parts, stored: await storedCaseAsOfNow(ctx, learnerId) };
}

/** Runs the due timers of every case whose wake-up time has passed (before a read of many cases). */
export async function advanceDueCases(ctx: CaseContext): Promise<void> {
  const now = ctx.now();
  const done = new Set<string>();
  for (;;) {
    const due = (await ctx.store.casesDueBefore(now, BATCH + done.size)).filter((c) => !done.has(c.learnerId));
    if (due.length === 0) return;
    for (const stored of due) {
      done.add(stored.learnerId);
      try {
        await advanceCase(ctx, stored.learnerId, now);
      } catch {
        // One case that cannot be advanced here (its pack not loaded, or a newer version in
        // force) is shown as stored rather than stop the read; its wake-up job reports it.
      }
    }
  }
}

function isDue(wakeUpAt: Date | null, now: Date): boolean {
  return wakeUpAt !== null && wakeUpAt.getTime() <= now.getTime();
}
