/**
 * Finding the learner a chat command names, by id or by name, for both adapters. Several
 * matches are returned for a picker; the adapters never guess.
 */
import type { LearnerRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

export const PICKER_LIMIT = 10;

export type Found = { readonly kind: 'one'; readonly learner: LearnerRecord } | { readonly kind: 'none'; readonly message: string } | { readonly kind: 'many'; readonly learners: LearnerRecord[] };

export async function findLearner(store: Store, text: string): Promise<Found> {
  const matches = await store.findLearners(text, PICKER_LIMIT + 1);
  if (matches.length === 1) return { kind: 'one', learner: matches[0]! };
  if (matches.length === 0) return { kind: 'none', message: `No learner has the id or a name like "${text}".` };
  return { kind: 'many', learners: matches };
}
