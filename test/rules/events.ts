/**
 * Event builders for the policy scenario tests (one learner event as `waymark simulate` reads
 * it; shared/contracts/simulate.md, "Input"), and `refusal`, which runs events through a
 * built-in pack and gives back the refusal or bad-input message, or 'accepted'.
 */
import { tryRun, type EventJson, type LearnerFields } from './scenario.js';

/** `stage.entered`. */
export const enter = (at: string, stage: string): EventJson => ({ type: 'stage.entered', at, stage });

/** `decision`, on the stage given (if any). */
export const decide = (at: string, outcome: string, stage?: string): EventJson => ({
  type: 'decision',
  at,
  outcome,
  ...(stage !== undefined ? { stage } : {}),
});

export const progress = (at: string, actual: number, planned: number): EventJson => ({ type: 'progress', at, actual, planned });

/** `concern.raised`. */
export const concern = (at: string, category: string): EventJson => ({ type: 'concern.raised', at, category });

export const activity = (at: string): EventJson => ({ type: 'activity', at });

/** A contact attempt: unanswered unless `outcome` says otherwise; `extra` adds e.g. `{ with: 'employer' }`. */
export const contact = (at: string, channel: string, outcome = 'no_answer', extra: Record<string, unknown> = {}): EventJson => ({
  type: 'contact',
  at,
  channel,
  outcome,
  ...extra,
});

/** `session.missed`, with `notice` only when given. */
export const missed = (at: string, notice?: boolean): EventJson => ({ type: 'session.missed', at, ...(notice !== undefined ? { notice } : {}) });

/** `visit.missed`; `extra` adds e.g. `{ notice: true }`. */
export const visitMissed = (at: string, extra: Record<string, unknown> = {}): EventJson => ({ type: 'visit.missed', at, ...extra });

/** `visit.cancelled`, by whom only when given. */
export const cancelled = (at: string, by?: string): EventJson => ({ type: 'visit.cancelled', at, ...(by ? { by } : {}) });

/** 'accepted', or the message `waymark simulate` would print for the refusal or bad input. */
export function refusal(packId: string, events: EventJson[], until?: string, learner: LearnerFields = {}): string {
  const result = tryRun(packId, events, until, learner);
  return result.ok ? 'accepted' : result.error;
}
