/**
 * Timers (shared/contracts/simulate.md, "Timers"): a timer of N days after an event at T
 * fires at T + N calendar days, London wall-clock. `nextWakeUp` is the earliest pending
 * timer, so the scheduler wakes the case exactly then; an event at exactly that instant
 * is applied before the timer.
 */
import { addLondonDays, formatLondon, londonMidnight, parseDay } from '../../../src/rules/calendar/index.js';
import { evaluate, foldEvents, nextWakeUp, startCase } from '../../../src/rules/engine/engine.js';
import { toOutput } from '../../../src/rules/engine/timeline.js';
import type { Learner, LearnerEvent } from '../../../src/rules/events/learner-event.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { DEFAULT_LEARNER, simulate, type EventJson } from '../scenario.js';

function input(events: EventJson[]): { learner: Learner; events: LearnerEvent[] } {
  const parsed = parseSimulationInput({ learner: DEFAULT_LEARNER, events });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** A stage that sets a 3-working-day task, and a 42-day inactivity alert. */
const TINY = (() => {
  const parsed = parsePack({
    id: 'tiny',
    version: '1.0.0',
    name: 'Tiny',
    provider: 'Test',
    source: 'test',
    roles: [{ id: 'coach', name: 'Coach' }],
    triggers: [
      {
        id: 'idle',
        kind: 'inactivity',
        resetBy: [{ type: 'activity' }],
        days: 42,
        description: 'no activity for 42 days',
        source: 'test',
        effects: [{ do: 'alert' }],
      },
    ],
    stages: [{ id: 'watch', name: 'Watch', formal: false, owner: 'coach', onEnter: [{ do: 'task', task: 'call' }], source: 'test' }],
    tasks: [{ id: 'call', title: 'Call', role: 'coach', due: { workingDays: 3 }, doneWhen: { events: [{ type: 'contact' }] }, source: 'test' }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
})();

const START = londonMidnight(parseDay('2026-09-01')!);

describe('nextWakeUp', () => {
  test('a new apprentice under mtt wakes 42 days after the start date (no recorded progress within 42 days)', () => {
    const { learner } = input([]);
    const start = startCase(builtinPack('mtt')!, learner);
    expect(formatLondon(start.nextWakeUp!)).toBe('2026-10-13T00:00:00.000+01:00');
    expect(nextWakeUp(builtinPack('mtt')!, learner, start.state)).toBe(start.nextWakeUp);
  });

  test('42 days after progress at 15:00 BST is 15:00 GMT: calendar days on the London wall clock, across the clock change', () => {
    const { learner, events } = input([{ type: 'progress', at: '2026-09-20T15:00:00+01:00', actual: 20, planned: 20 }]);
    const result = evaluate(builtinPack('mtt')!, learner, events, events[0]!.at);
    expect(result.ok && formatLondon(result.nextWakeUp!)).toBe('2026-11-01T15:00:00.000+00:00');
  });

  test("the earliest timer wins: a task's overdue instant before the inactivity instant", () => {
    // Thu 10 Sep 2026 + 3 working days = Tue 15 Sep; overdue as 16 Sep begins in London.
    const { learner, events } = input([{ type: 'stage.entered', at: '2026-09-10', stage: 'watch' }]);
    const result = evaluate(TINY, learner, events, events[0]!.at);
    expect(result.ok && formatLondon(result.nextWakeUp!)).toBe('2026-09-16T00:00:00.000+01:00');
  });

  test('null when nothing is pending: makers has no elapsed-time trigger and no task is open', () => {
    const { learner, events } = input([{ type: 'progress', at: '2026-10-01', actual: 40, planned: 50 }]);
    expect(startCase(builtinPack('makers')!, learner).nextWakeUp).toBeNull();
    const result = evaluate(builtinPack('makers')!, learner, events, events[0]!.at);
    expect(result.ok && result.nextWakeUp).toBeNull();
  });

  test('folding with `now` = the wake-up fires exactly that timer; a millisecond earlier fires nothing', () => {
    const { learner, events } = input([{ type: 'stage.entered', at: '2026-09-10', stage: 'watch' }]);
    const entered = evaluate(TINY, learner, events, events[0]!.at);
    if (!entered.ok) throw new Error(entered.refusal.message);
    const wake = entered.nextWakeUp!;

    const early = foldEvents(TINY, learner, entered.state, [], wake - 1);
    expect(early.ok && early.timeline).toEqual([]);
    expect(early.ok && early.nextWakeUp).toBe(wake);

    const due = foldEvents(TINY, learner, entered.state, [], wake);
    if (!due.ok) throw new Error(due.refusal.message);
    expect(due.timeline.map(toOutput)).toEqual([
      { at: '2026-09-16T00:00:00.000+01:00', kind: 'overdue', task: 'call', role: 'coach', due: '2026-09-15' },
    ]);
    // Next: 42 days after the start date with no activity.
    expect(due.nextWakeUp).toBe(addLondonDays(START, 42));

    const idle = foldEvents(TINY, learner, due.state, [], due.nextWakeUp!);
    if (!idle.ok) throw new Error(idle.refusal.message);
    expect(idle.timeline.map(toOutput)).toEqual([{ at: '2026-10-13T00:00:00.000+01:00', kind: 'alert', reasons: ['no activity for 42 days'] }]);
    expect(idle.nextWakeUp).toBeNull(); // fired once; it re-arms only on activity
  });

  test('a completed task no longer wakes the case', () => {
    const { learner, events } = input([
      { type: 'stage.entered', at: '2026-09-10', stage: 'watch' },
      { type: 'contact', at: '2026-09-11', channel: 'phone', outcome: 'reached' },
    ]);
    const result = evaluate(TINY, learner, events, events[1]!.at);
    expect(result.ok && result.nextWakeUp).toBe(addLondonDays(START, 42));
  });
});

describe('ties: an event at exactly the instant a timer falls due is applied first', () => {
  // The wording is the mtt pack's own (its trigger description), read from the pack.
  const NO_PROGRESS = builtinPack('mtt')!.triggers.find((t) => t.id === 'no-progress-in-42-days')!.description;

  test('progress at start + 42 days, 00:00 London, prevents the mtt 42-day alert', () => {
    const run = simulate('mtt', [{ type: 'progress', at: '2026-10-13', actual: 20, planned: 20 }], '2026-11-20');
    expect(run.of('alert')).toEqual([]);
    expect(run.nextWakeUp).toBe(addLondonDays(londonMidnight(parseDay('2026-10-13')!), 42));
  });

  test('one millisecond later is too late: the alert fires at start + 42 days', () => {
    const run = simulate('mtt', [{ type: 'progress', at: '2026-10-13T00:00:00.001+01:00', actual: 20, planned: 20 }]);
    expect(run.of('alert')).toEqual([{ at: '2026-10-13T00:00:00.000+01:00', kind: 'alert', reasons: [NO_PROGRESS] }]);
  });

  test('the same holds when the event is folded onto a stored state woken just before', () => {
    const p: Pack = builtinPack('mtt')!;
    const { learner, events } = input([{ type: 'progress', at: '2026-10-13', actual: 20, planned: 20 }]);
    const due = addLondonDays(START, 42);
    expect(events[0]!.at).toBe(due);
    const woken = foldEvents(p, learner, startCase(p, learner).state, [], due - 1);
    if (!woken.ok) throw new Error(woken.refusal.message);
    const folded = foldEvents(p, learner, woken.state, events, due);
    expect(folded.ok && folded.timeline).toEqual([]);
  });
});
