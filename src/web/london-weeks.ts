/**
 * Weeks as the charts count them: Monday 00:00 to the next Monday 00:00, UK time (so the
 * week the clocks change is 167 or 169 hours long). A week is read at its last moment,
 * Sunday 23:59:59.999; the week not yet over is read at the moment asked about instead.
 */
import { formatDay, londonDay, londonMidnight, weekday, type Instant } from '../rules/calendar/index.js';

export interface Week {
  /** The Monday it starts on, YYYY-MM-DD. */
  readonly start: string;
  /** Monday 00:00 UK time. */
  readonly startsAt: Instant;
  /** The next Monday 00:00 UK time (not part of the week). */
  readonly endsAt: Instant;
  /** When the register is read for this week: the week's last millisecond, or `asOf` for the week still running. */
  readonly countedAt: Instant;
  /** The week is over (counted at its end, not part way through). */
  readonly complete: boolean;
}

/** The `count` weeks up to and including the one `asOf` falls in, oldest first. */
export function weeksUpTo(asOf: Instant, count: number): Week[] {
  const today = londonDay(asOf);
  const monday = today - ((weekday(today) + 6) % 7);
  const weeks: Week[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const day = monday - 7 * back;
    const endsAt = londonMidnight(day + 7);
    weeks.push({
      start: formatDay(day),
      startsAt: londonMidnight(day),
      endsAt,
      countedAt: Math.min(endsAt - 1, asOf),
      complete: endsAt - 1 <= asOf,
    });
  }
  return weeks;
}

/** The place in `weeks` of the week `at` falls in (up to the last week's reading), or -1. */
export function weekIndexOf(weeks: readonly Week[], at: Instant): number {
  const last = weeks[weeks.length - 1];
  if (last === undefined || at > last.countedAt) return -1;
  return weeks.findIndex((w) => w.startsAt <= at && at < w.endsAt);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "16 Nov 2026" for 2026-11-16 (`year` false: "16 Nov"). */
export function shortDate(day: string, year = true): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]}${year ? ` ${y}` : ''}`;
}

