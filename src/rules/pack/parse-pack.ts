/**
 * Turns JSON into a checked Pack: the schema first, then every cross-reference (a role,
 * task, stage, outcome, meeting or rating named somewhere must be defined), then each
 * variant applied and checked again, so a pack that parses can always run; and no
 * description or title states a number its rule does not have (wording-check.ts).
 */
import { packSchema, type Pack } from './pack-schema.js';
import { applyVariant } from './variants.js';
import { wordingIssues } from './wording-check.js';
import type { Condition, Effect, Requirement } from './schema-parts.js';
import { fromZod, type InputIssue, type Parsed } from '../issues.js';

export function parsePack(json: unknown): Parsed<Pack> {
  const parsed = packSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error, '', json) };
  const pack = parsed.data;
  const issues = [...checkReferences(pack, ''), ...wordingIssues(pack)];
  // A variant is checked on a sound base only, so a base problem is reported once.
  if (issues.length > 0) return { ok: false, issues };
  pack.variants.forEach((variant, i) => {
    const at = `variants[${i}]`;
    const applied = applyVariant(pack, variant);
    if (!applied.ok) {
      issues.push(...applied.issues.map((x) => ({ path: `${at}.${x.path}`, message: x.message })));
      return;
    }
    const again = packSchema.safeParse(applied.value);
    if (!again.success) issues.push(...fromZod(again.error, `${at} applied: `, applied.value));
    else issues.push(...checkReferences(again.data, `${at} applied: `));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: pack };
}

function checkReferences(pack: Pack, prefix: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path: prefix + path, message });
  const ids = {
    role: idSet(pack.roles, 'roles', bad),
    task: idSet(pack.tasks, 'tasks', bad),
    followUp: idSet(pack.followUps, 'followUps', bad),
    stage: idSet(pack.stages, 'stages', bad),
    outcome: idSet(pack.outcomes, 'outcomes', bad),
    meeting: idSet(pack.meetings, 'meetings', bad),
    contactRule: idSet(pack.contactRules, 'contactRules', bad),
    rating: new Set(pack.ratings?.scale ?? []),
  };
  const triggers = idSet(pack.triggers, 'triggers', bad);
  idSet(pack.appeals, 'appeals', bad);
  const need = (kind: keyof typeof ids, id: string | null | undefined, path: string) => {
    if (id === undefined || id === null || ids[kind].has(id)) return;
    const known = [...ids[kind]];
    bad(path, `names ${kind} "${id}", which this pack does not define${known.length ? ` (defined: ${known.join(', ')})` : ''}`);
  };
  const condition = (c: Condition | undefined, path: string) => {
    c?.rating?.forEach((r, i) => need('rating', r, `${path}.rating[${i}]`));
    c?.stage?.forEach((s, i) => need('stage', s, `${path}.stage[${i}]`));
  };
  const effects = (list: readonly Effect[] | undefined, path: string) =>
    list?.forEach((e, i) => {
      const at = `${path}[${i}]`;
      condition(e.when, `${at}.when`);
      switch (e.do) {
        case 'rate':
          need('rating', e.atLeast ?? e.to, `${at}.${e.atLeast !== undefined ? 'atLeast' : 'to'}`);
          if (!pack.ratings) bad(at, 'rates the learner, but this pack has no `ratings`');
          break;
        case 'recommend':
          need('stage', e.stage, `${at}.stage`);
          if (Array.isArray(e.requires)) requirements(e.requires, `${at}.requires`);
          else need('contactRule', e.requires?.contactRule, `${at}.requires.contactRule`);
          need('role', e.approver, `${at}.approver`);
          effects(e.otherwise, `${at}.otherwise`);
          break;
        case 'notify':
          need('role', e.role, `${at}.role`);
          break;
        case 'task':
          need('task', e.task, `${at}.task`);
          break;
        case 'agenda':
          need('meeting', e.meeting, `${at}.meeting`);
          break;
        case 'follow-up':
          need('followUp', e.followUp, `${at}.followUp`);
          break;
        case 'alert':
          break;
      }
    });
  const requirements = (list: readonly Requirement[] | undefined, path: string) =>
    list?.forEach((r, i) => {
      const at = `${path}[${i}]`;
      need('stage', r.visited, `${at}.visited`);
      need('stage', r.decided?.stage, `${at}.decided.stage`);
      r.decided?.outcome.forEach((o, j) => need('outcome', o, `${at}.decided.outcome[${j}]`));
      need('contactRule', r.contactRule, `${at}.contactRule`);
      if (r.fired !== undefined && !triggers.has(r.fired)) bad(`${at}.fired`, `names trigger "${r.fired}", which this pack does not define`);
      condition(r.when, `${at}.when`);
    });

  if (pack.ratings) {
    const { scale, initial, atRiskFrom } = pack.ratings;
    if (new Set(scale).size !== scale.length) bad('ratings.scale', 'lists a rating twice');
    need('rating', initial, 'ratings.initial');
    need('rating', atRiskFrom, 'ratings.atRiskFrom');
  }
  effects(pack.onAtRisk, 'onAtRisk');
  pack.triggers.forEach((t, i) => {
    condition(t.when, `triggers[${i}].when`);
    effects(t.effects, `triggers[${i}].effects`);
  });
  pack.tasks.forEach((t, i) => {
    need('role', t.role, `tasks[${i}].role`);
    if (t.doneWhen && 'contactRule' in t.doneWhen) need('contactRule', t.doneWhen.contactRule, `tasks[${i}].doneWhen.contactRule`);
    effects(t.onOverdue, `tasks[${i}].onOverdue`);
  });
  pack.followUps.forEach((f, i) => effects(f.effects, `followUps[${i}].effects`));
  pack.stages.forEach((s, i) => {
    const at = `stages[${i}]`;
    need('role', s.owner, `${at}.owner`);
    need('role', s.approvedBy, `${at}.approvedBy`);
    need('role', s.decidedBy, `${at}.decidedBy`);
    need('stage', s.escalatesTo, `${at}.escalatesTo`);
    s.entry.from?.forEach((f, j) => need('stage', f, `${at}.entry.from[${j}]`));
    requirements(s.entry.requires, `${at}.entry.requires`);
    effects(s.onEnter, `${at}.onEnter`);
    effects(s.onDecision, `${at}.onDecision`);
    s.outcomes.forEach((o, j) => need('outcome', o, `${at}.outcomes[${j}]`));
  });
  pack.outcomes.forEach((o, i) => {
    requirements(o.requires, `outcomes[${i}].requires`);
    o.onlyAt?.forEach((s, j) => need('stage', s, `outcomes[${i}].onlyAt[${j}]`));
    effects(o.effects, `outcomes[${i}].effects`);
  });
  pack.meetings.forEach((m, i) => need('role', m.role, `meetings[${i}].role`));
  pack.appeals.forEach((a, i) => {
    need('role', a.heardBy, `appeals[${i}].heardBy`);
    a.tell.forEach((r, j) => need('role', r, `appeals[${i}].tell[${j}]`));
    a.tellOutcome.forEach((r, j) => need('role', r, `appeals[${i}].tellOutcome[${j}]`));
    a.after.forEach((o, j) => need('outcome', o, `appeals[${i}].after[${j}]`));
    a.onlyAt?.forEach((s, j) => need('stage', s, `appeals[${i}].onlyAt[${j}]`));
  });
  return issues;
}

function idSet(
  list: readonly { id: string }[],
  name: string,
  bad: (path: string, message: string) => void,
): Set<string> {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) bad(`${name}[${i}].id`, `"${item.id}" is used twice in ${name}`);
    seen.add(item.id);
  });
  return seen;
}
