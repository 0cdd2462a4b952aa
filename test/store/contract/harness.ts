/**
 * The store under test: the embedded server by default, or the real MongoDB named by
 * MONGODB_URI (each test file gets its own database there, dropped afterwards).
 */
import { openStore, type OpenStore } from '../../../src/store/open-store.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import type { CaseContext } from '../../../src/cases/case-context.js';
import type { LearnerRecord, LoggedEvent } from '../../../src/store/records.js';

export async function openTestStore(name: string): Promise<OpenStore> {
  const uri = process.env.MONGODB_URI;
  const dbName = `waymark-test-${name}-${process.pid}`;
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
