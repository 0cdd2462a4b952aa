/**
 * A card for every notification intent. Each is built from the intent alone, so a card for
 * a channel holds only what the intent for a channel holds: never a restricted detail. The
 * one thing added is where a chart picture the intent names can be fetched (`pictureUrl`).
 */
import type { Intent } from '../../cases/intents.js';
import type { Card } from '../card.js';
import { caseActions, caseBadge, caseFacts, dayWords, deadlineText, instantWords, learnerLine } from './about.js';
import { approvalActions, approvalComment, verdictLine } from './approvals.js';
import { coachDigestCard, meetingDigestCard, type PictureUrl } from './digests.js';

export function cardForIntent(intent: Intent, pictureUrl?: PictureUrl): Card {
  switch (intent.type) {
    case 'at-risk-alert':
      return {
        name: 'at-risk-alert',
        title: `At risk: ${intent.learner.name}`,
        badge: caseBadge(intent.case),
        blocks: [{ kind: 'list', title: 'Why', items: intent.why }, { kind: 'facts', facts: caseFacts(intent.case) }],
        actions: caseActions(intent.learner.id, { claim: intent.learner.coach === null }),
        summary: `${intent.learner.name} is at risk: ${intent.why.join('; ')}`,
      };
    case 'case-update':
      return {
        name: 'case-update',
        title: `${intent.learner.name}: ${intent.change}`,
        badge: caseBadge(intent.case),
        blocks: [{ kind: 'facts', facts: caseFacts(intent.case) }],
        actions: [{ verb: 'open-case', label: 'Open case', payload: { learner: intent.learner.id } }],
        summary: `${learnerLine(intent.learner)}: ${intent.change}`,
      };
    case 'approval-request':
      return {
        name: 'approval-request',
        title: `Approve "${intent.proposal.label}" for ${intent.learner.name}?`,
        badge: { text: `Waiting for the ${intent.proposal.approverName}`, tone: 'warning' },
        blocks: [
          { kind: 'facts', facts: [{ label: 'Proposed by', value: intent.proposal.byName }, { label: 'When', value: instantWords(intent.proposal.at) }, ...caseFacts(intent.case)] },
          { kind: 'text', text: `Reason: ${intent.reason}` },
          approvalComment,
        ],
        actions: approvalActions(intent.learner.id, intent.proposal.id),
        summary: `${intent.proposal.byName} proposes "${intent.proposal.label}" for ${intent.learner.name}: ${intent.reason}`,
      };
    case 'decision-result':
      return {
        name: 'decision-result',
        title: `"${intent.proposal.label}" for ${intent.learner.name}`,
        badge: { text: verdictLine(intent.verdict), tone: intent.verdict === 'approved' ? 'good' : intent.verdict === 'rejected' ? 'attention' : 'warning' },
        blocks: [
          { kind: 'facts', facts: [{ label: 'Decided by', value: intent.byName }, { label: 'When', value: instantWords(intent.at) }, { label: 'Proposed by', value: intent.proposal.byName }] },
          ...(intent.comment ? [{ kind: 'text' as const, text: `Comment: ${intent.comment}` }] : []),
          { kind: 'facts', facts: caseFacts(intent.case) },
        ],
        actions: [{ verb: 'open-case', label: 'Open case', payload: { learner: intent.learner.id } }],
        summary: `${intent.byName} ${verdictLine(intent.verdict).toLowerCase()} "${intent.proposal.label}" for ${intent.learner.name}`,
      };
    case 'recommendation':
      return {
        name: 'recommendation',
        title: `The policy recommends: ${intent.label}`,
        badge: caseBadge(intent.case),
        blocks: [
          { kind: 'text', text: `For ${learnerLine(intent.learner)}.${intent.approverName ? ` The ${intent.approverName} decides it.` : ''}` },
          { kind: 'list', title: 'Why', items: intent.why },
        ],
        actions: [
          { verb: 'propose-step', label: 'Propose step', style: 'primary', payload: { learner: intent.learner.id } },
          { verb: 'open-case', label: 'Open case', payload: { learner: intent.learner.id } },
        ],
        summary: `The policy recommends "${intent.label}" for ${intent.learner.name}`,
      };
    case 'task':
      return {
        name: 'task',
        title: `To do by ${dayWords(intent.deadline.due)}: ${intent.deadline.title}`,
        blocks: [{ kind: 'text', text: `For ${learnerLine(intent.learner)}, as the ${intent.roleName}.` }, { kind: 'facts', facts: caseFacts(intent.case) }],
        actions: caseActions(intent.learner.id, { claim: false }),
        summary: `${intent.deadline.title} for ${intent.learner.name}, due ${dayWords(intent.deadline.due)}`,
      };
    case 'nudge':
      return {
        name: 'nudge',
        title: intent.when === 'due' ? `Due today: ${intent.deadline.title}` : `Due tomorrow: ${intent.deadline.title}`,
        badge: { text: intent.when === 'due' ? 'Due today' : 'Due next working day', tone: 'warning' },
        blocks: [{ kind: 'text', text: `For ${learnerLine(intent.learner)}: ${deadlineText(intent.deadline)}.` }],
        actions: caseActions(intent.learner.id, { claim: false }),
        summary: `Reminder: ${intent.deadline.title} for ${intent.learner.name}, due ${dayWords(intent.deadline.due)}`,
      };
    case 'overdue':
      return {
        name: 'overdue',
        title: `Overdue: ${intent.deadline.title}`,
        badge: { text: `Was due ${dayWords(intent.deadline.due)}`, tone: 'attention' },
        blocks: [
          { kind: 'text', text: `For ${learnerLine(intent.learner)}, owned by the ${intent.roleName}. The policy's deadline has passed.` },
          { kind: 'facts', facts: caseFacts(intent.case) },
        ],
        actions: caseActions(intent.learner.id, { claim: false }),
        summary: `Overdue: ${intent.deadline.title} for ${intent.learner.name} (due ${dayWords(intent.deadline.due)})`,
      };
    case 'policy-notice':
      return {
        name: intent.sensitivity === 'restricted' ? 'restricted-notice' : 'policy-notice',
        title: intent.tellExternal ? `Tell the ${intent.roleName.toLowerCase()}: ${intent.learner.name}` : `For the ${intent.roleName}: ${intent.learner.name}`,
        ...(intent.sensitivity === 'restricted' ? { badge: { text: 'Confidential: for you only', tone: 'attention' as const } } : {}),
        blocks: [
          { kind: 'text', text: intent.reason },
          ...(intent.detail
            ? [{ kind: 'facts' as const, facts: [{ label: 'Concern', value: intent.detail.categoryLabel }, ...(intent.detail.note ? [{ label: 'Note', value: intent.detail.note }] : [])] }]
            : []),
        ],
        actions: [{ verb: 'open-case', label: 'Open case', payload: { learner: intent.learner.id } }],
        summary: `${intent.learner.name}: ${intent.reason}`,
      };
    case 'agenda-decision':
      return {
        name: 'agenda-decision',
        title: `${intent.meetingName} decided: ${intent.learner.name}`,
        blocks: [
          {
            kind: 'facts',
            facts: [
              { label: 'Desired outcome', value: intent.outcome },
              { label: 'Action', value: intent.action },
              { label: 'Owner', value: intent.ownerName },
              { label: 'Review', value: dayWords(intent.reviewDate) },
            ],
          },
        ],
        actions: [{ verb: 'open-case', label: 'Open case', payload: { learner: intent.learner.id } }],
        summary: `${intent.meetingName} on ${dayWords(intent.date)}: ${intent.learner.name}: ${intent.outcome}`,
      };
    case 'meeting-digest':
      return meetingDigestCard(intent, pictureUrl);
    case 'coach-digest':
      return coachDigestCard(intent.date, intent.items);
  }
}
