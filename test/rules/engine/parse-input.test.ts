/**
 * Bad input (shared/contracts/simulate.md, exit 2): every problem names the offending
 * event by index and field (`events[7].channel`) or the learner field
 * (`learner.startDate`), and all problems are reported at once.
 */
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import type { InputIssue } from '../../../src/rules/issues.js';

const LEARNER = { id: 'L1', programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01' };
const GOOD = { type: 'session.attended', at: '2026-09-08' };

function issues(json: unknown): readonly InputIssue[] {
  const parsed = parseSimulationInput(json);
  if (parsed.ok) throw new Error('expected the input to be refused');
  return parsed.issues;
}
/** The issues for one bad event, placed second (index 1) after a good one. */
const forEvent = (event: unknown) => issues({ learner: LEARNER, events: [GOOD, event] });
const paths = (list: readonly InputIssue[]) => list.map((i) => i.path);

/**
 * Every event type of the contract (and `appeal.lodged`): one field it requires (always at
 * least `at`) and one field given with the wrong type.
 */
const TYPES: [type: string, valid: Record<string, unknown>, required: string[], wrong: [field: string, value: unknown]][] = [
  ['session.attended', {}, ['at'], ['at', 20260908]],
  ['session.missed', { notice: true }, ['at'], ['notice', 'yes']],
  ['visit.attended', {}, ['at'], ['id', 7]],
  ['visit.missed', { notice: false }, ['at'], ['notice', 1]],
  ['visit.cancelled', { by: 'employer' }, ['at'], ['by', true]],
  ['submission.made', {}, ['at'], ['at', true]],
  ['submission.missed', {}, ['at'], ['at', ['2026-09-08']]],
  ['progress', { actual: 20, planned: 30 }, ['at', 'actual', 'planned'], ['planned', '30']],
  ['activity', { source: 'e-portfolio' }, ['at'], ['source', 5]],
  ['work.absence', { explained: false }, ['at', 'explained'], ['explained', 'no']],
  ['employment.ended', {}, ['at'], ['at', {}]],
  ['concern.raised', { category: 'wellbeing' }, ['at', 'category'], ['category', 3]],
  ['contact', { channel: 'phone', outcome: 'reached', with: 'employer' }, ['at', 'channel', 'outcome'], ['with', 1]],
  ['stage.entered', { stage: 'stage-2' }, ['at', 'stage'], ['stage', 2]],
  ['decision', { outcome: 'escalate', stage: 'stage-3' }, ['at', 'outcome'], ['stage', 3]],
  ['review.held', { stage: 'stage-3' }, ['at'], ['stage', false]],
  ['plan.agreed', { kind: 'support' }, ['at', 'kind'], ['kind', 1]],
  ['appeal.lodged', { by: 'learner' }, ['at'], ['by', 0]],
];

describe.each(TYPES)('%s', (type, valid, required, [wrongField, wrongValue]) => {
  const whole = { type, at: '2026-09-08', ...valid };

  test('a complete event is accepted', () => {
    const parsed = parseSimulationInput({ learner: LEARNER, events: [GOOD, whole] });
    expect(parsed.ok).toBe(true);
  });

  test.each(required)('missing "%s": an issue at events[1].<field> saying it is required', (field) => {
    const event: Record<string, unknown> = { ...whole };
    delete event[field];
    const found = forEvent(event);
    expect(paths(found)).toEqual([`events[1].${field}`]);
    expect(found[0]!.message).toMatch(/^is required/);
  });

  test(`"${wrongField}" of the wrong type: an issue at events[1].${wrongField}`, () => {
    const found = forEvent({ ...whole, [wrongField]: wrongValue });
    expect(paths(found)).toEqual([`events[1].${wrongField}`]);
    expect(found[0]!.message).toMatch(/^must be /);
  });
});

describe('events', () => {
  test('an unknown type names events[i].type', () => {
    const found = forEvent({ type: 'session.skipped', at: '2026-09-08' });
    expect(paths(found)).toEqual(['events[1].type']);
    expect(found[0]!.message).toMatch(/^unknown event type "session.skipped"; expected one of session.attended, /);
  });

  test('a missing type names events[i].type', () => {
    expect(paths(forEvent({ at: '2026-09-08' }))).toEqual(['events[1].type']);
  });

  test.each([['a string', 'progress'], ['null', null], ['a number', 5], ['an array', [GOOD]]])('an event that is %s names events[i]', (_, event) => {
    expect(forEvent(event)).toEqual([{ path: 'events[1]', message: 'must be an object with a "type" and an "at"' }]);
  });

  const FORMAT = 'must be a date (YYYY-MM-DD) or an ISO date-time with an offset (2026-09-09T10:30:00Z)';
  test.each([
    ['a date-time without an offset', '2026-09-09T10:30:00', FORMAT],
    ['an impossible calendar date', '2026-02-30', 'is not a real date: 2026-02-30 does not exist: February 2026 has 28 days'],
    ['an impossible date in a date-time', '2026-02-30T10:30:00Z', 'is not a real date: 2026-02-30 does not exist: February 2026 has 28 days'],
    ['a month that does not exist', '2026-13-01', 'is not a real date: 2026-13-01 does not exist: there is no month 13'],
    ['the 29th of February in a leap year (a real date) without an offset', '2028-02-29T10:30:00', FORMAT],
    ['a date in another format', '09/09/2026', FORMAT],
  ])('`at` as %s names events[i].at', (_, at, message) => {
    const found = forEvent({ type: 'activity', at });
    expect(paths(found)).toEqual(['events[1].at']);
    expect(found[0]!.message).toBe(message);
  });

  test('an event before the start date names events[i].at', () => {
    expect(forEvent({ type: 'activity', at: '2026-08-31T23:59:59+01:00' })).toEqual([
      { path: 'events[1].at', message: "is before the learner's start date (learner.startDate)" },
    ]);
  });

  test('an event at the first instant of the start date is accepted', () => {
    expect(parseSimulationInput({ learner: LEARNER, events: [{ type: 'activity', at: '2026-08-31T23:00:00Z' }] }).ok).toBe(true);
  });

  test.each([
    ['actual', { actual: 101, planned: 50 }],
    ['actual', { actual: -1, planned: 50 }],
    ['planned', { actual: 10, planned: 100.5 }],
  ])('progress %s outside 0-100 names events[i].%s', (field, values) => {
    expect(paths(forEvent({ type: 'progress', at: '2026-09-08', ...values }))).toEqual([`events[1].${field}`]);
  });

  test('a contact channel not in the list names events[i].channel and lists the channels', () => {
    expect(forEvent({ type: 'contact', at: '2026-09-08', channel: 'sms', outcome: 'reached' })).toEqual([
      { path: 'events[1].channel', message: 'must be one of "phone", "email", "meeting", "visit", "message", "letter"' },
    ]);
  });

  test.each([
    ['missing', undefined, 'is required (an array of events)'],
    ['an object', { 0: GOOD }, 'must be an array of events'],
    ['a string', 'events', 'must be an array of events'],
  ])('events %s names `events`', (_, events, message) => {
    expect(issues({ learner: LEARNER, events })).toEqual([{ path: 'events', message }]);
  });

  test('the top level must be an object', () => {
    expect(issues([LEARNER])).toEqual([{ path: '(top level)', message: 'must be an object with "learner" and "events"' }]);
  });
});

describe('learner', () => {
  test.each(['id', 'programme', 'nation', 'startDate'])('missing learner.%s is named', (field) => {
    const learner: Record<string, unknown> = { ...LEARNER };
    delete learner[field];
    const found = issues({ learner, events: [] });
    expect(paths(found)).toEqual([`learner.${field}`]);
    expect(found[0]!.message).toMatch(/^is required/);
  });

  test.each([
    ['programme', 'apprentice'],
    ['nation', 'uk'],
    ['startDate', '2026-02-30'],
    ['startDate', '1 September 2026'],
    ['plannedEndDate', '2027-13-01'],
    ['id', ''],
  ])('learner.%s = %j is named', (field, value) => {
    expect(paths(issues({ learner: { ...LEARNER, [field]: value }, events: [] }))).toEqual([`learner.${field}`]);
  });

  test('a missing learner names `learner`', () => {
    expect(paths(issues({ events: [] }))).toEqual(['learner']);
  });
});

describe('all problems are reported at once', () => {
  test('two bad events: both paths, in order', () => {
    const found = issues({
      learner: LEARNER,
      events: [{ type: 'contact', at: '2026-09-08', channel: 'sms', outcome: 'reached' }, GOOD, { type: 'progress', at: '2026-09-08', actual: 120, planned: 50 }],
    });
    expect(paths(found)).toEqual(['events[0].channel', 'events[2].actual']);
  });

  test('a bad learner and bad events together', () => {
    const found = issues({
      learner: { ...LEARNER, nation: undefined },
      events: [{ type: 'nope', at: '2026-09-08' }, GOOD, { type: 'decision', at: '2026-09-08' }, 'x'],
    });
    expect(paths(found)).toEqual(['learner.nation', 'events[0].type', 'events[2].outcome', 'events[3]']);
  });

  test('one event with two problems: both fields', () => {
    expect(paths(forEvent({ type: 'contact', at: 'soon', channel: 'pigeon' }))).toEqual(['events[1].at', 'events[1].channel', 'events[1].outcome']);
  });
});
