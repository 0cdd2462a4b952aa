/**
 * The explained pack, as a pure model: every rule's plain-English line states only the
 * rule's own numbers (the wording check's rule, so a changed count cannot leave old words
 * behind), durations say working or calendar days, and each kind of trigger, effect,
 * requirement, schedule and variant reads as it runs.
 */
import { explainPack } from '../../../src/rules/explain/explain-pack.js';
import type { DocItem, PolicyDocument } from '../../../src/rules/explain/policy-document.js';
import { triggerLine, triggerRule } from '../../../src/rules/explain/trigger-words.js';
import { extendPack } from '../../../src/rules/pack/extend-pack.js';
import { packSchema, type Pack } from '../../../src/rules/pack/pack-schema.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';
import { applyVariant } from '../../../src/rules/pack/variants.js';
import { numbersIn, ruleNumbers } from '../../../src/rules/pack/wording-check.js';
import { BUILTIN_PACK_IDS, builtinPack, builtinPackSource } from '../../../src/rules/packs/index.js';
import acme from '../../../examples/acme-mtt-two-misses.json' with { type: 'json' };

const pack = (id: string): Pack => builtinPack(id)!;

function parsed(json: unknown): Pack {
  const result = parsePack(json);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

/** Every built-in pack, and each with each of its variants applied. */
function everyPackAndVariant(): [string, Pack][] {
  return BUILTIN_PACK_IDS.flatMap((id) => [
    [id, pack(id)] as [string, Pack],
    ...pack(id).variants.map((v) => {
      const applied = applyVariant(pack(id), v);
      if (!applied.ok) throw new Error(v.id);
      return [`${id} + ${v.id}`, packSchema.parse(applied.value)] as [string, Pack];
    }),
  ]);
}

function item(doc: PolicyDocument, section: string, id: string): DocItem {
  const found = doc.sections.find((s) => s.title === section)?.items.find((i) => i.id === id);
  if (!found) throw new Error(`no ${section} item ${id}`);
  return found;
}

const fact = (i: DocItem, label: string) => i.facts.find((f) => f.label === label)?.value;
const list = (i: DocItem, title: string) => i.lists.find((l) => l.title === title)?.items;

describe('words follow numbers', () => {
  test.each(everyPackAndVariant())('%s: each rule line states only its own numbers', (_name, p) => {
    for (const t of p.triggers) {
      const own = ruleNumbers(p, t);
      expect([t.id, numbersIn(triggerRule(p, t)).filter((n) => !own.has(n))]).toEqual([t.id, []]);
      expect([t.id, numbersIn(triggerLine(p, t)).filter((n) => !own.has(n))]).toEqual([t.id, []]);
    }
  });

  test('the check can fail: a rule line with a stray number is caught', () => {
    const t = pack('mtt').triggers.find((x) => x.id === 'three-consecutive-missed-sessions')!;
    if (t.kind !== 'consecutive') throw new Error(t.kind);
    expect(numbersIn(triggerRule(pack('mtt'), { ...t, count: 2 })).filter((n) => !ruleNumbers(pack('mtt'), t).has(n))).toEqual([2]);
  });

  test('a pack that extends mtt with 2 missed sessions says 2, and never 3, consecutive', () => {
    const merged = extendPack(acme, builtinPackSource('mtt') as Record<string, unknown>, 'mtt');
    if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
    const doc = explainPack(parsed(merged.value));
    const text = JSON.stringify(doc);
    expect(text).toContain('2 consecutive missed sessions; an attended session breaks the run');
    // Only the Quality Lead's rule, a sentence of its own ("without calling in") that acme leaves alone, keeps its 3.
    const ownThree = JSON.stringify(item(doc, 'What puts a learner at risk', 'three-missed-sessions-without-calling-in'));
    expect(ownThree).toMatch(/\b3 consecutive/);
    expect(text.replace(ownThree, '')).not.toMatch(/\b3 consecutive/);
    // The base says 3, and its free-text summary (left out of the document) does too.
    expect(JSON.stringify(explainPack(pack('mtt')))).toContain('3 consecutive missed sessions; an attended session breaks the run');
    expect(pack('mtt').summary).toMatch(/3 consecutive/);
  });
});

describe('every kind of rule in plain English', () => {
  const mtt = explainPack(pack('mtt'));
  const bpn = explainPack(pack('bpn'));
  const rule = (doc: PolicyDocument, id: string) => fact(item(doc, 'What puts a learner at risk', id), 'Rule');

  test('progress gap in points, and as a ratio of plan', () => {
    expect(rule(mtt, 'behind-planned-progression')).toBe('a progress measurement 30 percentage points or more behind plan');
    const t = pack('mtt').triggers[0]!;
    expect(triggerRule(pack('mtt'), { ...t, kind: 'progress-gap', measure: 'ratio', ratio: 0.7 } as typeof t)).toBe(
      'a progress measurement at or below 70% of plan (30% or more behind)',
    );
  });

  test('counts in a window of days or since the case opened; inactivity in days and weeks', () => {
    expect(rule(mtt, 'two-cancelled-visits-in-4-weeks')).toBe('2 cancelled visits (not cancelled by the provider) within any 28 days (4 weeks), both ends included');
    expect(rule(mtt, 'unexplained-absences-at-work')).toBe(
      '3 unexplained absences from work since the case opened (with no case open: since the last one closed, or the start date)',
    );
    expect(rule(mtt, 'no-progress-in-42-days')).toBe('42 days (6 weeks) without a progress measurement or a recorded learning activity, counted from the last one or the start date');
    expect(rule(bpn, 'repeated-amber')).toMatch(/^2 missed sessions, missed visits or concerns recorded as “lateness”, .* \(in any mix\) within any 28 days \(4 weeks\), both ends included$/);
  });

  test('single events, and the limits on a rule', () => {
    const missed = item(mtt, 'What puts a learner at risk', 'missed-session-without-notice-while-at-risk');
    expect(fact(missed, 'Rule')).toBe('each missed session without notice');
    expect(fact(missed, 'Limits')).toBe('while the learner is at risk');
    expect(fact(item(mtt, 'What puts a learner at risk', 'back-on-track'), 'Limits')).toBe('while the learner is at risk; at most once while a case is open');
    expect(fact(item(mtt, 'What puts a learner at risk', 'safeguarding-referral-to-safeguarding-team'), 'Limits')).toBe('also while monitoring is paused or after withdrawal');
    expect(rule(explainPack(pack('creative-alliance')), 'learner-cancelled-visit')).toBe('each cancelled visit (cancelled by the learner) or missed visit with notice');
  });

  test('effects: conditions, confidential notices, recommendations held for what must be on record first', () => {
    const behind = list(item(mtt, 'What puts a learner at risk', 'behind-planned-progression'), 'When it fires, it')!;
    expect(behind).toContain('tells the Directors: “at risk within the first 60 days” (within the first 60 days after the start date)');
    expect(behind).toContain('raises the rating to at least Medium');
    expect(list(item(mtt, 'What puts a learner at risk', 'safeguarding-referral-to-safeguarding-team'), 'When it fires, it')).toContain(
      'tells the Safeguarding team (DSL and Deputy DSL): “a safeguarding concern was raised for this learner: see the restricted record” (confidential: by direct message to them only)',
    );
    expect(list(item(bpn, 'What puts a learner at risk', 'inactive-week-8'), 'When it fires, it')![0]).toMatch(
      /^recommends “Withdrawal” \(for the Associate Director of Apprenticeships to decide\), once all of these are on record: at least three contact attempts to the apprentice across different channels, and the employer\/mentor engaged; a recorded answer on academic and pastoral support \("support offered", or "support not appropriate" with the reason\); a recorded answer on safeguarding and welfare \("welfare considered", or "welfare not relevant" with the reason\); until then it tells the Apprenticeship Tutor: /,
    );
  });
});

describe('stages, tasks, outcomes, appeals and meetings', () => {
  test('a stage: who runs and approves it, what its entry needs, its tasks with their deadlines, who is told', () => {
    const stage4 = item(explainPack(pack('makers')), 'Stages', 'stage-4');
    expect(stage4.facts).toEqual(
      expect.arrayContaining([
        { label: 'Run by', value: 'Pastoral lead or tech lead' },
        { label: 'Entry approved by', value: 'Pastoral lead or tech lead' },
        { label: 'Entered from', value: 'Stage 3 (formal)' },
      ]),
    );
    expect(list(stage4, 'Entry needs')).toEqual([
      'stage 4 needs stage 3 to have happened (the learner has been at Stage 3 (formal) in this case)',
      "stage 4 needs stage 3's recommendation to escalate, confirmed by email (a decision of “Recommendation to escalate” at Stage 3 (formal) is recorded in this case)",
    ]);
    const stage1 = item(explainPack(pack('mtt')), 'Stages', 'stage-1');
    expect(list(stage1, 'On entry, it')).toEqual([
      'tells the Learner: “Stage 1 email from the Director”',
      'tells the Employer: “Stage 1 email from the Director”',
      'tells the Learner Support: “record the Stage 1 notice in the at-risk log (RecordMy)”',
      'sets the task “Make 2 welfare-check attempts, by telephone and by email” for the Skills coach or tutor, due within 5 working days',
      'starts the check “Stage 1 efforts were unsuccessful within 5 working days”, made after 5 working days',
    ]);
    expect(fact(item(explainPack(pack('makers')), 'Stages', 'stage-1'), 'Entry approved by')).toBe('no approval needed');
  });

  test('deadlines in working days and in calendar days', () => {
    const bpn = explainPack(pack('bpn'));
    expect(fact(item(bpn, 'Tasks and deadlines', 'initial-contact'), 'Due')).toBe('within 7 calendar days (1 week)');
    expect(fact(item(bpn, 'Tasks and deadlines', 'confirm-withdrawal-in-writing'), 'Due')).toBe('within 10 working days');
    expect(fact(item(bpn, 'Tasks and deadlines', 'confirm-withdrawal-in-writing'), 'Set by')).toBe('the outcome “Withdrawal”');
    expect(fact(item(bpn, 'Tasks and deadlines', 'further-contact'), 'Done')).toBe('when a contact attempt with the employer is recorded');
    expect(fact(item(explainPack(pack('makers')), 'Tasks and deadlines', 'stage-3-reviews'), 'Done')).toBe('when 2 reviews held at Stage 3 (formal) are recorded');
  });

  test('outcomes, appeals and meetings', () => {
    const makers = explainPack(pack('makers'));
    expect(fact(item(makers, 'Outcomes', 'terminate'), 'Decided')).toBe('only at Stage 5 (formal)');
    expect(fact(item(explainPack(pack('mtt')), 'Outcomes', 'break-in-learning'), 'Then')).toBe(
      'the learner leaves the at-risk register; monitoring pauses until a recorded learning activity, a progress measurement, an attended session or an attended visit',
    );
    const appeal = item(makers, 'Appeals', 'stage-5-appeal');
    expect(appeal.title).toBe(
      'Appeal against “Moved back down to informal support”, “Off support”, “Formal support extended at stage 3”, “Break in learning” or “Training provision terminated: the apprenticeship ends”',
    );
    expect(fact(appeal, 'Lodged')).toBe('within 10 working days of the decision taken at Stage 5 (formal)');
    expect(fact(appeal, 'Decided')).toBe('no deadline set');
    expect(appeal.decision).toMatch(/^Every stage 5 outcome can be appealed, not only termination; the 10 working days run from the stage 5 decision/);
    const ended = item(makers, 'Outcomes', 'end-under-other-policy');
    expect(fact(ended, 'Decided')).toBe('at any stage or none, outside the stage process, while the learner is at risk');
    expect(fact(ended, 'Decided by')).toBe('the Director of Delivery or Director of Training');
    expect(list(ended, 'Needs')).toEqual([
      'ending an apprenticeship outside the stages needs a safeguarding or code-of-conduct matter raised in this case (the rule “a confidential matter was raised that may be handled outside the stages (details go to the safeguarding lead only)” fired in this case)',
    ]);
    expect(fact(item(explainPack(pack('creative-alliance')), 'Meetings', 'smt-weekly'), 'When')).toBe('every Monday at 10:00');
    expect(fact(item(explainPack(pack('mtt')), 'Meetings', 'leaver-panel'), 'When')).toBe('every 8 weeks from Monday 5 January 2026, at 10:00');
    expect(fact(item(explainPack(pack('mtt')), 'Meetings', 'team-and-directors'), 'When')).toBe('within 10 calendar days of the item arising');
  });
});

describe('variants and the rest of the document', () => {
  test('a variant: whom it applies to and each change, set against the base', () => {
    const wales = item(explainPack(pack('atl')), 'Nation and programme variants', 'wales');
    expect(fact(wales, 'Applies to')).toBe('learners in Wales');
    const changes = list(wales, 'What changes')!;
    expect(changes).toContain(
      'Rule “no recorded progress within 42 days”: Rule: 49 days (7 weeks) without a progress measurement or a recorded learning activity, counted from the last one or the start date (was: 42 days (6 weeks) without a progress measurement or a recorded learning activity, counted from the last one or the start date)',
    );
    expect(changes).toContain('Stage 1: Run by: Operational Support Co-ordinator (Wales) (was: Sector Manager (England))');
    expect(fact(item(explainPack(pack('atl')), 'Nation and programme variants', 'traineeship'), 'Applies to')).toBe('traineeships, in every nation');
    expect(changes.some((c) => c.startsWith('Stage 1: Kind'))).toBe(false);
  });

  test('sections in order, each element once, its source and decision kept', () => {
    for (const id of BUILTIN_PACK_IDS) {
      const p = pack(id);
      const doc = explainPack(p);
      expect(doc.sections.map((s) => s.title)).toEqual([
        'Who is involved',
        'What puts a learner at risk',
        'Risk ratings',
        'Stages',
        'Tasks and deadlines',
        'Checks at a deadline',
        'Contact rules',
        'Outcomes',
        'Appeals',
        'Meetings',
        'Concern categories and confidentiality',
        'Interventions',
        'Nation and programme variants',
        'Other decisions the pack makes',
      ]);
      const ids = (title: string) => doc.sections.find((s) => s.title === title)!.items.map((i) => i.id);
      expect(ids('What puts a learner at risk')).toEqual(p.triggers.map((t) => t.id));
      expect(ids('Stages')).toEqual(p.stages.map((s) => s.id));
      expect(ids('Outcomes')).toEqual(p.outcomes.map((o) => o.id));
      expect(ids('Nation and programme variants')).toEqual(p.variants.map((v) => v.id));
      for (const t of p.triggers) expect(item(doc, 'What puts a learner at risk', t.id)).toMatchObject({ source: t.source, ...(t.decision ? { decision: t.decision } : {}) });
      expect(doc.sections[0]!.table!.rows.map((r) => r[1])).toEqual(p.roles.map((r) => r.id));
    }
  });

  test('confidential categories and who may see them', () => {
    const doc = explainPack(pack('mtt'));
    const section = doc.sections.find((s) => s.title === 'Concern categories and confidentiality')!;
    expect(section.intro[0]).toBe(
      '7 of the 26 categories are confidential: their details go by direct message only to Safeguarding team (DSL and Deputy DSL), and are never posted in a channel.',
    );
    expect(section.table!.rows.find((r) => r[1] === 'mental-health')).toEqual(['mental health', 'mental-health', 'yes']);
    expect(section.table!.rows.find((r) => r[1] === 'bereavement')).toEqual(['bereavement', 'bereavement', 'no']);
  });
});
