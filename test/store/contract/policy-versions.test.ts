/**
 * Pack versions on a database: which version is in force, what is refused at start (the
 * same version with other content, an older version) with nothing written, a case moved
 * to a new version saying only what is new, an out-of-date instance never taking a case
 * back, and the trail showing the update. Embedded server by default; a real MongoDB
 * when MONGODB_URI is set.
 */
import { recordEvent } from '../../../src/cases/record-event.js';
import { rebuildCase } from '../../../src/cases/advance-case.js';
import { trailWithUpdates, trailEntry } from '../../../src/cases/trail.js';
import { builtinLoaded, type LoadedPack } from '../../../src/pack-files/load-pack.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { builtinPack, builtinPackSource } from '../../../src/rules/packs/index.js';
import { checkPackVersions, packHash, putPacksInForce, supersededPacks } from '../../../src/server/policy-versions.js';
import type { OpenStore } from '../../../src/store/open-store.js';
import { caseContext, feed, learner, openTestStore } from './harness.js';

let opened: OpenStore;
beforeAll(async () => {
  opened = await openTestStore('policy-versions');
});
afterAll(async () => {
  await opened.close();
});

const MISSES = 'three-consecutive-missed-sessions';
/** mtt under another id, as a provider's pack: `missed` consecutive missed sessions put a learner at risk. */
function acme(version: string, missed = 3): Pack {
  const mtt = builtinPack('mtt')!;
  const triggers = mtt.triggers.map((t) => (t.id === MISSES ? { ...t, count: missed, description: `${missed} consecutive missed sessions` } : t));
  return { ...mtt, id: 'acme', version, triggers } as Pack;
}
const loaded = (pack: Pack): LoadedPack => ({ pack, json: pack, origin: `/packs/${pack.id}-${pack.version}.json`, builtin: false });
const at = (day: string) => new Date(`${day}T09:00:00Z`);
const missed = (id: string, day: string) => ({ id, type: 'session.missed', at: day, notice: false });

