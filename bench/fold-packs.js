/**
 * Times the Waymark engine: each learner's whole history folded with `evaluate(pack,
 * learner, events, now)`, `now` = the last event's instant. (`startCase` + `foldEvents` is
 * slower here: it deep-copies the fresh state with structuredClone.)
 */
import { evaluate } from '../dist/rules/engine/engine.js';

/** Folds learners [from, to) under one pack and times it. */
export function foldRange(pack, data, from, to) {
  const { learners, events } = data;
  let folded = 0;
  let entries = 0;
  let refusals = 0;
  const start = process.hrtime.bigint();
  for (let i = from; i < to; i++) {
    const es = events[i];
    const result = evaluate(pack, learners[i], es, es[es.length - 1].at);
    if (result.ok) {
      folded += es.length;
      entries += result.timeline.length;
    } else {
      folded += result.index + 1;
      refusals++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { learners: to - from, events: folded, timelineEntries: entries, refusals, seconds };
}

/** Warm-up fold of the first `warmLearners` (JIT, compiled-pack cache), then the timed fold of all. */
export function benchPack(pack, data, warmLearners) {
  foldRange(pack, data, 0, Math.min(warmLearners, data.learners.length));
  return foldRange(pack, data, 0, data.learners.length);
}
