/**
 * Doing a side effect once across processes: claim its key, do it, mark it done; give the
 * claim back if it fails. While the work runs (a post can wait its turn in a channel's
 * queue for longer than a lease) the claim is renewed every third of a lease, so only a
 * holder that died, not a slow one, loses it: its claim expires after CLAIM_LEASE_MS and
 * the next run does the work, so while a claim is 'held' the caller must keep the work
 * pending. A duplicate is possible only if a process dies between the send succeeding and
 * the claim being marked done.
 */
import type { Store } from '../store/store.js';

/** As long as a scheduler job's lock: a sender silent this long is presumed dead. */
export const CLAIM_LEASE_MS = 60_000;

export async function once(
  ctx: { store: Store; claimLeaseMs?: number | undefined },
  key: string,
  work: () => Promise<void>,
): Promise<'done' | 'already-done' | 'held'> {
  const { store } = ctx;
  const leaseMs = ctx.claimLeaseMs ?? CLAIM_LEASE_MS;
  const claim = await store.claim(key, leaseMs);
  if (claim === 'done') return 'already-done';
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
  return 'done';
}