describe('the version in force', () => {
  test('first start puts every pack in force; the same packs again change nothing', async () => {
    const packs = [loaded(acme('1.0.0')), loaded(builtinPack('bpn')!)];
    const first = await checkPackVersions(opened.store, packs, at('2026-10-01'));
    if (!first.ok) throw new Error(first.lines.join('\n'));
    expect(first.changes.map((c) => [c.policy, c.version, c.previous])).toEqual([
      ['acme', '1.0.0', null],
      ['bpn', '1.3.0', null],
    ]);
    expect((await putPacksInForce(opened.store, first.changes)).map((c) => c.policy)).toEqual(['acme', 'bpn']);
    expect(await checkPackVersions(opened.store, packs, at('2026-10-02'))).toEqual({ ok: true, changes: [] });
  });

  test('changed content under the same version, and an older version: refused, naming the file; nothing written', async () => {
    const changed = await checkPackVersions(opened.store, [loaded(acme('1.0.0', 2))], at('2026-10-03'));
    expect(changed).toEqual({
      ok: false,
      lines: [expect.stringMatching(/^\/packs\/acme-1\.0\.0\.json: version: acme 1\.0\.0 is not the 1\.0\.0 this database has run \(since 2026-10-01T09:00:00\.000Z\): its content changed .*bump the version, e\.g\. to 1\.0\.1$/)],
    });
    const v2 = await checkPackVersions(opened.store, [loaded(acme('1.1.0', 2))], at('2026-10-04'));
    if (!v2.ok) throw new Error(v2.lines.join('\n'));
    expect(v2.changes.map((c) => [c.version, c.previous])).toEqual([['1.1.0', '1.0.0']]);
    await putPacksInForce(opened.store, v2.changes);
    const older = await checkPackVersions(opened.store, [loaded(acme('1.0.0'))], at('2026-10-05'));
    expect(older).toEqual({
      ok: false,
      lines: ['/packs/acme-1.0.0.json: version: acme 1.0.0 is older than 1.1.0, the version in force on this database; versions only move forward: run 1.1.0 or later, or to roll back, give the earlier rules a new version (e.g. 1.1.1)'],
    });
    expect(await opened.store.policyInForce('acme')).toBe('1.1.0');
    expect((await opened.store.policyVersions('acme')).map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
    // An instance still running 1.0.0 learns it is superseded; one running 1.1.0 does not.
    expect(await supersededPacks(opened.store, [acme('1.0.0')])).toEqual([expect.stringContaining('policy acme: 1.1.0 is now in force on this database')]);
    expect(await supersededPacks(opened.store, [acme('1.1.0', 2)])).toEqual([]);
  });

  test('two instances starting with one new version at once: both start, one record', async () => {
    const packs = [loaded(acme('1.2.0', 2))];
    const [a, b] = await Promise.all([checkPackVersions(opened.store, packs, at('2026-10-06')), checkPackVersions(opened.store, packs, at('2026-10-06'))]);
    if (!a.ok || !b.ok) throw new Error('refused');
    const applied = await Promise.all([putPacksInForce(opened.store, a.changes), putPacksInForce(opened.store, b.changes)]);
    expect(applied.map((x) => x.length).sort()).toEqual([0, 1]);
    expect((await opened.store.policyVersions('acme')).map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
  });
});

describe('what counts as a change of content', () => {
  const written = { $schema: './pack.schema.json', extends: 'mtt', id: 'acme', version: '1.0.0', change: { triggers: { x: { count: 2 } } } };
  test('key order and the $schema line do not; any value does', () => {
    const reordered = { change: { triggers: { x: { count: 2 } } }, version: '1.0.0', id: 'acme', extends: 'mtt' };
    expect(packHash({ json: reordered })).toBe(packHash({ json: written }));
    expect(packHash({ json: { ...written, $schema: '../elsewhere.json' } })).toBe(packHash({ json: written }));
    expect(packHash({ json: { ...written, change: { triggers: { x: { count: 3 } } } } })).not.toBe(packHash({ json: written }));
  });

  test('a built-in pack is hashed as written, not as parsed (an upgrade that adds a default changes nothing)', () => {
    const mtt = builtinLoaded('mtt');
    expect(packHash(mtt)).toBe(packHash({ json: builtinPackSource('mtt') }));
    expect(packHash(mtt)).not.toBe(packHash({ json: mtt.pack }));
  });
});

describe('a case under a new version', () => {
  test('re-evaluated before the next event: only what is new is said; an out-of-date instance cannot take it back', async () => {
    const v1 = acme('1.0.0');
    const v2 = acme('1.1.0', 2);
    const now = () => new Date('2026-09-20T12:00:00Z');
    const ctxUnder = (pack: Pack) => ({ ...caseContext(opened, now), packFor: (id: string) => (id === 'acme' ? pack : builtinPack(id)) });
    await opened.store.putLearner(learner('V1', { policy: 'acme' }));
    for (const [id, day] of [['m1', '2026-09-08'], ['m2', '2026-09-15']] as const) {
      expect((await recordEvent(ctxUnder(v1), { learnerId: 'V1', event: missed(id, day), actor: feed })).status).toBe('stored');
    }
    const underV1 = (await opened.store.loadCase('V1'))!;
    expect([underV1.packVersion, underV1.state.open]).toEqual(['1.0.0', false]);
    await opened.store.markDelivered('V1', underV1.outbox.map((i) => i.key));

    // The next event arrives at an instance running 1.1.0: the case is re-evaluated first.
    const contact = { id: 'c1', type: 'contact', at: '2026-09-20T10:00:00Z', channel: 'phone', outcome: 'no_answer' };
    expect((await recordEvent(ctxUnder(v2), { learnerId: 'V1', event: contact, actor: feed })).status).toBe('stored');
    const underV2 = (await opened.store.loadCase('V1'))!;
    expect([underV2.packVersion, underV2.state.open]).toEqual(['1.1.0', true]);
    const alerts = underV2.outbox.filter((i) => i.entry.kind === 'alert').map((i) => i.entry);
    expect(alerts).toEqual([{ at: now().getTime(), kind: 'alert', reasons: ['2 consecutive missed sessions'] }]);

    // Rebuilding again under 1.1.0 says nothing new.
    expect((await rebuildCase(ctxUnder(v2), 'V1', now())).entries).toEqual([]);

    // An instance still on 1.0.0 refuses to touch it, and the case is unchanged.
    const saved = (await opened.store.loadCase('V1'))!.version;
    const stale = recordEvent(ctxUnder(v1), { learnerId: 'V1', event: { ...contact, id: 'c2' }, actor: feed });
    await expect(stale).rejects.toThrow('case V1 is under acme 1.1.0, newer than the 1.0.0 this instance runs: restart it with the newer pack');
    expect((await opened.store.loadCase('V1'))!).toMatchObject({ version: saved, packVersion: '1.1.0' });
    expect(await opened.store.findEvent('V1', 'c2')).toBeNull();
  });

  test('the trail shows the updates after the learner\'s first event, in time order', async () => {
    const events = await opened.store.eventsOf('V1');
    // Recorded (by the test's clock) on 20 September, before the updates of 4 and 6 October.
    expect(events.map((e) => e.recordedAt.toISOString().slice(0, 10))).toEqual(['2026-09-20', '2026-09-20', '2026-09-20']);
    const late = events.map((e) => ({ ...e, recordedAt: new Date('2026-10-07T00:00:00Z') }));
    const trail = await trailWithUpdates(opened.store, 'acme', late, (e) => trailEntry(e, undefined, true), 'V1');
    expect(trail.map((t) => t.event.type)).toEqual(['session.missed', 'session.missed', 'contact']);
    const withUpdates = await trailWithUpdates(opened.store, 'acme', events, (e) => trailEntry(e, undefined, true), 'V1');
    expect(withUpdates.map((t) => (t.event.type === 'policy.updated' ? `${String(t.event.from)}->${String(t.event.to)}` : t.event.type))).toEqual([
      'session.missed',
      'session.missed',
      'contact',
      '1.0.0->1.1.0',
      '1.1.0->1.2.0',
    ]);
  });
});
