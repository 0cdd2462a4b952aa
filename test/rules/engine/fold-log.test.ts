/**
 * Folding a logged history in one pass (foldLog, which `replay` uses) gives exactly what
 * folding each event on its own and skipping the refused ones gives: the same state,
 * timeline, refusals and next wake-up; and it keeps every rule that fired over the
 * whole history, not only the current case's.
 */
import fc from 'fast-check';
import { londonMidnight, parseDay, type Instant } from '../../../src/rules/calendar/index.js';
import type { CaseState, FiredRule } from '../../../src/rules/engine/case-state.js';
import { foldEvents, startCase } from '../../../src/rules/engine/engine.js';
import { foldLog, type LoggedStep } from '../../../src/rules/engine/fold-log.js';
import type { TimelineEntry } from '../../../src/rules/engine/timeline.js';
import type { Learner, LearnerEvent } from '../../../src/rules/events/learner-event.js';
import { parseLearner } from '../../../src/rules/events/parse-input.js';
import { extendPack } from '../../../src/rules/pack/extend-pack.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { BUILTIN_PACK_IDS, builtinPack, builtinPackSource } from '../../../src/rules/packs/index.js';
import { DEFAULT_LEARNER } from '../scenario.js';

const parsedLearner = parseLearner(DEFAULT_LEARNER);
if (!parsedLearner.ok) throw new Error('bad test learner');
const learner: Learner = parsedLearner.value;
const START = londonMidnight(learner.startDay);
const HOUR = 3_600_000;

/** The fold before foldLog: one `foldEvents` per event (now = its instant), refused ones skipped. */
function eventByEvent(pack: Pack, log: readonly LoggedStep[], now: Instant) {
  const start = startCase(pack, learner);
  let state: CaseState = start.state;
  const timeline: TimelineEntry[] = [...start.timeline];
  const refused: { key: string; code: string; message: string }[] = [];
  const fired: FiredRule[] = [];
  const gather = (before: CaseState, after: CaseState) => {
    const kept = before.reasons.every((r, i) => after.reasons[i] === r);
    fired.push(...(kept ? after.reasons.slice(before.reasons.length) : after.reasons));
  };
  for (const { key, event } of log) {
    const folded = foldEvents(pack, learner, state, [event], event.at);
    if (!folded.ok) {
      refused.push({ key, code: folded.refusal.code, message: folded.refusal.message });
      continue;
    }
    gather(state, folded.state);
    state = folded.state;
    timeline.push(...folded.timeline);
  }
  const last = foldEvents(pack, learner, state, [], Math.max(now, state.clock));
  if (!last.ok) throw new Error(last.refusal.message);
  gather(state, last.state);
  return { state: last.state, timeline: [...timeline, ...last.timeline], nextWakeUp: last.nextWakeUp, refused, fired };
}

function isSubsequence<T>(part: readonly T[], whole: readonly T[]): boolean {
  let i = 0;
  for (const item of whole) if (i < part.length && item === part[i]) i++;
  return i === part.length;
}

/** Random histories: learner facts and staff steps (some of which the pack refuses), ties and midnights included. */
function logOf(pack: Pack) {
  const stages = [...pack.stages.map((s) => s.id), 'stage-9'];
  const outcomes = [...pack.outcomes.map((o) => o.id), 'no-such-outcome'];
  const fact = fc.oneof(
    fc.record({ type: fc.constantFrom('session.missed', 'visit.missed'), notice: fc.boolean() }),
    fc.record({ type: fc.constantFrom('session.attended', 'visit.attended', 'submission.made', 'submission.missed', 'employment.ended', 'review.held') }),
    fc.record({ type: fc.constant('visit.cancelled'), by: fc.constantFrom('learner', 'employer', 'provider') }),
    fc.record({ type: fc.constant('progress'), actual: fc.integer({ min: 0, max: 100 }), planned: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ type: fc.constant('activity') }),
    fc.record({ type: fc.constant('work.absence'), explained: fc.boolean() }),
    fc.record({ type: fc.constant('concern.raised'), category: fc.constantFrom('wellbeing', 'support-request', 'safeguarding', 'bereavement') }),
    fc.record({ type: fc.constant('contact'), channel: fc.constantFrom('phone', 'email', 'meeting'), outcome: fc.constantFrom('reached', 'no_answer'), with: fc.constantFrom('learner', 'employer') }),
    fc.record({ type: fc.constant('plan.agreed'), kind: fc.constantFrom('support', 'recovery', 'smart', 'engagement') }),
  );
  const staff = fc.oneof(
    fc.record({ type: fc.constant('stage.entered'), stage: fc.constantFrom(...stages) }),
    fc.record({ type: fc.constant('decision'), outcome: fc.constantFrom(...outcomes) }),
  );
  // Gaps of 0 (a tie), hours, or whole days from midnight (where day-based timers fall due).
  const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 72 }).map((h) => h * HOUR), fc.integer({ min: 1, max: 21 }).map((d) => d * 24 * HOUR));
  return fc.array(fc.record({ fields: fc.oneof({ weight: 4, arbitrary: fact }, { weight: 1, arbitrary: staff }), gap }), { maxLength: 60 }).map((items) => {
    let at = START;
    return items.map(({ fields, gap: g }, i): LoggedStep => {
      at += g;
      return { key: `k${i}`, event: { ...fields, at } as LearnerEvent };
    });
  });
}

