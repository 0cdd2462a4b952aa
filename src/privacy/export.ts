/**
 * A subject access export: everything Waymark holds about one learner (UK GDPR article
 * 15), restricted details included: their record, every logged event with its notes, the
 * case (rating, stage, tasks, recommendations, proposals), the audit trail with who recorded
 * what, the chat messages posted about them and where, the erasures and the access log.
 * Taking one is itself a view of restricted details, and is logged as such.
 */
import type { CaseContext } from '../cases/case-context.js';
import { trailEntry, trailWithUpdates, type TrailEntry } from '../cases/trail.js';
import type { ErasureRecord, LearnerRecord, LoggedEvent, PostedMessage, RestrictedAccess, StoredCase } from '../store/records.js';
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
  const { store } = ctx;
  const learner = await store.getLearner(learnerId);
  if (!learner) return null;
  const exportedAt = ctx.now();
  const events = await store.eventsOf(learnerId);
  const trail = await trailWithUpdates(store, learner.policy, events, (e) => trailEntry(e, ctx.packFor(learner.policy), true));
  if (trail.some((t) => t.restricted)) await logRestrictedView(store, learnerId, viewer, 'export', exportedAt);
  return {
    exportedAt,
    exportedBy: viewer,
    learner,
    case: await store.loadCase(learnerId),
    events,
    trail,
    messages: await store.messagesFor(learnerId),
    erasures: await store.erasuresOf(learnerId),
    restrictedAccess: await store.restrictedAccessOf(learnerId),
  };
}
