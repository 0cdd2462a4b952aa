/**
 * The learner and event vocabulary every policy pack reads, as the `waymark simulate`
 * contract defines it (docs/contracts/simulate.md). Packs use the types their policy
 * needs and ignore the rest; the engine accepts them all.
 */
import { z } from 'zod/v4';
import { missingDateReason, parseDay, parseInstant } from '../calendar/index.js';

export const PROGRAMMES = ['apprenticeship', 'traineeship'] as const;
export const NATION_IDS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;
export const CONTACT_CHANNELS = ['phone', 'email', 'meeting', 'visit', 'message', 'letter'] as const;
export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'no_response'] as const;
export const PARTIES = ['learner', 'employer'] as const;
export const CANCELLED_BY = ['learner', 'employer', 'provider'] as const;
/** What a decider may say to a proposal. */
export const VERDICTS = ['approved', 'rejected', 'more-information'] as const;
export const PLAN_KINDS = ['support', 'recovery', 'smart', 'engagement'] as const;
/** An appeal's result: upheld (the decision appealed against is reversed) or dismissed (it stands). */
export const APPEAL_RESULTS = ['upheld', 'dismissed'] as const;

export type Programme = (typeof PROGRAMMES)[number];
export type Channel = (typeof CONTACT_CHANNELS)[number];
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export type Party = (typeof PARTIES)[number];
export type PlanKind = (typeof PLAN_KINDS)[number];
export type Verdict = (typeof VERDICTS)[number];
export type AppealResult = (typeof APPEAL_RESULTS)[number];

/** The longest note a person may attach to an event. */
export const NOTE_MAX = 2000;

/**
 * A string `parse` accepts; otherwise `format`, or, for text written as a date that names no
 * real day (2026-02-30), that the date does not exist: the format was right.
 */
export function dateText(parse: (text: string) => unknown, format: string) {
  return z.string().check((ctx) => {
    if (parse(ctx.value) !== undefined) return;
    const missing = missingDateReason(ctx.value);
    ctx.issues.push({ code: 'custom', input: ctx.value, message: missing === undefined ? format : `is not a real date: ${missing}` });
  });
}

export const isoDay = dateText(parseDay, 'must be a date written YYYY-MM-DD');

const isoInstant = dateText(parseInstant, 'must be a date (YYYY-MM-DD) or an ISO date-time with an offset (2026-09-09T10:30:00Z)');

/** A contact's outcome, `no-answer` as well as `no_answer`: chat words are hyphenated, the contract's underscored. */
export const contactOutcome = z.preprocess((v) => (typeof v === 'string' ? v.replace(/-/g, '_') : v), z.enum(CONTACT_OUTCOMES));

export const learnerSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  programme: z.enum(PROGRAMMES),
  nation: z.enum(NATION_IDS),
  startDate: isoDay,
  plannedEndDate: isoDay.optional(),
});
export type LearnerInput = z.infer<typeof learnerSchema>;

const base = {
  id: z.string().min(1, 'must not be empty').optional(),
  at: isoInstant,
  /** Free text from the person who recorded it; never shown in a channel. */
  note: z.string().trim().min(1, 'must not be empty').max(NOTE_MAX, `must be at most ${NOTE_MAX} characters`).optional(),
};
/** A staff member, by the id the staff directory uses (their e-mail address). */
const staffId = z.string().trim().toLowerCase().min(1, 'must name a staff member');
const stageId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case stage id such as stage-2');

