/**
 * Which learner a chat message is about, and why it was posted, for the notifiers to record
 * where they posted it: decisions update approval requests in place, and an erasure
 * replaces every message about the learner with a "removed" card. Digests list several
 * learners and are not recorded per learner.
 */
import { approvalPurpose } from '../cases/entry-intents.js';
import type { Intent } from '../cases/intents.js';

export function postedAbout(intent: Intent): { learnerId: string; purpose: string } | null {
  if (!('learner' in intent)) return null;
  return { learnerId: intent.learner.id, purpose: intent.type === 'approval-request' ? approvalPurpose(intent.proposal.id) : `posted:${intent.type}` };
}
