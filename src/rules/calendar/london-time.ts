/**
 * Europe/London civil time, as plain numbers.
 *
 * - An `Instant` is epoch milliseconds (UTC).
 * - A `CivilDay` is a calendar date with no zone: whole days since 1970-01-01 (so 0 = 1970-01-01).
 *
 * PURE: nothing here reads the clock, the environment or does I/O; every result depends only on
 * the arguments (and the runtime's IANA zone data, reached through `tzOffset`).
 *
 * Hot path: `londonDay`, `londonMidnight`, `londonInstant` and `addLondonDays` reduce to integer
 * arithmetic plus a typed-array lookup of the zone offset for the UTC day containing an instant.
 * `tzOffset` (Intl-backed, microseconds per call) is consulted only the first time a UTC day is
 * seen, and on the rare days that contain a clock change we store the exact transition instant.
 */
import { tzOffset } from '@date-fns/tz';

export type Instant = number;
export type CivilDay = number;

export const LONDON = 'Europe/London';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Civil calendar arithmetic (proleptic Gregorian), after Howard Hinnant's days_from_civil /
// civil_from_days. Integer maths only.

function daysFromCivil(year: number, month: number, dayOfMonth: number): CivilDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

interface Civil {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

function civilFromDays(days: CivilDay): Civil {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: CivilDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The calendar year of a civil day. */
export function civilYear(day: CivilDay): number {
  return civilFromDays(day).year;
}

// ---------------------------------------------------------------------------------------------
// Zone offset, memoised per UTC day.
//
// UK clock changes happen on exact UTC hours and are months apart, so almost every UTC day has a
// single offset. For days in [1900, ~2258] that offset (in minutes) lives in an Int16Array; a day
// containing a transition, or a day outside that range, is kept in a small Map with the exact
// transition instant (found by bisection to the second).

const TABLE_BASE_DAY = daysFromCivil(1900, 1, 1);
const TABLE_SIZE = 1 << 17; // ~358 years of days
const UNKNOWN = -32_768; // not yet computed
const SEE_MAP = 32_767; // transition day: see `irregularDays`
const offsetMinutesByDay = new Int16Array(TABLE_SIZE).fill(UNKNOWN);

interface IrregularDay {
  before: number; // offset in ms before `at`
  after: number; // offset in ms from `at` on
  at: Instant;
}
const irregularDays = new Map<number, IrregularDay>();
const IRREGULAR_CACHE_LIMIT = 20_000;

function zoneOffsetMs(instant: Instant): number {
  const ms = Math.round(tzOffset(LONDON, new Date(instant)) * MINUTE_MS);
  if (!Number.isFinite(ms)) throw new RangeError(`No Europe/London offset for instant ${instant}`);
  return ms;
}

function describeUtcDay(utcDay: number): IrregularDay {
  const start = utcDay * DAY_MS;
  const last = start + DAY_MS - 1000;
  const before = zoneOffsetMs(start);
  const after = zoneOffsetMs(last);
  if (before === after) return { before, after, at: Number.POSITIVE_INFINITY };
  // Bisect (to the second) for the first instant showing the new offset.
  let lo = start;
  let hi = last;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (zoneOffsetMs(mid) === before) lo = mid;
    else hi = mid;
  }
  return { before, after, at: hi };
}

function offsetSlow(instant: Instant, utcDay: number): number {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant: ${instant}`);
  let entry = irregularDays.get(utcDay);
  if (entry === undefined) {
    entry = describeUtcDay(utcDay);
    const index = utcDay - TABLE_BASE_DAY;
    const minutes = entry.before / MINUTE_MS;
    const regular = entry.before === entry.after && Number.isInteger(minutes) && Math.abs(minutes) < 1440;
    if (index >= 0 && index < TABLE_SIZE) {
      if (regular) {
        offsetMinutesByDay[index] = minutes;
        return entry.before;
      }
      offsetMinutesByDay[index] = SEE_MAP;
    }
    if (irregularDays.size >= IRREGULAR_CACHE_LIMIT) irregularDays.clear();
    irregularDays.set(utcDay, entry);
  }
  return instant < entry.at ? entry.before : entry.after;
}

/** Europe/London UTC offset in milliseconds at an instant (e.g. 3_600_000 in BST). */
function offsetAt(instant: Instant): number {
  const utcDay = Math.floor(instant / DAY_MS);
  const index = utcDay - TABLE_BASE_DAY;
  if (index >= 0 && index < TABLE_SIZE) {
    const minutes = offsetMinutesByDay[index]!;
    if (minutes !== UNKNOWN && minutes !== SEE_MAP) return minutes * MINUTE_MS;
  }
  return offsetSlow(instant, utcDay);
}

/**
 * The instant at which London wall-clock time reads `wall` (wall = local date-time expressed as if
 * it were UTC epoch ms).
 *
 * Disambiguation (same as Temporal's "compatible"):
 * - nonexistent wall time (spring forward, e.g. 01:30 on 29 Mar 2026) uses the offset in force
 *   before the change, i.e. moves forward by the gap: 01:30 -> 02:30 BST (01:30Z);
 * - ambiguous wall time (autumn back, e.g. 01:30 on 25 Oct 2026) picks the first occurrence:
 *   01:30 BST (00:30Z), not 01:30 GMT.
 * Assumes clock changes are more than two days apart (true for London throughout its history).
 */
function wallToInstant(wall: number): Instant {
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  if (before === after) {
    const t = wall - before;
    if (offsetAt(t) === before) return t;
  }
  const t1 = wall - before;
  const t2 = wall - after;
  const valid1 = offsetAt(t1) === before;
  const valid2 = offsetAt(t2) === after;
  if (valid1 && valid2) return Math.min(t1, t2);
  if (valid1) return t1;
  if (valid2) return t2;
  return t1; // in the gap: shift forward
}

// ---------------------------------------------------------------------------------------------
// Public London-time API

/** The Europe/London calendar date of an instant. */
export function londonDay(instant: Instant): CivilDay {
  return Math.floor((instant + offsetAt(instant)) / DAY_MS);
}

/** The instant at which 00:00 Europe/London starts that date (midnight always exists in London). */
export function londonMidnight(day: CivilDay): Instant {
  return wallToInstant(day * DAY_MS);
}

/**
 * Wall-clock time `minuteOfDay` (0 <= m < 1440; 600 = 10:00; fractions allowed) on that London date.
 * Nonexistent / ambiguous wall times are resolved as described on `wallToInstant`.
 */
export function londonInstant(day: CivilDay, minuteOfDay: number): Instant {
  if (!(minuteOfDay >= 0 && minuteOfDay < 1440)) {
    throw new RangeError(`minuteOfDay must be in [0, 1440): ${minuteOfDay}`);
  }
  return wallToInstant(day * DAY_MS + minuteOfDay * MINUTE_MS);
}

/**
 * The same London wall-clock time `days` calendar days later (negative allowed). Across a clock
 * change this is 23 or 25 real hours. If the target wall time does not exist it moves forward by
 * the gap (01:30 -> 02:30 BST); if it is ambiguous, the first occurrence (BST) is chosen.
 * `days === 0` returns `instant` unchanged (even if it is the second occurrence of an ambiguous
 * time).
 */
export function addLondonDays(instant: Instant, days: number): Instant {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  if (days === 0) return instant;
  return wallToInstant(instant + offsetAt(instant) + days * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Formatting and parsing

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? '-' : '+') + pad(Math.abs(year), 6); // ISO 8601 expanded year
}

/** "YYYY-MM-DD". */
export function formatDay(day: CivilDay): string {
  if (!Number.isInteger(day)) throw new RangeError(`Invalid civil day: ${day}`);
  const { year, month, day: dom } = civilFromDays(day);
  return `${formatYear(year)}-${pad(month, 2)}-${pad(dom, 2)}`;
}

/**
 * ISO 8601 in London time with explicit offset and milliseconds, never "Z":
 * "2026-09-22T00:00:00.000+01:00", "2026-12-01T09:05:00.000+00:00".
 */
export function formatLondon(instant: Instant): string {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant: ${instant}`);
  const offset = offsetAt(instant);
  const wall = instant + offset;
  const day = Math.floor(wall / DAY_MS);
  const msOfDay = wall - day * DAY_MS;
  const hh = Math.floor(msOfDay / HOUR_MS);
  const mm = Math.floor((msOfDay % HOUR_MS) / MINUTE_MS);
  const ss = Math.floor((msOfDay % MINUTE_MS) / 1000);
  const ms = msOfDay % 1000;
  const abs = Math.abs(offset);
  const offSeconds = Math.floor((abs % MINUTE_MS) / 1000);
  const offsetText =
    (offset < 0 ? '-' : '+') +
    `${pad(Math.floor(abs / HOUR_MS), 2)}:${pad(Math.floor((abs % HOUR_MS) / MINUTE_MS), 2)}` +
    (offSeconds === 0 ? '' : `:${pad(offSeconds, 2)}`); // only for pre-1847 local mean time
  return `${formatDay(day)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}.${pad(ms, 3)}${offsetText}`;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function civilDayOf(yearText: string, monthText: string, dayText: string): CivilDay | undefined {
  const year = Number(yearText);
  const month = Number(monthText);
  const dom = Number(dayText);
  if (month < 1 || month > 12 || dom < 1 || dom > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, dom);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why text written as a date ("YYYY-MM-DD", alone or starting a date-time) names no real
 * day: "2026-02-30 does not exist: February 2026 has 28 days". Undefined when the date is
 * real or the text is not written as a date at all (then the format is what is wrong).
 */
export function missingDateReason(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?=$|T)/.exec(text);
  if (m === null) return undefined;
  const [written, year, month, dom] = [m[0], Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `${written} does not exist: there is no month ${m[2]}`;
  const days = daysInMonth(year, month);
  if (dom < 1 || dom > days) return `${written} does not exist: ${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

/** Strict "YYYY-MM-DD" naming a real calendar date; anything else gives undefined. */
export function parseDay(text: string): CivilDay | undefined {
  const m = DAY_RE.exec(text);
  if (m === null) return undefined;
  return civilDayOf(m[1]!, m[2]!, m[3]!);
}

/**
 * "YYYY-MM-DD" -> London midnight of that date; or an ISO 8601 date-time WITH an offset
 * ("2026-09-09T10:30:00Z", "2026-09-09T10:30:00.123+01:00", "2026-09-09T10:30+01:00").
 * Fractions beyond milliseconds are truncated. A date-time without an offset, or anything
 * invalid, gives undefined.
 */
export function parseInstant(text: string): Instant | undefined {
  const dayOnly = parseDay(text);
  if (dayOnly !== undefined) return londonMidnight(dayOnly);
  const m = DATE_TIME_RE.exec(text);
  if (m === null) return undefined;
  const day = civilDayOf(m[1]!, m[2]!, m[3]!);
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (day === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  let offset = 0;
  if (m[8] === undefined) {
    const offHours = Number(m[10]);
    const offMinutes = Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (offHours * HOUR_MS + offMinutes * MINUTE_MS);
  }
  return day * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS + seconds * 1000 + millis - offset;
}
