/**
 * The building blocks of a policy pack: ids, event matchers, conditions, durations and
 * the effects a rule can have. pack-schema.ts assembles them into a whole pack.
 */
import { z } from 'zod/v4';
import {
  CANCELLED_BY,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  EVENT_TYPES,
  NATION_IDS,
  PARTIES,
  PLAN_KINDS,
  PROGRAMMES,
} from '../events/event-schema.js';

export const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id (lower-case words joined by "-")');

/** Where in the provider's written policy a rule comes from, so staff can check it. */
export const source = z.string().min(1).meta({ description: 'The section or sentence of the written policy this encodes.' });

/** How the pack settled an ambiguity in the written policy; shown by `waymark policy show`. */
export const decision = z
  .string()
  .min(1)
  .meta({ description: 'How this pack resolves an ambiguity in the written policy (a provider may change it).' });

export const eventType = z.enum(EVENT_TYPES as [string, ...string[]]);

/** Selects events by type and field values; every field given must match. */
export const matcherSchema = z
  .object({
    type: eventType,
    notice: z.boolean().optional().meta({ description: 'session/visit missed: notice given (absent in the event = false)' }),
    by: z.array(z.enum(CANCELLED_BY)).min(1).optional(),
    notBy: z
      .array(z.enum(CANCELLED_BY))
      .min(1)
      .optional()
      .meta({ description: 'visit.cancelled: exclude these cancellers (a cancellation without `by` still matches)' }),
    explained: z.boolean().optional(),
    category: z.array(z.string().min(1)).min(1).optional(),
    channel: z.array(z.enum(CONTACT_CHANNELS)).min(1).optional(),
    outcome: z.array(z.string().min(1)).min(1).optional().meta({ description: 'contact outcome or decision outcome' }),
    with: z.array(z.enum(PARTIES)).min(1).optional(),
    stage: z.array(kebabId).min(1).optional(),
    kind: z.array(z.enum(PLAN_KINDS)).min(1).optional(),
    onTarget: z.boolean().optional().meta({ description: 'progress: actual >= planned' }),
  })
  .strict();
export type Matcher = z.infer<typeof matcherSchema>;

export const contactOutcomes = CONTACT_OUTCOMES;

/** A condition on the learner and the case as it stood before the event or timer. */
export const conditionSchema = z
  .object({
    nation: z.array(z.enum(NATION_IDS)).min(1).optional(),
    programme: z.array(z.enum(PROGRAMMES)).min(1).optional(),
    withinFirstDays: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'true while fewer than N calendar days have passed since the start date (day 0 = start date)' }),
    afterFirstDays: z.number().int().positive().optional(),
    atRisk: z.boolean().optional().meta({ description: 'the learner is on the at-risk register (a case is open)' }),
    rating: z.array(kebabId).min(1).optional(),
    stage: z.array(z.union([kebabId, z.literal(null)])).min(1).optional().meta({ description: 'current stage; null = no stage' }),
  })
  .strict();
export type Condition = z.infer<typeof conditionSchema>;

export const durationSchema = z.union([
  z.object({ workingDays: z.number().int().min(0) }).strict(),
  z.object({ calendarDays: z.number().int().min(0) }).strict(),
]);
export type Duration = z.infer<typeof durationSchema>;

export const RECOMMEND_ACTIONS = [
  'stage',
  'break-in-learning',
  'withdraw',
  'smt-review',
  'support-plan',
  'recovery-plan',
  'de-escalate',
] as const;
export type RecommendAction = (typeof RECOMMEND_ACTIONS)[number];

const when = conditionSchema.optional();

