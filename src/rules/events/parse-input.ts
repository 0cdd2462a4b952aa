/**
 * Validates a learner and their events (the `waymark simulate` input, the data feed) and
 * turns them into the engine's form. Every problem is reported with its path
 * (`learner.startDate`, `events[7].channel`), all at once, so one run shows them all.
 */
import { z } from 'zod/v4';
import { londonMidnight, parseDay, parseInstant } from '../calendar/index.js';
import { fromZod, type InputIssue, type Parsed } from '../issues.js';
import { EVENT_TYPES, eventSchemas, learnerSchema, type EventInput, type EventType, type LearnerInput } from './event-schema.js';
import type { Learner, LearnerEvent } from './learner-event.js';

export function parseLearner(json: unknown, path = 'learner'): Parsed<Learner> {
  const parsed = learnerSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error, path, json) };
  return { ok: true, value: toLearner(parsed.data) };
}

function toLearner(l: LearnerInput): Learner {
  const startDay = parseDay(l.startDate)!;
  return {
    id: l.id,
    programme: l.programme,
    nation: l.nation,
    startDay,
    ...(l.plannedEndDate !== undefined ? { plannedEndDay: parseDay(l.plannedEndDate)! } : {}),
  };
}

/** One event; `path` names it in messages (e.g. `events[3]`). */
export function parseEvent(json: unknown, path: string): Parsed<LearnerEvent> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, issues: [{ path, message: 'must be an object with a "type" and an "at"' }] };
  }
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'string' || !(EVENT_TYPES as string[]).includes(type)) {
    const message =
      type === undefined
        ? `is required; one of ${EVENT_TYPES.join(', ')}`
        : `unknown event type ${JSON.stringify(type)}; expected one of ${EVENT_TYPES.join(', ')}`;
    return { ok: false, issues: [{ path: `${path}.type`, message }] };
  }
  const parsed = (eventSchemas[type as EventType] as z.ZodType<EventInput>).safeParse(json);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error, path, json) };
  return { ok: true, value: toEvent(parsed.data) };
}

function toEvent(e: EventInput): LearnerEvent {
  const { at, ...rest } = e;
  const event: LearnerEvent = { ...rest, at: parseInstant(at)! };
  if ((e.type === 'session.missed' || e.type === 'visit.missed') && event.notice === undefined) return { ...event, notice: false };
  return event;
}

export interface SimulationInput {
  readonly learner: Learner;
  readonly events: LearnerEvent[];
}

export function parseSimulationInput(json: unknown): Parsed<SimulationInput> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, issues: [{ path: '(top level)', message: 'must be an object with "learner" and "events"' }] };
  }
  const doc = json as { learner?: unknown; events?: unknown };
  const issues: InputIssue[] = [];
  const learner = parseLearner(doc.learner);
  if (!learner.ok) issues.push(...learner.issues);
  if (!Array.isArray(doc.events)) {
    issues.push({ path: 'events', message: doc.events === undefined ? 'is required (an array of events)' : 'must be an array of events' });
    return { ok: false, issues };
  }
  const events: LearnerEvent[] = [];
  doc.events.forEach((raw, i) => {
    const parsed = parseEvent(raw, `events[${i}]`);
    if (!parsed.ok) return void issues.push(...parsed.issues);
    if (learner.ok && parsed.value.at < londonMidnight(learner.value.startDay)) {
      issues.push({ path: `events[${i}].at`, message: "is before the learner's start date (learner.startDate)" });
    }
    events.push(parsed.value);
  });
  if (!learner.ok || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { learner: learner.value, events } };
}
