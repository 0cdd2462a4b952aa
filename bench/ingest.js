/**
 * Bulk history benchmark (`node bench/ingest.js`, and in `npm run bench`): a generated
 * history (default 1,000 learners x about 100 events, the learners spread over every
 * built-in pack) recorded through the store on the embedded MongoDB-compatible server as a
 * backfill is (`recordBatch`, quietly, as `waymark import events` does), and beside it the
 * engine's in-memory fold of the same events in this same run. The last line is
 * `ingest: <N> events/s through the store, fold <M> events/s, ratio <M/N>`.
 * Asserts nothing. `--learners N`, `--events N`, `--seed S` change the history.
 */
import { fileURLToPath } from 'node:url';
import { recordBatch } from '../dist/cases/record-batch.js';
import { formatDay } from '../dist/rules/calendar/index.js';
import { evaluate } from '../dist/rules/engine/engine.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../dist/rules/packs/index.js';
import { openStore } from '../dist/store/open-store.js';
import { generate } from './generate.js';
import { parseOptions } from './options.js';
import { perSecond, printTable, writeSummary } from './report.js';

const RESULTS = fileURLToPath(new URL('./results/ingest.json', import.meta.url));
const TARGET = { eventsPerSecond: 20_000, ratio: 150 };

const options = parseOptions(['--learners', '1000', '--events', '100', '--seed', '20261202', ...process.argv.slice(2)]);
const data = generate(options);
const policyOf = (i) => BUILTIN_PACK_IDS[i % BUILTIN_PACK_IDS.length];
const items = data.learners.flatMap((l, i) =>
  data.events[i].map((e, n) => ({ learnerId: l.id, event: { ...e, id: `${l.id}-${n}`, at: new Date(e.at).toISOString() } })),
);
const lastAt = data.events.reduce((t, es) => Math.max(t, es.at(-1)?.at ?? 0), 0);

console.log('Waymark bulk history benchmark (embedded MongoDB-compatible server)');
console.log(`  ${data.learners.length} learners over ${BUILTIN_PACK_IDS.join(', ')}; ${items.length} events`);

// The engine in memory: every learner's whole history folded, as the store's fold does it.
const foldOnce = () => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < data.learners.length; i++) {
    evaluate(builtinPack(policyOf(i)), data.learners[i], data.events[i], data.events[i].at(-1)?.at ?? 0);
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
};
foldOnce(); // warm: compiled packs, calendar caches
// One fold takes a few hundredths of a second, within a machine's jitter: the median of
// several is the figure.
const FOLDS = 7;
const foldSeconds = Array.from({ length: FOLDS }, foldOnce).sort((a, b) => a - b)[FOLDS >> 1];

const opened = await openStore({ dbName: 'bench-ingest' });
for (const [i, l] of data.learners.entries()) {
  await opened.store.putLearner({ id: l.id, name: l.id, programme: l.programme, nation: l.nation, startDate: formatDay(l.startDay), policy: policyOf(i) });
}
const ctx = { store: opened.store, packFor: (id) => builtinPack(id), now: () => new Date(lastAt + 86_400_000) };
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const { results } = await recordBatch(ctx, items, { actor: { kind: 'feed', id: 'bench' }, history: true });
const storeSeconds = Number(process.hrtime.bigint() - start) / 1e9;
const { user, system } = process.cpuUsage(cpu);
console.log(`  CPU while recording: ${((user + system) / 1e6).toFixed(1)} s (user ${(user / 1e6).toFixed(1)}, system ${(system / 1e6).toFixed(1)})`);
const counts = { stored: 0, duplicate: 0, rejected: 0 };
for (const r of results) counts[r.status]++;
await opened.close();

const fold = perSecond(items.length, foldSeconds);
const ingest = perSecond(counts.stored, storeSeconds);
const ratio = fold / ingest;
printTable(
  ['measure', 'events', 'seconds', 'events/s'],
  [
    ['engine fold, in memory', items.length, foldSeconds, fold],
    ['recorded through the store (recordBatch, history)', counts.stored, storeSeconds, ingest],
  ],
);
console.log(`  ${counts.stored} stored, ${counts.duplicate} duplicate, ${counts.rejected} rejected`);
console.log(`  targets: >= ${TARGET.eventsPerSecond.toLocaleString('en-GB')} events/s ${ingest >= TARGET.eventsPerSecond ? 'met' : 'NOT met'}; ratio <= ${TARGET.ratio} ${ratio <= TARGET.ratio ? 'met' : 'NOT met'}`);
writeSummary(RESULTS, { date: new Date().toISOString(), learners: data.learners.length, events: items.length, ...counts, foldSeconds, storeSeconds, fold, ingest, ratio });
console.log(`ingest: ${Math.round(ingest)} events/s through the store, fold ${Math.round(fold)} events/s, ratio ${ratio.toFixed(1)}`);
