/**
 * Triggers: the rules that watch a learner's events and time, and what they do when they
 * fire. Part of the pack schema (pack-schema.ts).
 */
import { z } from 'zod/v4';
import { conditionSchema, decision, effectSchema, kebabId, matcherSchema, source } from './schema-parts.js';

export const matchers = z.array(matcherSchema).min(1);

const triggerCommon = {
  id: kebabId,
  description: z.string().min(1).meta({ description: 'Why the rule fires, in plain words; shown to staff as the reason.' }),
  source,
  decision: decision.optional(),
  when: conditionSchema.optional(),
  always: z
    .boolean()
    .default(false)
    .meta({ description: 'also fires while monitoring is paused or after withdrawal (e.g. safeguarding)' }),
  repeat: z
    .enum(['every', 'once-per-case'])
    .default('every')
    .meta({ description: 'once-per-case: fires at most once while a case is open' }),
  countsAsReason: z.boolean().default(true).meta({
    description:
      "false: the rule only does its effects (tells someone, sets a task); it is not a reason the learner is at risk and is not listed among the case's reasons",
  }),
  effects: z.array(effectSchema).min(1),
};

export const triggerSchema = z.discriminatedUnion('kind', [
  z
    .object({ ...triggerCommon, kind: z.literal('event'), match: matchers })
    .strict()
    .meta({ description: 'Fires on every matching event (a discrete fact: left employment, concern raised).' }),
  z
    .object({
      ...triggerCommon,
      kind: z.literal('consecutive'),
      match: matchers,
      resetBy: matchers,
      count: z.number().int().min(1),
      within: z
        .literal('case')
        .optional()
        .meta({ description: 'count only events since the case opened (e.g. "back on track" once at risk)' }),
    })
    .strict()
    .meta({ description: 'Fires when `count` matching events arrive with no resetting event between them.' }),
  z
    .object({
      ...triggerCommon,
      kind: z.literal('count'),
      match: matchers,
      count: z.number().int().min(1),
      within: z.union([
        z.object({ days: z.number().int().min(1) }).strict(),
        z.literal('case').meta({ description: 'since the case opened; with no case open, since the last one closed (or the start)' }),
      ]),
    })
    .strict()
    .meta({ description: 'Fires when the number of matching events within the window reaches `count` (both ends included).' }),
  z
    .object({
      ...triggerCommon,
      kind: z.literal('progress-gap'),
      measure: z.enum(['points', 'ratio']),
      points: z.number().positive().max(100).optional().meta({ description: 'behind when planned - actual >= points' }),
      ratio: z.number().positive().max(1).optional().meta({ description: 'behind when actual <= ratio x planned' }),
    })
    .strict()
    .refine((t) => (t.measure === 'points' ? t.points !== undefined : t.ratio !== undefined), {
      message: 'measure "points" needs `points`, measure "ratio" needs `ratio`',
    })
    .meta({ description: 'Fires when a progress measurement first falls behind plan by the threshold.' }),
  z
    .object({
      ...triggerCommon,
      kind: z.literal('inactivity'),
      resetBy: matchers,
      days: z.number().int().min(1),
    })
    .strict()
    .meta({ description: 'Fires `days` calendar days after the last resetting event (or the start date) if none follows.' }),
]);
export type Trigger = z.output<typeof triggerSchema>;
