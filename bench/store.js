/**
 * Store benchmark (run by `npm run bench` after the engine's): events appended per second
 * through the case service (validate, log, fold, save with a version check) on the
 * embedded MongoDB-compatible server, and case reads per second, beside the engine's
 * in-memory fold of the same events measured in this same run. The ratio is the store's
 * overhead. Then chat commands (log a contact) through the whole case service, beside the
 * raw appends. Asserts nothing; the machine is shared and noisy.
 */
import { fileURLToPath } from 'node:url';
import { recordEvent } from '../dist/cases/record-event.js';
import { CaseService } from '../dist/cases/case-service.js';
import { evaluate } from '../dist/rules/engine/engine.js';
import { builtinPack } from '../dist/rules/packs/index.js';
import { formatDay } from '../dist/rules/calendar/index.js';
import { openStore } from '../dist/store/open-store.js';
import { generate } from './generate.js';
import { perSecond, printTable, writeSummary } from './report.js';

const LEARNERS = Number(process.env.STORE_BENCH_LEARNERS ?? 1_000);
const EVENTS = 40;
const CONCURRENCY = 8;
const READS_PER_LEARNER = 5;
/** Chat commands: this many learners, each sent COMMANDS contact logs by their coach. */
const COMMAND_LEARNERS = Math.min(LEARNERS, 200);
const COMMANDS = 10;
const RESULTS = fileURLToPath(new URL('./results/store.json', import.meta.url));

const pack = builtinPack('mtt');
const data = generate({ learners: LEARNERS, events: EVENTS, seed: 20260901 });
const asJson = (e, i) => ({ ...e, id: `e${i}`, at: new Date(e.at).toISOString() });
const feeds = data.events.map((es) => es.map(asJson));

console.log('Waymark store benchmark (embedded MongoDB-compatible server, mtt pack)');
console.log(`  ${LEARNERS} learners, ${data.totalEvents} events; appends ${CONCURRENCY} learners at a time in the concurrent run`);

// The engine in memory, same events.
const engineStart = process.hrtime.bigint();
for (let i = 0; i < LEARNERS; i++) evaluate(pack, data.learners[i], data.events[i], data.events[i].at(-1).at);
const engineSeconds = Number(process.hrtime.bigint() - engineStart) / 1e9;

async function appendAll(prefix, concurrency) {
  const opened = await openStore({ dbName: `bench-${prefix}` });
  const ctx = { store: opened.store, packFor: () => pack, now: () => new Date('2027-06-01T00:00:00Z') };
  for (const l of data.learners) {
    await opened.store.putLearner({
      id: l.id, name: l.id, programme: l.programme, nation: l.nation, startDate: formatDay(l.startDay), policy: 'mtt',
    });
  }
  let stored = 0;
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < LEARNERS) {
      const i = next++;
      for (const event of feeds[i]) {
        const result = await recordEvent(ctx, { learnerId: data.learners[i].id, event, actor: { kind: 'feed', id: 'bench' } });
        if (result.status === 'stored') stored++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { opened, stored, seconds };
}

const sequential = await appendAll('sequential', 1);
await sequential.opened.close();
const concurrent = await appendAll('concurrent', CONCURRENCY);
const readStart = process.hrtime.bigint();
for (let r = 0; r < READS_PER_LEARNER; r++) for (const l of data.learners) await concurrent.opened.store.loadCase(l.id);
const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
await concurrent.opened.close();

// Chat commands through the service: validate the command, load staff and learner,
// authorise, record the event, then deliver what it set off and schedule the wake-up.
async function commandsRun() {
  const opened = await openStore({ dbName: 'bench-commands' });
  const ctx = { store: opened.store, packFor: () => pack, now: () => new Date('2027-06-01T00:00:00Z') };
  const coach = 'bench-coach@example.org';
  await opened.store.putStaff({ id: coach, name: 'Bench Coach', roles: ['coach'] });
  for (const l of data.learners.slice(0, COMMAND_LEARNERS)) {
    await opened.store.putLearner({ id: l.id, name: l.id, programme: l.programme, nation: l.nation, startDate: formatDay(l.startDay), coach, policy: 'mtt' });
  }
  let sent = 0;
  const service = new CaseService({ ctx, notifier: { send: async () => void sent++ }, wakeAt: async () => {} });
  let done = 0;
  const start = process.hrtime.bigint();
  for (const l of data.learners.slice(0, COMMAND_LEARNERS)) {
    for (let c = 0; c < COMMANDS; c++) {
      const at = new Date(Date.parse('2027-05-01T09:00:00Z') + c * 3_600_000).toISOString();
      const result = await service.execute({ kind: 'log-contact', actor: coach, key: `${l.id}-c${c}`, learnerId: l.id, channel: 'phone', outcome: 'no_answer', at });
      if (result.ok) done++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await opened.close();
  return { events: done, seconds, perSecond: perSecond(done, seconds), intents: sent };
}
const commands = await commandsRun();

const rows = {
  engine: { events: data.totalEvents, seconds: engineSeconds, perSecond: perSecond(data.totalEvents, engineSeconds) },
  sequential: { events: sequential.stored, seconds: sequential.seconds, perSecond: perSecond(sequential.stored, sequential.seconds) },
  concurrent: { events: concurrent.stored, seconds: concurrent.seconds, perSecond: perSecond(concurrent.stored, concurrent.seconds) },
  reads: { events: LEARNERS * READS_PER_LEARNER, seconds: readSeconds, perSecond: perSecond(LEARNERS * READS_PER_LEARNER, readSeconds) },
  commands,
};
printTable(
  ['measure', 'count', 'seconds', 'per second', 'engine / this'],
  [
    ['engine fold, in memory (events)', rows.engine.events, rows.engine.seconds, rows.engine.perSecond, '1.0x'],
    ['append through the store, 1 at a time', rows.sequential.events, rows.sequential.seconds, rows.sequential.perSecond, `${(rows.engine.perSecond / rows.sequential.perSecond).toFixed(0)}x`],
    [`append through the store, ${CONCURRENCY} at a time`, rows.concurrent.events, rows.concurrent.seconds, rows.concurrent.perSecond, `${(rows.engine.perSecond / rows.concurrent.perSecond).toFixed(0)}x`],
    ['case reads (loadCase)', rows.reads.events, rows.reads.seconds, rows.reads.perSecond, ''],
    ['chat commands through the service, 1 at a time', rows.commands.events, rows.commands.seconds, rows.commands.perSecond, `${(rows.engine.perSecond / rows.commands.perSecond).toFixed(0)}x`],
  ],
);
writeSummary(RESULTS, { date: new Date().toISOString(), learners: LEARNERS, ...rows });
console.log(`  service / raw append, 1 at a time: ${(rows.sequential.perSecond / rows.commands.perSecond).toFixed(1)}x slower per event (authorisation, delivery, scheduling)`);
console.log(`\nsummary written to ${RESULTS}`);
