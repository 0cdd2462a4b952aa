/**
 * Scenario helper for policy tests: runs a learner's events through a built-in pack
 * exactly as `waymark simulate` does, and returns the contract's output entries.
 */
import { londonDay, londonMidnight, parseDay } from '../../src/rules/calendar/index.js';
import { caseView, type CaseView } from '../../src/rules/engine/case-view.js';
import { evaluate } from '../../src/rules/engine/engine.js';
import { toOutput, type OutputEntry } from '../../src/rules/engine/timeline.js';
import { parseSimulationInput } from '../../src/rules/events/parse-input.js';
import { issueLine } from '../../src/rules/issues.js';
import { builtinPack } from '../../src/rules/packs/index.js';

export interface LearnerFields {
  id?: string;
  programme?: 'apprenticeship' | 'traineeship';
  nation?: 'england' | 'wales' | 'scotland' | 'northern-ireland';
  startDate?: string;
  plannedEndDate?: string;
}

export type EventJson = Record<string, unknown> & { type: string; at: string };

export interface Scenario {
  timeline: OutputEntry[];
  case: CaseView;
  nextWakeUp: number | null;
  /** Entries of one kind. */
  of<K extends OutputEntry['kind']>(kind: K): Extract<OutputEntry, { kind: K }>[];
}

export const DEFAULT_LEARNER = {
  id: 'L1',
  programme: 'apprenticeship',
  nation: 'england',
  startDate: '2026-09-01',
  plannedEndDate: '2027-09-01',
} as const;

/** Runs the events to the end of `until` (default: the last event's London date). Throws on bad input or a refusal. */
export function simulate(packId: string, events: EventJson[], until?: string, learner: LearnerFields = {}): Scenario {
  const result = tryRun(packId, events, until, learner);
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
}

/** Like simulate, but a refusal or bad input comes back as the message `waymark simulate` would print. */
export function tryRun(
  packId: string,
  events: EventJson[],
  until?: string,
  learner: LearnerFields = {},
): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const pack = builtinPack(packId);
  if (!pack) throw new Error(`no built-in pack ${packId}`);
  const input = parseSimulationInput({ learner: { ...DEFAULT_LEARNER, ...learner }, events });
  if (!input.ok) return { ok: false, error: input.issues.map(issueLine).join('\n') };
  const lastDay = input.value.events.length === 0 ? input.value.learner.startDay : londonDay(Math.max(...input.value.events.map((e) => e.at)));
  const day = until === undefined ? lastDay : parseDay(until)!;
  const result = evaluate(pack, input.value.learner, input.value.events, londonMidnight(day + 1) - 1);
  if (!result.ok) return { ok: false, error: `events[${result.index}]: ${result.refusal.message}` };
  const timeline = result.timeline.map(toOutput);
  return {
    ok: true,
    scenario: {
      timeline,
      case: caseView(pack, input.value.learner, result.state),
      nextWakeUp: result.nextWakeUp,
      of: (kind) => timeline.filter((e) => e.kind === kind) as never,
    },
  };
}

/** A run of daily-or-weekly events of one type, e.g. weekly('session.missed', '2026-09-08', 3). */
export function weekly(type: string, first: string, count: number, fields: Record<string, unknown> = {}): EventJson[] {
  const start = parseDay(first)!;
  return Array.from({ length: count }, (_, i) => ({ type, at: dayText(start + 7 * i), ...fields }));
}

export function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
