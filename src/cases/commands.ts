/**
 * The commands people give from chat (or any other entry point), as data: each names the
 * acting staff member, an idempotency key (a repeat returns the first result) and the
 * learner. Adapters build one, the service validates it here and runs it.
 */
import { z } from 'zod/v4';
import {
  CANCELLED_BY,
  CONTACT_CHANNELS,
  contactOutcome,
  dateText,
  isoDay,
  NOTE_MAX,
  PARTIES,
  PLAN_KINDS,
  VERDICTS,
} from '../rules/events/event-schema.js';
import { parseInstant } from '../rules/calendar/index.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const note = text(NOTE_MAX).optional();
const staffId = z.string().trim().toLowerCase().min(1, 'must name a staff member');
const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id such as stage-2');
/** When it happened, if not now: a date or an ISO date-time with an offset. */
const when = dateText(parseInstant, 'must be a date (YYYY-MM-DD) or an ISO date-time with an offset').optional();

const base = {
  actor: staffId,
  key: text(200),
  learnerId: text(200),
};

/** Facts staff record from chat; each becomes the event of the same name. */
export const FACTS = ['session.missed', 'visit.missed', 'visit.cancelled', 'submission.missed', 'work.absence', 'concern.raised'] as const;

export const commandSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('record-fact'),
      ...base,
      fact: z.enum(FACTS),
      at: when,
      /** session.missed / visit.missed: told in advance. */
      notice: z.boolean().optional(),
      /** visit.cancelled: who cancelled. */
      cancelledBy: z.enum(CANCELLED_BY).optional(),
      /** work.absence. */
      explained: z.boolean().optional(),
      /** concern.raised: one of the pack's concern categories. */
      category: kebab.optional(),
      note,
    })
    .refine((c) => c.fact !== 'concern.raised' || c.category !== undefined, { path: ['category'], message: 'is required for a concern' })
    .refine((c) => c.fact !== 'work.absence' || c.explained !== undefined, { path: ['explained'], message: 'is required for an absence from work' }),
  z.object({
    kind: z.literal('log-contact'),
    ...base,
    channel: z.enum(CONTACT_CHANNELS),
    outcome: contactOutcome,
    with: z.enum(PARTIES).default('learner'),
    at: when,
    note,
  }),
  z.object({ kind: z.literal('claim'), ...base }),
  z.object({ kind: z.literal('assign'), ...base, coach: staffId }),
  z.object({ kind: z.literal('record-plan'), ...base, plan: z.enum(PLAN_KINDS), at: when, note }),
  z.object({ kind: z.literal('record-review'), ...base, stage: kebab.optional(), at: when, note }),
  z
    .object({ kind: z.literal('propose'), ...base, stage: kebab.optional(), outcome: kebab.optional(), reason: text(NOTE_MAX) })
    .refine((c) => (c.stage === undefined) !== (c.outcome === undefined), { message: 'must name exactly one step: a stage to enter or an outcome to decide' }),
  z
    .object({ kind: z.literal('decide'), ...base, proposal: text(200), verdict: z.enum(VERDICTS), comment: note })
    .refine((c) => c.verdict !== 'more-information' || c.comment !== undefined, { path: ['comment'], message: 'is required to ask for more information: say what is missing' }),
  z.object({
    kind: z.literal('record-meeting-decision'),
    ...base,
    meeting: kebab,
    date: isoDay,
    outcome: text(500),
    action: text(500),
    owner: staffId,
    reviewDate: isoDay,
  }),
  z.object({ kind: z.literal('record-appeal'), ...base, by: z.enum(PARTIES).default('learner'), at: when, note }),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandInput = z.input<typeof commandSchema>;
export type CommandKind = Command['kind'];
