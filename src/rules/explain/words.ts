/**
 * The small words every part of an explained pack uses: a role, stage or outcome by its
 * name, lists joined with "and"/"or", durations in working or calendar days, and the
 * conditions (`when`) a rule or effect is limited by.
 */
import { formatDay, parseDay, weekday } from '../calendar/index.js';
import type { Pack } from '../pack/pack-schema.js';
import type { Condition, Duration } from '../pack/schema-parts.js';
import { wholeWeeks } from '../pack/wording-check.js';

export function roleName(pack: Pack, id: string): string {
  return pack.roles.find((r) => r.id === id)?.name ?? id;
}

export function stageName(pack: Pack, id: string | null): string {
  if (id === null) return 'no stage';
  return pack.stages.find((s) => s.id === id)?.name ?? id;
}

export function outcomeLabel(pack: Pack, id: string): string {
  return pack.outcomes.find((o) => o.id === id)?.label ?? id;
}

/** An id as a word people read: "medium" is "Medium", "monday" is "Monday". */
export function capitalised(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

export function quoted(text: string): string {
  return `“${text}”`;
}

/** "a", "a or b", "a, b or c". */
export function joinOr(items: readonly string[]): string {
  return join(items, 'or');
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  return join(items, 'and');
}

function join(items: readonly string[], word: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

/** The noun with "a" or "an". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "42 days (6 weeks)", "5 days". */
export function daysWords(days: number): string {
  const weeks = wholeWeeks(days);
  return `${plural(days, 'day', 'days')}${weeks === undefined ? '' : ` (${plural(weeks, 'week', 'weeks')})`}`;
}

/** "5 working days", "7 calendar days (1 week)". */
export function durationWords(d: Duration): string {
  if ('workingDays' in d) return plural(d.workingDays, 'working day', 'working days');
  const weeks = wholeWeeks(d.calendarDays);
  return `${plural(d.calendarDays, 'calendar day', 'calendar days')}${weeks === undefined ? '' : ` (${plural(weeks, 'week', 'weeks')})`}`;
}

/** "within 5 working days", or "the same day" for none. */
export function withinWords(d: Duration): string {
  const n = 'workingDays' in d ? d.workingDays : d.calendarDays;
  return n === 0 ? 'the same day' : `within ${durationWords(d)}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Monday 5 January 2026" for "2026-01-05". */
export function dayWords(text: string): string {
  const day = parseDay(text);
  if (day === undefined) return text;
  const [y, m, d] = formatDay(day).split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[weekday(day)]} ${d} ${MONTHS[m - 1]} ${y}`;
}

const NATION_NAMES: Record<string, string> = { england: 'England', wales: 'Wales', scotland: 'Scotland', 'northern-ireland': 'Northern Ireland' };
const PROGRAMME_NAMES: Record<string, string> = { apprenticeship: 'apprenticeships', traineeship: 'traineeships' };

export function nationsWords(nations: readonly string[]): string {
  return joinOr(nations.map((n) => NATION_NAMES[n] ?? n));
}

export function programmesWords(programmes: readonly string[]): string {
  return joinOr(programmes.map((p) => PROGRAMME_NAMES[p] ?? p));
}

/**
 * What a condition limits a rule or effect to, as phrases: "apprenticeships only",
 * "within the first 60 days after the start date", "while the learner is at risk".
 */
export function conditionWords(pack: Pack, c: Condition | undefined): string[] {
  if (!c) return [];
  const out: string[] = [];
  if (c.programme) out.push(`${programmesWords(c.programme)} only`);
  if (c.nation) out.push(`learners in ${nationsWords(c.nation)} only`);
  if (c.withinFirstDays !== undefined) out.push(`within the first ${daysWords(c.withinFirstDays)} after the start date`);
  if (c.afterFirstDays !== undefined) out.push(`once ${daysWords(c.afterFirstDays)} have passed since the start date`);
  if (c.atRisk !== undefined) out.push(c.atRisk ? 'while the learner is at risk' : 'while the learner is not at risk');
  if (c.rating) out.push(`while rated ${joinOr(c.rating.map(capitalised))}`);
  if (c.stage) out.push(`while at ${joinOr(c.stage.map((s) => stageName(pack, s)))}`);
  return out;
}

/** The conditions as one clause, or '' for none. */
export function conditionClause(pack: Pack, c: Condition | undefined): string {
  return conditionWords(pack, c).join(', ');
}
