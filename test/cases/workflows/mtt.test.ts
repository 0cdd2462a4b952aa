/**
 * MTT (seeds/003): a learner from the first alert to withdrawal, through the service
 * alone. Three missed sessions put them at risk; Stage 1 needs the Directors' approval
 * and sets 2 welfare checks within 5 working days, counted across Christmas 2026; the
 * unsuccessful stages lead to Stage 3, where removal needs the employer's agreement.
 */
import { brief, learnerRecord, openProvider, person, type Provider } from '../harness.js';

const COACH = 'coach@mtt.org';
let p: Provider;

beforeAll(async () => {
  p = await openProvider(
    'wf-mtt',
    [
      person(COACH, ['coach'], { manager: 'qa@mtt.org' }),
      person('dan@mtt.org', ['directors']),
      person('dee@mtt.org', ['directors']),
      person('lisa@mtt.org', ['learner-support']),
      person('qa@mtt.org', ['quality-lead']),
      person('sam@mtt.org', ['safeguarding-team']),
      person('ian@mtt.org', ['managers']),
    ],
    [learnerRecord('M1', 'mtt', { coach: COACH, name: 'Mia Jones', startDate: '2026-10-26' })],
    '2026-12-01T10:00:00Z',
  );
});
afterAll(() => p.close());

