/**
 * What a message about an erased learner becomes in Slack and Teams: a neutral card that
 * names no one and says why the message changed.
 */
import type { Card } from '../card.js';

export function removedCard(): Card {
  const text = 'This message was about a learner whose personal data has since been erased. Its content has been removed.';
  return {
    name: 'removed',
    title: 'Message removed',
    badge: { text: 'Removed', tone: 'neutral' },
    blocks: [{ kind: 'text', text }],
    summary: 'Message removed: the learner\'s personal data was erased',
  };
}
