/**
 * The register week by week, from known logs under the atl pack: a learner counts in a
 * week only if on the register at its end (Sunday 23:59:59.999 UK time, whatever the
 * clocks did that week), and the breakdowns by stage and by reason add up to the total.
 */
import { parseInstant } from '../../src/rules/calendar/index.js';
import type { CaseState } from '../../src/rules/engine/case-state.js';
import type { TimelineEntry } from '../../src/rules/engine/timeline.js';
import type { LearnerEvent } from '../../src/rules/events/learner-event.js';
import { parseEvent, parseLearner } from '../../src/rules/events/parse-input.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { weekIndexOf, weeksUpTo } from '../../src/web/london-weeks.js';
import { decisionsIn, decisionWeeks, learnerWeeks, overdueTasks, registerWeeks, type RegisterPlace } from '../../src/web/weekly-history.js';

const atl = builtinPack('atl')!;
const parsed = parseLearner({ id: 'T-1', programme: 'apprenticeship', nation: 'england', startDate: '2026-10-01' });
if (!parsed.ok) throw new Error('bad test learner');
const learner = parsed.value;
const at = (text: string) => parseInstant(text)!;
const description = (rule: string) => atl.triggers.find((t) => t.id === rule)!.description;
const RISK = description('risk-factor');
const BEHIND = description('slightly-behind-target');

function events(...inputs: Record<string, unknown>[]): LearnerEvent[] {
  return inputs.map((input, i) => {
    const event = parseEvent(input, `events[${i}]`);
    if (!event.ok) throw new Error(JSON.stringify(event.issues));
    return event.value;
  });
}
const concern = (when: string) => ({ type: 'concern.raised', at: when, category: 'bereavement' });
const backOnTrack = (when: string) => ({ type: 'decision', at: when, outcome: 'de-escalate', note: 'progress is back on plan' });

/** Where the learner stood at the end of each of `weeks`. */
const placesOver = (weeks: ReturnType<typeof weeksUpTo>, ...inputs: Record<string, unknown>[]) => learnerWeeks(atl, learner, events(...inputs), weeks).places;
const on = (reason: string | null, stage: string | null = null): RegisterPlace => ({ stage, reason });

describe('weeks', () => {
  test('Monday to Monday in UK time, the last one read at the moment asked about', () => {
    const weeks = weeksUpTo(at('2026-11-01T12:00:00Z'), 3);
    expect(weeks.map((w) => w.start)).toEqual(['2026-10-12', '2026-10-19', '2026-10-26']);
    // BST: the week starts at 23:00 UTC on the Sunday before.
    expect(weeks[1]!.startsAt).toBe(at('2026-10-18T23:00:00Z'));
    // The clocks went back on 25 October: that week has 169 hours and ends at midnight GMT.
    expect(weeks[1]!.endsAt).toBe(at('2026-10-26T00:00:00Z'));
    expect(weeks[1]!.endsAt - weeks[1]!.startsAt).toBe(169 * 3_600_000);
    expect(weeks[1]!.countedAt).toBe(at('2026-10-25T23:59:59.999Z'));
    expect(weeks.map((w) => w.complete)).toEqual([true, true, false]);
    expect(weeks[2]!.countedAt).toBe(at('2026-11-01T12:00:00Z'));
  });

  test('a Sunday belongs to the week before it, a Monday midnight to the week it starts', () => {
    const weeks = weeksUpTo(at('2026-11-01T12:00:00Z'), 3);
    expect(weekIndexOf(weeks, at('2026-10-25T23:59:59.999Z'))).toBe(1);
    expect(weekIndexOf(weeks, at('2026-10-26T00:00:00Z'))).toBe(2);
    expect(weekIndexOf(weeks, at('2026-10-18T22:59:59.999Z'))).toBe(0);
    expect(weekIndexOf(weeks, at('2026-10-18T23:00:00Z'))).toBe(1);
    // Before the first week, and after the moment the last week is read: in no week.
    expect(weekIndexOf(weeks, at('2026-10-11T22:59:59.999Z'))).toBe(-1);
    expect(weekIndexOf(weeks, at('2026-11-01T12:00:00.001Z'))).toBe(-1);
  });
});

