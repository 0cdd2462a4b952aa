/**
 * The access log of restricted details: every time a learner's safeguarding or health
 * details are shown (a case view to a role that may see them, `waymark audit`, an export,
 * a learner's chronology on the web), who saw them and when is kept, so a provider can show
 * who read them. A view that shows no restricted detail is not logged.
 */
import type { RestrictedView } from '../store/records.js';
import type { Store } from '../store/store.js';

export async function logRestrictedView(store: Store, learnerId: string, viewer: string, view: RestrictedView, at: Date): Promise<void> {
  await store.recordRestrictedAccess({ learnerId, viewer, at, view });
}

/** The access log as lines, oldest first: when, who, where. */
export async function restrictedAccessLines(store: Store, learnerId: string): Promise<string[]> {
  const entries = await store.restrictedAccessOf(learnerId);
  if (entries.length === 0) return [`No one has viewed ${learnerId}'s restricted details.`];
  return [
    `Views of ${learnerId}'s restricted details: ${entries.length}`,
    ...entries.map((e) => [e.at.toISOString(), e.viewer, VIEW_NAMES[e.view]].join('  |  ')),
  ];
}

const VIEW_NAMES: Record<RestrictedView, string> = {
  case: 'case view (chat)',
  audit: 'waymark audit',
  export: 'waymark learners export',
  web: 'chronology (web page)',
};
