/**
 * A subject access export: everything Waymark holds about one learner (UK GDPR article
 * 15), restricted details included: their record, every logged event with its notes, the
 * case (rating, stage, tasks, recommendations, proposals), the audit trail with who recorded
 * what, the chat messages posted about them and where, the erasures and the access log.
 * Taking one is itself a view of restricted details, and is logged as such.
 */
import type { CaseContext } from '../cases/case-context.js';
import { trailEntry, trailWithUpdates, type TrailEntry } from '../cases/trail.js';
import type { ErasureRecord, LearnerRecord, LoggedEvent, PostedMessage, RestrictedAccess, RestrictedView, StoredCase } from '../store/records.js';
import { logRestrictedView } from './access-log.js';

export interface LearnerExport {
  readonly exportedAt: Date;
  readonly exportedBy: string;
  readonly learner: LearnerRecord;
  /** The stored case (state with tasks, recommendations and proposals), null if none. */
  readonly case: StoredCase | null;
  /** Every logged event as stored, notes and restricted details included. */
  readonly events: LoggedEvent[];
  /** The audit trail: what happened, who recorded it, under which pack version. */
  readonly trail: TrailEntry[];
  /** Chat messages posted about them: platform, conversation and message id. */
  readonly messages: PostedMessage[];
  readonly erasures: ErasureRecord[];
  /** Who has viewed their restricted details, and when (this export included). */
  readonly restrictedAccess: RestrictedAccess[];
}

/** The export, or null for an unknown learner. `viewer` is who takes it (logged). */
export async function exportLearner(ctx: CaseContext, learnerId: string, viewer: string): Promise<LearnerExport | null> {
  const learner = await ctx.store.getLearner(learnerId);
  if (!learner) return null;
  const exportedAt = ctx.now();
  const held = await learnerHoldings(ctx, learner, { viewer, view: 'export', seesRestricted: true, at: exportedAt });
  return {
    exportedAt,
    exportedBy: viewer,
    learner,
    case: await ctx.store.loadCase(learnerId),
    ...held,
    restrictedAccess: await ctx.store.restrictedAccessOf(learnerId),
  };
}

/** What is held about a learner besides their record and case, as one view shows it. */
export type LearnerHoldings = Pick<LearnerExport, 'events' | 'trail' | 'messages' | 'erasures'>;

/**
 * The learner's log, audit trail, the chat messages posted about them and their erasures:
 * gathered once here for every view of everything held (the export, the web chronology),
 * so the views cannot drift apart. `seesRestricted` false withholds restricted details from
 * the trail (trail.ts; `events` still holds them, for the caller's own use only); a view
 * that shows one is logged in the access log as `view`, with `viewer` and `at`.
 */
export async function learnerHoldings(
  ctx: CaseContext,
  learner: LearnerRecord,
  access: { readonly viewer: string; readonly view: RestrictedView; readonly seesRestricted: boolean; readonly at: Date },
): Promise<LearnerHoldings> {
  const { store } = ctx;
  const events = await store.eventsOf(learner.id);
  const pack = ctx.packFor(learner.policy);
  const trail = await trailWithUpdates(store, learner.policy, events, (e) => trailEntry(e, pack, access.seesRestricted), learner.id);
  if (trail.some((t) => t.restricted)) await logRestrictedView(store, learner.id, access.viewer, access.view, access.at);
  return { events, trail, messages: await store.messagesFor(learner.id), erasures: await store.erasuresOf(learner.id) };
}
