/**
 * Learners for the `waymark policy backtest` tests: as simulate input files and in the
 * database, under mtt, with acme-mtt (2 missed sessions in a row instead of 3) as the
 * candidate.
 */
import { recordEvent } from '../../src/cases/record-event.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { feed, learner } from '../store/contract/harness.js';
import { tempDir, writeFile } from './run-cli.js';

export const ACME = 'examples/acme-mtt-two-misses.json';
export const MTT_VERSION = builtinPack('mtt')!.version;

/** Weekly sessions on Tuesdays from 8 Sep 2026: 'A' attended, 'M' missed, 'N' missed with notice; activity the day before. */
export function sessions(pattern: string): Record<string, unknown>[] {
  const day = (i: number) => new Date(Date.UTC(2026, 8, 8 + 7 * i)).toISOString().slice(0, 10);
  return [
    { id: 'act', type: 'activity', at: '2026-09-07' },
    ...[...pattern].map((c, i) =>
      c === 'A' ? { id: `s${i}`, type: 'session.attended', at: day(i) } : { id: `s${i}`, type: 'session.missed', at: day(i), notice: c === 'N' },
    ),
  ];
}

/**
 * Learners by the sessions they missed. Under acme-mtt (2 misses in a row instead of 3)
 * L2 is put at risk; L3U too changes, as its third miss (no notice) is then a miss while
 * at risk, which mtt itself alerts for. The others come out the same.
 */
export const LEARNERS: Record<string, string> = { L0: 'AAAAA', L1: 'AMAMA', L2: 'AMMAA', L3: 'AMMNA', L3U: 'AMMMA', L4: 'AMMNN' };
export const CHANGED = ['L2', 'L3U'];

export const L2_DIFFERENCE = {
  learnerId: 'L2',
  atRisk: { against: false, candidate: true },
  rating: { against: 'low', candidate: 'medium' },
  ratingChanges: { against: ['low'], candidate: ['low', 'medium'] },
  alerts: { onlyAgainst: [], onlyCandidate: ['2 consecutive missed sessions'] },
  recommendations: { onlyAgainst: [], onlyCandidate: ['support-plan'] },
};

export const input = (id: string, events: unknown[]) => ({
  learner: { id, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01' },
  events,
});

/** A folder of simulate input files, one per learner. */
export function inputFolder(): string {
  const dir = tempDir();
  for (const [id, pattern] of Object.entries(LEARNERS)) writeFile(dir, `${id.toLowerCase()}.json`, input(id, sessions(pattern)));
  return dir;
}

/** The learners above, with a bpn learner beside them, logged through the case service into `dbName` on `server`. */
export async function loadLearners(server: EmbeddedMongo, dbName: string): Promise<{ opened: OpenStore; env: NodeJS.ProcessEnv }> {
  const opened = await openStore({ uri: server.uri, dbName });
  const ctx = { store: opened.store, packFor: builtinPack, now: () => new Date('2026-10-06T20:00:00Z') };
  for (const [id, pattern] of Object.entries({ ...LEARNERS, B1: 'AMMAA' })) {
    await opened.store.putLearner(learner(id, { policy: id === 'B1' ? 'bpn' : 'mtt', plannedEndDate: undefined }));
    for (const event of sessions(pattern)) {
      const result = await recordEvent(ctx, { learnerId: id, event, actor: feed });
      if (result.status !== 'stored') throw new Error(`${id}: ${JSON.stringify(result)}`);
    }
  }
  return { opened, env: { MONGODB_URI: server.uri.replace('/?', `/${dbName}?`) } };
}
