/**
 * The store under test: the embedded server by default, or the real MongoDB named by
 * MONGODB_URI (each test file gets its own database there, dropped afterwards).
 */
import { openStore, type OpenStore } from '../../../src/store/open-store.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import type { CaseContext } from '../../../src/cases/case-context.js';
import type { LearnerRecord, LoggedEvent } from '../../../src/store/records.js';

const testDatabase = (name: string) => `waymark-test-${name}-${process.pid}`;

/**
 * For tests that start processes of their own: MONGODB_URI with the path naming a
 * database for this test (so a real server's databases stay apart), or undefined when
 * MONGODB_URI is unset (the test starts `waymark db` instead). Drop it with `dropDatabase`.
 */
export function externalDatabaseUri(name: string): string | undefined {
  const uri = process.env.MONGODB_URI;
  if (!uri) return undefined;
  // mongodb://[credentials@]hosts[/database][?options]: the hosts may be a comma list.
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI: not a mongodb:// or mongodb+srv:// URI');
  return `${match[1]}/${testDatabase(name)}${match[2] ?? ''}`;
}

/** Drops the database `uri` names (a test's own, on a real server). */
export async function dropDatabase(uri: string): Promise<void> {
  const opened = await openStore({ uri, readOnly: true });
  await opened.connection.dropDatabase();
  await opened.close();
}

export async function openTestStore(name: string): Promise<OpenStore> {
  const uri = process.env.MONGODB_URI;
  const dbName = testDatabase(name);
  // The embedded server shares the test's event loop: under load a busy loop, not a dead
  // server, delays answers, so waits are long here (production keeps its short ones).
  const opened = await openStore({ uri, dbName, waitMs: { serverSelection: 60_000, socket: 120_000 } });
  if (!uri) return opened;
  return {
    ...opened,
    close: async () => {
      await opened.connection.dropDatabase();
      await opened.close();
    },
  };
}

export function caseContext(opened: OpenStore, now = () => new Date('2026-11-25T09:00:00Z')): CaseContext {
  return { store: opened.store, packFor: (id) => builtinPack(id), now };
}

export function learner(id: string, overrides: Partial<LearnerRecord> = {}): LearnerRecord {
  return {
    id,
    name: `Learner ${id}`,
    programme: 'apprenticeship',
    nation: 'england',
    startDate: '2026-09-01',
    plannedEndDate: '2027-09-01',
    coach: 'coach@example.org',
    employer: 'Acme Ltd',
    policy: 'mtt',
    ...overrides,
  };
}

export const feed = { kind: 'feed', id: 'test-feed' } as const;

/** A missed session as logged by the feed, under mtt 1.0.0. */
export const logged = (learnerId: string, key: string, at: string, recordedAt = '2026-11-25T09:00:00Z'): LoggedEvent => ({
  learnerId,
  key,
  event: { type: 'session.missed', at },
  at: new Date(at),
  actor: { kind: 'feed', id: 'test' },
  policy: 'mtt',
  packVersion: '1.0.0',
  recordedAt: new Date(recordedAt),
});
