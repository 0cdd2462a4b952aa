/**
 * A new version of a provider's pack, live, on one database (`waymark db`, as a real
 * MongoDB would be): the instance started with it puts it in force and re-evaluates the
 * cases made under the old one, saying only what is new; the instance still running the
 * old version stops (exit 2); a pack changed without a new version, or older than the one
 * in force, is refused at start (exit 2) and changes nothing; `waymark audit` shows the
 * update and the version each event was recorded under.
 */
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { tempDir, writeFile } from '../cli/run-cli.js';
import { killAll, startWaymark as start, until, type Proc } from './processes.js';

const KEY = 'policy-update-key-0123456789';
let opened: OpenStore | undefined;

afterAll(async () => {
  await opened?.close();
  killAll();
});

const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
const acme = (version: string, missed?: number) => ({
  extends: 'mtt',
  id: 'acme',
  version,
  name: 'Acme learners at risk',
  provider: 'Acme Training',
  ...(missed === undefined
    ? {}
    : {
        change: {
          triggers: {
            'three-consecutive-missed-sessions': { count: missed, description: `${missed} consecutive missed sessions`, source: `Acme: ${missed} consecutive missed sessions` },
          },
        },
      }),
});

/** At-risk alerts each learner was sent by one instance (from its log of notifications). */
function alertsBy(proc: Proc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of proc.lines) {
    if (!line.includes('notification (no chat platform configured)')) continue;
    const { intent, key } = JSON.parse(line) as { intent: string; key: string };
    const learner = key.split(':')[1]!;
    if (intent === 'at-risk-alert') counts[learner] = (counts[learner] ?? 0) + 1;
  }
  return counts;
}

