/**
 * The forms (Slack modals, Teams dialogs): log a contact, record a fact, propose a step
 * (only the steps the pack allows from where the case stands), and the SMT's decision.
 * Input ids are the command's field names, so an adapter maps a submission straight on.
 */
import { FACTS } from '../../cases/commands.js';
import type { LearnerRef } from '../../cases/intents.js';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, NOTE_MAX, PARTIES } from '../../rules/events/event-schema.js';
import type { Block, Form } from '../card.js';
import { dayWords, learnerLine } from './about.js';

const words = (id: string) => (id.charAt(0).toUpperCase() + id.slice(1)).replace(/[_.-]/g, ' ');
const options = (ids: readonly string[]) => ids.map((value) => ({ value, label: words(value) }));
const note: Block = { kind: 'input', input: { kind: 'text', id: 'note', label: 'Note (not shown in channels)', multiline: true, maxLength: NOTE_MAX } };
const when: Block = { kind: 'input', input: { kind: 'date', id: 'at', label: 'When (leave empty for today)' } };

export function logContactForm(learner: LearnerRef): Form {
  return {
    name: 'log-contact-form',
    title: 'Log a contact',
    submit: { verb: 'submit-contact', label: 'Log it', payload: { learner: learner.id } },
    blocks: [
      { kind: 'text', text: `Contact attempt for ${learnerLine(learner)}.` },
      { kind: 'input', input: { kind: 'choice', id: 'channel', label: 'How', options: options(CONTACT_CHANNELS), required: true } },
      { kind: 'input', input: { kind: 'choice', id: 'outcome', label: 'Outcome', options: [{ value: 'reached', label: 'Reached them' }, { value: 'no_answer', label: 'No answer' }, { value: 'no_response', label: 'No response' }].filter((o) => (CONTACT_OUTCOMES as readonly string[]).includes(o.value)), required: true } },
      { kind: 'input', input: { kind: 'choice', id: 'with', label: 'With', options: options(PARTIES), required: true, initial: 'learner' } },
      when,
      note,
    ],
  };
}

export function recordFactForm(learner: LearnerRef, categories: readonly { id: string; label: string }[]): Form {
  const factLabels: Record<(typeof FACTS)[number], string> = {
    'session.missed': 'Missed a session',
    'visit.missed': 'Missed a visit',
    'visit.cancelled': 'Cancelled a visit',
    'submission.missed': 'Missed work (a deadline)',
    'work.absence': 'Absent from work',
    'concern.raised': 'A concern',
  };
  return {
    name: 'record-fact-form',
    title: 'Record a fact',
    submit: { verb: 'submit-fact', label: 'Record it', payload: { learner: learner.id } },
    blocks: [
      { kind: 'text', text: `Something that happened for ${learnerLine(learner)}.` },
      { kind: 'input', input: { kind: 'choice', id: 'fact', label: 'What happened', options: FACTS.map((f) => ({ value: f, label: factLabels[f] })), required: true } },
      ...(categories.length > 0
        ? [{ kind: 'input' as const, input: { kind: 'choice' as const, id: 'category', label: 'Concern category (for a concern)', options: categories.map((c) => ({ value: c.id, label: c.label })) } }]
        : []),
      { kind: 'input', input: { kind: 'toggle', id: 'notice', label: 'They told us in advance (or explained the absence)' } },
      when,
      note,
      { kind: 'text', text: 'Safeguarding and health details go only to the safeguarding lead.', muted: true },
    ],
  };
}

export interface StepChoice {
  readonly stage?: string;
  readonly outcome?: string;
  readonly label: string;
  readonly approverName: string | null;
}

/** A step as a choice value: "stage:stage-2" or "outcome:withdraw". */
export const stepValue = (s: { stage?: string; outcome?: string }) => (s.stage !== undefined ? `stage:${s.stage}` : `outcome:${s.outcome}`);

export function proposeStepForm(learner: LearnerRef, steps: readonly StepChoice[]): Form {
  const intro: Block = {
    kind: 'text',
    text: steps.length > 0 ? `The steps the policy allows for ${learnerLine(learner)} from here.` : `The policy allows no step for ${learnerLine(learner)} from here.`,
  };
  const choose: Block[] = [
    {
      kind: 'input',
      input: {
        kind: 'choice',
        id: 'step',
        label: 'Step',
        required: true,
        options: steps.map((s) => ({ value: stepValue(s), label: s.approverName ? `${s.label} (the ${s.approverName} decides)` : `${s.label} (no approval needed)` })),
      },
    },
    { kind: 'input', input: { kind: 'text', id: 'reason', label: 'Reason', multiline: true, required: true, maxLength: NOTE_MAX } },
  ];
  return {
    name: 'propose-step-form',
    title: 'Propose a step',
    submit: { verb: 'submit-proposal', label: 'Propose', payload: { learner: learner.id } },
    blocks: [intro, ...(steps.length > 0 ? choose : [])],
  };
}

export function smtDecisionForm(learner: LearnerRef, meeting: { id: string; name: string; date: string }, owners: readonly { id: string; name: string }[]): Form {
  return {
    name: 'smt-decision-form',
    title: 'Record the decision',
    submit: { verb: 'submit-smt-decision', label: 'Record', payload: { learner: learner.id, meeting: meeting.id, date: meeting.date } },
    blocks: [
      { kind: 'text', text: `${meeting.name}, ${dayWords(meeting.date)}: ${learnerLine(learner)}.` },
      { kind: 'input', input: { kind: 'text', id: 'outcome', label: 'Desired outcome', required: true, maxLength: 500 } },
      { kind: 'input', input: { kind: 'text', id: 'action', label: 'The action that best achieves it', multiline: true, required: true, maxLength: 500 } },
      owners.length > 0
        ? { kind: 'input', input: { kind: 'choice', id: 'owner', label: 'Who implements and monitors it', required: true, options: owners.map((o) => ({ value: o.id, label: o.name })) } }
        : { kind: 'input', input: { kind: 'text', id: 'owner', label: 'Who implements and monitors it (their e-mail)', required: true, maxLength: 200 } },
      { kind: 'input', input: { kind: 'date', id: 'reviewDate', label: 'Review date', required: true } },
    ],
  };
}
