/**
 * The cards that open the web pages (the at-risk register, charts, a learner's chronology)
 * from chat. A link is signed for one person and works for a few minutes, so a card holding
 * one is only ever shown to that person; cards others see carry a button that asks for one.
 */
import type { Card } from '../card.js';

/** How long the link lasts, in words: "15 minutes". */
function lasting(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function forYouOnly(minutes: number, again: string): string {
  return `This link is for you only and works for ${lasting(minutes)}: do not pass it on. ${again}`;
}

/** The asker's links to the register and the charts. */
export function registerLinkCard(links: { register: string; charts: string; meeting?: string }, minutes: number, again: string): Card {
  return {
    name: 'register-link',
    title: 'The at-risk register',
    blocks: [
      { kind: 'text', text: 'Every learner on the register you may see, with filters, sorting and a CSV download; the charts show the last 26 weeks.' },
      { kind: 'text', text: forYouOnly(minutes, again), muted: true },
    ],
    actions: [
      { url: links.register, label: 'Open the at-risk register', style: 'primary' },
      { url: links.charts, label: 'Charts' },
      ...(links.meeting ? [{ url: links.meeting, label: 'This meeting' }] : []),
    ],
    summary: `Your link to the at-risk register (works for ${lasting(minutes)})`,
  };
}

/** The asker's link to one learner's chronology. */
export function chronologyLinkCard(learner: { id: string; name: string }, url: string, minutes: number, again: string): Card {
  return {
    name: 'chronology-link',
    title: `Chronology: ${learner.name} (${learner.id})`,
    blocks: [
      { kind: 'text', text: 'Every event, contact, decision, task and message in time order, with who, when and the policy version; it prints for an inspector.' },
      { kind: 'text', text: forYouOnly(minutes, again), muted: true },
    ],
    actions: [{ url, label: 'Open the chronology', style: 'primary' }],
    summary: `Your link to the chronology of ${learner.name} (works for ${lasting(minutes)})`,
  };
}

/** A button that asks for a register link (App Home): the link is made when it is clicked. */
export function webPagesCard(): Card {
  return {
    name: 'web-pages',
    title: 'In your browser',
    blocks: [{ kind: 'text', text: 'The at-risk register, charts and chronologies, as web pages: Waymark sends you a link made for you.' }],
    actions: [{ verb: 'open-register', label: 'Register', payload: {} }],
    summary: 'Open the at-risk register in your browser',
  };
}

/** The bot has no public address, so it cannot give links. */
export const WEB_NOT_SET_UP =
  'The web pages are not set up: Waymark does not know the address browsers reach it at. An admin sets WAYMARK_PUBLIC_URL (for example https://waymark.example.ac.uk) and restarts Waymark.';
