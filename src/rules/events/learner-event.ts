/**
 * The engine's own form of learners and events: validated, with instants as epoch
 * milliseconds and days as civil-day numbers, so the fold does no parsing.
 */
import type { CivilDay, Instant, Nation } from '../calendar/index.js';
import type { AppealResult, Channel, ContactOutcome, EventType, Party, PlanKind, Programme, Verdict } from './event-schema.js';

export interface Learner {
  readonly id: string;
  readonly programme: Programme;
  readonly nation: Nation;
  readonly startDay: CivilDay;
  readonly plannedEndDay?: CivilDay;
}

/**
 * One fact about a learner. Every field but `type` and `at` belongs to some event types
 * only (see event-schema.ts); absent ones are undefined.
 */
export interface LearnerEvent {
  readonly type: EventType;
  readonly at: Instant;
  readonly id?: string | undefined;
  /** session.missed / visit.missed: told us in advance (default false). */
  readonly notice?: boolean | undefined;
  /** visit.cancelled: who cancelled; appeal.lodged: who appealed. */
  readonly by?: string | undefined;
  readonly actual?: number | undefined;
  readonly planned?: number | undefined;
  readonly source?: string | undefined;
  readonly explained?: boolean | undefined;
  readonly category?: string | undefined;
  readonly channel?: Channel | undefined;
  readonly outcome?: ContactOutcome | string | undefined;
  readonly with?: Party | undefined;
  readonly stage?: string | undefined;
  readonly kind?: PlanKind | undefined;
  readonly note?: string | undefined;
  /** step.proposed / step.decided: the proposal's id. */
  readonly proposal?: string | undefined;
  readonly verdict?: Verdict | undefined;
  /** appeal.decided: upheld or dismissed. */
  readonly result?: AppealResult | undefined;
  /** Staff workflow events: who acted (staff id). */
  readonly staff?: string | undefined;
  /** case.assigned: the coach who now holds the case. */
  readonly coach?: string | undefined;
  /** agenda.decided: which sitting, and what the meeting decided. */
  readonly meeting?: string | undefined;
  readonly date?: string | undefined;
  readonly action?: string | undefined;
  readonly owner?: string | undefined;
  readonly reviewDate?: string | undefined;
}