describe('on the register at the end of the week', () => {
  const weeks = weeksUpTo(at('2026-10-25T12:00:00Z'), 4); // weeks starting 28 Sep, 5, 12 and 19 Oct

  test('on from a Wednesday to the next Tuesday: counted in exactly the one week whose end they were on it over', () => {
    const places = placesOver(weeks, concern('2026-10-07T10:00:00+01:00'), backOnTrack('2026-10-13T10:00:00+01:00'));
    expect(places).toEqual([null, on(RISK), null, null]);
  });

  test('still on: counted in every week from the one they joined, the running week as of now', () => {
    expect(placesOver(weeks, concern('2026-10-07T10:00:00+01:00'))).toEqual([null, on(RISK), on(RISK), on(RISK)]);
  });

  test('joined and left within one week: counted in none', () => {
    expect(placesOver(weeks, concern('2026-10-13T10:00:00+01:00'), backOnTrack('2026-10-16T10:00:00+01:00'))).toEqual([null, null, null, null]);
  });

  test('a rule that fires on a timer counts from its week with no event after it (no progress for 42 days from the start, 12 November)', () => {
    const november = weeksUpTo(at('2026-11-15T12:00:00Z'), 2); // weeks starting 2 and 9 Nov
    expect(placesOver(november)).toEqual([null, on(description('no-progress'))]);
  });

  test('the reason stays the one that put them on the register when another rule fires later', () => {
    const behind = { type: 'progress', at: '2026-10-14T10:00:00+01:00', actual: 20, planned: 32 };
    expect(placesOver(weeks, concern('2026-10-07T10:00:00+01:00'), behind)).toEqual([null, on(RISK), on(RISK), on(RISK)]);
  });
});

describe('the week the clocks go back (Monday 19 to Sunday 25 October 2026)', () => {
  const weeks = weeksUpTo(at('2026-11-01T12:00:00Z'), 3); // weeks starting 12, 19 and 26 Oct

  test('joining at 23:59 on the Sunday counts in that week; at 00:00 on the Monday, from the next', () => {
    expect(placesOver(weeks, concern('2026-10-25T23:59:00+00:00'))).toEqual([null, on(RISK), on(RISK)]);
    expect(placesOver(weeks, concern('2026-10-26T00:00:00+00:00'))).toEqual([null, null, on(RISK)]);
  });

  test('leaving at 23:59 on the Sunday does not count in that week; leaving at 00:00 on the Monday does', () => {
    expect(placesOver(weeks, concern('2026-10-21T10:00:00+01:00'), backOnTrack('2026-10-25T23:59:00+00:00'))).toEqual([null, null, null]);
    expect(placesOver(weeks, concern('2026-10-21T10:00:00+01:00'), backOnTrack('2026-10-26T00:00:00+00:00'))).toEqual([null, on(RISK), null]);
  });

  test('the week before ends at midnight BST (23:00 UTC), not at midnight UTC', () => {
    // On at 23:59 BST on Sunday 18 October, off at 00:00 BST on the Monday (23:00 UTC that Sunday).
    expect(placesOver(weeks, concern('2026-10-18T23:59:00+01:00'), backOnTrack('2026-10-19T00:00:00+01:00'))).toEqual([on(RISK), null, null]);
    expect(placesOver(weeks, concern('2026-10-19T00:00:00+01:00'), backOnTrack('2026-10-19T00:30:00+01:00'))).toEqual([null, null, null]);
  });
});

