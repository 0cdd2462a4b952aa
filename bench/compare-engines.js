/**
 * Differential check of two builds of the engine: same packs, same generated histories,
 * and the full output compared as JSON text (key order included), so a speed change to
 * src/rules/engine can show it changes no decision.
 *
 *   node bench/compare-engines.js OLD_DIST NEW_DIST [--learners N] [--events N] [--seeds S1,S2,...]
 *   e.g. node bench/compare-engines.js /tmp/engine-base/dist /tmp/engine-new/dist
 *
 * Per built-in pack (of OLD_DIST) and seed, two passes over every learner:
 * 1. `evaluate(pack, learner, events, now)` on the histories of bench/generate.js (facts
 *    about the learner only): timeline, final state and nextWakeUp.
 * 2. `foldLog` on the same histories with staff steps mixed in (stage entries, decisions,
 *    proposals and their decisions, appeals, plans, reviews, assignments, some of them
 *    refused), `now` a few weeks after the last event: the paths a plain history never takes.
 *    Then the last few events again, folded one at a time with `foldEvents` onto the state
 *    folded before them (the incremental path), compared the same way.
 * Exits 1 at the first difference, printing the learner and the first differing entry.
 */
import { pathToFileURL } from 'node:url';
import { generate } from './generate.js';
import { mulberry32 } from './prng.js';

const argv = process.argv.slice(2);
const [oldDist, newDist] = argv;
if (!oldDist || !newDist) throw new Error('usage: node bench/compare-engines.js OLD_DIST NEW_DIST [--learners N] [--events N] [--seeds S1,S2]');
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i < 0 ? fallback : argv[i + 1];
};
const learners = Number(flag('--learners', '4000'));
const meanEvents = Number(flag('--events', '40'));
const seeds = flag('--seeds', '1,20260901,777').split(',').map(Number);

async function load(dist) {
  const url = (path) => pathToFileURL(`${dist}/${path}`).href;
  const engine = await import(url('rules/engine/engine.js'));
  const foldLog = (await import(url('rules/engine/fold-log.js'))).foldLog;
  const packs = await import(url('rules/packs/index.js'));
  return { ...engine, foldLog, packs };
}
const A = await load(oldDist);
const B = await load(newDist);

const DAY_MS = 86_400_000;

/** Staff steps mixed into a history, from the pack's own stage, outcome and meeting ids (and a few unknown ones). */
function withStaffSteps(rng, pack, events) {
  const stages = [...pack.stages.map((s) => s.id), 'no-such-stage'];
  const outcomes = [...pack.outcomes.map((o) => o.id), 'no-such-outcome'];
  const meetings = pack.meetings.map((m) => m.id);
  const out = [];
  let proposals = 0;
  for (const e of events) {
    out.push(e);
    if (!rng.chance(0.12)) continue;
    const at = e.at + rng.int(1, 3 * 3_600_000);
    const r = rng.next();
    let step;
    if (r < 0.22) step = { type: 'stage.entered', at, stage: rng.pick(stages) };
    else if (r < 0.42) step = { type: 'decision', at, outcome: rng.pick(outcomes), ...(rng.chance(0.7) ? { note: 'why' } : {}), ...(rng.chance(0.2) ? { stage: rng.pick(stages) } : {}) };
    else if (r < 0.52) {
      proposals++;
      const what = rng.chance(0.5) ? { stage: rng.pick(stages) } : { outcome: rng.pick(outcomes), note: 'why' };
      step = { type: 'step.proposed', at, proposal: `p${proposals}`, staff: 'staff-1', ...what };
    } else if (r < 0.62 && proposals > 0) {
      step = { type: 'step.decided', at, proposal: `p${rng.int(1, proposals)}`, verdict: rng.pick(['approved', 'approved', 'rejected', 'more-information']), staff: 'staff-2' };
    } else if (r < 0.68) step = { type: 'appeal.lodged', at, ...(rng.chance(0.5) ? { by: rng.pick(['learner', 'employer']) } : {}) };
    else if (r < 0.74) step = { type: 'appeal.decided', at, result: rng.pick(['upheld', 'dismissed']) };
    else if (r < 0.84) step = { type: 'plan.agreed', at, kind: rng.pick(['support', 'recovery', 'smart', 'engagement']) };
    else if (r < 0.92) step = { type: 'review.held', at };
    else if (r < 0.96 || meetings.length === 0) step = { type: 'case.assigned', at, coach: 'coach-2' };
    else {
      const date = new Date(at + rng.int(0, 14) * DAY_MS).toISOString().slice(0, 10);
      step = { type: 'agenda.decided', at, meeting: rng.pick(meetings), date, outcome: 'o', action: 'a', owner: 'staff-3', reviewDate: date, staff: 'staff-3' };
    }
    out.push(step);
    // A decision is sometimes appealed, and the appeal decided: appeals need a decision first.
    if (step.type === 'decision' && rng.chance(0.4)) {
      out.push({ type: 'appeal.lodged', at: step.at + rng.int(1, 5) * DAY_MS, ...(rng.chance(0.5) ? { by: rng.pick(['learner', 'employer']) } : {}) });
      if (rng.chance(0.7)) out.push({ type: 'appeal.decided', at: step.at + rng.int(6, 20) * DAY_MS, result: rng.pick(['upheld', 'dismissed']) });
    }
  }
  // The steps were placed after their event; keep the whole list in time order (stable).
  return out.map((e, i) => [e, i]).sort((x, y) => x[0].at - y[0].at || x[1] - y[1]).map(([e]) => e);
}

