/**
 * Cards for what people ask: a case with its timeline and the reasons rules fired, the
 * approvals waiting for them, help, and a friendly error. A case card is for the asker
 * only (it may hold a restricted detail when they may see one): post it privately.
 */
import type { CaseDetail } from '../../cases/case-queries.js';
import type { LearnerRef, ProposalRef } from '../../cases/intents.js';
import type { Card, Verb } from '../card.js';
import { caseActions, caseBadge, caseFacts, dayWords, instantWords, recorderWords } from './about.js';
import { verdictLine } from './approvals.js';
import { SECTIONS_PER_CARD } from './digests.js';
import { shown } from '../text.js';
import { CHAT_COMMANDS } from './command-list.js';

export function caseCard(detail: CaseDetail): Card {
  const view = detail.view;
  const name = (id: string) => detail.names[id] ?? id;
  const timeline = [...detail.trail].reverse().map((t) => `${dayWords(t.at.slice(0, 10))}: ${describeEvent(t.event)}, by ${recorderWords(t.recordedBy, name, { feedLabels: false })}`);
  const waiting = detail.proposals.filter((p) => p.status === 'pending').map((p) => `${p.label}: waiting for the ${p.approverName} (proposed by ${p.byName})`);
  const settled = detail.proposals.filter((p) => p.status !== 'pending').map((p) => `${p.label}: ${p.status === 'taken' ? 'taken' : verdictLine(p.status).toLowerCase()}${p.decidedBy ? ` by ${name(p.decidedBy)}` : ''}`);
  return {
    name: 'case',
    title: `${detail.learner.name} (${detail.learner.id})`,
    badge: caseBadge(detail.case),
    blocks: [
      {
        kind: 'facts',
        facts: [
          ...caseFacts(detail.case),
          { label: 'Coach', value: detail.learner.coach === null ? 'none: claim the case' : name(detail.learner.coach) },
          { label: 'Programme', value: `${detail.learner.programme}, ${detail.learner.nation}, started ${dayWords(detail.learner.startDate)}` },
          { label: 'Policy', value: detail.learner.policy },
        ],
      },
      { kind: 'list', title: 'Why the rules fired', items: (view?.firedRules ?? []).map((r) => `${r.reason} (${r.at.slice(0, 10)}; policy: "${r.source}")`), limit: 5 },
      { kind: 'list', title: 'Open tasks', items: (view?.openTasks ?? []).map((t) => `${t.title}: by ${dayWords(t.due)}${t.overdue ? ' (overdue)' : ''}`) },
      { kind: 'list', title: 'Steps', items: [...waiting, ...settled] },
      { kind: 'list', title: 'Timeline, newest first', items: timeline, limit: 10 },
      ...(detail.sensitivity === 'restricted' ? [{ kind: 'text' as const, text: 'Contains confidential details: for you only.', muted: true }] : []),
    ],
    actions: [
      ...caseActions(detail.learner.id, { claim: detail.learner.coach === null, open: false }),
      // The chronology opens in a browser, with a link made for whoever clicks.
      { verb: 'open-chronology', label: 'Chronology', payload: { learner: detail.learner.id } },
    ],
    summary: `${detail.learner.name}: ${detail.case.atRisk ? 'at risk' : 'not at risk'}, ${detail.case.stageName ?? 'no stage'}`,
  };
}

const EVENT_WORDS: Record<string, string> = {
  'session.attended': 'Attended a session',
  'session.missed': 'Missed a session',
  'visit.attended': 'Attended a visit',
  'visit.missed': 'Missed a visit',
  'visit.cancelled': 'Visit cancelled',
  'submission.made': 'Work handed in',
  'submission.missed': 'Missed a deadline',
  progress: 'Progress',
  activity: 'Activity',
  'work.absence': 'Absent from work',
  'employment.ended': 'Left employment',
  'concern.raised': 'Concern raised',
  contact: 'Contact attempt',
  'stage.entered': 'Stage entered',
  decision: 'Decision',
  'review.held': 'Review held',
  'plan.agreed': 'Plan agreed',
  'appeal.lodged': 'Appeal lodged',
  'appeal.decided': 'Appeal decided',
  'step.proposed': 'Step proposed',
  'step.decided': 'Proposal decided',
  'agenda.decided': 'Meeting decision',
  'case.assigned': 'Case assigned',
};

