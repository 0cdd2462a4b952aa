/**
 * One document item per element of a pack: a trigger, stage, task, check, contact rule,
 * outcome, appeal or meeting, each with its facts, what it does, the written policy's
 * words (`source`) and the pack's decision where the text was ambiguous.
 */
import type { Appeal, ContactRule, FollowUp, Meeting, Outcome, Pack, Stage, Task, Trigger } from '../pack/pack-schema.js';
import type { Effect } from '../pack/schema-parts.js';
import type { DocFact, DocItem, DocList } from './policy-document.js';
import { doneWhenWords, effectWords, requirementWords, scheduleWords, theRole } from './effect-words.js';
import { anyEventWords } from './event-words.js';
import { triggerRule, triggerScope } from './trigger-words.js';
import { durationWords, joinAnd, joinOr, outcomeLabel, quoted, roleName, stageName, withinWords } from './words.js';

function item(id: string, title: string, facts: (DocFact | null)[], lists: (DocList | null)[], from: { source: string; decision?: string | undefined }): DocItem {
  return {
    id,
    title,
    facts: facts.filter((f): f is DocFact => f !== null && f.value !== ''),
    lists: lists.filter((l): l is DocList => l !== null && l.items.length > 0),
    source: from.source,
    ...(from.decision !== undefined ? { decision: from.decision } : {}),
  };
}

const fact = (label: string, value: string): DocFact => ({ label, value });
const effectsList = (pack: Pack, title: string, effects: readonly Effect[] | undefined): DocList => ({ title, items: (effects ?? []).map((e) => effectWords(pack, e)) });

export function triggerItem(pack: Pack, t: Trigger): DocItem {
  return item(
    t.id,
    t.description,
    [fact('Rule', triggerRule(pack, t)), fact('Limits', triggerScope(pack, t).join('; '))],
    [effectsList(pack, 'When it fires, it', t.effects)],
    t,
  );
}

export function stageItem(pack: Pack, s: Stage): DocItem {
  const from = s.entry.from;
  return item(
    s.id,
    s.name,
    [
      fact('Kind', s.formal ? 'formal' : 'informal'),
      fact('Run by', roleName(pack, s.owner)),
      fact('Entry approved by', s.approvedBy !== undefined ? roleName(pack, s.approvedBy) : 'no approval needed'),
      fact('Outcome decided by', s.decidedBy !== undefined ? roleName(pack, s.decidedBy) : ''),
      fact('Entered from', from ? joinOr(from.map((f) => stageName(pack, f))) : 'any point'),
      fact('Outcomes', s.outcomes.length > 0 ? joinOr(s.outcomes.map((o) => outcomeLabel(pack, o))) : 'any the policy allows here'),
      fact('Escalates to', s.escalatesTo !== undefined ? stageName(pack, s.escalatesTo) : ''),
    ],
    [
      { title: 'Entry needs', items: (s.entry.requires ?? []).map((r) => requirementWords(pack, r)) },
      effectsList(pack, 'On entry, it', s.onEnter),
      effectsList(pack, 'On any decision at this stage, it', s.onDecision),
    ],
    s,
  );
}

export function taskItem(pack: Pack, t: Task): DocItem {
  return item(
    t.id,
    t.title,
    [
      fact('Who', roleName(pack, t.role)),
      fact('Due', withinWords(t.due)),
      fact('Done', doneWhenWords(pack, t)),
      fact('Set by', joinAnd(setters(pack, (e) => e.do === 'task' && e.task === t.id))),
    ],
    [effectsList(pack, 'If it is overdue, it', t.onOverdue)],
    t,
  );
}

export function followUpItem(pack: Pack, f: FollowUp): DocItem {
  return item(
    f.id,
    f.description,
    [
      fact('Checked', `${durationWords(f.after)} after it starts`),
      fact('Cancelled by', `${anyEventWords(pack, f.unless)} before then`),
      fact('Started by', joinAnd(setters(pack, (e) => e.do === 'follow-up' && e.followUp === f.id))),
    ],
    [effectsList(pack, 'If nothing cancelled it, it', f.effects)],
    f,
  );
}

export function contactRuleItem(pack: Pack, c: ContactRule): DocItem {
  return item(
    c.id,
    c.description,
    [
      fact('Attempts', `at least ${c.minAttempts}`),
      fact('Channels', [
        c.minChannels > 1 ? `at least ${c.minChannels} different channels` : '',
        c.requiredChannels ? `each of ${joinAnd(c.requiredChannels)} at least once` : '',
        c.channels ? `only ${joinOr(c.channels)} count` : '',
      ].filter((x) => x !== '').join('; ')),
      fact('With', joinOr((c.with ?? ['learner']).map((w) => `the ${w}`))),
      fact('Each contacted', c.requiredParties ? joinAnd(c.requiredParties.map((p) => `the ${p}`)) : ''),
      fact('Counted since', { case: 'the case opened', stage: 'the stage began', task: 'the task was set' }[c.since]),
    ],
    [],
    c,
  );
}

