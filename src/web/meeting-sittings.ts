/**
 * Which sitting of a meeting a page shows when none is asked for, and the sittings before
 * it, from the pack's schedule (the dates the engine files agenda items under).
 */
import { formatDay, londonDay, londonMidnight, parseDay } from '../rules/calendar/index.js';
import { nextSitting } from '../rules/engine/schedule.js';
import type { Meeting } from '../rules/pack/pack-schema.js';

/**
 * Today's sitting, all day long (its decisions are recorded during and after it), else the
 * next one: the first sitting starting after the start of today in London. For a meeting
 * held within a time of the item arising, the date an item arising today is filed under,
 * as the `meetings` chat command shows.
 */
export function currentSitting(meeting: Meeting, now: Date): string {
  const today = londonDay(now.getTime());
  return nextSitting(meeting, 'england', londonMidnight(today), today);
}

/**
 * `from` and the sittings before it, latest first (`count` in all); none for a meeting
 * with no fixed sittings. A repeating meeting's sittings start at its first date.
 */
export function sittingsUpTo(meeting: Meeting, from: string, count: number): string[] {
  const s = meeting.schedule;
  if ('within' in s) return [];
  const step = 'weekly' in s ? 7 : s.every.weeks * 7;
  const first = 'every' in s ? parseDay(s.every.from)! : -Infinity;
  const out: string[] = [];
  for (let d = parseDay(from)!; d >= first && out.length < count; d -= step) out.push(formatDay(d));
  return out;
}
