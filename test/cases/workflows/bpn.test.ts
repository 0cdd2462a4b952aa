/**
 * Best Practice Network (seeds/002): an inactive apprentice from week 2 to withdrawal and
 * an appeal, through the service alone. The weeks run from the last activity; the break
 * in learning needs the Performance Manager, withdrawal needs three contact attempts to the
 * apprentice across two channels, the employer engaged, recorded answers on support and
 * welfare, and the Associate Director; the apprentice and employer are told of each formal
 * step through the tutor; the appeal goes to the reviewer.
 */
import { brief, learnerRecord, openProvider, person, type Provider } from '../harness.js';

const TUTOR = 'tia@bpn.org';
const COVER = 'tom@bpn.org';
const PM = 'pam@bpn.org';
const AD = 'adam@bpn.org';
const BIL_TOLD = 'break in learning: the apprenticeship is formally paused; the training plan and Apprenticeship Agreement will be updated and reissued';
const WITHDRAWN_TOLD = 'withdrawal decided by the Associate Director of Apprenticeships; written confirmation follows within 10 working days';
let p: Provider;
const learnerId = 'B1';

beforeAll(async () => {
  p = await openProvider(
    'wf-bpn',
    [
      person(TUTOR, ['coach'], { manager: PM }),
      person(COVER, ['coach'], { covers: [TUTOR] }),
      person(PM, ['performance-manager']),
      person(AD, ['associate-director']),
      person('rita@bpn.org', ['appeals-reviewer']),
      person('sal@bpn.org', ['safeguarding-lead']),
    ],
    [learnerRecord(learnerId, 'bpn', { coach: TUTOR, name: 'Bo Nash', startDate: '2026-09-28' })],
    '2026-10-01T09:00:00Z',
  );
});
afterAll(() => p.close());