test('from the first alert to withdrawal', async () => {
  // 1. On track at the end of November; then three consecutive missed sessions: at risk,
  // within the first 60 days on programme (started 26 Oct), so the Directors are told at once;
  // RecordMy "alerts ... the IQA and Management team"; missed without calling in, an example
  // of when to escalate, so the Quality Lead is told too.
  await p.feed('M1', { type: 'progress', at: '2026-11-30', actual: 10, planned: 12 });
  await p.feed('M1', { type: 'session.missed', at: '2026-12-08' });
  await p.feed('M1', { type: 'session.missed', at: '2026-12-15' });
  p.now = new Date('2026-12-22T09:00:00Z');
  await p.feed('M1', { type: 'session.missed', at: '2026-12-22' });
  expect(brief(p.take())).toEqual([
    'at-risk-alert -> team-channel: 3 consecutive missed sessions',
    'case-update -> team-channel: Rating low → medium',
    `recommendation -> dm:${COACH}: Agree a support plan`,
    'policy-notice -> dm:dan@mtt.org+dee@mtt.org: at risk within the first 60 days',
    'policy-notice -> dm:ian@mtt.org: at-risk notification: consecutive training sessions missed',
    'policy-notice -> dm:qa@mtt.org: consecutive training sessions missed without calling in: discuss the problems with the tutor and decide the steps needed together',
  ]);

  // 2. The coach proposes Stage 1: it waits for the Directors, who are each asked.
  const proposed = await p.ok(COACH, { kind: 'propose', learnerId: 'M1', stage: 'stage-1', reason: 'Three sessions missed and no reply to texts' });
  expect(proposed.proposal).toMatchObject({ label: 'Stage 1', approverName: 'Directors', status: 'pending' });
  expect(proposed.case.stage).toBeNull();
  expect(brief(p.take())).toEqual([
    'approval-request -> dm:dan@mtt.org+dee@mtt.org: Stage 1 (Directors) by coach@mtt.org: Three sessions missed and no reply to texts',
  ]);
  expect((await p.queries.pendingApprovals('dan@mtt.org')).ok && (await p.queries.pendingApprovals('dan@mtt.org'))).toMatchObject({
    value: [{ id: proposed.key, label: 'Stage 1', learner: { id: 'M1' } }],
  });

  // 3. The coach cannot approve it; two Directors answer at once: exactly one decision stands.
  expect(await p.run(COACH, { kind: 'decide', learnerId: 'M1', proposal: proposed.key, verdict: 'approved' })).toEqual({
    ok: false,
    refusal: { code: 'not-the-approver', message: 'Only the Directors can approve "Stage 1" for Mia Jones.' },
  });
  const [dan, dee] = await Promise.all([
    p.run('dan@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: proposed.key, verdict: 'approved' }),
    p.run('dee@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: proposed.key, verdict: 'rejected' }),
  ]);
  const [winner, loser] = dan!.ok ? [dan!, dee!] : [dee!, dan!];
  expect(winner.ok).toBe(true);
  expect(loser).toMatchObject({ ok: false, refusal: { code: 'already-decided' }, decided: { at: p.now } });
  expect(!loser.ok && loser.refusal.message).toMatch(/^(Dan already approved|Dee already rejected) this on Tuesday 22 December 2026 at 09:00\.$/);
  const decisions = (await p.opened.store.eventsOf('M1')).filter((e) => e.event.type === 'step.decided');
  expect(decisions).toHaveLength(1);
  // The rest of the walk assumes Dan's approval won; with Dee's rejection it re-proposes.
  if (!dan!.ok) {
    p.take();
    const again = await p.ok(COACH, { kind: 'propose', learnerId: 'M1', stage: 'stage-1', reason: 'Still no reply' });
    await p.ok('dan@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: again.key, verdict: 'approved' });
  }
  const afterStage1 = brief(p.take()).filter((b) => !b.startsWith('approval-request'));
  expect(afterStage1).toEqual([
    'case-update -> team-channel: Stage 1 began',
    `policy-notice -> dm:${COACH}: tell learner: Stage 1 email from the Director`,
    `policy-notice -> dm:${COACH}: tell employer: Stage 1 email from the Director`,
    'policy-notice -> dm:lisa@mtt.org: record the Stage 1 notice in the at-risk log (RecordMy)',
    // 5 working days from Tue 22 Dec: 23, 24, (Christmas, weekend, Boxing Day on Mon 28), 29, 30, 31.
    `task -> dm:${COACH}: Make 2 welfare-check attempts, by telephone and by email by 2026-12-31`,
    `decision-result -> dm:${COACH}+dee@mtt.org: Stage 1 approved by dan@mtt.org`,
  ]);
  expect(p.wakeUps.at(-1)).toEqual({ learnerId: 'M1', at: new Date('2026-12-30T09:00:00Z') });

  // 4. Nudged the working day before; overdue after the 31st: the coach and their manager.
  await p.advanceTo('2026-12-30T09:05:00Z');
  expect(brief(p.take())).toEqual([`nudge -> dm:${COACH}: Make 2 welfare-check attempts, by telephone and by email by 2026-12-31`]);
  await p.advanceTo('2027-01-01T00:05:00Z');
  expect(brief(p.take())).toEqual([
    `overdue -> dm:${COACH}+qa@mtt.org: Make 2 welfare-check attempts, by telephone and by email by 2026-12-31`,
    `recommendation -> dm:${COACH}: Stage 2 (Learner Support)`,
  ]);
  const caseload = await p.queries.caseload(COACH);
  expect(caseload.ok && caseload.value.map((i) => [i.learner.id, i.overdue, i.case.nextDeadline?.due])).toEqual([['M1', true, '2026-12-31']]);

  // 5. Stage 2: Learner Support asks for more, then approves the proposal made again.
  p.now = new Date('2027-01-04T10:00:00Z');
  const stage2 = await p.ok(COACH, { kind: 'propose', learnerId: 'M1', stage: 'stage-2', reason: 'Welfare checks unanswered' });
  await p.ok('lisa@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: stage2.key, verdict: 'more-information', comment: 'Did you try the employer?' });
  expect(brief(p.take())).toEqual([
    'approval-request -> dm:lisa@mtt.org: Stage 2 (Learner Support) by coach@mtt.org: Welfare checks unanswered',
    `decision-result -> dm:${COACH}: Stage 2 more-information by lisa@mtt.org`,
  ]);
  expect(p.notifier.sent).toEqual([]);
  await p.ok(COACH, { kind: 'log-contact', learnerId: 'M1', channel: 'phone', outcome: 'no_answer', with: 'employer', note: 'Line manager on leave' });
  const again = await p.ok(COACH, { kind: 'propose', learnerId: 'M1', stage: 'stage-2', reason: 'Employer tried too' });
  await p.ok('lisa@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: again.key, verdict: 'approved' });
  expect(brief(p.take())).toContain('case-update -> team-channel: Stage 2 began');

  // 6. Stage 3, then withdrawal: refused until the employer's agreement is recorded.
  const stage3 = await p.ok(COACH, { kind: 'propose', learnerId: 'M1', stage: 'stage-3', reason: 'No commitment after Stage 2' });
  await p.ok('dee@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: stage3.key, verdict: 'approved' });
  expect(await p.run(COACH, { kind: 'propose', learnerId: 'M1', outcome: 'withdraw', reason: 'No engagement' })).toEqual({
    ok: false,
    refusal: {
      code: 'refused-by-policy',
      policyCode: 'forbidden-transition',
      message: 'Cannot decide "withdraw": an apprentice\'s removal needs the employer\'s agreement (record the decision employer-agreed first).',
    },
  });
  const agreed = await p.ok(COACH, { kind: 'propose', learnerId: 'M1', outcome: 'employer-agreed', reason: 'Employer emailed agreement' });
  await p.ok('dan@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: agreed.key, verdict: 'approved' });
  const withdraw = await p.ok(COACH, { kind: 'propose', learnerId: 'M1', outcome: 'withdraw', reason: 'No engagement since December' });
  p.take();
  const final = await p.ok('dan@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: withdraw.key, verdict: 'approved', comment: 'Agreed at the Directors meeting' });
  expect(final.case).toMatchObject({ atRisk: false, status: 'withdrawn', stage: null });
  // "a Learner Withdrawal and Exit Review ... will inform leaders and managers the reasons for non completion".
  expect(brief(p.take())).toEqual([
    'policy-notice -> dm:ian@mtt.org: Learner Withdrawal and Exit Review: the reasons for non-completion',
    'policy-notice -> dm:dan@mtt.org+dee@mtt.org: Learner Withdrawal and Exit Review: the reasons for non-completion',
    `decision-result -> dm:${COACH}+dee@mtt.org: Withdrawn from the programme approved by dan@mtt.org`,
  ]);
  const detail = await p.queries.caseDetail(COACH, 'M1');
  expect(detail.ok && detail.value.proposals.slice(-5).map((x) => [x.label, x.status])).toEqual([
    ['Stage 2', 'more-information'],
    ['Stage 2', 'approved'],
    ['Stage 3 (Notification of Withdrawal)', 'approved'],
    ["The employer agreed to the learner's removal", 'approved'],
    ['Withdrawn from the programme', 'approved'],
  ]);
});
