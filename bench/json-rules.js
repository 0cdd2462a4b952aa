/**
 * The four mtt triggers the issue names, written for json-rules-engine, as a fair baseline:
 * per event, the same per-learner facts are updated incrementally in plain JS, then
 * `engine.run(facts)` tests four rules against them.
 *
 *   three-consecutive-missed-sessions  consecutiveMissedSessions >= 3  (session.attended resets)
 *   four-consecutive-missed-homework   consecutiveMissedHomework >= 4  (submission.made resets)
 *   behind-planned-progression         progressGap >= 30               (planned - actual, last progress)
 *   no-progress-in-42-days             daysSinceProgress >= 42         (since the last progress or activity, or the start)
 */
import { Engine } from 'json-rules-engine';

const DAY_MS = 86_400_000;

const RULES = [
  ['three-consecutive-missed-sessions', 'consecutiveMissedSessions', 3],
  ['four-consecutive-missed-homework', 'consecutiveMissedHomework', 4],
  ['behind-planned-progression', 'progressGap', 30],
  ['no-progress-in-42-days', 'daysSinceProgress', 42],
];

export function mttRulesEngine() {
  const engine = new Engine();
  for (const [id, fact, value] of RULES) {
    engine.addRule({
      name: id,
      conditions: { all: [{ fact, operator: 'greaterThanInclusive', value }] },
      event: { type: id },
    });
  }
  return engine;
}

/** Runs learners [from, to) through json-rules-engine, one `run` per event, and times it. */
export async function jsonRulesRange(engine, data, from, to) {
  const { learners, events } = data;
  let folded = 0;
  let hits = 0;
  const start = process.hrtime.bigint();
  for (let i = from; i < to; i++) {
    const facts = { consecutiveMissedSessions: 0, consecutiveMissedHomework: 0, progressGap: 0, daysSinceProgress: 0 };
    let lastProgressAt = learners[i].startDay * DAY_MS;
    for (const e of events[i]) {
      switch (e.type) {
        case 'session.missed':
          facts.consecutiveMissedSessions++;
          break;
        case 'session.attended':
          facts.consecutiveMissedSessions = 0;
          break;
        case 'submission.missed':
          facts.consecutiveMissedHomework++;
          break;
        case 'submission.made':
          facts.consecutiveMissedHomework = 0;
          break;
        case 'progress':
          facts.progressGap = e.planned - e.actual;
          lastProgressAt = e.at;
          break;
        case 'activity':
          lastProgressAt = e.at;
          break;
      }
      facts.daysSinceProgress = (e.at - lastProgressAt) / DAY_MS;
      const result = await engine.run(facts);
      hits += result.events.length;
      folded++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { learners: to - from, events: folded, ruleHits: hits, seconds };
}