describe('by stage and by reason', () => {
  const weeks = weeksUpTo(at('2026-10-25T12:00:00Z'), 3); // weeks starting 5, 12 and 19 Oct
  const stage = (id: string, when: string) => ({ type: 'stage.entered', at: when, stage: id });
  const behind = (when: string) => ({ type: 'progress', at: when, actual: 20, planned: 32 });
  const learners = [
    events(concern('2026-10-05T10:00:00+01:00')),
    events(stage('stage-1', '2026-10-06T10:00:00+01:00')),
    events(behind('2026-10-07T10:00:00+01:00'), stage('stage-1', '2026-10-13T10:00:00+01:00'), stage('stage-2', '2026-10-20T10:00:00+01:00')),
    events(behind('2026-10-14T10:00:00+01:00')),
    events(concern('2026-10-08T10:00:00+01:00'), backOnTrack('2026-10-15T10:00:00+01:00')),
  ].map((log) => learnerWeeks(atl, learner, log, weeks).places);
  const counted = registerWeeks(weeks, learners);

  test('each learner at the stage they were at, under the reason that put them on the register', () => {
    expect(counted.map((w) => w.total)).toEqual([4, 4, 4]);
    expect([...counted[0]!.byStage]).toEqual([[null, 3], ['stage-1', 1]]);
    expect([...counted[2]!.byStage].sort()).toEqual([['stage-1', 1], ['stage-2', 1], [null, 2]].sort());
    // A case a stage entry opened has no rule behind it.
    expect(new Map(counted[2]!.byReason)).toEqual(new Map([[RISK, 1], [null, 1], [BEHIND, 2]]));
    expect(new Map(counted[0]!.byReason)).toEqual(new Map([[RISK, 2], [null, 1], [BEHIND, 1]]));
  });

  test('each breakdown adds up to the week\'s total', () => {
    const sum = (m: ReadonlyMap<unknown, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    for (const w of counted) {
      expect(sum(w.byStage)).toBe(w.total);
      expect(sum(w.byReason)).toBe(w.total);
    }
  });
});

describe('decisions and overdue tasks', () => {
  const weeks = weeksUpTo(at('2026-10-25T12:00:00Z'), 3); // weeks starting 5, 12 and 19 Oct

  test('the verdicts on proposals and the meeting decisions a timeline records, each in its week', () => {
    const entries: TimelineEntry[] = [
      { at: at('2026-10-04T10:00:00+01:00'), kind: 'decided', proposal: 'p0', verdict: 'approved', by: 'm' }, // before the weeks
      { at: at('2026-10-06T10:00:00+01:00'), kind: 'proposal', proposal: 'p1', approver: 'sector-manager' },
      { at: at('2026-10-06T11:00:00+01:00'), kind: 'decided', proposal: 'p1', verdict: 'approved', by: 'm' },
      { at: at('2026-10-18T23:59:00+01:00'), kind: 'decided', proposal: 'p2', verdict: 'rejected', by: 'm' },
      { at: at('2026-10-19T00:00:00+01:00'), kind: 'decided', proposal: 'p3', verdict: 'more-information', by: 'm' },
      { at: at('2026-10-20T10:00:00+01:00'), kind: 'agenda-decided', meeting: 'leaver-panel', date: '2026-10-20', owner: 'm', reviewDate: '2026-11-20' },
    ];
    const decided = decisionWeeks(weeks, decisionsIn(entries));
    expect(decided.map((w) => w.total)).toEqual([1, 1, 2]);
    expect(decided.map((w) => w.byKind)).toEqual([
      { meeting: 0, approved: 1, rejected: 0, 'more-information': 0 },
      { meeting: 0, approved: 0, rejected: 1, 'more-information': 0 },
      { meeting: 1, approved: 0, rejected: 0, 'more-information': 1 },
    ]);
  });

  test('the replay keeps each decision, the ones of a case since closed too, and skips a refused event', () => {
    const log = events(
      concern('2026-10-06T10:00:00+01:00'),
      { type: 'step.proposed', at: '2026-10-07T10:00:00+01:00', proposal: 'p1', stage: 'stage-1', staff: 'coach@x.org' },
      { type: 'step.decided', at: '2026-10-08T10:00:00+01:00', proposal: 'p1', verdict: 'approved', staff: 'manager@x.org' },
      { type: 'step.decided', at: '2026-10-09T10:00:00+01:00', proposal: 'p1', verdict: 'rejected', staff: 'manager@x.org' }, // already decided: refused
      { type: 'step.proposed', at: '2026-10-13T10:00:00+01:00', proposal: 'p2', outcome: 'de-escalate', staff: 'coach@x.org' },
      { type: 'step.decided', at: '2026-10-14T10:00:00+01:00', proposal: 'p2', verdict: 'approved', staff: 'manager@x.org' },
    );
    const replayed = learnerWeeks(atl, learner, log, weeks);
    expect(replayed.decisions).toEqual([
      { at: at('2026-10-08T10:00:00+01:00'), kind: 'approved' },
      { at: at('2026-10-14T10:00:00+01:00'), kind: 'approved' },
    ]);
    expect(replayed.places).toEqual([on(RISK, 'stage-1'), null, null]);
  });

  test('tasks past due by the last reading, grouped by task and role', () => {
    const inStage1 = (when: string) => learnerWeeks(atl, learner, events({ type: 'stage.entered', at: when, stage: 'stage-1' }), weeks).state;
    // Stage 1's welfare checks are due in 5 working days: overdue by 25 October if set by the 16th.
    const states: CaseState[] = [inStage1('2026-10-06T10:00:00+01:00'), inStage1('2026-10-12T10:00:00+01:00'), inStage1('2026-10-22T10:00:00+01:00')];
    const title = atl.tasks.find((t) => t.id === 'stage-1-welfare-checks')!.title;
    expect(overdueTasks(states)).toEqual([{ title, role: 'coach', count: 2 }]);
    expect(states[2]!.tasks.map((t) => t.overdue)).toEqual([false]);
  });
});
