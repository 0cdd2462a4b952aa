/**
 * The database: reachable within seconds (an unreachable one is a failed check, never a
 * hang), its version and topology, Waymark's indexes, and its clock against ours. Opened
 * read only, so a missing index is reported, not quietly built.
 */
import { missingIndexes, serverFacts } from '../store/mongo/server-facts.js';
import { openStore, type OpenStore } from '../store/open-store.js';
import { count, failed, listed, passed, type Check } from './check.js';
import { databaseLabel } from './config-checks.js';

/** How long to look for the server before saying it cannot be reached. */
const SERVER_SELECTION_MS = 3_000;
/**
 * The most the clocks may differ: leases (60 s by default) and due times written by one
 * machine are read against another's clock.
 */
export const MAX_CLOCK_SKEW_MS = 5_000;

export type Opened = { readonly check: Check; readonly opened: OpenStore | null };

export async function openDatabase(uri: string | undefined): Promise<Opened> {
  if (uri === undefined) {
    return {
      check: failed(
        'database',
        'MONGODB_URI is not set: only the configuration was checked (without it the bot runs on the embedded database, which keeps nothing)',
        'set MONGODB_URI to the production database (README, "Running in production") and run waymark doctor again',
      ),
      opened: null,
    };
  }
  const where = databaseLabel(uri);
  try {
    const opened = await openStore({ uri, readOnly: true, waitMs: { serverSelection: SERVER_SELECTION_MS, socket: 10_000 } });
    return { check: passed('database', `reachable at ${where}`), opened };
  } catch (error) {
    // The driver's own reason (DatabaseUnreachable keeps it apart from its sentence).
    const reason = (error as { reason?: unknown }).reason ?? (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return {
      check: failed(
        'database',
        `could not reach the database at ${where} (MONGODB_URI) within ${SERVER_SELECTION_MS / 1_000} s: ${String(reason)}; the checks that need it were not run`,
        'check MONGODB_URI (host, port, user and password), that the server is running, and that this machine may connect to it (firewall, Atlas IP access list)',
      ),
      opened: null,
    };
  }
}

export async function serverChecks(opened: OpenStore, now: () => Date): Promise<Check[]> {
  const facts = await serverFacts(opened.connection, now);
  const missing = await missingIndexes(opened.connection);
  const skew = Math.abs(facts.clockAheadMs);
  return [
    passed(
      'database server',
      `MongoDB ${facts.version}, ${facts.replicaSet === null ? 'standalone (no failover; a one-node replica set is enough to start one)' : `replica set ${facts.replicaSet}`}`,
    ),
    missing.length === 0
      ? passed('database indexes', 'every index Waymark declares is present')
      : failed('database indexes', `${count(missing.length, 'index', 'indexes')} missing: ${listed(missing)}`, 'start the bot once against this database (npm start with this MONGODB_URI): it builds its indexes at start'),
    skew <= MAX_CLOCK_SKEW_MS
      ? passed('database clock', `within ${MAX_CLOCK_SKEW_MS / 1_000} s of this machine's (${facts.clockAheadMs} ms)`)
      : failed(
          'database clock',
          `the database's clock is ${(skew / 1_000).toFixed(1)} s ${facts.clockAheadMs > 0 ? 'ahead of' : 'behind'} this machine's`,
          'synchronise both machines\' clocks with NTP (timedatectl set-ntp true)',
        ),
  ];
}
