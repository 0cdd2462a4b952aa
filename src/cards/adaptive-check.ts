/**
 * Checks an Adaptive Card with Microsoft's own `adaptivecards` library: what parsing
 * reports (unknown elements, bad values) and what validation reports (duplicate ids,
 * required inputs without an error message, ...). An empty list means the card is sound.
 */
import { createRequire } from 'node:module';

type AdaptiveCards = typeof import('adaptivecards');

// The package's ES build imports files without extensions, which Node cannot load; its
// UMD bundle is the same library in one file.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCards;

export function adaptiveCardProblems(json: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
