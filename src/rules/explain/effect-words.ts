/**
 * What a rule does, in words: each effect (alert, rate, recommend, notify, task, agenda,
 * follow-up) with the numbers and names it carries; what a stage entry or an outcome
 * requires; when a meeting sits and when a task is done.
 */
import type { Meeting, Pack, Task } from '../pack/pack-schema.js';
import type { Effect, RecommendEffect, Requirement } from '../pack/schema-parts.js';
import { anyEventWords, eventsWords } from './event-words.js';
import {
  capitalised,
  conditionClause,
  dayWords,
  durationWords,
  joinOr,
  outcomeLabel,
  plural,
  quoted,
  roleName,
  stageName,
  withinWords,
} from './words.js';

/** A role as the object of a sentence: "the Directors", "the Skills coach or tutor". */
export function theRole(pack: Pack, id: string): string {
  const name = roleName(pack, id);
  return /^the /i.test(name) ? `the ${name.slice(4)}` : `the ${name}`;
}

const ACTIONS: Record<string, string> = {
  'break-in-learning': 'a break in learning',
  withdraw: 'withdrawal',
  'smt-review': 'a review by the senior management team',
  'support-plan': 'a support plan',
  'recovery-plan': 'a recovery plan',
  'de-escalate': 'taking the learner off the at-risk register',
};

/** What is recommended: a stage by name, an outcome by its label, or the action in words. */
export function recommendationWords(pack: Pack, e: RecommendEffect): string {
  if (e.stage !== undefined) return quoted(stageName(pack, e.stage));
  const outcome = pack.outcomes.find((o) => o.id === e.action);
  return outcome ? quoted(outcome.label) : (ACTIONS[e.action] ?? e.action);
}

function recommendWords(pack: Pack, e: RecommendEffect): string {
  const approver = e.approver ?? (e.stage !== undefined ? pack.stages.find((s) => s.id === e.stage)?.approvedBy : undefined);
  const who =
    approver !== undefined
      ? ` (for ${theRole(pack, approver)} to ${e.stage !== undefined ? 'approve' : 'decide'})`
      : e.stage !== undefined
        ? ' (no approval needed)'
        : '';
  let text = `recommends ${recommendationWords(pack, e)}${who}`;
  const requires = e.requires;
  if (requires) {
    if (Array.isArray(requires)) text += `, once all of these are on record: ${requires.map((r) => heldFor(pack, r)).join('; ')}`;
    else text += `, once ${quoted(pack.contactRules.find((c) => c.id === requires.contactRule)?.description ?? requires.contactRule)} is met`;
    if (e.otherwise && e.otherwise.length > 0) text += `; until then it ${e.otherwise.map((o) => effectWords(pack, o)).join('; ')}`;
  }
  return text;
}

/** One effect as a phrase that follows "it": "tells the Directors: …". */
export function effectWords(pack: Pack, e: Effect): string {
  const text = effectOnly(pack, e);
  const only = conditionClause(pack, e.when);
  return only ? `${text} (${only})` : text;
}

function effectOnly(pack: Pack, e: Effect): string {
  switch (e.do) {
    case 'alert':
      return `alerts the team and puts the learner on the at-risk register${e.reason ? `, saying ${quoted(e.reason)}` : ''}`;
    case 'rate':
      return e.atLeast !== undefined ? `raises the rating to at least ${capitalised(e.atLeast)}` : `sets the rating to ${capitalised(e.to ?? '')}`;
    case 'recommend':
      return recommendWords(pack, e);
    case 'notify':
      return `tells ${theRole(pack, e.role)}: ${quoted(e.reason)}${e.sensitive ? ' (confidential: by direct message to them only)' : ''}`;
    case 'task': {
      const task = pack.tasks.find((t) => t.id === e.task);
      return task ? `sets the task ${quoted(task.title)} for ${theRole(pack, task.role)}, due ${withinWords(task.due)}` : `sets the task ${e.task}`;
    }
    case 'agenda': {
      const meeting = pack.meetings.find((m) => m.id === e.meeting);
      return meeting ? `puts the learner on the agenda of the ${meeting.name} (${scheduleWords(meeting)})` : `puts the learner on the agenda of ${e.meeting}`;
    }
    case 'follow-up': {
      const check = pack.followUps.find((f) => f.id === e.followUp);
      return check ? `starts the check ${quoted(check.description)}, made after ${durationWords(check.after)}` : `starts the check ${e.followUp}`;
    }
  }
}

/** "every Monday at 10:00", "every 8 weeks from Monday 5 January 2026, at 10:00", "within 10 calendar days of the item arising". */
export function scheduleWords(m: Meeting): string {
  const s = m.schedule;
  if ('weekly' in s) return `every ${capitalised(s.weekly.day)} at ${s.weekly.time}`;
  if ('every' in s) return `every ${s.every.weeks === 1 ? 'week' : plural(s.every.weeks, 'week', 'weeks')} from ${dayWords(s.every.from)}, at ${s.every.time}`;
  return `within ${durationWords(s.within)} of the item arising`;
}

/** What completes a task. */
export function doneWhenWords(pack: Pack, task: Task): string {
  const done = task.doneWhen;
  if (done === undefined) return 'stays open until its stage or the case ends';
  if ('contactRule' in done) {
    const rule = pack.contactRules.find((c) => c.id === done.contactRule);
    return `when ${quoted(rule?.description ?? done.contactRule)} is met`;
  }
  return done.count === 1 ? `when ${anyEventWords(pack, done.events)} is recorded` : `when ${done.count} ${eventsWords(pack, done.events)} are recorded`;
}

/** A stage's entry or an outcome's requirement: the pack's own words, then what the case must show. */
/** What a held recommendation waits for: the requirement in the pack's words, and for whom. */
function heldFor(pack: Pack, r: Requirement): string {
  const only = conditionClause(pack, r.when);
  return only ? `${r.explain} (${only})` : r.explain;
}

export function requirementWords(pack: Pack, r: Requirement): string {
  const shows =
    r.visited !== undefined
      ? `the learner has been at ${stageName(pack, r.visited)} in this case`
      : r.decided !== undefined
        ? `a decision of ${joinOr(r.decided.outcome.map((o) => quoted(outcomeLabel(pack, o))))}${r.decided.stage !== undefined ? ` at ${stageName(pack, r.decided.stage)}` : ''} is recorded in this case`
        : r.fired !== undefined
          ? `the rule ${quoted(pack.triggers.find((t) => t.id === r.fired)?.description ?? r.fired)} fired in this case`
          : `${quoted(pack.contactRules.find((c) => c.id === r.contactRule)?.description ?? r.contactRule ?? '')} is met`;
  const only = conditionClause(pack, r.when);
  return `${r.explain} (${shows}${only ? `; ${only}` : ''})`;
}
