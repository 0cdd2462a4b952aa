/**
 * Keeping an instance's policy versions in step with the database, at start and then once
 * a lease: cases made under another version of a loaded pack are re-evaluated here (the
 * wake-up re-evaluates and delivers what the new version changes), and an instance whose
 * pack another instance has superseded says so and stops taking part.
 */
import type { Pack } from '../rules/pack/pack-schema.js';
import type { Store } from '../store/store.js';
import { supersededPacks } from './policy-versions.js';

export interface VersionWatch {
  /** Settles with one line per pack if a newer version of one is put in force elsewhere. */
  readonly superseded: Promise<string[]>;
  isSuperseded(): boolean;
  /** Stops watching; resolves when the round under way has finished, or after STOP_GRACE_MS. */
  stop(): Promise<void>;
}

export interface VersionWatchOptions {
  readonly store: Store;
  readonly packs: readonly Pack[];
  readonly everyMs: number;
  /** Wakes one learner now: their case is re-evaluated under the pack loaded here. */
  readonly reEvaluate: (learnerId: string) => Promise<void>;
  readonly log: { info(fields: object, msg: string): void; warn(fields: object, msg: string): void; error(msg: string): void };
}

/** How long stopping waits for a round under way. */
const STOP_GRACE_MS = 1_500;

export function watchVersions(options: VersionWatchOptions): VersionWatch {
  const { store, packs, log } = options;
  let lines: string[] | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let onSuperseded: (lines: string[]) => void = () => {};
  const superseded = new Promise<string[]>((resolve) => (onSuperseded = resolve));

  async function round(): Promise<void> {
    const found = await supersededPacks(store, packs);
    if (found.length > 0) {
      lines = found;
      for (const line of found) log.error(line);
      onSuperseded(found);
      return;
    }
    for (const pack of packs) {
      const learners = await store.casesUnderOtherVersion(pack.id, pack.version);
      for (const learnerId of learners) {
        if (stopped) return;
        await options.reEvaluate(learnerId).catch((error: unknown) => log.warn({ learnerId, err: String(error) }, 're-evaluating a case under the new policy version failed; retrying'));
      }
      if (learners.length > 0) log.info({ policy: pack.id, version: pack.version, cases: learners.length }, `cases re-evaluated under ${pack.id} ${pack.version}`);
    }
  }

  let current: Promise<void> = Promise.resolve();
  const next = () => {
    if (stopped || lines) return;
    current = round()
      .catch((error: unknown) => log.warn({ err: String(error) }, 'could not check the policy versions in force'))
      .finally(() => {
        if (!stopped && !lines) timer = setTimeout(next, options.everyMs);
      });
  };
  next();

  return {
    superseded,
    isSuperseded: () => lines !== null,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      // The round stops after the learner in hand; a database that does not answer must
      // not hold up a shutdown (what was not re-evaluated is, at the next start).
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([current, new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(grace);
    },
  };
}
