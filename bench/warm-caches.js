/**
 * Fills the engine's lazy caches outside the timed region: the Europe/London offset of
 * every UTC day the data can reach (with margin for timers and deadlines after the last
 * event), and each nation's bank holidays for every year in that span.
 */
import { isWorkingDay, londonDay, londonMidnight, NATIONS } from '../dist/rules/calendar/index.js';

const DAY_MS = 86_400_000;

export function warmCalendarCaches(learners, events) {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < learners.length; i++) {
    first = Math.min(first, learners[i].startDay);
    const es = events[i];
    last = Math.max(last, Math.floor(es[es.length - 1].at / DAY_MS));
  }
  for (let day = first - 2; day <= last + 120; day++) {
    londonDay(londonMidnight(day) + 12 * 3_600_000);
    for (const nation of NATIONS) isWorkingDay(nation, day);
  }
  return { firstDay: first, lastDay: last };
}