/** The first place two JSON texts differ, with some context. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at character ${i}:\n  old ...${a.slice(Math.max(0, i - 200), i + 200)}\n  new ...${b.slice(Math.max(0, i - 200), i + 200)}`;
}

let compared = 0;
let events = 0;
let entries = 0;
let refusedSteps = 0;
/** Staff steps the old engine took (not refused), by type: the paths pass 2 exercises. */
const takenSteps = {};
const FACTS = new Set(['session.attended', 'session.missed', 'visit.attended', 'visit.missed', 'visit.cancelled', 'submission.made', 'submission.missed', 'progress', 'activity', 'work.absence', 'employment.ended', 'concern.raised', 'contact']);
function same(what, a, b) {
  const ta = JSON.stringify(a);
  const tb = JSON.stringify(b);
  compared++;
  if (ta !== tb) {
    console.error(`DIFFERENT: ${what}\n${firstDifference(ta, tb)}`);
    process.exit(1);
  }
}

const started = Date.now();
for (const id of A.packs.BUILTIN_PACK_IDS) {
  const packA = A.packs.builtinPack(id);
  const packB = B.packs.builtinPack(id);
  for (const seed of seeds) {
    const data = generate({ learners, events: meanEvents, seed });
    const rng = mulberry32(seed ^ 0x5eed);
    for (let i = 0; i < learners; i++) {
      const learner = data.learners[i];
      const es = data.events[i];
      const now = es[es.length - 1].at;
      const ra = A.evaluate(packA, learner, es, now);
      same(`${id} seed ${seed} learner ${i} evaluate`, ra, B.evaluate(packB, learner, es, now));
      events += es.length;
      if (ra.ok) entries += ra.timeline.length;

      const mixed = withStaffSteps(rng, packA, es);
      const later = mixed[mixed.length - 1].at + rng.int(0, 40) * DAY_MS;
      const log = mixed.map((event, k) => ({ key: `k${k}`, event }));
      const la = A.foldLog(packA, learner, log, later);
      same(`${id} seed ${seed} learner ${i} foldLog with staff steps`, la, B.foldLog(packB, learner, log, later));
      refusedSteps += la.refused.length;
      const refusedKeys = new Set(la.refused.map((r) => r.key));
      for (const { key, event } of log) {
        if (!FACTS.has(event.type) && !refusedKeys.has(key)) takenSteps[event.type] = (takenSteps[event.type] ?? 0) + 1;
      }
      events += mixed.length;

      // The incremental path: the last few logged events folded one at a time onto the
      // state folded before them (refused ones skipped, as the store does).
      const split = Math.max(0, mixed.length - 6);
      const head = log.slice(0, split);
      let sa = A.foldLog(packA, learner, head, head.length ? head[head.length - 1].event.at : 0).state;
      let sb = B.foldLog(packB, learner, head, head.length ? head[head.length - 1].event.at : 0).state;
      for (let k = split; k < mixed.length; k++) {
        const fa = A.foldEvents(packA, learner, sa, [mixed[k]], mixed[k].at);
        const fb = B.foldEvents(packB, learner, sb, [mixed[k]], mixed[k].at);
        same(`${id} seed ${seed} learner ${i} foldEvents event ${k}`, fa, fb);
        if (fa.ok) [sa, sb] = [fa.state, fb.state];
        same(`${id} seed ${seed} learner ${i} nextWakeUp after event ${k}`, A.nextWakeUp(packA, learner, sa), B.nextWakeUp(packB, learner, sb));
      }
    }
    console.log(`${id} seed ${seed}: ${learners} learners the same`);
  }
}
console.log(
  `no differences: ${compared.toLocaleString('en-GB')} results compared (${events.toLocaleString('en-GB')} events folded per engine, ` +
    `${entries.toLocaleString('en-GB')} evaluate timeline entries, ${refusedSteps.toLocaleString('en-GB')} refused staff steps) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`staff steps taken: ${Object.entries(takenSteps).map(([type, n]) => `${type} ${n}`).join(', ')}`);
