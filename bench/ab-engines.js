/**
 * A/B timing of two builds of the engine on a noisy machine. Each build gets a copy of
 * this bench folder beside a link to its dist/ (in the system's temporary folder), and
 * each measurement is a fresh `node --expose-gc bench/profile-pack.js PACK` there: the
 * same generation, calendar warm-up, warm-up fold and timed fold (`benchPack`) as
 * `npm run bench`. Old and new alternate, several rounds; each build's median and best
 * round are reported per pack, in events per wall-clock second.
 *
 *   node bench/ab-engines.js OLD_DIST NEW_DIST [--rounds R] [--packs bpn,mtt] [--learners N] [--events N] [--seed S]
 *   e.g. node bench/ab-engines.js /tmp/engine-base/dist /tmp/engine-new/dist --rounds 7
 *
 * (A timing loop inside one script that imports both builds was tried first: there the
 * JIT's choices for the shared loop varied from run to run by up to 3x, for either build.)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseOptions } from './options.js';

const argv = process.argv.slice(2);
const [oldDist, newDist] = argv.map((a) => (a.startsWith('--') ? a : resolve(a)));
if (!oldDist || !newDist || oldDist.startsWith('--') || newDist.startsWith('--')) {
  throw new Error('usage: node bench/ab-engines.js OLD_DIST NEW_DIST [--rounds R] [--packs a,b] [--learners N] [--events N] [--seed S]');
}
const take = (name, fallback) => {
  const i = argv.indexOf(name);
  return i < 0 ? fallback : argv.splice(i, 2)[1];
};
const rounds = Number(take('--rounds', '5'));
const packFilter = take('--packs', undefined)?.split(',');
const rest = argv.slice(2);
const generateArgs = rest.includes('--learners') ? rest : [...rest, '--learners', '20000'];
const options = parseOptions(generateArgs);

/** A folder holding a link to `dist` and a copy of bench/, so the bench scripts import that build. */
const here = fileURLToPath(new URL('.', import.meta.url));
const scratch = mkdtempSync(join(os.tmpdir(), 'ab-engines-'));
function benchFor(name, dist) {
  const root = join(scratch, name);
  cpSync(here, join(root, 'bench'), { recursive: true, filter: (src) => !src.includes(`${here}results`) });
  symlinkSync(dist, join(root, 'dist'), 'dir');
  return join(root, 'bench', 'profile-pack.js');
}
const scripts = { old: benchFor('old', oldDist), new: benchFor('new', newDist) };

function measure(name, id) {
  const out = execFileSync(process.execPath, ['--expose-gc', scripts[name], id, ...generateArgs], { encoding: 'utf8' });
  const match = /([\d,]+) events\/s/.exec(out);
  if (!match) throw new Error(`unexpected output from profile-pack.js: ${out}`);
  return Number(match[1].replaceAll(',', ''));
}

try {
  const { BUILTIN_PACK_IDS } = await import(pathToFileURL(join(oldDist, 'rules/packs/index.js')).href);
  const ids = BUILTIN_PACK_IDS.filter((id) => !packFilter || packFilter.includes(id));
  console.log(`A/B: ${options.learners} learners, about ${options.events} events each, seed ${options.seed}, ${rounds} rounds, one process per measurement, old and new alternately`);
  console.log(`  old ${oldDist}\n  new ${newDist}`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (x) => `${(x / 1e6).toFixed(2)} M/s`;
  for (const id of ids) {
    const rates = { old: [], new: [] };
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so neither always runs in the other's wake.
      for (const name of r % 2 === 0 ? ['old', 'new'] : ['new', 'old']) rates[name].push(measure(name, id));
    }
    const [mo, mn] = [median(rates.old), median(rates.new)];
    console.log(
      `${id.padEnd(18)} old median ${fmt(mo)} (best ${fmt(Math.max(...rates.old))})   new median ${fmt(mn)} (best ${fmt(Math.max(...rates.new))})   new/old ${(mn / mo).toFixed(2)}x`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
