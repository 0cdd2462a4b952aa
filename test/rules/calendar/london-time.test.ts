import fc from 'fast-check';
import {
  LONDON,
  addLondonDays,
  civilYear,
  formatDay,
  formatLondon,
  londonDay,
  londonInstant,
  londonMidnight,
  parseDay,
  parseInstant,
  weekday,
} from '../../../src/rules/calendar/index.js';

const HOUR = 3_600_000;
const day = (text: string): number => {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`bad test date ${text}`);
  return d;
};
const utc = (text: string): number => Date.parse(text);

const FIRST = day('2020-01-01');
const LAST = day('2035-12-31');
const anyDay = fc.integer({ min: FIRST, max: LAST });
const anyInstant = fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2036-01-01T00:00:00Z') });

/** Independent reference: the London date of an instant according to Intl. */
const intlLondonDate = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' });

describe('civil days', () => {
  test('day 0 is 1970-01-01 and formatDay/parseDay round trip', () => {
    expect(parseDay('1970-01-01')).toBe(0);
    expect(formatDay(0)).toBe('1970-01-01');
    expect(formatDay(day('2026-09-22'))).toBe('2026-09-22');
    expect(formatDay(day('2024-02-29'))).toBe('2024-02-29');
    expect(formatDay(day('2000-02-29'))).toBe('2000-02-29');
    expect(day('2027-01-01') - day('2026-12-31')).toBe(1);
  });

  test('parseDay rejects impossible dates and loose formats', () => {
    for (const bad of [
      '2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00',
      '2026-9-1', '2026-09-1', '26-09-01', '2026/09/01', ' 2026-09-01', '2026-09-01 ', '2026-09-01T00:00:00Z', '', 'tomorrow',
    ]) {
      expect(parseDay(bad)).toBeUndefined();
    }
  });

  test('weekday is 0 for Sunday through 6 for Saturday', () => {
    expect(weekday(day('1970-01-01'))).toBe(4);
    expect(weekday(day('2026-09-22'))).toBe(2);
    expect(weekday(day('2026-03-29'))).toBe(0);
    expect(weekday(day('2026-12-26'))).toBe(6);
    expect(weekday(day('1969-12-31'))).toBe(3);
  });

  test('civilYear gives the calendar year, including at year boundaries', () => {
    expect(civilYear(day('2026-01-01'))).toBe(2026);
    expect(civilYear(day('2026-12-31'))).toBe(2026);
    expect(civilYear(day('1969-12-31'))).toBe(1969);
  });

  test('formatDay and parseDay round trip for every day 2020-2035', () => {
    fc.assert(fc.property(anyDay, (d) => parseDay(formatDay(d)) === d));
  });
});

