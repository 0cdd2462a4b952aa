/**
 * What each thing the engine decided (a timeline entry) means for people: the intents to
 * send and to whom. Audiences come from the pack's roles and the staff directory; a
 * restricted notice goes only to people whose role may see restricted details.
 */
import { compiledFor, type CompiledPack } from '../rules/engine/compile.js';
import type { Proposal } from '../rules/engine/case-state.js';
import type { Nudge } from '../rules/engine/nudges.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { CaseContext } from './case-context.js';
import { caseSummary, learnerRef, roleName, type CaseParts } from './case-summary.js';
import type { ChannelAudience, DirectAudience, Intent, ProposalRef, RestrictedDetail } from './intents.js';
import { approversOf, holdersOf, staffName, withManagers } from './staff-directory.js';
import { seesRestricted } from './authorization.js';

/** Recommended actions that are not outcomes of a pack, in words. */
const ACTION_LABELS: Record<string, string> = {
  'support-plan': 'Agree a support plan',
  'recovery-plan': 'Agree a recovery plan',
  'smt-review': 'Escalate to the Senior Management Team',
  withdraw: 'Withdrawal',
  'break-in-learning': 'Break in learning',
  'de-escalate': 'De-escalate',
};

/** The messages about a proposal that a decision updates in place. */
export const approvalPurpose = (proposalId: string) => `approval:${proposalId}`;

/** The key under which a decision on a proposal is logged: one decision per proposal. */
export const decisionKey = (proposalId: string) => `decision:${proposalId}`;

export async function intentsForEntry(ctx: CaseContext, parts: CaseParts, entry: TimelineEntry): Promise<Intent[]> {
  const { record, pack } = parts;
  const state = parts.stored?.state ?? null;
  const about = { learner: learnerRef(record, state), case: caseSummary(pack, record, state) };
  const team: ChannelAudience = { kind: 'team-channel', policy: pack.id };
  const direct = async (role: string): Promise<DirectAudience> => ({ kind: 'direct', role, staffIds: await holdersOf(ctx, role, record, state) });
  const general = 'general' as const;

  switch (entry.kind) {
    case 'alert':
      return [{ type: 'at-risk-alert', audience: team, sensitivity: general, ...about, why: entry.reasons }];
    case 'rating':
      // The rating every learner starts with is not news.
      if (entry.from === null) return [];
      return [{ type: 'case-update', audience: team, sensitivity: general, ...about, change: `Rating ${entry.from} → ${entry.to}` }];
    case 'stage': {
      const name = compiledFor(pack, record.nation, record.programme).stages.get(entry.to)?.name ?? entry.to;
      return [{ type: 'case-update', audience: team, sensitivity: general, ...about, change: `${name} began` }];
    }
    case 'recommend': {
      const compiled = compiledFor(pack, record.nation, record.programme);
      const label =
        entry.stage !== undefined
          ? (compiled.stages.get(entry.stage)?.name ?? entry.stage)
          : (compiled.outcomes.get(entry.action)?.label ?? ACTION_LABELS[entry.action] ?? entry.action);
      return [
        {
          type: 'recommendation',
          audience: await direct('coach'),
          sensitivity: general,
          ...about,
          action: entry.stage ?? entry.action,
          label,
          approverName: entry.approver === undefined ? null : roleName(pack, entry.approver),
          why: entry.reasons,
        },
      ];
    }
    case 'task':
      return [
        {
          type: 'task',
          audience: await direct(entry.role),
          sensitivity: general,
          ...about,
          deadline: { task: entry.task, title: entry.title, due: entry.due, overdue: false },
          roleName: roleName(pack, entry.role),
        },
      ];
    case 'overdue': {
      const owners = await direct(entry.role);
      const title = state?.tasks.find((t) => t.task === entry.task)?.title ?? entry.task;
      return [
        {
          type: 'overdue',
          audience: { ...owners, staffIds: await withManagers(ctx, owners.staffIds) },
          sensitivity: general,
          ...about,
          deadline: { task: entry.task, title, due: entry.due, overdue: true },
          roleName: roleName(pack, entry.role),
        },
      ];
    }
    case 'notify':
      return [await policyNotice(ctx, parts, entry, about)];
    case 'proposal': {
      const proposal = state?.proposals.find((p) => p.id === entry.proposal);
      if (!proposal) return [];
      const reason = (await ctx.store.findEvent(record.id, proposal.id))?.event.note ?? '';
      const audience: DirectAudience = { kind: 'direct', role: entry.approver, staffIds: await approversOf(ctx, entry.approver, record, state, proposal.by) };
      return [{ type: 'approval-request', audience, sensitivity: general, ...about, proposal: await proposalRef(ctx, parts, proposal), reason }];
    }
    case 'decided': {
      const proposal = state?.proposals.find((p) => p.id === entry.proposal);
      if (!proposal || proposal.approver === null) return [];
      const logged = await ctx.store.findEvent(record.id, decisionKey(proposal.id));
      const deciders = await approversOf(ctx, proposal.approver, record, state, proposal.by);
      const staffIds = [proposal.by, ...deciders.filter((id) => id !== entry.by)];
      return [
        {
          type: 'decision-result',
          audience: { kind: 'direct', staffIds, role: proposal.approver },
          sensitivity: general,
          ...about,
          proposal: await proposalRef(ctx, parts, proposal),
          verdict: entry.verdict,
          by: entry.by,
          byName: await staffName(ctx, entry.by),
          at: new Date(entry.at),
          ...(logged?.event.note !== undefined ? { comment: logged.event.note } : {}),
          updates: approvalPurpose(proposal.id),
        },
      ];
    }
    case 'agenda-decided': {
      const item = state?.agenda.find((a) => a.meeting === entry.meeting && a.date === entry.date)?.decided;
      if (!item) return [];
      const meetingName = pack.meetings.find((m) => m.id === entry.meeting)?.name ?? entry.meeting;
      const base = {
        type: 'agenda-decision' as const,
        sensitivity: general,
        ...about,
        meeting: entry.meeting,
        meetingName,
        date: entry.date,
        outcome: item.outcome,
        action: item.action,
        owner: item.owner,
        ownerName: await staffName(ctx, item.owner),
        reviewDate: item.reviewDate,
      };
      return [
        { ...base, audience: { kind: 'meeting-channel', policy: pack.id, meeting: entry.meeting } },
        { ...base, audience: { kind: 'direct', staffIds: [item.owner] } },
      ];
    }
    case 'agenda':
      // The meeting's digest lists it; nothing to say before then.
      return [];
  }
}