test('a new version goes live: cases re-evaluated once, the old instance stops, bad versions refused, the audit shows it', async () => {
  const dir = tempDir();
  const db = start(['db', '--port', '0'], {});
  const uri = await until(() => db.lines.find((l) => l.startsWith('mongodb://')));
  const v1 = writeFile(dir, 'acme-1.0.0.json', acme('1.0.0'));
  const v2 = writeFile(dir, 'acme-1.1.0.json', acme('1.1.0', 2));
  const env = (policy: string) => ({ MONGODB_URI: uri, PORT: '0', WAYMARK_API_KEYS: KEY, LOG_LEVEL: 'info', WAYMARK_LEASE_SECONDS: '5', WAYMARK_POLICY: policy });
  const listening = (p: Proc) => until(() => /listening on (http:\/\/localhost:\d+)/.exec(p.lines.join('\n'))?.[1]);
  opened = await openStore({ uri });
  const store = opened.store;
  // Settled: every case under `version`, its outbox empty, and no claim left half-done.
  const settled = (ids: string[], version: string) =>
    until(async () => {
      const cases = await Promise.all(ids.map((id) => store.loadCase(id)));
      const pending = await opened!.connection.db!.collection('claims').countDocuments({ state: 'claimed' });
      return cases.every((c) => c && c.packVersion === version && c.outbox.length === 0) && pending === 0 ? cases : undefined;
    });

  // Version 1.0.0 (mtt's rules: 3 missed sessions) with learners who missed 1, 2 and 3.
  const old = start(['run'], env(v1));
  const oldUrl = await listening(old);
  const misses = { P1: 1, P2: 2, P3: 3 } as const;
  for (const [id, n] of Object.entries(misses)) {
    const post = (path: string, method: string, body: object) =>
      fetch(oldUrl + path, { method, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(`/api/learners/${id}`, 'PUT', { name: `Learner ${id}`, programme: 'apprenticeship', nation: 'england', startDate: day(40) })).status).toBe(201);
    const events = [20, 13, 6].slice(3 - n).map((ago, j) => ({ id: `${id}-m${j}`, learnerId: id, type: 'session.missed', at: day(ago) }));
    const res = await post('/api/events', 'POST', { events });
    expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(events.map(() => 'stored'));
  }
  const before = await settled(Object.keys(misses), '1.0.0');
  expect(before.map((c) => [c!.learnerId, c!.packVersion, c!.state.open])).toEqual([
    ['P1', '1.0.0', false],
    ['P2', '1.0.0', false],
    ['P3', '1.0.0', true],
  ]);
  expect(alertsBy(old)).toEqual({ P3: 1 });

  // Version 1.1.0 (2 missed sessions) starts beside it: it goes in force, the old instance stops.
  const next = start(['run'], env(v2));
  await listening(next);
  expect(await old.exited).toBe(2);
  expect(old.lines.join('\n')).toContain('policy acme: 1.1.0 is now in force on this database (another instance started with it); this instance runs 1.0.0 and stops');
  const after = await settled(Object.keys(misses), '1.1.0');
  expect(after.map((c) => [c!.learnerId, c!.packVersion, c!.state.open])).toEqual([
    ['P1', '1.1.0', false],
    ['P2', '1.1.0', true],
    ['P3', '1.1.0', true],
  ]);
  // Said once, only what is new: P2 is now at risk; P3's first alert is not repeated (the
  // one alert is for the rule the new version adds: a miss while already at risk); P1 nothing.
  expect(alertsBy(next)).toEqual({ P2: 1, P3: 1 });
  expect(next.lines.some((l) => l.includes('policy acme updated from 1.0.0 to 1.1.0'))).toBe(true);
  expect(next.lines.find((l) => l.includes('cases re-evaluated'))).toContain('"cases":3');
  next.child.kill('SIGTERM');
  expect(await next.exited).toBe(0);

  // Changed content under 1.1.0, and the older 1.0.0: each refused, naming the file; nothing changes.
  const changed = writeFile(dir, 'acme-1.1.0-changed.json', acme('1.1.0', 4));
  const refusedChanged = start(['run'], env(changed));
  expect(await refusedChanged.exited).toBe(2);
  expect(refusedChanged.lines.join('\n')).toContain(`${changed}: version: acme 1.1.0 is not the 1.1.0 this database has run`);
  expect(refusedChanged.lines.join('\n')).toContain('bump the version, e.g. to 1.1.1');
  const refusedOlder = start(['run'], env(v1));
  expect(await refusedOlder.exited).toBe(2);
  expect(refusedOlder.lines.join('\n')).toContain(`${v1}: version: acme 1.0.0 is older than 1.1.0, the version in force on this database`);
  // Commands that write cases outside the bot run only the version in force.
  const rebuildOld = start(['cases', 'rebuild'], { MONGODB_URI: uri, WAYMARK_POLICY: v1 });
  expect(await rebuildOld.exited).toBe(2);
  expect(rebuildOld.lines).toContain('waymark cases rebuild: nothing was rebuilt');
  const rebuild = start(['cases', 'rebuild'], { MONGODB_URI: uri, WAYMARK_POLICY: v2 });
  expect(await rebuild.exited).toBe(0);
  expect(rebuild.lines).toContain('3 of 3 cases rebuilt');
  expect(await store.policyInForce('acme')).toBe('1.1.0');
  expect((await store.policyVersions('acme')).map((v) => [v.version, v.previous])).toEqual([
    ['1.0.0', null],
    ['1.1.0', '1.0.0'],
  ]);

  // The audit: P2's misses recorded under 1.0.0, then the update.
  const audit = start(['audit', 'P2'], { MONGODB_URI: uri });
  expect(await audit.exited).toBe(0);
  const lines = audit.lines.filter((l) => l.includes('  |  '));
  expect(lines.map((l) => l.split('  |  ')[3])).toEqual(['under acme 1.0.0', 'under acme 1.0.0', 'under acme 1.1.0']);
  expect(lines[2]).toContain('policy updated from 1.0.0 to 1.1.0');
  db.child.kill('SIGTERM');
  // Nine processes start one after another: the bound turns a hang into a failure, on a loaded machine too.
}, 600_000);
