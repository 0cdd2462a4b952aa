/**
 * What an erasure keeps and what it removes, as pure functions (erase.ts applies them).
 *
 * Kept, the anonymised skeleton a provider needs for funding audits: the learner's id (the
 * provider's own reference, which its funding returns use), programme, nation, start and
 * planned end dates, policy and coach; every logged event's key, type, dates, structured
 * fields (contact channel and outcome, stage, decision outcome, concern category, verdict,
 * proposal id, staff ids, meeting and review dates), who recorded it and under which pack
 * version. So the case rebuilds from the log exactly as before, text aside.
 *
 * Removed: the learner's name (replaced by ERASED_NAME) and employer, and every piece of
 * free text in the log: notes on any event (including proposals' reasons and decisions'
 * comments), an activity's source, a meeting decision's outcome and action. Text a rule
 * requires (a decision that `needsReason`) is replaced by REMOVED_TEXT rather than dropped,
 * so the policy still accepts the event on a rebuild.
 */
import type { EventInput } from '../rules/events/event-schema.js';
import type { LearnerRecord } from '../store/records.js';

export const ERASED_NAME = 'Erased learner';
export const REMOVED_TEXT = '[removed]';

/** The free-text fields of logged events, by name (any event may carry a note). */
const FREE_TEXT_FIELDS = ['note', 'source', 'outcome', 'action'] as const;

/** Event types whose `outcome` is free text (a decision's outcome is a pack's outcome id, and stays). */
const FREE_TEXT_OUTCOME = new Set(['agenda.decided']);

/** The event with its free text replaced; null when it holds none (nothing to rewrite). */
export function redactEvent(event: EventInput): EventInput | null {
  const fields = event as unknown as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const field of FREE_TEXT_FIELDS) {
    if (field === 'outcome' && !FREE_TEXT_OUTCOME.has(event.type)) continue;
    if (field === 'action' && event.type !== 'agenda.decided') continue;
    if (typeof fields[field] === 'string' && fields[field] !== REMOVED_TEXT) changed[field] = REMOVED_TEXT;
  }
  return Object.keys(changed).length === 0 ? null : ({ ...event, ...changed } as EventInput);
}

/** The learner's record as an erasure leaves it: the skeleton, marked with when. */
export function erasedLearner(record: LearnerRecord, at: Date): LearnerRecord {
  const { employer: _employer, name: _name, ...kept } = record;
  return { ...kept, name: ERASED_NAME, erasedAt: at };
}

/**
 * `text` with the learner's name, each part of it, and their employer struck out (an
 * erasure's reason is kept in the audit, and must not bring the name back).
 */
export function strikeOut(text: string, record: Pick<LearnerRecord, 'name' | 'employer'>): string {
  const words = [record.name, record.employer ?? '', ...record.name.split(/\s+/)].map((w) => w.trim()).filter((w) => w.length >= 2);
  let out = text;
  for (const word of words.sort((a, b) => b.length - a.length)) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Whole words only: "Ann" goes, "annual" stays.
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), REMOVED_TEXT);
  }
  return out;
}
