/**
 * A policy pack as a readable document, generated from its data alone: who is involved,
 * what puts a learner at risk (each rule in plain English with its numbers), ratings,
 * stages, tasks and deadlines, checks, contact rules, outcomes, appeals, meetings,
 * confidential categories, interventions, nation and programme variants and the pack's
 * other decisions; each element with the written policy's own words and the pack's
 * decision where the text was ambiguous.
 *
 * Pure and deterministic: the same pack gives the same document. The pack's free-text
 * `summary` is left out on purpose: nothing checks it against the rules, and a pack that
 * extends another inherits its base's, which may no longer be true.
 */
import type { Pack } from '../pack/pack-schema.js';
import type { DocItem, DocSection, PolicyDocument } from './policy-document.js';
import { effectWords } from './effect-words.js';
import {
  appealItem,
  contactRuleItem,
  followUpItem,
  meetingItem,
  outcomeItem,
  stageItem,
  taskItem,
  triggerItem,
} from './element-items.js';
import { rolesSection } from './explain-roles.js';
import { variantItem } from './explain-variants.js';
import { capitalised, joinAnd } from './words.js';

export function explainPack(pack: Pack): PolicyDocument {
  return {
    title: pack.name,
    pageTitle: `${pack.name} (${pack.id} ${pack.version})`,
    facts: [
      { label: 'Provider', value: pack.provider },
      { label: 'Pack', value: pack.id },
      { label: 'Version', value: pack.version },
      { label: 'Written policy', value: pack.source },
    ],
    intro: [
      "Generated from the pack's data by waymark policy explain, so it says what the bot does. \"Policy\" quotes the written policy's own words; \"Pack decision\" is how the pack settles a point the written policy leaves open.",
    ],
    sections: [
      rolesSection(pack, anchor('Who is involved')),
      triggers(pack),
      ratings(pack),
      section('Stages', pack.stages.map((s) => stageItem(pack, s)), [
        'The steps a case may go through, in order. A stage is entered when the role that approves it agrees (or at once, if it needs no approval).',
      ], 'This policy has no stages.'),
      section('Tasks and deadlines', pack.tasks.map((t) => taskItem(pack, t)), [
        "Working days skip weekends and the bank holidays of the learner's nation; calendar days count every day. A task is due by the end of its last day.",
      ], 'This policy sets no tasks.'),
      section('Checks at a deadline', pack.followUps.map((f) => followUpItem(pack, f)), [
        'A check looks again after a set time and acts only if nothing has cancelled it.',
      ], 'This policy has no checks at a deadline.'),
      section('Contact rules', pack.contactRules.map((c) => contactRuleItem(pack, c)), [
        'What counts as enough contact attempts for a task, a recommendation or an outcome.',
      ], 'This policy has no contact rules.'),
      section('Outcomes', pack.outcomes.map((o) => outcomeItem(pack, o)), [
        "The decisions that end a stage or a case, where they may be made and who makes them.",
      ], 'This policy has no outcomes.'),
      section('Appeals', pack.appeals.map((a) => appealItem(pack, a)), [], 'This policy has no appeals.'),
      section('Meetings', pack.meetings.map((m) => meetingItem(pack, m)), [], 'This policy has no meetings.'),
      concerns(pack),
      interventions(pack),
      section('Nation and programme variants', pack.variants.map((v) => variantItem(pack, v)), [
        'A variant changes parts of the policy for learners of some nations or programmes. Where several apply to a learner, they apply in this order, so a later one wins.',
      ], 'This policy is the same for every nation and programme.'),
      decisions(pack),
    ],
  };
}

function section(title: string, items: DocItem[], intro: string[], empty: string): DocSection {
  return { id: anchor(title), title, intro: items.length > 0 ? intro : [empty], items };
}

/** "Tasks and deadlines" is "tasks-and-deadlines". */
function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function triggers(pack: Pack): DocSection {
  const onAtRisk = pack.onAtRisk.map((e) => effectWords(pack, e));
  return {
    id: anchor('What puts a learner at risk'),
    title: 'What puts a learner at risk',
    intro: [
      'Each rule watches what is recorded about a learner, and the time passing, and acts when it fires. Its heading is the reason staff see.',
      ...(onAtRisk.length > 0 ? [`Whenever a rule puts a learner on the at-risk register, Waymark also ${joinAnd(onAtRisk)}.`] : []),
      ...(pack.triggers.length === 0 ? ['This policy has no rules.'] : []),
    ],
    items: pack.triggers.map((t) => triggerItem(pack, t)),
  };
}

function ratings(pack: Pack): DocSection {
  const r = pack.ratings;
  if (!r) return { id: anchor('Risk ratings'), title: 'Risk ratings', intro: ['This policy has no rating scale: a learner is at risk once a rule alerts.'], items: [] };
  const at = r.scale.indexOf(r.atRiskFrom);
  return {
    id: anchor('Risk ratings'),
    title: 'Risk ratings',
    intro: [],
    items: [
      {
        title: 'The rating scale',
        facts: [
          { label: 'Lowest risk first', value: r.scale.map(capitalised).join(', ') },
          { label: 'At enrolment', value: capitalised(r.initial) },
          { label: 'At risk when rated', value: joinAnd(r.scale.slice(at).map(capitalised)) },
        ],
        lists: [],
        source: r.source,
        ...(r.decision !== undefined ? { decision: r.decision } : {}),
      },
    ],
  };
}

function concerns(pack: Pack): DocSection {
  const seers = pack.roles.filter((r) => r.seesRestricted).map((r) => r.name);
  const restricted = pack.concernCategories.filter((c) => c.restricted).length;
  return {
    id: anchor('Concern categories and confidentiality'),
    title: 'Concern categories and confidentiality',
    intro: [
      pack.concernCategories.length === 0
        ? 'This policy defines no concern categories.'
        : `${restricted} of the ${pack.concernCategories.length} categories are confidential: their details go by direct message only to ${seers.length > 0 ? joinAnd(seers) : 'nobody (no role may see confidential details)'}, and are never posted in a channel.`,
    ],
    ...(pack.concernCategories.length > 0
      ? { table: { columns: ['Category', 'Id', 'Confidential'], rows: pack.concernCategories.map((c) => [c.label, c.id, c.restricted ? 'yes' : 'no']) } }
      : {}),
    items: [],
  };
}

function interventions(pack: Pack): DocSection {
  return {
    id: anchor('Interventions'),
    title: 'Interventions',
    intro: [pack.interventions.length > 0 ? 'The support the policy offers, for staff to choose from.' : 'This policy lists no interventions.'],
    ...(pack.interventions.length > 0 ? { table: { columns: ['Intervention', 'Id'], rows: pack.interventions.map((i) => [i.label, i.id]) } } : {}),
    items: [],
  };
}

function decisions(pack: Pack): DocSection {
  return section(
    'Other decisions the pack makes',
    pack.decisions.map((d) => ({ title: d.about, facts: [], lists: [], decision: d.decision })),
    ['Where the written policy leaves a point open that no single rule covers.'],
    'The pack makes no other decisions.',
  );
}
