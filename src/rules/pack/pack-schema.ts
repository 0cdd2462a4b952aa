/**
 * A provider's written at-risk policy as data. Everything the five built-in policies need
 * (POLICIES.md, "What all five share") is expressible here, so a provider can copy a pack
 * and change it without touching code. `waymark policy schema` prints this as JSON Schema.
 */
import { z } from 'zod/v4';
import { CONTACT_CHANNELS, NATION_IDS, PARTIES, PROGRAMMES } from '../events/event-schema.js';
import { matchers, triggerSchema } from './trigger-schema.js';

export { triggerSchema, type Trigger } from './trigger-schema.js';
import { decision, durationSchema, effectSchema, kebabId, requirementSchema, source } from './schema-parts.js';

export const roleSchema = z
  .object({
    id: kebabId,
    name: z.string().min(1),
    external: z.boolean().default(false).meta({ description: 'outside the provider (employer, learner): told, never a chat user' }),
    seesRestricted: z.boolean().default(false).meta({ description: 'may see safeguarding and health details' }),
  })
  .strict();

export const ratingsSchema = z
  .object({
    scale: z.array(kebabId).min(2).meta({ description: 'lowest risk first, e.g. ["low", "medium", "high"]' }),
    initial: kebabId.meta({ description: 'the rating at enrolment' }),
    atRiskFrom: kebabId.meta({ description: 'ratings from this one up put the learner on the at-risk register' }),
    source,
    decision: decision.optional(),
  })
  .strict();

export const taskSchema = z
  .object({
    id: kebabId,
    title: z.string().min(1),
    role: kebabId,
    due: durationSchema,
    doneWhen: z
      .union([
        z.object({ contactRule: kebabId }).strict(),
        z.object({ events: matchers, count: z.number().int().min(1).default(1) }).strict(),
      ])
      .optional()
      .meta({ description: 'what completes the task; without it the task stays open until its stage or case ends' }),
    onOverdue: z.array(effectSchema).optional(),
    source,
    decision: decision.optional(),
  })
  .strict();

export const followUpSchema = z
  .object({
    id: kebabId,
    description: z.string().min(1),
    after: durationSchema,
    unless: matchers.meta({ description: 'any of these events before the deadline cancels the follow-up' }),
    effects: z.array(effectSchema).min(1),
    source,
    decision: decision.optional(),
  })
  .strict()
  .meta({ description: 'A check at a deadline: "should the above be unsuccessful within 5 working days, stage 2".' });

export const contactRuleSchema = z
  .object({
    id: kebabId,
    description: z.string().min(1),
    minAttempts: z.number().int().min(1),
    minChannels: z.number().int().min(1).default(1).meta({ description: 'distinct channels among the attempts' }),
    requiredChannels: z.array(z.enum(CONTACT_CHANNELS)).optional().meta({ description: 'each used at least once' }),
    channels: z.array(z.enum(CONTACT_CHANNELS)).optional().meta({ description: 'only these channels count' }),
    with: z.array(z.enum(PARTIES)).optional().meta({ description: 'only attempts with these parties count (absent = learner)' }),
    requiredParties: z.array(z.enum(PARTIES)).optional().meta({ description: 'each of these parties contacted at least once' }),
    since: z.enum(['case', 'stage', 'task']).meta({ description: 'count attempts since the case opened, the stage began, or the task was set' }),
    source,
    decision: decision.optional(),
  })
  .strict();

const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM');

export const meetingSchema = z
  .object({
    id: kebabId,
    name: z.string().min(1),
    role: kebabId.meta({ description: 'who meets' }),
    schedule: z.union([
      z.object({ weekly: z.object({ day: weekday, time: clockTime }).strict() }).strict(),
      z
        .object({
          every: z.object({ weeks: z.number().int().min(1), from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), time: clockTime }).strict(),
        })
        .strict(),
      z.object({ within: durationSchema }).strict().meta({ description: 'held within this time of the item arising' }),
    ]),
    source,
    decision: decision.optional(),
  })
  .strict();

export const outcomeSchema = z
  .object({
    id: kebabId,
    label: z.string().min(1),
    closesCase: z.boolean().default(false).meta({ description: 'the learner leaves the at-risk register' }),
    leavesStage: z.boolean().default(false),
    ends: z
      .enum(['withdrawn', 'paused'])
      .optional()
      .meta({ description: 'withdrawn: no further monitoring; paused: monitoring resumes on a `resumeOn` event' }),
    resumeOn: matchers.optional(),
    resetsRating: z.boolean().default(false).meta({ description: 'the rating returns to the initial one' }),
    onlyAt: z
      .array(kebabId)
      .min(1)
      .optional()
      .meta({ description: 'may be decided only while the learner is at one of these stages' }),
    completesStageTasks: z.boolean().default(false),
    decidedBy: kebabId
      .optional()
      .meta({ description: "the role that decides it outside a stage (at a stage, the stage's decidedBy does); none = no approval needed" }),
    requires: z.array(requirementSchema).optional(),
    needsReason: z
      .boolean()
      .default(false)
      .meta({ description: 'the decision must say why in its note (a decision event, or the proposal\'s reason), or it is refused' }),
    outsideStages: z.boolean().default(false).meta({
      description:
        "decided under another policy, not the stage process: allowed at any stage, decided by the outcome's decidedBy, without the stage's onDecision",
    }),
    effects: z.array(effectSchema).optional(),
    source,
    decision: decision.optional(),
  })
  .strict();

