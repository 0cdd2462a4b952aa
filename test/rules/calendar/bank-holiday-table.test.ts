/**
 * The engine's bank holidays come from a table generated from `date-holidays` (so no
 * command pays for loading the package). The table must still be exactly the package's
 * answer, year by year and region by region: after an update of date-holidays that moves
 * a date, this fails until `node scripts/bank-holiday-table.mjs` is run again.
 */
// @ts-expect-error: a plain JavaScript module shared with the generator script
import { holidayLines, FIRST_YEAR, LAST_YEAR, REGIONS } from '../../../scripts/bank-holiday-source.mjs';
import { BANK_HOLIDAY_LINES, FIRST_YEAR as TABLE_FIRST, LAST_YEAR as TABLE_LAST } from '../../../src/rules/calendar/bank-holiday-table.js';
import { bankHolidays, isWorkingDay, type Nation } from '../../../src/rules/calendar/working-days.js';
import { formatDay, parseDay } from '../../../src/rules/calendar/london-time.js';

test('the table covers the years the generator says, for the three regions', () => {
  expect([TABLE_FIRST, TABLE_LAST]).toEqual([FIRST_YEAR, LAST_YEAR]);
  expect(Object.keys(BANK_HOLIDAY_LINES).sort()).toEqual([...(REGIONS as string[])].sort());
});

test.each(REGIONS as string[])('region %s: the table is exactly what date-holidays says, 1970-2099', (region) => {
  const fromPackage: string[] = holidayLines(region);
  const fromTable = BANK_HOLIDAY_LINES[region as keyof typeof BANK_HOLIDAY_LINES].split('\n').filter((l) => l !== '');
  expect(fromTable.length).toBeGreaterThan(8 * (LAST_YEAR - FIRST_YEAR + 1));
  expect(fromTable).toEqual(fromPackage);
});

const NATION_REGION: [Nation, string][] = [['england', 'ENG'], ['wales', 'ENG'], ['scotland', 'SCT'], ['northern-ireland', 'NIR']];

test.each(NATION_REGION)('%s reads its region of the table (every year, every date and name)', (nation, region) => {
  const expected = holidayLines(region).map((line: string) => line);
  const actual: string[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const [day, name] of bankHolidays(nation, year)) actual.push(`${formatDay(day)} ${name}`);
  }
  expect(actual).toEqual(expected);
});

test('a year outside the table is an error naming the years known, never a guess', () => {
  expect(() => bankHolidays('england', FIRST_YEAR - 1)).toThrow(`UK bank holidays are known for ${FIRST_YEAR} to ${LAST_YEAR}, not ${FIRST_YEAR - 1}`);
  expect(() => isWorkingDay('scotland', parseDay(`${LAST_YEAR + 1}-06-01`)!)).toThrow(RangeError);
  expect(bankHolidays('scotland', LAST_YEAR).size).toBeGreaterThan(7);
});
