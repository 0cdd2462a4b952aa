/**
 * Task nudges (issue 3): one working day before the due date and on it, at 09:00 London,
 * and when the task becomes overdue; each with a key so it is sent once.
 */
import { londonInstant, parseDay } from '../../../src/rules/calendar/index.js';
import { evaluate } from '../../../src/rules/engine/engine.js';
import { nextNudgeAfter, nudgesDue, taskNudges } from '../../../src/rules/engine/nudges.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { DEFAULT_LEARNER } from '../scenario.js';

const at = (day: string, minute = 0) => londonInstant(parseDay(day)!, minute);


function stateAfter(events: object[], nation: 'england' | 'scotland' = 'england', until = '2026-12-23') {
  const input = parseSimulationInput({ learner: { ...DEFAULT_LEARNER, nation }, events });
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const result = evaluate(builtinPack('mtt')!, input.value.learner, input.value.events, at(until, 12 * 60));
  if (!result.ok) throw new Error(result.refusal.message);
  return result.state;
}

test('mtt Stage 1 entered Wed 23 Dec 2026 (welfare checks due Mon 4 Jan 2027): nudges on 31 Dec, 4 Jan and as 5 Jan begins', () => {
  // 5 working days after 23 Dec in England: 24 (1), 29 (2), 30 (3), 31 (4), 4 Jan (5);
  // 25 and 28 Dec and 1 Jan are bank holidays. The working day before 4 Jan is 31 Dec. GMT: 09:00 = 09:00Z.
  const state = stateAfter([{ type: 'stage.entered', at: '2026-12-23T10:00:00Z', stage: 'stage-1' }]);
  const nudges = taskNudges(state, 'england');
  expect(nudges.map((n) => [n.kind, n.task, n.due, new Date(n.at).toISOString()])).toEqual([
    ['before-due', 'stage-1-welfare-checks', '2027-01-04', '2026-12-31T09:00:00.000Z'],
    ['due', 'stage-1-welfare-checks', '2027-01-04', '2027-01-04T09:00:00.000Z'],
    ['overdue', 'stage-1-welfare-checks', '2027-01-04', '2027-01-05T00:00:00.000Z'],
  ]);
  expect(new Set(nudges.map((n) => n.key)).size).toBe(3);
  expect(nudges[0]!.key).toBe(`nudge:L1:stage-1-welfare-checks:${Date.parse('2026-12-23T10:00:00Z')}:before-due`);
});

test('in Scotland the working day before a due date skips 1 and 4 January', () => {
  // Scotland: 24 (1), 29 (2), 30 (3), 31 (4), 5 Jan (5) -- 1, 2 (substitute 4 Jan) are bank holidays.
  const state = stateAfter([{ type: 'stage.entered', at: '2026-12-23T10:00:00Z', stage: 'stage-1' }], 'scotland');
  expect(taskNudges(state, 'scotland').map((n) => [n.kind, new Date(n.at).toISOString()])).toEqual([
    ['before-due', '2026-12-31T09:00:00.000Z'],
    ['due', '2027-01-05T09:00:00.000Z'],
    ['overdue', '2027-01-06T00:00:00.000Z'],
  ]);
});

test('nudgesDue and nextNudgeAfter split the schedule at now, BST included', () => {
  // Stage 1 on Tue 22 Sep 2026: due Tue 29 Sep; 09:00 BST = 08:00 UTC.
  const state = stateAfter([{ type: 'stage.entered', at: '2026-09-22T12:00:00+01:00', stage: 'stage-1' }], 'england', '2026-09-22');
  const now = Date.parse('2026-09-28T08:30:00Z');
  expect(nudgesDue(state, 'england', now).map((n) => n.kind)).toEqual(['before-due']);
  expect(nextNudgeAfter(state, 'england', now)).toBe(Date.parse('2026-09-29T08:00:00Z'));
  expect(nextNudgeAfter(state, 'england', Date.parse('2026-10-01T00:00:00Z'))).toBeNull();
});

test('a completed task has no nudges', () => {
  const state = stateAfter(
    [
      { type: 'stage.entered', at: '2026-09-22T12:00:00+01:00', stage: 'stage-1' },
      { type: 'contact', at: '2026-09-23T10:00:00+01:00', channel: 'phone', outcome: 'no_answer' },
      { type: 'contact', at: '2026-09-23T11:00:00+01:00', channel: 'email', outcome: 'no_response' },
    ],
    'england',
    '2026-09-23',
  );
  expect(taskNudges(state, 'england')).toEqual([]);
});
