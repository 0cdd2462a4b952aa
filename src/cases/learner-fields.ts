/**
 * The fields of a learner record, as every entry point accepts them (the HTTP data feed,
 * the CSV import): one definition, so the rules cannot drift apart. Each entry point adds
 * its own `id` rule and strictness.
 */
import { z } from 'zod/v4';
import { isoDay, NATION_IDS, PROGRAMMES } from '../rules/events/event-schema.js';

export const nonEmptyText = z.string().trim().min(1, 'must not be empty');

/** `knownPolicies`: the ids of the packs loaded (built-in and the provider's own). */
export function learnerFields(knownPolicies: readonly string[]) {
  return {
    name: nonEmptyText,
    programme: z.enum(PROGRAMMES),
    nation: z.enum(NATION_IDS),
    startDate: isoDay,
    plannedEndDate: isoDay.optional(),
    coach: nonEmptyText.optional(),
    employer: nonEmptyText.optional(),
    policy: z.string().refine((p) => knownPolicies.includes(p), { message: `must name a loaded policy pack: one of ${knownPolicies.join(', ')}` }),
  };
}

/** A learner cannot be planned to finish before they start. */
export function plannedEndNotBeforeStart<T extends z.ZodType<{ startDate: string; plannedEndDate?: string | undefined }>>(schema: T) {
  return schema.refine((l) => l.plannedEndDate === undefined || l.plannedEndDate >= l.startDate, {
    path: ['plannedEndDate'],
    message: 'must not be before startDate',
  });
}
