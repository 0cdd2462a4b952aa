/**
 * Makers (seeds/000): an apprentice from falling behind to termination and an appeal,
 * through the service alone. Stages 1-2 need no approval; stage 3 is the coach's own
 * formal stage, so another coach (the one covering) approves it; stages 4 and 5 need the
 * lead's and the Head's approval and each needs the previous stage's recommendation to
 * escalate; the Director decides stage 5's outcome, which opens a 10-working-day appeal.
 */
import { brief, learnerRecord, openProvider, person, type Provider } from '../harness.js';

const COACH = 'ana@makers.org';
const COVER = 'ben@makers.org';
const LEAD = 'lee@makers.org';
const HEAD = 'hana@makers.org';
const DIRECTOR = 'dora@makers.org';
let p: Provider;

beforeAll(async () => {
  p = await openProvider(
    'wf-makers',
    [
      person(COACH, ['coach']),
      person(COVER, ['coach'], { covers: [COACH] }),
      person('cleo@makers.org', ['coach']),
      person(LEAD, ['pastoral-or-tech-lead']),
      person(HEAD, ['head-of-developer-success-or-training']),
      person(DIRECTOR, ['director-of-delivery-or-training']),
      person('del@makers.org', ['director-of-delivery']),
      person('sue@makers.org', ['safeguarding-lead']),
    ],
    [
      learnerRecord('K1', 'makers', { coach: COACH, name: 'Kit Lee' }),
      learnerRecord('K2', 'makers', { coach: COACH, name: 'Jo Park' }),
      learnerRecord('K3', 'makers', { coach: COACH, name: 'Sam Reid' }),
    ],
    '2026-10-05T09:00:00Z',
  );
});
afterAll(() => p.close());

const learnerId = 'K1';

