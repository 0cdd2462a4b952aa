/**
 * Doing a side effect once across processes: claim its key, do it, mark it done; give the
 * claim back if it fails. While the work runs (a post can wait its turn in a channel's
 * queue for longer than a lease) the claim is renewed every third of a lease, so only a
 * holder that died, not a slow one, loses it: its claim expires after CLAIM_LEASE_MS and
 * the next run does the work, so while a claim is 'held' the caller must keep the work
 * pending. A duplicate is possible only if a process dies between the send succeeding and
 * the claim being marked done. What the process knows itself (ClaimsHere) it does not ask.
 */
import type { Store } from '../store/store.js';

/** As long as a scheduler job's lock: a sender silent this long is presumed dead. */
export const CLAIM_LEASE_MS = 60_000;

export async function once(
  ctx: { store: Store; claimLeaseMs?: number | undefined; claimsHere?: ClaimsHere | undefined },
  key: string,
  work: () => Promise<void>,
): Promise<'done' | 'already-done' | 'held'> {
  const { store, claimsHere: here } = ctx;
  if (here?.done.has(key)) return 'already-done';
  if (here?.doing.has(key)) return 'held';
  here?.doing.add(key);
  try {
    const leaseMs = ctx.claimLeaseMs ?? CLAIM_LEASE_MS;
    const claim = await store.claim(key, leaseMs);
    if (claim === 'done') {
      here?.sawDone(key);
      return 'already-done';
    }
    if (claim === 'held') return 'held';
    const renewing = setInterval(() => void store.renewClaim(key).catch(() => {}), leaseMs / 3);
    try {
      await work();
    } catch (error) {
      await store.releaseClaim(key);
      throw error;
    } finally {
      clearInterval(renewing);
    }
    await store.completeClaim(key);
    here?.sawDone(key);
    return 'done';
  } finally {
    here?.doing.delete(key);
  }
}

/**
 * A process's own knowledge of claims: the keys it is working on now (asked again
 * meanwhile, by a sweep or another request on the same learner, they are held), and the
 * latest keys it saw done (done is for ever). Either answer is the database's, without
 * asking it.
 */
export class ClaimsHere {
  readonly doing = new Set<string>();
  private readonly recentlyDone = new Set<string>();

  constructor(private readonly remember = 10_000) {}

  get done(): ReadonlySet<string> {
    return this.recentlyDone;
  }

  sawDone(key: string): void {
    this.recentlyDone.add(key);
    // A Set iterates in insertion order: the first key is the oldest.
    if (this.recentlyDone.size > this.remember) this.recentlyDone.delete(this.recentlyDone.values().next().value!);
  }
}