export interface AlertEffect { do: 'alert'; reason?: string | undefined; when?: Condition | undefined }
export interface RateEffect { do: 'rate'; atLeast?: string | undefined; to?: string | undefined; when?: Condition | undefined }
export interface RecommendEffect {
  do: 'recommend';
  action: RecommendAction;
  stage?: string | undefined;
  requires?: { contactRule: string } | Requirement[] | undefined;
  otherwise?: Effect[] | undefined;
  approver?: string | undefined;
  when?: Condition | undefined;
}
export interface NotifyEffect { do: 'notify'; role: string; reason: string; sensitive?: boolean | undefined; when?: Condition | undefined }
export interface TaskEffect { do: 'task'; task: string; when?: Condition | undefined }
export interface AgendaEffect { do: 'agenda'; meeting: string; when?: Condition | undefined }
export interface FollowUpEffect { do: 'follow-up'; followUp: string; when?: Condition | undefined }
export type Effect = AlertEffect | RateEffect | RecommendEffect | NotifyEffect | TaskEffect | AgendaEffect | FollowUpEffect;

/** What a rule does when it fires. Conditions (`when`) see the case as it stood before. */
export const effectSchema: z.ZodType<Effect> = z.lazy(() =>
  z.discriminatedUnion('do', [
    z
      .object({
        do: z.literal('alert'),
        reason: z.string().min(1).optional().meta({ description: 'defaults to the rule description' }),
        when,
      })
      .strict(),
    z
      .object({ do: z.literal('rate'), atLeast: kebabId.optional(), to: kebabId.optional(), when })
      .strict()
      .refine((e) => (e.atLeast === undefined) !== (e.to === undefined), {
        message: 'give exactly one of atLeast (raise only) or to (set)',
      }),
    z
      .object({
        do: z.literal('recommend'),
        action: z.enum(RECOMMEND_ACTIONS),
        stage: kebabId.optional(),
        requires: z
          .union([z.object({ contactRule: kebabId }).strict(), z.array(requirementSchema).min(1)])
          .optional()
          .meta({
            description:
              'hold the recommendation until this contact rule is met, or until every requirement in the list is (as for a stage or an outcome)',
          }),
        otherwise: z.array(effectSchema).optional().meta({ description: 'effects while `requires` is unmet' }),
        approver: kebabId
          .optional()
          .meta({ description: 'the role that decides it; a stage recommendation defaults to the stage approver' }),
        when,
      })
      .strict()
      .refine((e) => (e.action === 'stage') === (e.stage !== undefined), {
        message: 'a stage recommendation names its stage, and only a stage recommendation does',
      }),
    z
      .object({
        do: z.literal('notify'),
        role: kebabId,
        reason: z.string().min(1),
        sensitive: z.boolean().optional().meta({ description: 'restricted detail: direct message to this role only' }),
        when,
      })
      .strict(),
    z.object({ do: z.literal('task'), task: kebabId, when }).strict(),
    z.object({ do: z.literal('agenda'), meeting: kebabId, when }).strict(),
    z.object({ do: z.literal('follow-up'), followUp: kebabId, when }).strict(),
  ]),
);

/**
 * Something a stage entry or an outcome needs the case history to show; exactly one of
 * visited, decided, contactRule or fired. `when` limits it to some learners (e.g. apprentices).
 */
export const requirementSchema = z
  .object({
    visited: kebabId.optional().meta({ description: 'the learner has been at this stage in the current case' }),
    decided: z
      .object({ stage: kebabId.optional(), outcome: z.array(kebabId).min(1) })
      .strict()
      .optional()
      .meta({ description: 'a decision with one of these outcomes was recorded (at that stage, if given) in the current case' }),
    contactRule: kebabId.optional().meta({ description: 'the contact rule is met' }),
    fired: kebabId
      .optional()
      .meta({ description: 'this trigger fired in the current case (e.g. a safeguarding concern was raised)' }),
    when,
    explain: z.string().min(1).meta({ description: 'the refusal in plain words, e.g. "stage 4 needs stage 3 first"' }),
  })
  .strict()
  .refine((r) => [r.visited, r.decided, r.contactRule, r.fired].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of visited, decided, contactRule or fired',
  });
export type Requirement = z.infer<typeof requirementSchema>;
