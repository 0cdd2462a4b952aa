/**
 * `waymark simulate` without the I/O: a pack, the input JSON and the day to run to in,
 * the contract's output document (or the lines saying what is wrong) out. Pure and
 * deterministic, like the engine it calls.
 */
import { formatDay, formatLondon, londonDay, londonMidnight, type CivilDay } from '../rules/calendar/index.js';
import { caseView, type CaseView } from '../rules/engine/case-view.js';
import { evaluate, inTimeOrder } from '../rules/engine/engine.js';
import { toOutput, type OutputEntry } from '../rules/engine/timeline.js';
import { parseSimulationInput } from '../rules/events/parse-input.js';
import { issueLine } from '../rules/issues.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { failed, ok, type Outcome } from './io.js';

/** `policy`, `learnerId` and `timeline` are the contract's; the rest are additions it allows. */
export interface SimulationOutput {
  readonly policy: string;
  readonly learnerId: string;
  readonly timeline: OutputEntry[];
  readonly case: CaseView;
  /** When a timer would next change the case if nothing else happened (London time), or null. */
  readonly nextWakeUp: string | null;
  /** The last day virtual time was run to (its end, Europe/London). */
  readonly until: string;
}

/**
 * Runs the learner's events to the end of `until` (default: the London date of the latest
 * event, or the start date if there are none). Time only runs forward, so an `until`
 * before that day is refused rather than silently dropping later events.
 */
export function runSimulation(pack: Pack, json: unknown, until?: CivilDay): Outcome<SimulationOutput> {
  const input = parseSimulationInput(json);
  if (!input.ok) return failed(...input.issues.map(issueLine));
  const { learner, events } = input.value;

  // Events whose id repeats an earlier one are ignored by the engine, so they do not move the default day either.
  const order = inTimeOrder(events);
  const lastIndex = order[order.length - 1];
  const lastDay = lastIndex === undefined ? learner.startDay : londonDay(events[lastIndex]!.at);
  if (until !== undefined && until < lastDay) {
    const what = lastIndex === undefined ? "the learner's start date" : 'the last event';
    return failed(`--until: ${formatDay(until)} is before ${what} (${formatDay(lastDay)})`);
  }
  const day = until ?? lastDay;

  const result = evaluate(pack, learner, events, londonMidnight(day + 1) - 1);
  if (!result.ok) return failed(`events[${result.index}]: ${result.refusal.message}`);
  return ok({
    policy: pack.id,
    learnerId: learner.id,
    timeline: result.timeline.map(toOutput),
    case: caseView(pack, learner, result.state),
    nextWakeUp: result.nextWakeUp === null ? null : formatLondon(result.nextWakeUp),
    until: formatDay(day),
  });
}
