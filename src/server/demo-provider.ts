/**
 * A demo provider for local mode: staff, and learners whose histories (dated back from
 * today) give the chosen policy something to do: alerts, open and overdue tasks, a step
 * waiting for approval, and a meeting agenda. Everything goes through the service, as a
 * real feed and real people would, so the demo shows the product rather than fixtures.
 * The Agents Playground's user (Alex Wilber) is a coach who also holds every other role,
 * so every workflow can be tried from the playground.
 */
import { compiledFor } from '../rules/engine/compile.js';
import { availableSteps } from '../rules/engine/steps.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { CaseService } from '../cases/case-service.js';
import type { CaseContext } from '../cases/case-context.js';
import { wakeLearner } from '../cases/wake-learner.js';
import type { Notifier } from '../cases/notifier.js';
import type { LearnerRecord } from '../store/records.js';
import { PERSON_LINK_MS, type WebLinks } from '../web/links.js';

/** The Agents Playground signs in as Alex Wilber, with this Entra object id. */
export const PLAYGROUND_USER = '00000000-0000-0000-0000-0000000000020';
export const DEMO_COACH = 'alex.wilber@demo.waymark';
const COVERING_COACH = 'sam.okafor@demo.waymark';
const MANAGER = 'dana.reyes@demo.waymark';

type Event = Record<string, unknown> & { type: string };

/** Each learner's story, as events a number of days before today. */
const STORIES: { id: string; name: string; events: (day: (ago: number) => string) => Event[] }[] = [
  {
    id: 'D-1001',
    name: 'Mia Jones',
    events: (d) => [
      { type: 'progress', at: d(40), actual: 20, planned: 22 },
      { type: 'visit.missed', at: d(30) },
      ...[21, 14, 7].map((a) => ({ type: 'session.missed', at: d(a) })),
      { type: 'progress', at: d(6), actual: 22, planned: 34 },
    ],
  },
  { id: 'D-1002', name: 'Noah Patel', events: (d) => [{ type: 'progress', at: d(3), actual: 18, planned: 35 }] },
  {
    id: 'D-1003',
    name: 'Olivia Brown',
    events: (d) => [{ type: 'activity', at: d(45) }, ...[20, 13, 6].map((a) => ({ type: 'visit.missed', at: d(a) }))],
  },
  {
    id: 'D-1004',
    name: 'Priya Shah',
    events: (d) => [
      { type: 'progress', at: d(30), actual: 40, planned: 42 },
      ...[16, 4].map((a) => ({ type: 'visit.cancelled', at: d(a), by: 'learner' })),
      { type: 'progress', at: d(3), actual: 41, planned: 55 },
    ],
  },
  { id: 'D-1005', name: 'Liam Evans', events: (d) => [{ type: 'activity', at: d(24) }] },
  {
    id: 'D-1006',
    name: 'Grace Wilson',
    events: (d) => [{ type: 'progress', at: d(10), actual: 50, planned: 50 }, { type: 'session.attended', at: d(3) }, { type: 'submission.made', at: d(2) }],
  },
  { id: 'D-1007', name: 'Ethan Clarke', events: (d) => [{ type: 'progress', at: d(12), actual: 30, planned: 31 }, { type: 'concern.raised', at: d(2), category: 'support-request' }] },
  { id: 'D-1008', name: 'Chloe Murphy', events: (d) => [{ type: 'progress', at: d(20), actual: 33, planned: 36 }, ...[9, 2].map((a) => ({ type: 'submission.missed', at: d(a) }))] },
];

/**
 * The start-up line that opens the register as the demo user (local mode). The link is
 * signed for them and, like any, works for a few minutes: chat gives a new one.
 */
export function demoRegisterLine(links: WebLinks, now: Date): string {
  const minutes = Math.round(PERSON_LINK_MS / 60_000);
  return `Register: ${links.forPerson(DEMO_COACH, { page: 'register' }, now)} (works for ${minutes} minutes; type "register" in chat for a new one)`;
}

export interface DemoSummary {
  readonly learners: number;
  readonly atRisk: number;
  readonly waitingForApproval: number;
}

export async function loadDemoProvider(ctx: CaseContext, service: CaseService, notifier: Notifier, pack: Pack): Promise<DemoSummary> {
  const store = ctx.store;
  const roles = pack.roles.filter((r) => !r.external).map((r) => r.id);
  await store.putStaff({ id: DEMO_COACH, name: 'Alex Wilber', roles: [...new Set(['coach', 'admin', ...roles])], teamsUserId: PLAYGROUND_USER });
  await store.putStaff({ id: COVERING_COACH, name: 'Sam Okafor', roles: ['coach'], covers: [DEMO_COACH] });
  await store.putStaff({ id: MANAGER, name: 'Dana Reyes', roles: roles.filter((r) => r !== 'coach') });
  const now = ctx.now().getTime();
  const day = (ago: number) => new Date(now - ago * 86_400_000).toISOString().slice(0, 10);
  let atRisk = 0;
  let waiting = 0;
  let approvedOne = false;
  for (const story of STORIES) {
    const learner: LearnerRecord = {
      id: story.id,
      name: story.name,
      programme: 'apprenticeship',
      nation: 'england',
      startDate: day(50),
      plannedEndDate: day(-500),
      coach: DEMO_COACH,
      employer: 'Northwind Builders',
      policy: pack.id,
    };
    await store.putLearner(learner);
    for (const [i, event] of story.events(day).entries()) {
      if (!pack.concernCategories.some((c) => c.id === event.category) && event.type === 'concern.raised') continue;
      await service.ingest({ kind: 'feed', id: 'demo' }, story.id, { id: `demo-${story.id}-${i}`, ...event });
    }
    await wakeLearner(ctx, notifier, story.id, ctx.now());
    const stored = await store.loadCase(story.id);
    if (!stored?.state.open) continue;
    atRisk++;
    // The covering coach proposes the first step that needs someone's approval. The first
    // is approved at once (so a stage with its tasks is under way); later ones wait for Alex.
    const step = availableSteps(compiledFor(pack, 'england', 'apprenticeship'), stored.state).find((s) => s.approver !== null);
    if (!step || waiting >= 2) continue;
    const proposed = await service.execute({
      kind: 'propose',
      actor: COVERING_COACH,
      key: `demo-proposal-${story.id}`,
      learnerId: story.id,
      ...(step.stage !== undefined ? { stage: step.stage } : { outcome: step.outcome! }),
      reason: `${story.name} is not engaging: time for "${step.label}"`,
    });
    if (!proposed.ok || proposed.proposal?.status !== 'pending') continue;
    if (!approvedOne) {
      const decider = step.approver === 'coach' ? DEMO_COACH : MANAGER;
      const decided = await service.execute({ kind: 'decide', actor: decider, key: `demo-decision-${story.id}`, learnerId: story.id, proposal: proposed.proposal.id, verdict: 'approved' });
      approvedOne = decided.ok;
      if (approvedOne) continue;
    }
    waiting++;
  }
  return { learners: STORIES.length, atRisk, waitingForApproval: waiting };
}