/** One zod object per event type; `type` discriminates. */
export const eventSchemas = {
  'session.attended': z.object({ type: z.literal('session.attended'), ...base }),
  'session.missed': z.object({ type: z.literal('session.missed'), ...base, notice: z.boolean().optional() }),
  'visit.attended': z.object({ type: z.literal('visit.attended'), ...base }),
  'visit.missed': z.object({ type: z.literal('visit.missed'), ...base, notice: z.boolean().optional() }),
  'visit.cancelled': z.object({ type: z.literal('visit.cancelled'), ...base, by: z.enum(CANCELLED_BY).optional() }),
  'submission.made': z.object({ type: z.literal('submission.made'), ...base }),
  'submission.missed': z.object({ type: z.literal('submission.missed'), ...base }),
  progress: z.object({
    type: z.literal('progress'),
    ...base,
    actual: z.number().min(0).max(100),
    planned: z.number().min(0).max(100),
  }),
  activity: z.object({ type: z.literal('activity'), ...base, source: z.string().optional() }),
  'work.absence': z.object({ type: z.literal('work.absence'), ...base, explained: z.boolean() }),
  'employment.ended': z.object({ type: z.literal('employment.ended'), ...base }),
  'concern.raised': z.object({
    type: z.literal('concern.raised'),
    ...base,
    category: z.string().min(1, 'must name the concern category, e.g. wellbeing'),
  }),
  contact: z.object({
    type: z.literal('contact'),
    ...base,
    channel: z.enum(CONTACT_CHANNELS),
    outcome: contactOutcome,
    with: z.enum(PARTIES).optional(),
  }),
  'stage.entered': z.object({ type: z.literal('stage.entered'), ...base, stage: stageId }),
  decision: z.object({
    type: z.literal('decision'),
    ...base,
    outcome: z.string().min(1, 'must name the outcome, e.g. de-escalate'),
    stage: stageId.optional(),
  }),
  'review.held': z.object({ type: z.literal('review.held'), ...base, stage: stageId.optional() }),
  'plan.agreed': z.object({ type: z.literal('plan.agreed'), ...base, kind: z.enum(PLAN_KINDS) }),
  /** Not in the simulate contract's list; accepted in addition so appeals can be recorded. */
  'appeal.lodged': z.object({ type: z.literal('appeal.lodged'), ...base, by: z.enum(PARTIES).optional() }),
  /** The result of an appeal lodged in time, as whoever heard it decided (accepted in addition, like appeal.lodged). */
  'appeal.decided': z.object({ type: z.literal('appeal.decided'), ...base, result: z.enum(APPEAL_RESULTS) }),
  /**
   * Staff workflow (not in the simulate contract; accepted in addition). A proposal names
   * exactly one step: a stage to enter or an outcome to decide at the current stage.
   */
  'step.proposed': z
    .object({
      type: z.literal('step.proposed'),
      ...base,
      proposal: z.string().min(1, 'must not be empty'),
      stage: stageId.optional(),
      outcome: z.string().min(1, 'must name the outcome, e.g. break-in-learning').optional(),
      staff: staffId,
    })
    .refine((e) => (e.stage === undefined) !== (e.outcome === undefined), {
      message: 'must name exactly one step: a stage to enter or an outcome to decide',
    }),
  'step.decided': z.object({
    type: z.literal('step.decided'),
    ...base,
    proposal: z.string().min(1, 'must not be empty'),
    verdict: z.enum(VERDICTS),
    staff: staffId,
  }),
  /** A meeting's decision on an agenda item: the SMT's desired outcome, action, owner and review date. */
  'agenda.decided': z.object({
    type: z.literal('agenda.decided'),
    ...base,
    meeting: stageId,
    date: isoDay,
    outcome: z.string().trim().min(1, 'must say the desired outcome').max(500),
    action: z.string().trim().min(1, 'must say the action that best achieves it').max(500),
    owner: staffId,
    reviewDate: isoDay,
    staff: staffId,
  }),
  'case.assigned': z.object({ type: z.literal('case.assigned'), ...base, coach: staffId, staff: staffId }),
} as const;

export type EventType = keyof typeof eventSchemas;

/**
 * Events that record what a person did in Waymark (proposed, decided, assigned). They are
 * authorised when the person acts, so a data feed or an import may not send them.
 */
export const STAFF_ACTION_TYPES: readonly EventType[] = ['step.proposed', 'step.decided', 'agenda.decided', 'case.assigned'];

/** Why a feed may not send an event of this type, or undefined when it may. */
export function notFeedable(type: unknown): string | undefined {
  if (!(STAFF_ACTION_TYPES as readonly unknown[]).includes(type)) return undefined;
  return `${JSON.stringify(type)} is a staff action: it is recorded when a person takes it in Waymark, not sent by a feed`;
}
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

export type EventInput = { [K in EventType]: z.infer<(typeof eventSchemas)[K]> }[EventType];
