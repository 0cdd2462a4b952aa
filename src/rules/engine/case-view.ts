/**
 * The case as staff see it: on the register or not, rating, stage, open tasks, steps
 * waiting for a person, and why the rules fired, in plain words. Every instant is written
 * in Europe/London time, so the view is ready to show or serialise.
 */
import { formatLondon } from '../calendar/index.js';
import type { Learner } from '../events/learner-event.js';
import type { Pack } from '../pack/pack-schema.js';
import type { CaseState } from './case-state.js';
import { compiledFor } from './compile.js';
import { anchorFor, contactProgress, type ContactProgress } from './contact-rules.js';

export interface CaseView {
  readonly status: CaseState['status'];
  readonly atRisk: boolean;
  readonly rating: string | null;
  readonly stage: string | null;
  readonly openTasks: { task: string; title: string; role: string; due: string; overdue: boolean }[];
  readonly pendingRecommendations: { action: string; stage?: string; approver?: string; reasons: string[]; waitingFor?: string }[];
  readonly reasons: string[];
  readonly firedRules: { rule: string; reason: string; at: string; source: string }[];
  readonly contactRules: ContactProgress[];
  readonly appealWindows: { outcome: string; lodgeBy: string }[];
}

export function caseView(pack: Pack, learner: Learner, state: CaseState): CaseView {
  const compiled = compiledFor(pack, learner.nation, learner.programme);
  return {
    status: state.status,
    atRisk: state.open,
    rating: state.rating,
    stage: state.stage,
    openTasks: state.tasks.map((t) => ({ task: t.task, title: t.title, role: t.role, due: t.due, overdue: t.overdue })),
    pendingRecommendations: state.pending.map((p) => ({
      action: p.action,
      ...(p.stage !== undefined ? { stage: p.stage } : {}),
      ...(p.approver !== undefined ? { approver: p.approver } : {}),
      reasons: p.reasons,
      ...(p.waiting !== undefined ? { waitingFor: p.waiting } : {}),
    })),
    reasons: [...new Set(state.reasons.map((r) => r.reason))],
    firedRules: state.reasons.map((r) => ({ rule: r.rule, reason: r.reason, at: formatLondon(r.at), source: r.source })),
    contactRules: state.open
      ? [...compiled.contactRules.values()]
          .filter((rule) => rule.since === 'case' || (rule.since === 'stage' && state.stage !== null))
          .map((rule) => contactProgress(rule, state.contacts, anchorFor(rule, state)))
      : [],
    appealWindows: state.appeals.map((a) => ({ outcome: a.outcome, lodgeBy: a.lodgeBy })),
  };
}
