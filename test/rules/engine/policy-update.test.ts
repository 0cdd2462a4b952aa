/**
 * What a new version of a pack says about a case under way: only what is new. The same
 * history folded under mtt (3 missed sessions put a learner at risk) and under the Acme
 * pack that extends it with 2, as an old and a new version of one policy.
 */
import { fileURLToPath } from 'node:url';
import { loadPack } from '../../../src/pack-files/load-pack.js';
import { policyUpdateEntries } from '../../../src/rules/engine/policy-update.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { compareVersions, nextPatch } from '../../../src/rules/pack/pack-version.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { afterMisses as misses } from '../misses.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/acme-mtt-two-misses.json', import.meta.url));
const AT = Date.parse('2026-10-20T09:00:00Z');
let acme: Pack;
const mtt = builtinPack('mtt')!;

beforeAll(async () => {
  const loaded = await loadPack(EXAMPLE, 'test');
  if (!loaded.ok) throw new Error(loaded.lines.join('\n'));
  acme = loaded.value.pack;
});

const afterMisses = (pack: Pack, n: number) => misses(pack, n, Date.parse('2026-10-01T12:00:00Z'));

describe('a new version of a policy says only what is new', () => {
  test('2 missed sessions: not at risk under the old version, at risk under the new: one alert with the new reason, the rating and the step it now recommends', () => {
    const entries = policyUpdateEntries(afterMisses(mtt, 2), afterMisses(acme, 2), AT);
    expect(entries).toEqual([
      { at: AT, kind: 'alert', reasons: ['2 consecutive missed sessions'] },
      { at: AT, kind: 'rating', from: 'low', to: 'medium' },
      { at: AT, kind: 'recommend', action: 'support-plan', reasons: ['2 consecutive missed sessions'] },
    ]);
  });

  test('just below the new threshold (1 missed session): nothing at all', () => {
    expect(policyUpdateEntries(afterMisses(mtt, 1), afterMisses(acme, 1), AT)).toEqual([]);
  });

  test('3 missed sessions, at risk under both: the reason already given is not given again; what the new version adds is', () => {
    const before = afterMisses(mtt, 3);
    const after = afterMisses(acme, 3);
    expect([before.open, after.open]).toEqual([true, true]);
    // Under the new version the third miss came while already at risk: a further rule.
    const why = ['missed a scheduled session without advance notice while at risk'];
    expect(policyUpdateEntries(before, after, AT)).toEqual([
      { at: AT, kind: 'alert', reasons: why },
      { at: AT, kind: 'rating', from: 'medium', to: 'high' },
      { at: AT, kind: 'recommend', action: 'stage', stage: 'stage-1', approver: 'directors', reasons: why },
    ]);
  });

  test('an unchanged case under an unchanged pack: nothing', () => {
    expect(policyUpdateEntries(afterMisses(acme, 2), afterMisses(acme, 2), AT)).toEqual([]);
  });

  test('a case the new version takes off the register: nothing is announced, and the state says so', () => {
    const before = afterMisses(acme, 2);
    const after = afterMisses(mtt, 2);
    expect([before.open, after.open]).toEqual([true, false]);
    expect(policyUpdateEntries(before, after, AT).filter((e) => e.kind === 'alert')).toEqual([]);
  });

  test('a task whose deadline moved is said again with its new due date; one unchanged is not', () => {
    const state = afterMisses(acme, 2);
    const task = { task: 'call', title: 'Call the learner', role: 'coach', due: '2026-12-21', overdueAt: AT, createdAt: AT, stage: null, overdue: false, progress: 0 };
    const before = { ...state, tasks: [task] };
    const moved = { ...state, tasks: [{ ...task, due: '2026-12-24' }] };
    expect(policyUpdateEntries(before, moved, AT)).toEqual([{ at: AT, kind: 'task', task: 'call', role: 'coach', due: '2026-12-24', title: 'Call the learner' }]);
    expect(policyUpdateEntries(moved, moved, AT)).toEqual([]);
  });
});

describe('pack versions', () => {
  test('compared as numbers, part by part', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
    expect(compareVersions('1.2.0', '2.0.0')).toBeLessThan(0);
    expect(compareVersions('1.2.3', '1.2.4')).toBeLessThan(0);
    expect(nextPatch('1.2.9')).toBe('1.2.10');
    expect(() => compareVersions('1.2', '1.2.0')).toThrow('not a pack version');
  });
});
