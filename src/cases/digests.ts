/**
 * The scheduled digests: a meeting's agenda (the SMT's weekly review) and each coach's
 * morning list. Each digest for a date is sent once (see once.ts), so two instances or a
 * re-run after a crash never double it.
 */
import { caseView } from '../rules/engine/case-view.js';
import { engineLearner, type CaseContext } from './case-context.js';
import type { CoachDigestItem, Notifier, SmtDigestItem } from './notifier.js';
import { once } from './once.js';

export async function sendMeetingDigest(ctx: CaseContext, notifier: Notifier, meeting: string, date: string): Promise<'sent' | 'already-sent'> {
  const cases = await ctx.store.casesOnAgenda(meeting, date);
  const items: SmtDigestItem[] = cases.flatMap((c) =>
    c.state.agenda.filter((a) => a.meeting === meeting && a.date === date).map((item) => ({ learnerId: c.learnerId, item })),
  );
  const result = await once(ctx, `digest:${meeting}:${date}`, () => notifier.meetingDigest(meeting, date, items));
  if (result === 'held') throw new Error(`the ${meeting} digest for ${date} is being sent by another worker; retry after its lease`);
  return result === 'done' ? 'sent' : 'already-sent';
}

/** One digest per coach with at least one learner on the register; failures are per coach. */
export async function sendCoachDigests(ctx: CaseContext, notifier: Notifier, date: string): Promise<{ sent: number; failed: string[] }> {
  let sent = 0;
  const failed: string[] = [];
  for (const coach of await ctx.store.staffWithRole('coach')) {
    try {
      const items = await coachItems(ctx, coach.id);
      if (items.length === 0) continue;
      const result = await once(ctx, `coach-digest:${coach.id}:${date}`, () => notifier.coachDigest(coach.id, date, items));
      if (result === 'done') sent++;
    } catch {
      failed.push(coach.id);
    }
  }
  return { sent, failed };
}

async function coachItems(ctx: CaseContext, coachId: string): Promise<CoachDigestItem[]> {
  const items: CoachDigestItem[] = [];
  for (const record of await ctx.store.learnersOfCoach(coachId)) {
    const stored = await ctx.store.loadCase(record.id);
    const pack = ctx.packFor(record.policy);
    if (!stored?.state.open || !pack) continue;
    const view = caseView(pack, engineLearner(record), stored.state);
    items.push({
      learnerId: record.id,
      rating: view.rating,
      stage: view.stage,
      openTasks: view.openTasks.map((t) => ({ task: t.task, due: t.due, overdue: t.overdue })),
    });
  }
  // Overdue first, then soonest due.
  const firstDue = (i: CoachDigestItem) => [...i.openTasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due))[0];
  return items.sort((a, b) => {
    const x = firstDue(a);
    const y = firstDue(b);
    return Number(y?.overdue ?? false) - Number(x?.overdue ?? false) || (x?.due ?? '9999').localeCompare(y?.due ?? '9999');
  });
}
