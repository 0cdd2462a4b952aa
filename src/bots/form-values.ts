/**
 * A submitted form's values (input id -> value, as each platform hands them over) as the
 * service command the form stands for. Only shape is checked here; the service validates
 * and answers with precise messages.
 */
import type { CommandInput } from '../cases/commands.js';
import type { FormVerb, Payload } from '../cards/card.js';

export type FormValues = Readonly<Record<string, string | boolean | undefined>>;

type Body = CommandInput extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'key'> : never) : never;

export function submissionCommand(
  verb: FormVerb,
  payload: Payload,
  values: FormValues,
): { ok: true; command: Body; firstField: string } | { ok: false; errors: Record<string, string> } {
  const learnerId = payload.learner;
  if (!learnerId) return { ok: false, errors: { _form: 'This form does not name a learner; open it again from the case.' } };
  const text = (id: string) => {
    const v = values[id];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const optional = (id: string, as = id) => (text(id) === undefined ? {} : { [as]: text(id) });
  switch (verb) {
    case 'submit-contact':
      return {
        ok: true,
        firstField: 'channel',
        command: { kind: 'log-contact', learnerId, channel: text('channel') as never, outcome: text('outcome') as never, ...optional('with'), ...optional('at'), ...optional('note') },
      };
    case 'submit-fact':
      return {
        ok: true,
        firstField: 'fact',
        command: {
          kind: 'record-fact',
          learnerId,
          fact: text('fact') as never,
          ...optional('category'),
          ...(values.notice === true ? { notice: true } : {}),
          ...(text('fact') === 'work.absence' ? { explained: values.notice === true } : {}),
          ...optional('at'),
          ...optional('note'),
        },
      };
    case 'submit-proposal': {
      const step = text('step') ?? '';
      const [kind, id] = [step.slice(0, step.indexOf(':')), step.slice(step.indexOf(':') + 1)];
      if ((kind !== 'stage' && kind !== 'outcome') || !id) return { ok: false, errors: { step: 'Choose a step.' } };
      return { ok: true, firstField: 'step', command: { kind: 'propose', learnerId, [kind]: id, reason: text('reason') ?? '' } as Body };
    }
    case 'submit-smt-decision':
      return {
        ok: true,
        firstField: 'outcome',
        command: {
          kind: 'record-meeting-decision',
          learnerId,
          meeting: payload.meeting ?? '',
          date: payload.date ?? '',
          outcome: text('outcome') ?? '',
          action: text('action') ?? '',
          owner: text('owner') ?? '',
          reviewDate: text('reviewDate') ?? '',
        },
      };
  }
}