test('from falling behind to termination and an appeal', async () => {
  // 1. 10 points behind the planned timeline: alert, and stage 1 is recommended.
  await p.feed(learnerId, { type: 'progress', at: '2026-10-05', actual: 20, planned: 30 });
  expect(brief(p.take())).toEqual([
    'at-risk-alert -> team-channel: fallen behind their timeline of progression',
    `recommendation -> dm:${COACH}: Stage 1 (informal)`,
  ]);

  // 2. Stages 1 and 2 need no approval: the coach's proposal takes the step at once.
  const stage1 = await p.ok(COACH, { kind: 'propose', learnerId, stage: 'stage-1', reason: 'Behind on the portfolio' });
  expect(stage1.proposal).toMatchObject({ status: 'taken' });
  expect(stage1.case.stage).toBe('stage-1');
  expect(brief(p.take())).toEqual([
    'case-update -> team-channel: Stage 1 (informal) began',
    `policy-notice -> dm:${COACH}: tell learner: you are receiving informal support (stage 1)`,
    `policy-notice -> dm:${COACH}: tell line-manager: the apprentice is receiving informal support (stage 1)`,
  ]);

  // 3. Stage 3 is formal and run by the coach: the covering coach approves, never the proposer.
  p.now = new Date('2026-10-12T09:00:00Z');
  const stage3 = await p.ok(COACH, { kind: 'propose', learnerId, stage: 'stage-3', reason: 'No improvement after informal support' });
  expect(brief(p.take())).toEqual([`approval-request -> dm:${COVER}: Stage 3 (formal) (Placement or tech coach) by ${COACH}: No improvement after informal support`]);
  expect(await p.run(COACH, { kind: 'decide', learnerId, proposal: stage3.key, verdict: 'approved' })).toMatchObject({
    ok: false,
    refusal: { code: 'own-proposal', message: 'You proposed "Stage 3 (formal)", so someone else must decide it.' },
  });
  expect(await p.run('cleo@makers.org', { kind: 'decide', learnerId, proposal: stage3.key, verdict: 'approved' })).toMatchObject({
    ok: false,
    refusal: { code: 'not-on-caseload' },
  });
  await p.ok(COVER, { kind: 'decide', learnerId, proposal: stage3.key, verdict: 'approved' });
  const atStage3 = brief(p.take());
  expect(atStage3).toContain('case-update -> team-channel: Stage 3 (formal) began');
  expect(atStage3).toContain(`decision-result -> dm:${COACH}: Stage 3 (formal) approved by ${COVER}`);

  // 4. Stage 4 is refused until stage 3's recommendation to escalate is decided.
  expect(await p.run(COACH, { kind: 'propose', learnerId, stage: 'stage-4', reason: 'Still behind' })).toMatchObject({
    ok: false,
    refusal: { code: 'refused-by-policy', policyCode: 'forbidden-transition', message: "Cannot enter stage-4: stage 4 needs stage 3's recommendation to escalate, confirmed by email." },
  });
  await p.ok(COACH, { kind: 'record-review', learnerId, stage: 'stage-3', note: 'First review' });
  await p.ok(COACH, { kind: 'record-review', learnerId, stage: 'stage-3', note: 'Second review' });
  const escalate3 = await p.ok(COACH, { kind: 'propose', learnerId, outcome: 'escalate', reason: 'Two reviews, no change' });
  await p.ok(COVER, { kind: 'decide', learnerId, proposal: escalate3.key, verdict: 'approved' });
  const stage4 = await p.ok(COACH, { kind: 'propose', learnerId, stage: 'stage-4', reason: 'Recommendation to escalate sent' });
  expect(await p.run(COVER, { kind: 'decide', learnerId, proposal: stage4.key, verdict: 'approved' })).toMatchObject({
    ok: false,
    refusal: { code: 'not-the-approver', message: 'Only a Pastoral lead or tech lead can approve "Stage 4 (formal)" for Kit Lee.' },
  });
  p.take();
  await p.ok(LEAD, { kind: 'decide', learnerId, proposal: stage4.key, verdict: 'approved' });
  expect(brief(p.take())).toEqual(
    expect.arrayContaining([
      `task -> dm:${LEAD}: Hold the 2 stage 4 review meetings (run by the apprentice) by 2026-11-23`,
      `decision-result -> dm:${COACH}: Stage 4 (formal) approved by ${LEAD}`,
    ]),
  );

  // 5. Stage 5 after stage 4's recommendation; the Director decides termination.
  const escalate4 = await p.ok(LEAD, { kind: 'propose', learnerId, outcome: 'escalate', reason: 'No change at stage 4' });
  expect(escalate4.proposal).toMatchObject({ status: 'pending', approverName: 'Pastoral lead or tech lead' });
  const otherLead = await p.run(COACH, { kind: 'decide', learnerId, proposal: escalate4.key, verdict: 'approved' });
  expect(otherLead).toMatchObject({ ok: false, refusal: { code: 'not-the-approver' } });
  await p.opened.store.putStaff(person('lou@makers.org', ['pastoral-or-tech-lead']));
  await p.ok('lou@makers.org', { kind: 'decide', learnerId, proposal: escalate4.key, verdict: 'approved' });
  const stage5 = await p.ok(LEAD, { kind: 'propose', learnerId, stage: 'stage-5', reason: 'Escalated' });
  await p.ok(HEAD, { kind: 'decide', learnerId, proposal: stage5.key, verdict: 'approved' });
  p.now = new Date('2026-11-02T10:00:00Z');
  const terminate = await p.ok(HEAD, { kind: 'propose', learnerId, outcome: 'terminate', reason: 'No engagement through stage 5' });
  expect(terminate.proposal).toMatchObject({ approverName: 'Director of Delivery or Director of Training' });
  p.take();
  const decided = await p.ok(DIRECTOR, { kind: 'decide', learnerId, proposal: terminate.key, verdict: 'approved' });
  expect(decided.case).toMatchObject({ status: 'withdrawn', atRisk: false });
  const closing = brief(p.take());
  // 10 working days from Mon 2 Nov: the appeal window closes on Mon 16 Nov.
  expect(closing).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^policy-notice -> dm:del@makers\.org: .*may appeal in writing until 2026-11-16$/),
      expect.stringMatching(new RegExp(`^policy-notice -> dm:${COACH}: tell learner: .*until 2026-11-16$`)),
      `decision-result -> dm:${HEAD}: Training provision terminated: the apprenticeship ends approved by ${DIRECTOR}`,
    ]),
  );

  // 6. The employer appeals in writing within the window: the Director of Delivery hears it.
  p.now = new Date('2026-11-10T10:00:00Z');
  await p.ok(COACH, { kind: 'record-appeal', learnerId, by: 'employer', note: 'Letter from the employer' });
  expect(brief(p.take())).toEqual(['policy-notice -> dm:del@makers.org: the employer appealed against "terminate"']);
  const trail = await p.queries.caseDetail(DIRECTOR, learnerId);
  expect(trail.ok && trail.value.trail.map((t) => t.event.type)).toEqual([
    'progress',
    'step.proposed',
    'step.proposed',
    'step.decided',
    'review.held',
    'review.held',
    'step.proposed',
    'step.decided',
    'step.proposed',
    'step.decided',
    'step.proposed',
    'step.decided',
    'step.proposed',
    'step.decided',
    'step.proposed',
    'step.decided',
    'appeal.lodged',
  ]);
});

