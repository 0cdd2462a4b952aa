/**
 * The bank holidays the engine uses, straight from `date-holidays`: shared by the table's
 * generator (bank-holiday-table.mjs) and the test that checks the table against the package.
 */
import Holidays from 'date-holidays';

export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2099;
export const REGIONS = ['ENG', 'SCT', 'NIR'];

/** "YYYY-MM-DD Name" for each observed weekday holiday of `region`, in date order. */
export function holidayLines(region, first = FIRST_YEAR, last = LAST_YEAR) {
  const calendar = new Holidays('GB', region, { types: ['public', 'bank'], languages: ['en'] });
  const lines = [];
  for (let year = first; year <= last; year++) {
    const seen = new Map();
    for (const holiday of calendar.getHolidays(year, 'en')) {
      if (holiday.type !== 'public' && holiday.type !== 'bank') continue;
      // `date` is the London date as "YYYY-MM-DD hh:mm:ss"; `start` in UTC can be the day before.
      const day = holiday.date.slice(0, 10);
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue; // never observed on a weekend; the substitute day is listed
      if (!seen.has(day)) seen.set(day, holiday.name);
    }
    for (const [day, name] of [...seen].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`${day} ${name}`);
  }
  return lines;
}