describe('formatLondon', () => {
  test('uses +00:00 in GMT and +01:00 in BST, with milliseconds and never Z', () => {
    expect(formatLondon(utc('2026-12-01T09:05:00Z'))).toBe('2026-12-01T09:05:00.000+00:00');
    expect(formatLondon(utc('2026-09-21T23:00:00Z'))).toBe('2026-09-22T00:00:00.000+01:00');
    expect(formatLondon(utc('2026-07-01T12:34:56.789Z'))).toBe('2026-07-01T13:34:56.789+01:00');
  });

  test('switches offset at the exact change instants, showing the repeated autumn hour twice', () => {
    expect(formatLondon(utc('2026-03-29T00:59:59.999Z'))).toBe('2026-03-29T00:59:59.999+00:00');
    expect(formatLondon(utc('2026-03-29T01:00:00Z'))).toBe('2026-03-29T02:00:00.000+01:00');
    expect(formatLondon(utc('2026-10-25T00:30:00Z'))).toBe('2026-10-25T01:30:00.000+01:00');
    expect(formatLondon(utc('2026-10-25T01:30:00Z'))).toBe('2026-10-25T01:30:00.000+00:00');
  });

  test('rejects a non-finite instant rather than printing NaN', () => {
    expect(() => formatLondon(Number.NaN)).toThrow(RangeError);
    expect(() => londonDay(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  test('round trips through parseInstant for any instant', () => {
    fc.assert(fc.property(anyInstant, (t) => parseInstant(formatLondon(t)) === t));
  });
});

describe('parseInstant', () => {
  test('a bare date means London midnight, in GMT and in BST', () => {
    expect(parseInstant('2026-12-01')).toBe(utc('2026-12-01T00:00:00Z'));
    expect(parseInstant('2026-09-22')).toBe(utc('2026-09-21T23:00:00Z'));
  });

  test('accepts Z and explicit offsets, with or without seconds and fractions', () => {
    expect(parseInstant('2026-09-09T10:30:00Z')).toBe(utc('2026-09-09T10:30:00Z'));
    expect(parseInstant('2026-09-09T10:30:00.123+01:00')).toBe(utc('2026-09-09T09:30:00.123Z'));
    expect(parseInstant('2026-09-09T10:30+01:00')).toBe(utc('2026-09-09T09:30:00Z'));
    expect(parseInstant('2026-09-09T10:30:00-05:30')).toBe(utc('2026-09-09T16:00:00Z'));
    expect(parseInstant('2026-09-09T10:30:00.1Z')).toBe(utc('2026-09-09T10:30:00.100Z'));
  });

  test('rejects date-times without an offset, impossible values and junk', () => {
    for (const bad of [
      '2026-09-09T10:30:00', '2026-09-09T10:30', '2026-09-09 10:30:00Z', '2026-09-09T24:00:00Z', '2026-09-09T10:60Z',
      '2026-02-30T10:00Z', '2026-09-09T10:30:00+25:00', '2026-09-09T10:30:00+0100', '2026-09-09T10:30:00.Z', 'soon', '',
      '1757413800000',
    ]) {
      expect(parseInstant(bad)).toBeUndefined();
    }
  });
});

describe('londonDay', () => {
  test('around midnight either side of the 2026 and 2027 clock changes', () => {
    // Spring 2026: midnight 28/29 Mar is still GMT; the change is 01:00 GMT on 29 Mar.
    expect(formatDay(londonDay(utc('2026-03-28T23:59:59.999Z')))).toBe('2026-03-28');
    expect(formatDay(londonDay(utc('2026-03-29T00:00:00Z')))).toBe('2026-03-29');
    // The day after: midnight is BST, i.e. 23:00 UTC the evening before.
    expect(formatDay(londonDay(utc('2026-03-29T22:59:59.999Z')))).toBe('2026-03-29');
    expect(formatDay(londonDay(utc('2026-03-29T23:00:00Z')))).toBe('2026-03-30');
    // Autumn 2026: midnight 24/25 Oct is BST; midnight 25/26 Oct is GMT.
    expect(formatDay(londonDay(utc('2026-10-24T22:59:59.999Z')))).toBe('2026-10-24');
    expect(formatDay(londonDay(utc('2026-10-24T23:00:00Z')))).toBe('2026-10-25');
    expect(formatDay(londonDay(utc('2026-10-25T23:59:59.999Z')))).toBe('2026-10-25');
    expect(formatDay(londonDay(utc('2026-10-26T00:00:00Z')))).toBe('2026-10-26');
    // 2027: 28 Mar and 31 Oct.
    expect(formatDay(londonDay(utc('2027-03-27T23:59:59.999Z')))).toBe('2027-03-27');
    expect(formatDay(londonDay(utc('2027-03-28T23:00:00Z')))).toBe('2027-03-29');
    expect(formatDay(londonDay(utc('2027-03-28T22:59:59.999Z')))).toBe('2027-03-28');
    expect(formatDay(londonDay(utc('2027-10-30T23:00:00Z')))).toBe('2027-10-31');
    expect(formatDay(londonDay(utc('2027-10-30T22:59:59.999Z')))).toBe('2027-10-30');
    expect(formatDay(londonDay(utc('2027-11-01T00:00:00Z')))).toBe('2027-11-01');
    expect(formatDay(londonDay(utc('2027-10-31T23:59:59.999Z')))).toBe('2027-10-31');
  });

  test('agrees with Intl for any instant 2020-2035', () => {
    fc.assert(fc.property(anyInstant, (t) => formatDay(londonDay(t)) === intlLondonDate.format(t)), { numRuns: 2000 });
  });

  test('londonDay(londonMidnight(d)) is d, and the millisecond before is d - 1', () => {
    fc.assert(fc.property(anyDay, (d) => londonDay(londonMidnight(d)) === d && londonDay(londonMidnight(d) - 1) === d - 1));
  });
});

describe('londonMidnight and londonInstant', () => {
  test('midnight is 00:00 UTC in winter and 23:00 UTC the day before in summer', () => {
    expect(londonMidnight(day('2026-01-15'))).toBe(utc('2026-01-15T00:00:00Z'));
    expect(londonMidnight(day('2026-03-29'))).toBe(utc('2026-03-29T00:00:00Z'));
    expect(londonMidnight(day('2026-03-30'))).toBe(utc('2026-03-29T23:00:00Z'));
    expect(londonMidnight(day('2026-10-25'))).toBe(utc('2026-10-24T23:00:00Z'));
    expect(londonMidnight(day('2026-10-26'))).toBe(utc('2026-10-26T00:00:00Z'));
  });

  test('londonInstant gives wall-clock times on the London date', () => {
    expect(formatLondon(londonInstant(day('2026-09-09'), 600))).toBe('2026-09-09T10:00:00.000+01:00');
    expect(formatLondon(londonInstant(day('2026-12-01'), 545))).toBe('2026-12-01T09:05:00.000+00:00');
    expect(() => londonInstant(day('2026-12-01'), 1440)).toThrow(RangeError);
    expect(() => londonInstant(day('2026-12-01'), -1)).toThrow(RangeError);
  });

  test('a nonexistent spring-forward time moves forward by the gap', () => {
    expect(formatLondon(londonInstant(day('2026-03-29'), 90))).toBe('2026-03-29T02:30:00.000+01:00');
    expect(formatLondon(londonInstant(day('2026-03-29'), 60))).toBe('2026-03-29T02:00:00.000+01:00');
    expect(formatLondon(londonInstant(day('2026-03-29'), 59))).toBe('2026-03-29T00:59:00.000+00:00');
  });

  test('an ambiguous autumn time resolves to its first (BST) occurrence', () => {
    expect(londonInstant(day('2026-10-25'), 90)).toBe(utc('2026-10-25T00:30:00Z'));
    expect(formatLondon(londonInstant(day('2026-10-25'), 120))).toBe('2026-10-25T02:00:00.000+00:00');
  });
});

describe('addLondonDays', () => {
  test('midnight plus one day is the next midnight: 23 hours in spring, 25 in autumn', () => {
    const spring = londonMidnight(day('2026-03-29'));
    expect(addLondonDays(spring, 1) - spring).toBe(23 * HOUR);
    expect(addLondonDays(spring, 1)).toBe(londonMidnight(day('2026-03-30')));
    const autumn = londonMidnight(day('2026-10-25'));
    expect(addLondonDays(autumn, 1) - autumn).toBe(25 * HOUR);
    expect(addLondonDays(autumn, 1)).toBe(londonMidnight(day('2026-10-26')));
    const spring27 = londonMidnight(day('2027-03-28'));
    expect(addLondonDays(spring27, 1) - spring27).toBe(23 * HOUR);
    const autumn27 = londonMidnight(day('2027-10-31'));
    expect(addLondonDays(autumn27, 1) - autumn27).toBe(25 * HOUR);
  });

  test('keeps the wall-clock time across a change, forwards and backwards', () => {
    const bst = parseInstant('2026-09-22T10:15:30.250+01:00')!;
    expect(formatLondon(addLondonDays(bst, 42))).toBe('2026-11-03T10:15:30.250+00:00');
    expect(formatLondon(addLondonDays(addLondonDays(bst, 42), -42))).toBe('2026-09-22T10:15:30.250+01:00');
    expect(addLondonDays(bst, 0)).toBe(bst);
    expect(formatLondon(addLondonDays(parseInstant('2026-03-28T09:00Z')!, 1))).toBe('2026-03-29T09:00:00.000+01:00');
  });

  test('landing on a nonexistent or ambiguous time follows the londonInstant rules', () => {
    expect(formatLondon(addLondonDays(parseInstant('2026-03-28T01:30Z')!, 1))).toBe('2026-03-29T02:30:00.000+01:00');
    expect(addLondonDays(parseInstant('2026-10-24T01:30+01:00')!, 1)).toBe(utc('2026-10-25T00:30:00Z'));
  });

  test('rejects fractional day counts', () => {
    expect(() => addLondonDays(0, 0.5)).toThrow(RangeError);
  });

  test('addLondonDays(londonMidnight(d), k) is londonMidnight(d + k)', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -400, max: 400 }), (d, k) => addLondonDays(londonMidnight(d), k) === londonMidnight(d + k)),
    );
  });

  test('keeps the London time of day (01:xx in a spring gap becomes 02:xx) for any instant', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: -400, max: 400 }), (t, k) => {
        const original = formatLondon(t);
        const moved = formatLondon(addLondonDays(t, k));
        const sameDate = moved.slice(0, 10) === formatDay(londonDay(t) + k);
        const sameTime = moved.slice(11, 23) === original.slice(11, 23);
        const skippedGap = original.slice(11, 13) === '01' && moved.slice(11, 13) === '02' && moved.slice(13, 23) === original.slice(13, 23);
        return sameDate && (sameTime || skippedGap);
      }),
      { numRuns: 2000 },
    );
  });
});