export function outcomeItem(pack: Pack, o: Outcome): DocItem {
  const ends = o.ends === 'withdrawn' ? 'monitoring ends (withdrawn)' : o.ends === 'paused' ? `monitoring pauses until ${o.resumeOn ? anyEventWords(pack, o.resumeOn) : 'staff resume it'}` : '';
  return item(
    o.id,
    o.label,
    [
      fact('Decided', decidedWhere(pack, o)),
      fact('Must say why', o.needsReason ? 'yes: a decision or proposal without its reason is refused' : ''),
      fact('Decided by', o.outsideStages && o.decidedBy !== undefined ? theRole(pack, o.decidedBy) : `the stage's decider; where none is named, ${o.decidedBy !== undefined ? theRole(pack, o.decidedBy) : 'the role a recommendation names, else no approval is needed'}`),
      fact(
        'Then',
        [
          o.closesCase ? 'the learner leaves the at-risk register' : '',
          o.leavesStage ? 'the learner leaves the stage' : '',
          ends,
          o.resetsRating ? 'the rating returns to the initial one' : '',
          o.completesStageTasks ? "the stage's tasks count as done" : '',
        ].filter((x) => x !== '').join('; '),
      ),
    ],
    [{ title: 'Needs', items: (o.requires ?? []).map((r) => requirementWords(pack, r)) }, effectsList(pack, 'It also', o.effects)],
    o,
  );
}

/** Where an outcome may be decided (as the engine offers it: steps.ts). */
function decidedWhere(pack: Pack, o: Outcome): string {
  if (o.onlyAt) return `only at ${joinOr(o.onlyAt.map((s) => stageName(pack, s)))}`;
  if (o.outsideStages) return 'at any stage or none, outside the stage process, while the learner is at risk';
  const at = pack.stages.filter((s) => s.outcomes.length === 0 || s.outcomes.includes(o.id)).map((s) => s.name);
  return `${at.length > 0 ? `at ${joinOr(at)}, or ` : ''}at no stage while the learner is at risk`;
}

export function appealItem(pack: Pack, a: Appeal): DocItem {
  return item(
    a.id,
    `Appeal against ${joinOr(a.after.map((o) => quoted(outcomeLabel(pack, o))))}`,
    [
      fact('Who may appeal', joinOr(a.by.map((b) => `the ${b}`))),
      fact('Lodged', `${withinWords(a.lodgeWithin)} of the decision${a.onlyAt ? ` taken at ${joinOr(a.onlyAt.map((s) => stageName(pack, s)))}` : ''}`),
      fact('Heard by', roleName(pack, a.heardBy)),
      fact('Decided', a.decideWithin ? `${withinWords(a.decideWithin)} of the appeal being lodged` : 'no deadline set'),
      fact('Told when the window opens', joinAnd([...new Set([a.heardBy, ...a.tell])].map((r) => roleName(pack, r)))),
      fact('Told the result', joinAnd([...new Set([a.heardBy, ...a.tellOutcome])].map((r) => roleName(pack, r)))),
      fact('If upheld', 'the decision is reversed: a learner it withdrew or paused is monitored again and back on the at-risk register'),
      fact('Final', a.final ? 'yes: no further appeal' : 'no'),
    ],
    [],
    a,
  );
}

export function meetingItem(pack: Pack, m: Meeting): DocItem {
  return item(
    m.id,
    m.name,
    [fact('Held by', roleName(pack, m.role)), fact('When', scheduleWords(m)), fact('Items added by', joinAnd(setters(pack, (e) => e.do === 'agenda' && e.meeting === m.id)))],
    [],
    m,
  );
}

/** Where in the pack an effect matching `is` is set off: "Stage 1 (on entry)", "the rule “…”". */
export function setters(pack: Pack, is: (e: Effect) => boolean): string[] {
  const found: string[] = [];
  const look = (label: string, effects: readonly Effect[] | undefined) => {
    const any = (list: readonly Effect[] | undefined): boolean => (list ?? []).some((e) => is(e) || (e.do === 'recommend' && any(e.otherwise)));
    if (any(effects) && !found.includes(label)) found.push(label);
  };
  look('any rule that puts a learner at risk', pack.onAtRisk);
  for (const t of pack.triggers) look(`the rule ${quoted(t.description)}`, t.effects);
  for (const s of pack.stages) {
    look(`${s.name} (on entry)`, s.onEnter);
    look(`${s.name} (on a decision)`, s.onDecision);
  }
  for (const o of pack.outcomes) look(`the outcome ${quoted(o.label)}`, o.effects);
  for (const t of pack.tasks) look(`the task ${quoted(t.title)} when overdue`, t.onOverdue);
  for (const f of pack.followUps) look(`the check ${quoted(f.description)}`, f.effects);
  return found;
}
