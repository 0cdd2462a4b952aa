/**
 * The meetings of the policy in force (`meetings`, alias `smt`): each with who holds it,
 * when it sits, its next sitting and, for the people who sit in it, who is on that agenda.
 */
import type { Block, Card } from '../card.js';
import { dayWords } from './about.js';

export interface MeetingSitting {
  readonly id: string;
  readonly name: string;
  /** The role that holds it, in the policy's words. */
  readonly heldBy: string;
  /** "every 8 weeks from Mon 5 Jan 2026, at 10:00". */
  readonly schedule: string;
  /** YYYY-MM-DD: the next sitting (for a meeting held within a time, the latest day it may sit). */
  readonly next: string;
  /** The learners on that sitting's agenda; null when the asker does not sit in it. */
  readonly agenda: readonly string[] | null;
}

export function meetingsCard(policyName: string, meetings: readonly MeetingSitting[], typed: string): Card {
  const blocks: Block[] =
    meetings.length === 0
      ? [{ kind: 'text', text: `${policyName} holds no meetings: escalations go to the people it names by direct message.` }]
      : meetings.map((m) => ({
          kind: 'section',
          title: `${m.name}: ${dayWords(m.next)}`,
          facts: [
            { label: 'Held by', value: m.heldBy },
            { label: 'Sits', value: m.schedule },
            { label: 'On the agenda', value: m.agenda === null ? `shown to the ${m.heldBy}` : m.agenda.length === 0 ? 'nobody yet' : m.agenda.join(', ') },
          ],
        }));
  return {
    name: 'meetings',
    title: `Meetings under ${policyName}`,
    blocks: [...blocks, ...(meetings.length > 0 ? [{ kind: 'text' as const, text: `For a meeting's agenda, with buttons to record its decisions, type ${typed}.`, muted: true }] : [])],
    summary: meetings.length === 0 ? `${policyName} holds no meetings` : `Meetings under ${policyName}: ${meetings.map((m) => `${m.name} ${dayWords(m.next)}`).join('; ')}`,
  };
}
