/**
 * Summarises a V8 .cpuprofile: self time per function, then the hottest lines, with
 * positions in dist/ mapped back to src/ through the build's source maps.
 *   node bench/hot-spots.js bench/results/CPU.*.cpuprofile [top]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const [file, top = '20'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/hot-spots.js FILE.cpuprofile [top]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

const maps = new Map();
function sourceMapFor(url) {
  if (!maps.has(url)) {
    const path = url.startsWith('file:') ? fileURLToPath(url) : '';
    const mapped = path.includes('/dist/') && existsSync(`${path}.map`);
    maps.set(
      url,
      mapped ? { map: new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))), lines: readFileSync(path, 'utf8').split('\n') } : null,
    );
  }
  return maps.get(url);
}

/** "src/rules/engine/folder.ts:42" for a 1-based line in a compiled file, else the short path. */
function where(url, line) {
  const compiled = sourceMapFor(url);
  const column = compiled ? (compiled.lines[line - 1] ?? '').search(/\S|$/) : 0;
  const entry = compiled?.map.findEntry(line - 1, column);
  if (entry?.originalSource) return `${entry.originalSource.replace(/^.*\/src\//, 'src/')}:${entry.originalLine + 1}`;
  return `${url.replace(/^.*\/(dist|node_modules|bench)\//, '$1/')}:${line}`;
}

const selfTime = new Map();
const lineTicks = new Map();
let totalUs = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const { callFrame: f } = byId.get(profile.samples[i]);
  const key = `${f.functionName || '(anonymous)'}  ${f.url ? where(f.url, f.lineNumber + 1) : ''}`;
  selfTime.set(key, (selfTime.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  totalUs += profile.timeDeltas[i] ?? 0;
}
let totalTicks = 0;
for (const n of profile.nodes) {
  for (const { line, ticks } of n.positionTicks ?? []) {
    const key = `${where(n.callFrame.url, line)}  (${n.callFrame.functionName || 'anonymous'})`;
    lineTicks.set(key, (lineTicks.get(key) ?? 0) + ticks);
    totalTicks += ticks;
  }
}

const show = (title, map, total, unit) => {
  console.log(title);
  for (const [key, value] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    console.log(`${((100 * value) / total).toFixed(1).padStart(5)}%  ${unit(value).padStart(6)}  ${key}`);
  }
};
show('self time by function', selfTime, totalUs, (us) => `${(us / 1000).toFixed(0)} ms`);
console.log('');
show('hottest lines (share of line-attributed samples)', lineTicks, totalTicks, (t) => `${t}`);
