/**
 * Synthetic learners and their events, from a fixed seed, already in the engine's internal
 * form (`Learner` and `LearnerEvent` in src/rules/events/learner-event.ts): instants are
 * epoch milliseconds, start dates are civil-day numbers, and missed sessions and visits
 * carry `notice` (false unless told). No stage.entered or decision events: policy rules may
 * refuse those, and a refusal would end a learner's fold early.
 */
import { parseDay } from '../dist/rules/calendar/index.js';
import { mulberry32 } from './prng.js';

const DAY_MS = 86_400_000;
const FIRST_START = parseDay('2025-01-01');
const LAST_START = parseDay('2026-12-31');

const NATIONS = [
  ['england', 0.7],
  ['wales', 0.1],
  ['scotland', 0.12],
  ['northern-ireland', 0.08],
];
const CONCERNS = [
  'support-request', 'support-request', 'wellbeing', 'wellbeing', 'bereavement', 'mental-health', 'health',
  'safeguarding', 'workload', 'travel', 'home-circumstances', 'lateness', 'personal', 'financial', 'learning-needs',
];
const CHANNELS = ['phone', 'phone', 'email', 'email', 'meeting', 'visit', 'message', 'letter'];
const OUTCOMES = ['reached', 'reached', 'no_answer', 'no_response'];
const CANCELLED_BY = ['learner', 'employer', 'provider'];
const SOURCES = ['lms', 'portfolio', 'off-the-job-log'];

/** Cumulative weights of the event kinds below (a kind may produce one of several types). */
const KINDS = [
  ['session', 0.34],
  ['submission', 0.15],
  ['contact', 0.12],
  ['activity', 0.1],
  ['visit', 0.08],
  ['progress', 0.08],
  ['work.absence', 0.04],
  ['concern.raised', 0.015],
  ['employment.ended', 0.0008],
];
const KIND_TOTAL = KINDS.reduce((sum, [, w]) => sum + w, 0);

function weighted(rng, table, total = 1) {
  let r = rng.next() * total;
  for (const [value, weight] of table) {
    if ((r -= weight) < 0) return value;
  }
  return table[table.length - 1][0];
}

/** How a learner behaves: most engage, some struggle, a few drift away. */
function profile(rng) {
  const r = rng.next();
  if (r < 0.7) return { miss: 0.06, streak: 0.2, gap: rng.int(-5, 10), drift: 0.02 };
  if (r < 0.92) return { miss: 0.2, streak: 0.45, gap: rng.int(0, 20), drift: 0.08 };
  return { miss: 0.45, streak: 0.7, gap: rng.int(10, 35), drift: 0.15 };
}

export function generateLearner(rng, index) {
  return {
    id: `L${String(index + 1).padStart(6, '0')}`,
    programme: rng.chance(0.7) ? 'apprenticeship' : 'traineeship',
    nation: weighted(rng, NATIONS),
    startDay: rng.int(FIRST_START, LAST_START),
  };
}

/** About `meanCount` events (75%..125% of it) over 6 to 9 months after the start, in time order. */
export function generateEvents(rng, learner, meanCount) {
  const count = Math.max(1, Math.round(meanCount * (0.75 + rng.next() * 0.5)));
  const spanDays = rng.int(182, 274);
  const first = (learner.startDay + 1) * DAY_MS; // after London midnight of the start day
  const times = new Array(count);
  for (let i = 0; i < count; i++) {
    const day = rng.int(0, spanDays - 1);
    times[i] = first + day * DAY_MS + rng.int(8 * 60, 18 * 60) * 60_000; // 08:00-18:00 UTC
  }
  times.sort((a, b) => a - b);

  const p = profile(rng);
  const programmeDays = rng.int(365, 730);
  let lastMissed = false;
  let employed = true;
  let gap = p.gap;
  const events = new Array(count);
  for (let i = 0; i < count; i++) {
    const at = times[i];
    let kind = weighted(rng, KINDS, KIND_TOTAL);
    if (kind === 'employment.ended' && !employed) kind = 'activity';
    switch (kind) {
      case 'session': {
        lastMissed = rng.chance(lastMissed ? p.streak : p.miss);
        events[i] = lastMissed ? { type: 'session.missed', at, notice: rng.chance(0.3) } : { type: 'session.attended', at };
        break;
      }
      case 'submission':
        events[i] = { type: rng.chance(p.miss * 1.2) ? 'submission.missed' : 'submission.made', at };
        break;
      case 'contact':
        events[i] = { type: 'contact', at, channel: rng.pick(CHANNELS), outcome: rng.pick(OUTCOMES), with: rng.chance(0.75) ? 'learner' : 'employer' };
        break;
      case 'activity':
        events[i] = { type: 'activity', at, source: rng.pick(SOURCES) };
        break;
      case 'visit': {
        const r = rng.next();
        if (r < 0.7) events[i] = { type: 'visit.attended', at };
        else if (r < 0.85) events[i] = { type: 'visit.missed', at, notice: rng.chance(0.4) };
        else events[i] = { type: 'visit.cancelled', at, by: rng.pick(CANCELLED_BY) };
        break;
      }
      case 'progress': {
        const elapsed = (at / DAY_MS - learner.startDay) / programmeDays;
        const planned = Math.min(100, Math.round(elapsed * 100));
        gap += rng.chance(p.drift) ? rng.int(5, 15) : rng.int(-3, 3);
        events[i] = { type: 'progress', at, actual: Math.max(0, Math.min(100, planned - gap)), planned };
        break;
      }
      case 'work.absence':
        events[i] = { type: 'work.absence', at, explained: rng.chance(0.7) };
        break;
      case 'concern.raised':
        events[i] = { type: 'concern.raised', at, category: rng.pick(CONCERNS) };
        break;
      case 'employment.ended':
        employed = false;
        events[i] = { type: 'employment.ended', at };
        break;
    }
  }
  return events;
}

/** All learners and their events for one seed. */
export function generate({ learners: n, events: meanCount, seed }) {
  const rng = mulberry32(seed);
  const learners = new Array(n);
  const events = new Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    learners[i] = generateLearner(rng, i);
    events[i] = generateEvents(rng, learners[i], meanCount);
    total += events[i].length;
  }
  return { learners, events, totalEvents: total };
}
