/**
 * A learner's trail from the append-only event log: what happened, when, who recorded
 * it, and under which pack version. `waymark audit` prints it whole; the case view shows
 * it to staff, with a restricted concern's category and note withheld from those whose
 * role may not see them.
 */
import { formatLondon } from '../rules/calendar/index.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { ErasureRecord, LoggedEvent, PolicyVersion } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { CaseContext } from './case-context.js';
import type { CaseParts } from './case-summary.js';

export interface TrailEntry {
  /** When it happened, in UK time. */
  readonly at: string;
  readonly key: string;
  /** The event as recorded, or with its restricted fields withheld. */
  readonly event: Record<string, unknown> & { type: string };
  /** kind:id, e.g. staff:sam@provider.org or feed:key-label. */
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly policy: string;
  readonly packVersion: string;
  /** It holds a restricted detail (shown only to roles that may see one). */
  readonly restricted: boolean;
  /** A restricted detail was withheld from this view. */
  readonly withheld?: true;
}

export async function trailOf(ctx: CaseContext, parts: CaseParts, seesRestricted: boolean): Promise<TrailEntry[]> {
  const { record } = parts;
  // Erasure records are read only for an erased learner: erase.ts records the erasure
  // before it marks the learner, so one left half-done shows in `waymark audit` until rerun.
  const erased = record.erasedAt ? record.id : null;
  return trailWithUpdates(ctx.store, parts.pack.id, await ctx.store.eventsOf(record.id), (e) => trailEntry(e, parts.pack, seesRestricted), erased);
}

/**
 * A learner's logged events as trail entries, with "policy updated from X to Y" where a new
 * version of their pack came into force after their first event (the case was then
 * re-evaluated under it), and the erasures of `erasuresOf` (a learner id; null: none),
 * all in time order.
 */
export async function trailWithUpdates(
  store: Store,
  policy: string,
  events: readonly LoggedEvent[],
  entry: (e: LoggedEvent) => TrailEntry,
  erasuresOf: string | null,
): Promise<TrailEntry[]> {
  const first = events[0]?.recordedAt;
  const updates = first === undefined ? [] : (await store.policyVersions(policy)).filter((v) => v.previous !== null && v.since > first);
  const erasures = erasuresOf === null ? [] : await store.erasuresOf(erasuresOf);
  const timed = [
    ...events.map((e) => ({ at: e.at.getTime(), entry: entry(e) })),
    ...updates.map((v) => ({ at: v.since.getTime(), entry: policyUpdated(v) })),
    ...erasures.map((x) => ({ at: x.at.getTime(), entry: erased(x, policy) })),
  ];
  return timed.sort((a, b) => a.at - b.at).map((t) => t.entry);
}

function policyUpdated(v: PolicyVersion): TrailEntry {
  return {
    at: formatLondon(v.since.getTime()),
    key: `policy:${v.policy}@${v.version}`,
    event: { type: 'policy.updated', policy: v.policy, from: v.previous, to: v.version },
    recordedBy: 'system:waymark',
    recordedAt: v.since.toISOString(),
    policy: v.policy,
    packVersion: v.version,
    restricted: false,
  };
}

/** An erasure of the learner's personal data: who ran it and why (src/privacy/erase.ts). */
function erased(x: ErasureRecord, policy: string): TrailEntry {
  return {
    at: formatLondon(x.at.getTime()),
    key: `erasure:${x.at.toISOString()}`,
    event: { type: 'learner.erased', reason: x.reason, events: x.events, messages: x.messages },
    recordedBy: x.by,
    recordedAt: x.at.toISOString(),
    policy,
    packVersion: '-',
    restricted: false,
  };
}

export function trailEntry(e: LoggedEvent, pack: Pack | undefined, seesRestricted: boolean): TrailEntry {
  const event = e.event as unknown as Record<string, unknown> & { type: string };
  const restricted = isRestricted(event, pack);
  const base = {
    at: formatLondon(e.at.getTime()),
    key: e.key,
    recordedBy: `${e.actor.kind}:${e.actor.id}`,
    recordedAt: e.recordedAt.toISOString(),
    policy: e.policy,
    packVersion: e.packVersion,
    restricted,
  };
  if (!restricted || seesRestricted) return { ...base, event };
  const { category: _category, note: _note, ...rest } = event;
  return { ...base, restricted: false, event: { ...rest, category: 'restricted' }, withheld: true };
}

/** A concern in a restricted category (safeguarding, health): an unknown pack counts as restricted. */
function isRestricted(event: { type: string; category?: unknown }, pack: Pack | undefined): boolean {
  if (event.type !== 'concern.raised') return false;
  return pack === undefined || pack.concernCategories.some((c) => c.id === event.category && c.restricted);
}