test('from two weeks inactive to withdrawal and an appeal', async () => {
  await p.feed(learnerId, { type: 'activity', at: '2026-10-01T09:00:00+01:00' });
  expect(p.take()).toEqual([]);

  // Week 2: flagged for monitoring (no approval needed); initial contact by two methods in 7 days.
  await p.advanceTo('2026-10-15T09:00:00Z');
  expect(brief(p.take())).toEqual([
    'at-risk-alert -> team-channel: no recorded activity or meaningful communication for 2 weeks',
    'case-update -> team-channel: Rating green → amber',
    `recommendation -> dm:${TUTOR}: Flagged for monitoring`,
    `task -> dm:${TUTOR}: Make an initial contact attempt by at least two methods (e.g. email and phone) by 2026-10-22`,
  ]);
  const monitoring = await p.ok(TUTOR, { kind: 'propose', learnerId, stage: 'monitoring', reason: 'Two weeks without activity' });
  expect(monitoring.proposal?.status).toBe('taken');
  await p.ok(TUTOR, { kind: 'log-contact', learnerId, channel: 'phone', outcome: 'no_answer' });
  await p.ok(TUTOR, { kind: 'log-contact', learnerId, channel: 'email', outcome: 'no_response' });
  const afterContacts = await p.queries.caseDetail(TUTOR, learnerId);
  expect(afterContacts.ok && afterContacts.value.view?.openTasks).toEqual([]);
  p.take();

  // Week 3: formal warning, which the tutor runs, so the covering tutor approves it.
  await p.advanceTo('2026-10-22T09:00:00Z');
  expect(brief(p.take())).toEqual([
    'at-risk-alert -> team-channel: no recorded activity or meaningful communication for 3 weeks',
    'case-update -> team-channel: Rating amber → red',
    // "7. Red (At Risk) ... Actions: Performance Manager involvement; Formal discussion with employer/mentor".
    `policy-notice -> dm:${PM}: hold a formal discussion with the employer/mentor; a revised training plan may be needed`,
    `recommendation -> dm:${TUTOR}: Formal warning (Apprenticeship Tutor)`,
  ]);
  const warning = await p.ok(TUTOR, { kind: 'propose', learnerId, stage: 'formal-warning', reason: 'Three weeks without activity' });
  await p.ok(COVER, { kind: 'decide', learnerId, proposal: warning.key, verdict: 'approved' });
  p.take();

  // Week 4: a break in learning, which only the Performance Manager approves.
  await p.advanceTo('2026-10-29T09:00:00Z');
  expect(brief(p.take())).toEqual([`recommendation -> dm:${TUTOR}: Break in learning (Performance Manager)`]);
  const pause = await p.ok(TUTOR, { kind: 'propose', learnerId, outcome: 'break-in-learning', reason: 'No engagement for four weeks' });
  expect(await p.run(COVER, { kind: 'decide', learnerId, proposal: pause.key, verdict: 'approved' })).toEqual({
    ok: false,
    refusal: { code: 'not-the-approver', message: 'Only a Performance Manager can approve "Break in learning" for Bo Nash.' },
  });
  await p.ok(PM, { kind: 'decide', learnerId, proposal: pause.key, verdict: 'approved' });
  expect(brief(p.take())).toEqual([
    'approval-request -> dm:pam@bpn.org: Break in learning (Performance Manager) by tia@bpn.org: No engagement for four weeks',
    `policy-notice -> dm:${TUTOR}: tell learner: ${BIL_TOLD}`,
    `policy-notice -> dm:${TUTOR}: tell employer: ${BIL_TOLD}`,
    `policy-notice -> dm:${TUTOR}: update and reissue the training plan and the Apprenticeship Agreement`,
    `decision-result -> dm:${TUTOR}: Break in learning approved by ${PM}`,
  ]);

  // Week 5: the Performance Manager reviews.
  await p.advanceTo('2026-11-05T09:00:00Z');
  expect(brief(p.take())).toEqual([
    `recommendation -> dm:${TUTOR}: Performance Manager review (Performance Manager)`,
    `policy-notice -> dm:${PM}: review the case: 5 weeks without engagement`,
  ]);

  // Week 8: withdrawal is held until three attempts to the apprentice across two channels
  // and one to the employer are on record.
  await p.advanceTo('2026-11-26T09:00:00Z');
  expect(brief(p.take())).toEqual([expect.stringMatching(new RegExp(`^policy-notice -> dm:${TUTOR}: withdrawal can be considered after 8 weeks`))]);
  expect(await p.run(TUTOR, { kind: 'propose', learnerId, outcome: 'withdraw', reason: 'Eight weeks inactive' })).toMatchObject({
    ok: false,
    refusal: { code: 'refused-by-policy', policyCode: 'forbidden-transition' },
  });
  await p.ok(TUTOR, { kind: 'log-contact', learnerId, channel: 'letter', outcome: 'no_response', note: 'Letter to the apprentice' });
  // Three to the apprentice, but the employer/mentor not yet engaged: still held.
  expect(brief(p.take())).toEqual([]);
  await p.ok(TUTOR, { kind: 'log-contact', learnerId, channel: 'letter', outcome: 'no_response', with: 'employer', note: 'Letter to the mentor' });
  // The contacts are done, but section 8's answers on support and welfare are not: still held.
  expect(brief(p.take())).toEqual([]);
  // "Offer academic and pastoral support where appropriate": asked before the proposal.
  expect(await p.run(TUTOR, { kind: 'propose', learnerId, outcome: 'withdraw', reason: 'Eight weeks inactive' })).toMatchObject({
    ok: false,
    refusal: { code: 'refused-by-policy', policyCode: 'forbidden-transition', message: expect.stringContaining('academic and pastoral support') },
  });
  const support = await p.ok(TUTOR, { kind: 'propose', learnerId, outcome: 'support-not-appropriate', reason: 'No reply to any offer; nothing to tailor support to' });
  expect(support.proposal?.status).toBe('taken');
  // "Consider safeguarding or welfare concerns where relevant": asked next.
  expect(await p.run(TUTOR, { kind: 'propose', learnerId, outcome: 'withdraw', reason: 'Eight weeks inactive' })).toMatchObject({
    ok: false,
    refusal: { code: 'refused-by-policy', policyCode: 'forbidden-transition', message: expect.stringContaining('safeguarding and welfare') },
  });
  await p.ok(TUTOR, { kind: 'propose', learnerId, outcome: 'welfare-considered', reason: 'Checked with the safeguarding lead: no concerns on record' });
  // The last of section 8 on record: withdrawal is now recommended, once.
  expect(brief(p.take())).toEqual([`recommendation -> dm:${TUTOR}: Withdrawal (Associate Director of Apprenticeships)`]);
  const withdraw = await p.ok(TUTOR, { kind: 'propose', learnerId, outcome: 'withdraw', reason: 'Eight weeks inactive; three attempts' });
  const done = await p.ok(AD, { kind: 'decide', learnerId, proposal: withdraw.key, verdict: 'approved' });
  expect(done.case).toMatchObject({ status: 'withdrawn', atRisk: false });
  const closing = brief(p.take());
  // 10 working days from Thu 26 Nov: written confirmation and the appeal window end on 10 Dec.
  expect(closing).toEqual(
    expect.arrayContaining([
      `task -> dm:${AD}: Confirm the withdrawal decision in writing by 2026-12-10`,
      `policy-notice -> dm:${TUTOR}: tell learner: ${WITHDRAWN_TOLD}`,
      `policy-notice -> dm:${TUTOR}: tell employer: ${WITHDRAWN_TOLD}`,
      'policy-notice -> dm:rita@bpn.org: Withdrawal: the learner may appeal in writing until 2026-12-10',
      `decision-result -> dm:${TUTOR}: Withdrawal approved by ${AD}`,
    ]),
  );

  // The apprentice appeals in time: the reviewer must decide within 10 working days; final.
  p.now = new Date('2026-12-03T10:00:00Z');
  await p.ok(TUTOR, { kind: 'record-appeal', learnerId, by: 'learner' });
  expect(brief(p.take())).toEqual([
    'policy-notice -> dm:rita@bpn.org: the learner appealed against "withdraw"; the appeal decision is final',
    'task -> dm:rita@bpn.org: Decide the appeal against "withdraw" by 2026-12-17',
  ]);
});
