/**
 * What a new version of a policy changes for a case already under way: the case as it
 * stood under the old version, against the same history replayed under the new one. Only
 * what is new is said (the learner newly at risk or for a new reason, a changed rating or
 * stage, a step now recommended, a task now set, an item now on an agenda); what the old
 * version already said is not said again, and what it no longer holds is simply gone
 * from the case (a task no longer set is not nudged, a recommendation no longer made
 * waits for nobody).
 */
import { formatDay, londonDay, type Instant } from '../calendar/index.js';
import type { CaseState, PendingRecommendation } from './case-state.js';
import { recommendFields } from './effects.js';
import type { TimelineEntry } from './timeline.js';

export function policyUpdateEntries(before: CaseState, after: CaseState, at: Instant): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  if (after.open) {
    const known = new Set(before.open ? before.reasons.map((r) => r.rule) : []);
    const reasons = after.reasons.filter((r) => !known.has(r.rule)).map((r) => r.reason);
    if (reasons.length > 0) entries.push({ at, kind: 'alert', reasons });
  }
  if (after.rating !== null && after.rating !== before.rating) entries.push({ at, kind: 'rating', from: before.rating, to: after.rating });
  if (after.stage !== null && after.stage !== before.stage) entries.push({ at, kind: 'stage', from: before.stage, to: after.stage });
  const recommended = new Set(before.pending.filter((p) => !isHeld(p)).map(recommendationKey));
  for (const p of after.pending) {
    if (!isHeld(p) && !recommended.has(recommendationKey(p))) entries.push({ at, kind: 'recommend', ...recommendFields(p) });
  }
  // A task whose deadline moved is said again, with its new due date.
  const set = new Set(before.tasks.map(taskKey));
  for (const t of after.tasks) if (!set.has(taskKey(t))) entries.push({ at, kind: 'task', task: t.task, role: t.role, due: t.due, title: t.title });
  const listed = new Set(before.agenda.map((a) => `${a.meeting} ${a.date}`));
  const today = formatDay(londonDay(at));
  for (const a of after.agenda) if (!a.decided && a.date >= today && !listed.has(`${a.meeting} ${a.date}`)) entries.push({ at, kind: 'agenda', meeting: a.meeting, date: a.date });
  return entries;
}

function taskKey(t: { task: string; stage: string | null; due: string }): string {
  return `${t.task} ${t.stage ?? ''} ${t.due}`;
}

function recommendationKey(p: { action: string; stage?: string }): string {
  return `${p.action} ${p.stage ?? ''}`;
}

/** A recommendation still held for its requirements (`blockedBy`: how a case stored before state shape 3 said so). */
function isHeld(p: PendingRecommendation): boolean {
  return p.waitsFor !== undefined || (p as { blockedBy?: string }).blockedBy !== undefined;
}
