/**
 * UK working days per nation: Monday to Friday, excluding that nation's bank holidays.
 *
 * PURE: no clock, no environment, no I/O. Bank holidays come from `date-holidays`, through a
 * table generated from it for 1970-2099 (bank-holiday-table.ts, written by
 * scripts/bank-holiday-table.mjs and checked against the package by a test): loading the
 * package itself took about 0.3 s of every command's start. A year outside the table is an
 * error, not a guess.
 *
 * Data checks against gov.uk (https://www.gov.uk/bank-holidays), done for 2020 and 2022–2027 with
 * date-holidays 3.37.0, all four nations:
 * - Every observed date (including substitute days and the one-offs of 2020, 2022 and 2023)
 *   matches gov.uk.
 * - One systematic difference: date-holidays also lists the original date when a holiday falls on
 *   a weekend (e.g. "Boxing Day" on Sat 26 Dec 2026 beside "Boxing Day (substitute day)" on Mon
 *   28 Dec; St Andrew's Day on Sun 30 Nov 2025; the Boyne on Sun 12 Jul 2026). gov.uk lists only
 *   the observed weekday. We drop weekend dates, so `bankHolidays` matches gov.uk exactly (working
 *   day counts are unaffected, since weekends are never working days anyway).
 * - Names are date-holidays' English names, which differ slightly from gov.uk's wording in places
 *   (e.g. "January 2nd" for gov.uk's "2 January").
 * Corrections, if date-holidays ever disagrees with gov.uk (or a new one-off holiday is announced
 * before the package knows about it), go in `OVERRIDES` below, with the source in a comment.
 */
import { BANK_HOLIDAY_LINES, FIRST_YEAR, LAST_YEAR } from './bank-holiday-table.js';
import { civilYear, parseDay, weekday, type CivilDay } from './london-time.js';

export type Nation = 'england' | 'wales' | 'scotland' | 'northern-ireland';

export const NATIONS: readonly Nation[] = Object.freeze([
  'england',
  'wales',
  'scotland',
  'northern-ireland',
] as const);

/** date-holidays' region per nation. England and Wales share one list of bank holidays. */
type Region = 'ENG' | 'SCT' | 'NIR';
const REGION_OF: Readonly<Record<Nation, Region>> = Object.freeze({
  england: 'ENG',
  wales: 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
});

interface Override {
  regions: readonly Region[];
  /** "YYYY-MM-DD" */
  date: string;
  /** holiday name to add, or null to remove a date date-holidays reports wrongly */
  name: string | null;
}

/** Corrections to date-holidays, applied after it. None needed as of date-holidays 3.37.0. */
const OVERRIDES: readonly Override[] = [];

function regionOf(nation: Nation): Region {
  const region = REGION_OF[nation];
  if (region === undefined) throw new RangeError(`Unknown nation: ${String(nation)}`);
  return region;
}

const holidayCache = new Map<Region, Map<number, ReadonlyMap<CivilDay, string>>>();

function isWeekend(day: CivilDay): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The region's table, by year: read once, on first use. */
const tables = new Map<Region, Map<number, Map<CivilDay, string>>>();

function tableFor(region: Region): Map<number, Map<CivilDay, string>> {
  let byYear = tables.get(region);
  if (byYear === undefined) {
    byYear = new Map();
    for (const line of BANK_HOLIDAY_LINES[region].split('\n')) {
      if (line === '') continue;
      const day = parseDay(line.slice(0, 10));
      if (day === undefined) throw new Error(`bank-holiday-table.ts: unreadable line ${JSON.stringify(line)}`);
      const year = civilYear(day);
      if (!byYear.has(year)) byYear.set(year, new Map());
      byYear.get(year)!.set(day, line.slice(11));
    }
    tables.set(region, byYear);
  }
  return byYear;
}

function loadHolidays(region: Region, year: number): ReadonlyMap<CivilDay, string> {
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`UK bank holidays are known for ${FIRST_YEAR} to ${LAST_YEAR}, not ${year} (scripts/bank-holiday-table.mjs makes the table)`);
  }
  const result = new Map(tableFor(region).get(year) ?? []);
  for (const override of OVERRIDES) {
    const day = parseDay(override.date);
    if (day === undefined || civilYear(day) !== year || !override.regions.includes(region)) continue;
    if (override.name === null) result.delete(day);
    else result.set(day, override.name);
  }
  return new Map([...result].sort((a, b) => a[0] - b[0]));
}

/** That nation's bank holidays in `year` (observed dates, weekdays only): day -> name. Cached. */
export function bankHolidays(nation: Nation, year: number): ReadonlyMap<CivilDay, string> {
  if (!Number.isInteger(year)) throw new RangeError(`Invalid year: ${year}`);
  const region = regionOf(nation);
  let byYear = holidayCache.get(region);
  if (byYear === undefined) {
    byYear = new Map();
    holidayCache.set(region, byYear);
  }
  let holidays = byYear.get(year);
  if (holidays === undefined) {
    holidays = loadHolidays(region, year);
    byYear.set(year, holidays);
  }
  return holidays;
}

function checkDay(day: CivilDay): void {
  if (!Number.isInteger(day)) throw new RangeError(`Invalid civil day: ${day}`);
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working-day count must be a non-negative integer: ${n}`);
}

/** Not a Saturday, not a Sunday, and not a bank holiday in that nation. */
export function isWorkingDay(nation: Nation, day: CivilDay): boolean {
  checkDay(day);
  if (isWeekend(day)) return false;
  return !bankHolidays(nation, civilYear(day)).has(day);
}

/** The nth working day strictly after `day` (n = 0 returns `day` unchanged). */
export function addWorkingDays(nation: Nation, day: CivilDay, n: number): CivilDay {
  checkDay(day);
  checkCount(n);
  let current = day;
  for (let remaining = n; remaining > 0; ) {
    current += 1;
    if (isWorkingDay(nation, current)) remaining -= 1;
  }
  return current;
}

/** The nth working day strictly before `day` (n = 0 returns `day` unchanged). */
export function subtractWorkingDays(nation: Nation, day: CivilDay, n: number): CivilDay {
  checkDay(day);
  checkCount(n);
  let current = day;
  for (let remaining = n; remaining > 0; ) {
    current -= 1;
    if (isWorkingDay(nation, current)) remaining -= 1;
  }
  return current;
}

/** Monday-to-Friday days in (-inf, day], counted from Monday 1970-01-05 (day 4). */
function weekdaysThrough(day: CivilDay): number {
  const sinceMonday = day - 4;
  const weeks = Math.floor(sinceMonday / 7);
  const intoWeek = sinceMonday - weeks * 7; // 0 = Monday ... 6 = Sunday
  return weeks * 5 + Math.min(intoWeek + 1, 5);
}

/** Working days in the half-open range (from, to]; 0 when to <= from. */
export function workingDaysBetween(nation: Nation, from: CivilDay, to: CivilDay): number {
  checkDay(from);
  checkDay(to);
  if (to <= from) return 0;
  let count = weekdaysThrough(to) - weekdaysThrough(from);
  for (let year = civilYear(from + 1), last = civilYear(to); year <= last; year += 1) {
    for (const holiday of bankHolidays(nation, year).keys()) {
      if (holiday > from && holiday <= to && !isWeekend(holiday)) count -= 1;
    }
  }
  return count;
}