describe.each([...BUILTIN_PACK_IDS])('foldLog under %s', (id) => {
  const pack = builtinPack(id)!;

  test('is the event-by-event fold, refused events skipped', () => {
    fc.assert(
      fc.property(logOf(pack), fc.integer({ min: 0, max: 90 }), (log, extraDays) => {
        const now = (log.at(-1)?.event.at ?? START) + extraDays * 24 * HOUR;
        const reference = eventByEvent(pack, log, now);
        const folded = foldLog(pack, learner, log, now);
        expect(folded.state).toEqual(reference.state);
        expect(folded.timeline).toEqual(reference.timeline);
        expect(folded.refused).toEqual(reference.refused);
        expect(folded.nextWakeUp).toEqual(reference.nextWakeUp);
        // Rules fired in time order; the current case's among them, last. The reference sees
        // fewer: not a rule appended to a list that a case opening replaced in the same fold.
        expect(folded.fired.map((f) => f.at)).toEqual(folded.fired.map((f) => f.at).sort((a, b) => a - b));
        expect(folded.fired.slice(folded.fired.length - folded.state.reasons.length)).toEqual(folded.state.reasons);
        const named = (fired: readonly FiredRule[]) => fired.map((f) => `${f.rule} ${f.at}`);
        expect(isSubsequence(named(reference.fired), named(folded.fired))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the rules that fired', () => {
  const mtt = builtinPack('mtt')!;
  const at = (day: string, hour = 9) => londonMidnight(parseDay(day)!) + hour * HOUR;
  // Missed after calling in: the at-risk rule counts them; the Quality Lead's rule (without calling in) does not.
  const missed = (day: string): LearnerEvent => ({ type: 'session.missed', at: at(day), notice: true });

  test('are kept across cases: a learner put at risk twice has the rule twice, though the case holds it once', () => {
    const events: LearnerEvent[] = [
      missed('2026-09-08'),
      missed('2026-09-15'),
      missed('2026-09-22'),
      { type: 'progress', at: at('2026-09-25'), actual: 20, planned: 20 },
      { type: 'decision', at: at('2026-09-28'), outcome: 'de-escalate' },
      { type: 'session.attended', at: at('2026-09-29') },
      missed('2026-10-06'),
      missed('2026-10-13'),
      missed('2026-10-20'),
    ];
    const folded = foldLog(mtt, learner, events.map((event, i) => ({ key: `e${i}`, event })), at('2026-10-21'));
    expect(folded.refused).toEqual([]);
    expect(folded.fired.map((f) => f.rule)).toEqual(['three-consecutive-missed-sessions', 'three-consecutive-missed-sessions']);
    expect(folded.state.reasons.map((f) => f.rule)).toEqual(['three-consecutive-missed-sessions']);
  });

  test('include a rule fired while off the register at the instant a timer puts the learner on it', () => {
    // bpn: a wellbeing concern (notified, not an alert) at the very instant two weeks of
    // inactivity end, which opens a case and so starts a new list of reasons.
    const bpn = builtinPack('bpn')!;
    const concern = londonMidnight(learner.startDay + 14);
    const folded = foldLog(bpn, learner, [{ key: 'c', event: { type: 'concern.raised', at: concern, category: 'wellbeing' } }], concern);
    expect(folded.fired.map((f) => [f.rule, f.at])).toEqual([
      ['welfare-concern', concern],
      ['inactive-week-2', concern],
    ]);
    expect(folded.state.reasons.map((f) => f.rule)).toEqual(['inactive-week-2']);
  });

  test('include a rule fired just before another, in the same event, puts the learner on the register', () => {
    // A pack where a missed session first notifies (no alert), then alerts by a later rule.
    const source = builtinPackSource('mtt') as Record<string, unknown>;
    const rule = (id: string, effects: unknown[]) => ({ id, kind: 'event', match: [{ type: 'session.missed' }], description: `rule ${id}`, source: 'test', effects });
    const merged = extendPack(
      {
        extends: 'mtt',
        id: 'two-rules',
        version: '1.0.0',
        replace: { triggers: [rule('three-consecutive-missed-sessions', [{ do: 'notify', role: 'directors', reason: 'a session was missed' }])] },
        add: { triggers: [rule('any-missed-session', [{ do: 'alert' }])] },
      },
      source,
      'mtt',
    );
    if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
    const pack = parsePack(merged.value);
    if (!pack.ok) throw new Error(JSON.stringify(pack.issues));
    const at = londonMidnight(learner.startDay + 7);
    const folded = foldLog(pack.value, learner, [{ key: 'm', event: { type: 'session.missed', at, notice: false } }], at);
    expect(folded.fired.map((f) => f.rule)).toEqual(['three-consecutive-missed-sessions', 'any-missed-session']);
    expect(folded.state.reasons.map((f) => f.rule)).toEqual(['any-missed-session']);
  });

  test('a refused stage step is reported with its key and changes nothing', () => {
    const log: LoggedStep[] = [
      { key: 'm1', event: missed('2026-09-08') },
      { key: 'jump', event: { type: 'stage.entered', at: at('2026-09-09'), stage: 'stage-3' } },
      { key: 'm2', event: missed('2026-09-15') },
    ];
    const folded = foldLog(mtt, learner, log, at('2026-09-16'));
    const without = foldLog(mtt, learner, [log[0]!, log[2]!], at('2026-09-16'));
    expect(folded.refused).toEqual([{ key: 'jump', code: 'forbidden-transition', message: expect.stringContaining('cannot enter stage-3') }]);
    expect(folded.state).toEqual(without.state);
    expect(folded.timeline).toEqual(without.timeline);
  });
});