async function policyNotice(
  ctx: CaseContext,
  parts: CaseParts,
  entry: Extract<TimelineEntry, { kind: 'notify' }>,
  about: Pick<Extract<Intent, { type: 'policy-notice' }>, 'learner' | 'case'>,
): Promise<Intent> {
  const { record, pack } = parts;
  const state = parts.stored?.state ?? null;
  const role = pack.roles.find((r) => r.id === entry.role);
  const tellExternal = role?.external ?? false;
  const notice = { type: 'policy-notice' as const, ...about, role: entry.role, roleName: roleName(pack, entry.role), tellExternal, reason: entry.reason };
  if (!entry.sensitive) {
    // A learner or employer is not a chat user: the coach holding the case tells them.
    const holders = await holdersOf(ctx, tellExternal ? 'coach' : entry.role, record, state);
    return { ...notice, sensitivity: 'general', audience: { kind: 'direct', role: entry.role, staffIds: holders } };
  }
  const allowed = await ctx.store.staffWithRole(entry.role);
  const staffIds = allowed.filter((s) => seesRestricted(pack, s)).map((s) => s.id);
  const detail = await restrictedDetail(ctx, pack, record.id, entry.at);
  return { ...notice, sensitivity: 'restricted', audience: { kind: 'direct', role: entry.role, staffIds }, ...(detail ? { detail } : {}) };
}


/** The restricted concern recorded at `at` (what a sensitive notice is about), if any. */
async function restrictedDetail(ctx: CaseContext, pack: Pack, learnerId: string, at: number): Promise<RestrictedDetail | undefined> {
  const logged = (await ctx.store.eventsOf(learnerId)).filter((l) => l.at.getTime() === at && l.event.type === 'concern.raised');
  for (const l of logged.reverse()) {
    const event = l.event as { category: string; note?: string };
    const category = pack.concernCategories.find((c) => c.id === event.category);
    if (!category?.restricted) continue;
    return { category: category.id, categoryLabel: category.label, ...(event.note !== undefined ? { note: event.note } : {}) };
  }
  return undefined;
}

/** A proposed step in the policy's words: the stage's name or the outcome's label. */
export function stepLabel(compiled: CompiledPack, step: Proposal['step']): string {
  return step.stage !== undefined ? (compiled.stages.get(step.stage)?.name ?? step.stage) : (compiled.outcomes.get(step.outcome)?.label ?? step.outcome);
}

export async function proposalRef(ctx: CaseContext, parts: CaseParts, p: Proposal): Promise<ProposalRef> {
  const label = stepLabel(compiledFor(parts.pack, parts.record.nation, parts.record.programme), p.step);
  return {
    id: p.id,
    label,
    ...(p.step.stage !== undefined ? { stage: p.step.stage } : { outcome: p.step.outcome }),
    by: p.by,
    byName: await staffName(ctx, p.by),
    at: new Date(p.at),
    approver: p.approver ?? '',
    approverName: p.approver === null ? '' : roleName(parts.pack, p.approver),
  };
}

/**
 * A task reminder as an intent: before the due date and on it. The overdue reminder is
 * the engine's own `overdue` entry (sent with the owner's manager), so it is not repeated.
 */
export async function intentForNudge(ctx: CaseContext, parts: CaseParts, nudge: Nudge): Promise<Intent | null> {
  if (nudge.kind === 'overdue') return null;
  const state = parts.stored?.state ?? null;
  return {
    type: 'nudge',
    audience: { kind: 'direct', role: nudge.role, staffIds: await holdersOf(ctx, nudge.role, parts.record, state) },
    sensitivity: 'general',
    learner: learnerRef(parts.record, state),
    case: caseSummary(parts.pack, parts.record, state),
    when: nudge.kind,
    deadline: { task: nudge.task, title: nudge.title, due: nudge.due, overdue: false },
  };
}