/** "Missed a session (with notice)", "Contact attempt (phone, no_answer, learner): "note"". */
function describeEvent(event: Record<string, unknown> & { type: string }): string {
  if (event.type === 'policy.updated') return `Policy updated from ${String(event.from)} to ${String(event.to)}; the case was re-evaluated under ${String(event.to)}`;
  if (event.type === 'progress') return `Progress: ${String(event.actual)}% done against ${String(event.planned)}% planned`;
  if (event.type === 'learner.erased') {
    return `Personal data erased: "${String(event.reason)}"; free text removed from ${String(event.events)} events, ${String(event.messages)} chat messages replaced`;
  }
  const { type, at: _at, id: _id, note, staff: _staff, proposal: _proposal, notice, ...rest } = event;
  const details = [...(notice === true ? ['with notice'] : []), ...Object.values(rest).map(String)].join(', ');
  return `${EVENT_WORDS[type] ?? type}${details ? ` (${details})` : ''}${typeof note === 'string' ? `: "${note}"` : ''}`;
}

export function pendingApprovalsCard(items: readonly (ProposalRef & { learner: LearnerRef })[]): Card {
  const { items: first, more } = shown(items, SECTIONS_PER_CARD);
  return {
    name: 'pending-approvals',
    title: 'Waiting for your decision',
    badge: { text: `${items.length} waiting`, tone: items.length > 0 ? 'warning' : 'good' },
    blocks: [
      ...(items.length === 0 ? [{ kind: 'text' as const, text: 'Nothing is waiting for you.' }] : []),
      ...first.map((p) => ({
        kind: 'section' as const,
        title: `${p.label}: ${p.learner.name}`,
        text: `Proposed by ${p.byName}, ${instantWords(p.at)}`,
        actions: [
          { verb: 'approve' as const, label: 'Approve', style: 'primary' as const, payload: { learner: p.learner.id, proposal: p.id } },
          { verb: 'reject' as const, label: 'Reject', style: 'danger' as const, payload: { learner: p.learner.id, proposal: p.id } },
          { verb: 'open-case' as const, label: 'Open case', payload: { learner: p.learner.id } },
        ],
      })),
      ...(more ? [{ kind: 'text' as const, text: more, muted: true }] : []),
    ],
    summary: `${items.length} proposals waiting for your decision`,
  };
}

export function helpCard(): Card {
  return {
    name: 'help',
    title: 'Waymark: keeping learners on track',
    blocks: [
      { kind: 'text', text: 'Waymark runs your provider\'s at-risk policy: it alerts the team, tracks deadlines in working days and routes steps to the people who decide them.' },
      {
        kind: 'list',
        title: 'Commands',
        items: CHAT_COMMANDS.map((c) => `${c.usage}: ${c.what}`),
        limit: CHAT_COMMANDS.length,
      },
      { kind: 'text', text: 'Safeguarding and health details are never posted in channels; only the safeguarding lead sees them.', muted: true },
    ],
    actions: [{ verb: 'caseload', label: 'My caseload', style: 'primary', payload: {} }],
    summary: `Waymark help: ${[...new Set(CHAT_COMMANDS.map((c) => c.usage.split(' ')[0]))].join(', ')}`,
  };
}

export function errorCard(message: string, code?: string): Card {
  return {
    name: 'error',
    title: 'That did not work',
    badge: { text: 'Nothing was changed', tone: 'attention' },
    blocks: [{ kind: 'text', text: message }, ...(code ? [{ kind: 'text' as const, text: `Reason code: ${code}`, muted: true }] : [])],
    actions: [{ verb: 'help', label: 'Help', payload: {} }],
    summary: message,
  };
}

/** Several learners match what was typed: one button each, doing what was asked. */
export function pickerCard(typed: string, verb: Verb, learners: readonly LearnerRef[], more: boolean): Card {
  return {
    name: 'picker',
    title: `Which learner did you mean by "${typed}"?`,
    blocks: [
      ...learners.map((l) => ({
        kind: 'section' as const,
        title: `${l.name} (${l.id})`,
        actions: [{ verb, label: 'This one', payload: { learner: l.id } }],
      })),
      ...(more ? [{ kind: 'text' as const, text: 'More learners match: type more of the name, or the id.', muted: true }] : []),
    ],
    summary: `Several learners match "${typed}"`,
  };
}

/** A short confirmation that something was recorded. */
export function doneCard(title: string, text: string, learnerId?: string): Card {
  return {
    name: 'done',
    title,
    badge: { text: 'Recorded', tone: 'good' },
    blocks: [{ kind: 'text', text }],
    ...(learnerId ? { actions: [{ verb: 'open-case' as const, label: 'Open case', payload: { learner: learnerId } }] } : {}),
    summary: `${title}: ${text}`,
  };
}
