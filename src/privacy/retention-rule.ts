/**
 * How long a learner's personal data is kept: `years` after their learning ended, then it
 * is erased as `waymark learners erase` does. Pure: the caller passes today's date.
 *
 * When learning ended: for a withdrawn learner, their last logged event (the withdrawal,
 * or anything recorded after it); otherwise the later of their planned end date and their
 * last logged event (a completion or an extension recorded after the planned end pushes it
 * on). With neither, their start date.
 */
import { formatDay, londonDay, parseDay } from '../rules/calendar/index.js';

export interface RetentionFacts {
  readonly startDate: string;
  readonly plannedEndDate?: string | undefined;
  readonly lastEventAt: Date | null;
  readonly withdrawn: boolean;
}

/** The day (YYYY-MM-DD, Europe/London) the learner's learning ended, for retention. */
export function learningEnded(facts: RetentionFacts): string {
  const days = [facts.startDate];
  if (facts.plannedEndDate !== undefined && !facts.withdrawn) days.push(facts.plannedEndDate);
  if (facts.lastEventAt !== null) days.push(formatDay(londonDay(facts.lastEventAt.getTime())));
  return days.sort().at(-1)!;
}

/** The last day the data is kept: `years` after the end (29 February: 1 March). */
export function keptUntil(ended: string, years: number): string {
  if (parseDay(ended) === undefined) throw new RangeError(`not a date: ${ended}`);
  const [y, m, d] = ended.split('-').map(Number) as [number, number, number];
  const until = new Date(Date.UTC(y + years, m - 1, d));
  return until.toISOString().slice(0, 10);
}

/** Whether the learner's data is past retention on `today` (YYYY-MM-DD). */
export function pastRetention(facts: RetentionFacts, years: number, today: string): boolean {
  return today > keptUntil(learningEnded(facts), years);
}
