/**
 * The scheduled digests: a meeting's agenda (the SMT's weekly review) and each coach's
 * morning list. Each digest for a date is sent once (see once.ts), so two instances or a
 * re-run after a crash never double it. A meeting's digest goes to each policy's channel
 * for that meeting, listing that policy's learners, with the policy's chart when one can be
 * made: a chart that fails is left out (and reported), never the digest.
 */
import type { CaseContext } from './case-context.js';
import { loadCaseParts } from './case-summary.js';
import { agendaEntries, caseloadItems } from './case-queries.js';
import type { AgendaEntry, DigestChartRef } from './intents.js';
import type { Notifier } from './notifier.js';
import { once } from './once.js';

/** Makes a policy's digest chart for a date (drawn at the edge, src/web); may fail. */
export type DigestChartMaker = (policy: string, date: string) => Promise<DigestChartRef>;

export interface DigestOptions {
  /** The chart for each policy's digest; none: digests without a chart. */
  readonly chart?: DigestChartMaker;
  /** Told when a chart could not be made (the digest went without it). */
  readonly chartFailed?: (policy: string, error: unknown) => void;
}

export async function sendMeetingDigest(ctx: CaseContext, notifier: Notifier, meeting: string, date: string, options: DigestOptions = {}): Promise<'sent' | 'already-sent'> {
  const byPolicy = new Map<string, { name: string; items: AgendaEntry[] }>();
  for (const stored of await ctx.store.casesOnAgenda(meeting, date)) {
    const parts = await loadCaseParts(ctx, stored.learnerId);
    if (!parts) continue;
    const group = byPolicy.get(parts.pack.id) ?? { name: parts.pack.meetings.find((m) => m.id === meeting)?.name ?? meeting, items: [] };
    group.items.push(...(await agendaEntries(ctx, parts, meeting, date)));
    byPolicy.set(parts.pack.id, group);
  }
  let sent = false;
  for (const [policy, group] of byPolicy) {
    const key = `digest:${policy}:${meeting}:${date}`;
    const result = await once(ctx, key, async () => {
      const chart = await chartOf(options, policy, date);
      await notifier.send(
        {
          type: 'meeting-digest',
          audience: { kind: 'meeting-channel', policy, meeting },
          sensitivity: 'general',
          meeting,
          meetingName: group.name,
          date,
          items: group.items,
          ...(chart ? { chart } : {}),
        },
        key,
      );
    });
    if (result === 'held') throw new Error(`the ${meeting} digest for ${date} is being sent by another worker; retry after its lease`);
    if (result === 'done') sent = true;
  }
  return sent ? 'sent' : 'already-sent';
}

/** The chart, or null when there is none or it could not be made. */
async function chartOf(options: DigestOptions, policy: string, date: string): Promise<DigestChartRef | null> {
  if (!options.chart) return null;
  try {
    return await options.chart(policy, date);
  } catch (error) {
    options.chartFailed?.(policy, error);
    return null;
  }
}

/** One digest per coach with at least one learner on the register; failures are per coach. */
export async function sendCoachDigests(ctx: CaseContext, notifier: Notifier, date: string): Promise<{ sent: number; failed: string[] }> {
  let sent = 0;
  const failed: string[] = [];
  for (const coach of await ctx.store.staffWithRole('coach')) {
    try {
      const items = (await caseloadItems(ctx, coach.id)).filter((i) => i.case.atRisk);
      if (items.length === 0) continue;
      const key = `coach-digest:${coach.id}:${date}`;
      const intent = { type: 'coach-digest', audience: { kind: 'direct', staffIds: [coach.id], role: 'coach' }, sensitivity: 'general', date, items } as const;
      const result = await once(ctx, key, () => notifier.send(intent, key));
      if (result === 'done') sent++;
    } catch {
      failed.push(coach.id);
    }
  }
  return { sent, failed };
}
