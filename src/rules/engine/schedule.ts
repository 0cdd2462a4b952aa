/**
 * Dates the policy sets: deadlines a duration after a day (working days on the learner's
 * nation's calendar, or calendar days) and the next sitting of a meeting.
 */
import {
  addWorkingDays,
  formatDay,
  londonInstant,
  londonMidnight,
  parseDay,
  weekday,
  type CivilDay,
  type Instant,
  type Nation,
} from '../calendar/index.js';
import type { Meeting } from '../pack/pack-schema.js';
import type { Duration } from '../pack/schema-parts.js';

export function dueDay(nation: Nation, from: CivilDay, duration: Duration): CivilDay {
  return 'workingDays' in duration ? addWorkingDays(nation, from, duration.workingDays) : from + duration.calendarDays;
}

// Deadlines fall on a few hundred distinct days across all learners, so the text and the
// end of each deadline day are kept rather than worked out for every task set (string
// building and London-time arithmetic on the fold's hot path). Bounded, in case a process
// lives through very many days.
const MEMO_LIMIT = 10_000;
const dayTexts = new Map<CivilDay, string>();
const dayEnds = new Map<CivilDay, Instant>();

function remember<V>(memo: Map<CivilDay, V>, day: CivilDay, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(day, value);
  return value;
}

/** formatDay, remembered. */
export function dayText(day: CivilDay): string {
  return dayTexts.get(day) ?? remember(dayTexts, day, formatDay(day));
}

/** A deadline day has passed once the next day begins in London. */
export function endOf(day: CivilDay): Instant {
  return dayEnds.get(day) ?? remember(dayEnds, day, londonMidnight(day + 1));
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * The date of the first sitting that starts after `at` (one already under way is too late
 * for a new item); for `within`, the latest date it may sit.
 */
export function nextSitting(meeting: Meeting, nation: Nation, at: Instant, today: CivilDay): string {
  const s = meeting.schedule;
  if ('within' in s) return formatDay(dueDay(nation, today, s.within));
  if ('weekly' in s) {
    const target = WEEKDAYS.indexOf(s.weekly.day);
    const time = minutes(s.weekly.time);
    for (let d = today; ; d++) {
      if (weekday(d) === target && londonInstant(d, time) > at) return formatDay(d);
    }
  }
  const anchor = parseDay(s.every.from)!;
  const step = s.every.weeks * 7;
  const time = minutes(s.every.time);
  let d = today <= anchor ? anchor : anchor + Math.ceil((today - anchor) / step) * step;
  if (londonInstant(d, time) <= at) d += step;
  return formatDay(d);
}
