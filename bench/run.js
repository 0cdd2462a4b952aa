/**
 * Engine benchmark (npm run bench). Generates learners and events from a seed, folds them
 * under every built-in pack, compares the mtt fold with the same triggers in
 * json-rules-engine, and prints the figures measured side by side in this one run. It
 * asserts nothing: the machine is shared and noisy. See README.md.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUILTIN_PACK_IDS, builtinPack } from '../dist/rules/packs/index.js';
import { benchPack, foldRange } from './fold-packs.js';
import { generate } from './generate.js';
import { jsonRulesRange, mttRulesEngine } from './json-rules.js';
import { parseOptions } from './options.js';
import { mib, perSecond, printTable, writeSummary } from './report.js';
import { warmCalendarCaches } from './warm-caches.js';

const WARM_LEARNERS = 2_000;
const RESULTS = fileURLToPath(new URL('./results/engine.json', import.meta.url));
const collect = () => globalThis.gc?.();

const options = parseOptions(process.argv.slice(2));
const jreAll = options.jreLearners === options.learners;

console.log('Waymark engine benchmark');
console.log(`  learners ${options.learners}, events per learner about ${options.events} (75%-125%), seed ${options.seed}`);
console.log(`  packs: ${BUILTIN_PACK_IDS.join(', ')}`);
console.log(`  json-rules-engine over ${jreAll ? 'all learners' : `the first ${options.jreLearners} learners (a fixed prefix; set by --jre-learners)`}`);
console.log(`  node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), single thread, gc ${globalThis.gc ? 'exposed' : 'not exposed'}`);
console.log(`  warm-up: calendar caches over the data's days, then the first ${WARM_LEARNERS} learners once per engine before timing`);

let t = process.hrtime.bigint();
const data = generate(options);
const generation = { seconds: Number(process.hrtime.bigint() - t) / 1e9, events: data.totalEvents };
const span = warmCalendarCaches(data.learners, data.events);
collect();
const afterGeneration = { rssMiB: mib(process.memoryUsage().rss), heapUsedMiB: mib(process.memoryUsage().heapUsed) };
console.log(
  `  generated ${data.totalEvents} events in ${generation.seconds.toFixed(1)} s; ` +
    `RSS ${afterGeneration.rssMiB.toFixed(0)} MiB, heap used ${afterGeneration.heapUsedMiB.toFixed(0)} MiB with the data loaded`,
);
console.log('');

// 1. Every built-in pack over every learner.
const packs = [];
for (const id of BUILTIN_PACK_IDS) {
  collect();
  const r = benchPack(builtinPack(id), data, WARM_LEARNERS);
  packs.push({ pack: id, ...r, eventsPerSecond: perSecond(r.events, r.seconds), learnersPerSecond: perSecond(r.learners, r.seconds) });
}
const sum = (key) => packs.reduce((total, p) => total + p[key], 0);
const overall = { learners: sum('learners'), events: sum('events'), timelineEntries: sum('timelineEntries'), refusals: sum('refusals'), seconds: sum('seconds') };
overall.eventsPerSecond = perSecond(overall.events, overall.seconds);
overall.learnersPerSecond = perSecond(overall.learners, overall.seconds);

console.log('Waymark engine: evaluate(pack, learner, events, now), every learner, one pack at a time');
const row = (name, r) => [name, r.learners, r.events, r.seconds, r.eventsPerSecond, r.learnersPerSecond, r.timelineEntries, r.refusals];
printTable(
  ['pack', 'learners', 'events', 'seconds', 'events/s', 'learners/s', 'timeline entries', 'refusals'],
  [...packs.map((p) => row(p.pack, p)), row('overall', overall)],
);
console.log('');

// 2. mtt against json-rules-engine on the same learners, back to back.
const subset = options.jreLearners;
const engine = mttRulesEngine();
const warm = Math.min(WARM_LEARNERS, subset);
collect();
foldRange(builtinPack('mtt'), data, 0, warm);
const mttSubset = foldRange(builtinPack('mtt'), data, 0, subset);
collect();
await jsonRulesRange(engine, data, 0, warm);
const jre = await jsonRulesRange(engine, data, 0, subset);
for (const r of [mttSubset, jre]) r.eventsPerSecond = perSecond(r.events, r.seconds);
const ratio = mttSubset.eventsPerSecond / jre.eventsPerSecond;

console.log(`mtt triggers, Waymark against json-rules-engine (one engine.run per event), ${jreAll ? 'all' : `first ${subset}`} learners`);
printTable(
  ['engine', 'learners', 'events', 'seconds', 'events/s', 'sanity'],
  [
    ['waymark mtt', mttSubset.learners, mttSubset.events, mttSubset.seconds, mttSubset.eventsPerSecond, `${mttSubset.timelineEntries.toLocaleString('en-GB')} timeline entries`],
    ['json-rules-engine', jre.learners, jre.events, jre.seconds, jre.eventsPerSecond, `${jre.ruleHits.toLocaleString('en-GB')} rule hits`],
  ],
);
console.log(`ratio waymark mtt / json-rules-engine: ${ratio.toFixed(1)}x`);
console.log('');

// 3. Memory.
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const heapUsedMiB = mib(process.memoryUsage().heapUsed);
collect();
const heapUsedAfterGcMiB = globalThis.gc ? mib(process.memoryUsage().heapUsed) : null;
console.log(
  `memory: peak RSS ${peakRssMiB.toFixed(0)} MiB; heap used after the run ${heapUsedMiB.toFixed(0)} MiB` +
    (heapUsedAfterGcMiB === null ? '' : ` (${heapUsedAfterGcMiB.toFixed(0)} MiB after gc, the generated data still held)`),
);

// 4. The issue's targets, as measured in this run.
const slowest = packs.reduce((a, b) => (b.eventsPerSecond < a.eventsPerSecond ? b : a));
const targets = {
  eventsPerSecond: { target: 1_000_000, slowestPack: slowest.pack, measured: slowest.eventsPerSecond, met: slowest.eventsPerSecond >= 1_000_000 },
  ratioToJsonRulesEngine: { target: 10, measured: ratio, met: ratio >= 10 },
  peakRssMiB: { target: 1024, measured: peakRssMiB, met: peakRssMiB < 1024 },
};
const verdict = (ok) => (ok ? 'met' : 'NOT met');
console.log('targets (from the issue):');
console.log(`  >= 1,000,000 events/s on one core: slowest pack ${slowest.pack} ${Math.round(slowest.eventsPerSecond).toLocaleString('en-GB')}/s, overall ${Math.round(overall.eventsPerSecond).toLocaleString('en-GB')}/s: ${verdict(targets.eventsPerSecond.met)}`);
console.log(`  >= 10x json-rules-engine: ${ratio.toFixed(1)}x: ${verdict(targets.ratioToJsonRulesEngine.met)}`);
console.log(`  < 1 GiB peak RSS: ${peakRssMiB.toFixed(0)} MiB: ${verdict(targets.peakRssMiB.met)}`);

writeSummary(RESULTS, {
  date: new Date().toISOString(),
  config: { ...options, warmLearners: WARM_LEARNERS, node: process.version, cpus: os.cpus().length, gcExposed: Boolean(globalThis.gc) },
  generation: { ...generation, ...afterGeneration, firstDay: span.firstDay, lastDay: span.lastDay },
  packs,
  overall,
  comparison: { learners: subset, allLearners: jreAll, waymarkMtt: mttSubset, jsonRulesEngine: jre, ratio },
  memory: { peakRssMiB, heapUsedMiB, heapUsedAfterGcMiB },
  targets,
});
console.log(`\nsummary written to ${RESULTS}`);
