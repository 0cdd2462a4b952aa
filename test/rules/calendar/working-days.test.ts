import fc from 'fast-check';
import {
  NATIONS,
  addWorkingDays,
  bankHolidays,
  formatDay,
  isWorkingDay,
  parseDay,
  subtractWorkingDays,
  weekday,
  workingDaysBetween,
  type Nation,
} from '../../../src/rules/calendar/index.js';

const day = (text: string): number => {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`bad test date ${text}`);
  return d;
};
const dates = (nation: Nation, year: number): string[] => [...bankHolidays(nation, year).keys()].map(formatDay);
const add = (nation: Nation, from: string, n: number): string => formatDay(addWorkingDays(nation, day(from), n));
const subtract = (nation: Nation, from: string, n: number): string => formatDay(subtractWorkingDays(nation, day(from), n));

/** Bank holidays as published on https://www.gov.uk/bank-holidays (observed dates). */
const GOV_UK: Record<'england-and-wales' | 'scotland' | 'northern-ireland', Record<number, string[]>> = {
  'england-and-wales': {
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  },
  scotland: {
    2025: ['01-01', '01-02', '04-18', '05-05', '05-26', '08-04', '12-01', '12-25', '12-26'],
    2026: ['01-01', '01-02', '04-03', '05-04', '05-25', '08-03', '11-30', '12-25', '12-28'],
    2027: ['01-01', '01-04', '03-26', '05-03', '05-31', '08-02', '11-30', '12-27', '12-28'],
  },
  'northern-ireland': {
    2025: ['01-01', '03-17', '04-18', '04-21', '05-05', '05-26', '07-14', '08-25', '12-25', '12-26'],
    2026: ['01-01', '03-17', '04-03', '04-06', '05-04', '05-25', '07-13', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-17', '03-26', '03-29', '05-03', '05-31', '07-12', '08-30', '12-27', '12-28'],
  },
};
const listFor = (nation: Nation) =>
  GOV_UK[nation === 'england' || nation === 'wales' ? 'england-and-wales' : nation];

describe('bankHolidays', () => {
  for (const nation of NATIONS) {
    for (const year of [2025, 2026, 2027]) {
      test(`${nation} ${year} matches gov.uk exactly`, () => {
        expect(dates(nation, year)).toEqual(listFor(nation)[year]!.map((md) => `${year}-${md}`));
      });
    }
  }

  test('England and Wales share one list', () => {
    for (let year = 2020; year <= 2035; year += 1) {
      expect([...bankHolidays('wales', year)]).toEqual([...bankHolidays('england', year)]);
    }
  });

  test('names the holidays, including substitute days', () => {
    const england2026 = bankHolidays('england', 2026);
    expect(england2026.get(day('2026-04-03'))).toBe('Good Friday');
    expect(england2026.get(day('2026-12-28'))).toBe('Boxing Day (substitute day)');
    expect(bankHolidays('northern-ireland', 2026).get(day('2026-07-13'))).toMatch(/Boyne.*substitute/);
  });

  test('never lists a weekend: a weekend holiday is observed on its substitute day', () => {
    for (const nation of NATIONS) {
      for (let year = 2020; year <= 2035; year += 1) {
        for (const d of bankHolidays(nation, year).keys()) expect([0, 6]).not.toContain(weekday(d));
      }
    }
    expect(bankHolidays('england', 2026).has(day('2026-12-26'))).toBe(false);
  });

  test('includes the one-off holidays of 2022 and 2023', () => {
    expect(dates('england', 2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(dates('scotland', 2023)).toEqual(expect.arrayContaining(['2023-05-08']));
  });

  test('is cached: the same map comes back for the same nation and year', () => {
    expect(bankHolidays('scotland', 2026)).toBe(bankHolidays('scotland', 2026));
  });
});

describe('isWorkingDay', () => {
  test('weekdays are working days unless they are bank holidays in that nation', () => {
    expect(isWorkingDay('england', day('2026-09-22'))).toBe(true);
    expect(isWorkingDay('england', day('2026-09-26'))).toBe(false); // Saturday
    expect(isWorkingDay('england', day('2026-09-27'))).toBe(false); // Sunday
    expect(isWorkingDay('england', day('2026-03-17'))).toBe(true);
    expect(isWorkingDay('northern-ireland', day('2026-03-17'))).toBe(false);
    expect(isWorkingDay('scotland', day('2026-08-31'))).toBe(true);
    expect(isWorkingDay('wales', day('2026-08-31'))).toBe(false);
  });

  test('rejects an unknown nation', () => {
    expect(() => isWorkingDay('cornwall' as Nation, day('2026-09-22'))).toThrow(RangeError);
  });
});

describe('addWorkingDays and subtractWorkingDays', () => {
  test('5 working days after Tue 22 Sep 2026 is Tue 29 Sep', () => {
    expect(add('england', '2026-09-22', 5)).toBe('2026-09-29');
  });

  test('n = 0 returns the day itself, even a weekend', () => {
    expect(add('england', '2026-09-26', 0)).toBe('2026-09-26');
    expect(subtract('england', '2026-09-26', 0)).toBe('2026-09-26');
  });

  test('a deadline across Christmas 2026 skips 25 and 28 Dec and 1 Jan; Scotland also skips 4 Jan', () => {
    expect(add('england', '2026-12-23', 5)).toBe('2027-01-04');
    expect(add('northern-ireland', '2026-12-23', 5)).toBe('2027-01-04');
    expect(add('scotland', '2026-12-23', 5)).toBe('2027-01-05');
    expect(subtract('england', '2027-01-04', 5)).toBe('2026-12-23');
  });

  test('across Easter 2027 England skips Good Friday and Easter Monday, Scotland only Good Friday', () => {
    expect(add('england', '2027-03-24', 5)).toBe('2027-04-02');
    expect(add('wales', '2027-03-24', 5)).toBe('2027-04-02');
    expect(add('scotland', '2027-03-24', 5)).toBe('2027-04-01');
    expect(subtract('england', '2027-03-30', 1)).toBe('2027-03-25');
    expect(subtract('scotland', '2027-03-30', 1)).toBe('2027-03-29');
  });

  test('across the May 2027 bank holidays (3 May and 31 May)', () => {
    expect(add('england', '2027-04-30', 1)).toBe('2027-05-04');
    expect(add('england', '2027-04-30', 10)).toBe('2027-05-17');
    expect(add('scotland', '2027-05-27', 3)).toBe('2027-06-02');
  });

  test('Scotland loses 2 Jan, Northern Ireland loses 17 March', () => {
    expect(add('scotland', '2025-12-31', 1)).toBe('2026-01-05');
    expect(add('england', '2025-12-31', 1)).toBe('2026-01-02');
    expect(add('northern-ireland', '2026-03-16', 1)).toBe('2026-03-18');
    expect(add('england', '2026-03-16', 1)).toBe('2026-03-17');
  });

  test('reject negative or fractional counts', () => {
    expect(() => addWorkingDays('england', day('2026-09-22'), -1)).toThrow(RangeError);
    expect(() => subtractWorkingDays('england', day('2026-09-22'), 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  test('counts working days in (from, to]', () => {
    expect(workingDaysBetween('england', day('2026-09-22'), day('2026-09-29'))).toBe(5);
    expect(workingDaysBetween('england', day('2026-12-23'), day('2027-01-04'))).toBe(5);
    expect(workingDaysBetween('scotland', day('2026-12-23'), day('2027-01-04'))).toBe(4);
    expect(workingDaysBetween('england', day('2026-09-25'), day('2026-09-27'))).toBe(0); // Fri -> Sun
  });

  test('is 0 when to <= from', () => {
    expect(workingDaysBetween('england', day('2026-09-22'), day('2026-09-22'))).toBe(0);
    expect(workingDaysBetween('england', day('2026-09-29'), day('2026-09-22'))).toBe(0);
  });

  test('a whole year: 261 weekdays in 2026 less each nation’s bank holidays', () => {
    const from = day('2025-12-31');
    const to = day('2026-12-31');
    expect(workingDaysBetween('england', from, to)).toBe(253);
    expect(workingDaysBetween('scotland', from, to)).toBe(252);
    expect(workingDaysBetween('northern-ireland', from, to)).toBe(251);
  });
});

describe('working-day properties, every nation, days in 2020-2035, n in 0..60', () => {
  const nation = fc.constantFrom(...NATIONS);
  const anyDay = fc.integer({ min: day('2020-01-01'), max: day('2035-12-31') });
  const count = fc.integer({ min: 0, max: 60 });
  const isHoliday = (nat: Nation, d: number) => bankHolidays(nat, Number(formatDay(d).slice(0, 4))).has(d);

  test('addWorkingDays with n >= 1 never lands on a weekend or bank holiday', () => {
    fc.assert(
      fc.property(nation, anyDay, fc.integer({ min: 1, max: 60 }), (nat, d, n) => {
        const result = addWorkingDays(nat, d, n);
        return ![0, 6].includes(weekday(result)) && !isHoliday(nat, result) && isWorkingDay(nat, result);
      }),
    );
  });

  test('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(nation, anyDay, count, (nat, d, n) => addWorkingDays(nat, d, n + 1) > addWorkingDays(nat, d, n)),
    );
  });

  test('subtractWorkingDays undoes addWorkingDays from a working day, and rounds back otherwise', () => {
    fc.assert(
      fc.property(nation, anyDay, count, (nat, d, n) => {
        const back = subtractWorkingDays(nat, addWorkingDays(nat, d, n), n);
        if (isWorkingDay(nat, d)) return back === d;
        return back <= d && (n === 0 ? back === d : isWorkingDay(nat, back));
      }),
    );
  });

  test('workingDaysBetween(d, addWorkingDays(d, n)) is n', () => {
    fc.assert(
      fc.property(nation, anyDay, count, (nat, d, n) => workingDaysBetween(nat, d, addWorkingDays(nat, d, n)) === n),
    );
  });

  test('workingDaysBetween agrees with counting day by day', () => {
    fc.assert(
      fc.property(nation, anyDay, fc.integer({ min: -30, max: 800 }), (nat, from, span) => {
        let expected = 0;
        for (let d = from + 1; d <= from + span; d += 1) if (isWorkingDay(nat, d)) expected += 1;
        return workingDaysBetween(nat, from, from + span) === expected;
      }),
      { numRuns: 300 },
    );
  });
});
