/**
 * Folds every learner under one pack and nothing else, for a CPU profile:
 *   node --cpu-prof --cpu-prof-dir=bench/results bench/profile-pack.js bpn [--learners N] [--events N] [--seed S]
 * Open the .cpuprofile in Chrome DevTools (Performance) or summarise it with bench/hot-spots.js.
 */
import { builtinPack } from '../dist/rules/packs/index.js';
import { benchPack } from './fold-packs.js';
import { generate } from './generate.js';
import { parseOptions } from './options.js';
import { warmCalendarCaches } from './warm-caches.js';

const [id = 'mtt', ...rest] = process.argv.slice(2);
const pack = builtinPack(id);
if (!pack) throw new Error(`no built-in pack ${id}`);
const data = generate(parseOptions(rest));
warmCalendarCaches(data.learners, data.events);
const r = benchPack(pack, data, 2_000);
console.log(`${id}: ${r.events} events in ${r.seconds.toFixed(2)} s, ${Math.round(r.events / r.seconds).toLocaleString('en-GB')} events/s`);