test('"any apprentice who has fallen behind their timeline of progression": the feed\'s progress records, at 9, 10 and 11 points behind', async () => {
  p.take();
  await p.feed('K2', { type: 'progress', at: '2026-11-20', actual: 41, planned: 50 });
  expect(brief(p.take())).toEqual([]);
  await p.feed('K2', { type: 'progress', at: '2026-11-21', actual: 40, planned: 50 });
  expect(brief(p.take())).toContain('at-risk-alert -> team-channel: fallen behind their timeline of progression');
  await p.feed('K3', { type: 'progress', at: '2026-11-21', actual: 39, planned: 50 });
  expect(brief(p.take())).toContain('at-risk-alert -> team-channel: fallen behind their timeline of progression');
});

test('"safeguarding or code of conduct ... the stage process would not be followed": the Director ends it at stage 3, not the coach', async () => {
  p.now = new Date('2026-11-23T09:00:00Z');
  const stage3 = await p.ok(COACH, { kind: 'propose', learnerId: 'K3', stage: 'stage-3', reason: 'Behind' });
  await p.ok(COVER, { kind: 'decide', learnerId: 'K3', proposal: stage3.key, verdict: 'approved' });
  const early = await p.run(COACH, { kind: 'propose', learnerId: 'K3', outcome: 'end-under-other-policy', reason: 'Conduct' });
  expect(early).toMatchObject({ ok: false, refusal: { code: 'refused-by-policy', policyCode: 'forbidden-transition' } });
  await p.feed('K3', { type: 'concern.raised', at: '2026-11-23T10:00:00Z', category: 'code-of-conduct' });
  p.now = new Date('2026-11-23T11:00:00Z');
  p.take();
  const end = await p.ok(COACH, { kind: 'propose', learnerId: 'K3', outcome: 'end-under-other-policy', reason: 'Code of conduct hearing' });
  expect(end.proposal).toMatchObject({ status: 'pending', approverName: 'Director of Delivery or Director of Training' });
  expect(await p.run(COVER, { kind: 'decide', learnerId: 'K3', proposal: end.key, verdict: 'approved' })).toMatchObject({
    ok: false,
    refusal: { code: 'not-the-approver' },
  });
  const decided = await p.ok(DIRECTOR, { kind: 'decide', learnerId: 'K3', proposal: end.key, verdict: 'approved' });
  expect(decided.case).toMatchObject({ status: 'withdrawn', atRisk: false });
  expect(brief(p.take()).filter((b) => b.includes('appeal'))).toEqual([]);
});