export const stageSchema = z
  .object({
    id: kebabId,
    name: z.string().min(1),
    formal: z.boolean(),
    owner: kebabId.meta({ description: 'the role that runs the stage' }),
    approvedBy: kebabId.optional().meta({ description: 'the role that approves entering it; none = no approval needed' }),
    decidedBy: kebabId.optional().meta({ description: 'the role that decides its outcome' }),
    entry: z
      .object({
        from: z
          .array(z.union([kebabId, z.literal(null)]))
          .min(1)
          .optional()
          .meta({ description: 'the current stage must be one of these (null = none)' }),
        requires: z.array(requirementSchema).optional(),
      })
      .strict()
      .default({}),
    onEnter: z.array(effectSchema).default([]),
    onDecision: z
      .array(effectSchema)
      .default([])
      .meta({ description: 'effects of any decision at this stage, before the outcome\'s own (e.g. who the confirming email copies)' }),
    outcomes: z.array(kebabId).default([]).meta({ description: 'decisions allowed at the end of this stage' }),
    escalatesTo: kebabId.optional(),
    source,
    decision: decision.optional(),
  })
  .strict();

export const appealSchema = z
  .object({
    id: kebabId,
    after: z.array(kebabId).min(1).meta({ description: 'outcomes that can be appealed' }),
    onlyAt: z.array(kebabId).min(1).optional().meta({ description: 'only when decided at one of these stages' }),
    by: z.array(z.enum(PARTIES)).min(1),
    lodgeWithin: durationSchema,
    heardBy: kebabId,
    tell: z.array(kebabId).default([]).meta({ description: 'roles told of the appeal window when it opens' }),
    tellOutcome: z
      .array(kebabId)
      .default([])
      .meta({ description: 'roles told of the appeal\'s result (appeal.decided), besides whoever heard it' }),
    decideWithin: durationSchema.optional(),
    final: z.boolean().default(false),
    source,
    decision: decision.optional(),
  })
  .strict();

export const concernCategorySchema = z
  .object({ id: kebabId, label: z.string().min(1), restricted: z.boolean().default(false) })
  .strict();

const pick = <T extends z.ZodTypeAny>(s: T) => z.record(kebabId, s);

/** Overrides for learners of some nations or programmes, keyed by the id of what they change. */
export const variantSchema = z
  .object({
    id: kebabId,
    description: z.string().min(1),
    when: z
      .object({ nation: z.array(z.enum(NATION_IDS)).min(1).optional(), programme: z.array(z.enum(PROGRAMMES)).min(1).optional() })
      .strict(),
    triggers: pick(z.record(z.string(), z.unknown())).optional(),
    tasks: pick(z.record(z.string(), z.unknown())).optional(),
    followUps: pick(z.record(z.string(), z.unknown())).optional(),
    stages: pick(z.record(z.string(), z.unknown())).optional(),
    outcomes: pick(z.record(z.string(), z.unknown())).optional(),
    source,
    decision: decision.optional(),
  })
  .strict();

export const packSchema = z
  .object({
    $schema: z.string().optional(),
    id: kebabId,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0'),
    name: z.string().min(1),
    provider: z.string().min(1),
    source: z.string().min(1).meta({ description: 'the written policy this pack encodes' }),
    summary: z.string().min(1).optional(),
    roles: z.array(roleSchema).min(1),
    ratings: ratingsSchema.optional(),
    concernCategories: z.array(concernCategorySchema).default([]),
    onAtRisk: z
      .array(effectSchema)
      .default([])
      .meta({ description: 'effects whenever a rule puts a learner on the at-risk register (a case opens), whichever rule it was' }),
    triggers: z.array(triggerSchema).default([]),
    stages: z.array(stageSchema).default([]),
    outcomes: z.array(outcomeSchema).default([]),
    tasks: z.array(taskSchema).default([]),
    followUps: z.array(followUpSchema).default([]),
    contactRules: z.array(contactRuleSchema).default([]),
    meetings: z.array(meetingSchema).default([]),
    appeals: z.array(appealSchema).default([]),
    interventions: z.array(z.object({ id: kebabId, label: z.string().min(1) }).strict()).default([]),
    variants: z.array(variantSchema).default([]),
    decisions: z
      .array(z.object({ about: z.string().min(1), decision }).strict())
      .default([])
      .meta({ description: 'pack-wide resolutions of ambiguities in the written policy' }),
  })
  .strict();

export type PackInput = z.input<typeof packSchema>;
export type Pack = z.output<typeof packSchema>;
export type Stage = Pack['stages'][number];
export type Task = Pack['tasks'][number];
export type FollowUp = Pack['followUps'][number];
export type ContactRule = Pack['contactRules'][number];
export type Meeting = Pack['meetings'][number];
export type Outcome = Pack['outcomes'][number];
export type Appeal = Pack['appeals'][number];
export type Variant = Pack['variants'][number];
