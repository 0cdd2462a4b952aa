/**
 * Aspiration Training (seeds/004), Wales variant: an apprentice from two cancelled visits
 * to back on track, through the service alone. In Wales the Operational Support
 * Co-ordinator runs and approves the stages (the English Sector Manager cannot), and the
 * welfare checks' 5 working days are counted across Easter 2027.
 */
import { brief, learnerRecord, openProvider, person, type Provider } from '../harness.js';

const COACH = 'cai@atl.org';
const OSC = 'owen@atl.org';
const SECTOR = 'seren@atl.org';
let p: Provider;
const learnerId = 'W1';

beforeAll(async () => {
  p = await openProvider(
    'wf-atl',
    [
      person(COACH, ['coach'], { manager: OSC }),
      person(OSC, ['operational-support-coordinator']),
      person(SECTOR, ['sector-manager']),
      person('hoo@atl.org', ['head-of-operations']),
      person('sian@atl.org', ['safeguarding-team']),
    ],
    [learnerRecord(learnerId, 'atl', { coach: COACH, name: 'Wyn Evans', nation: 'wales', startDate: '2027-02-01' })],
    '2027-03-01T09:00:00Z',
  );
});
afterAll(() => p.close());

test('from two cancelled visits to back on track (Wales)', async () => {
  // Progress on record keeps the 49-day (Wales) no-progress rule quiet.
  await p.feed(learnerId, { type: 'progress', at: '2027-03-01', actual: 10, planned: 10 });
  await p.feed(learnerId, { type: 'visit.cancelled', at: '2027-03-03', by: 'learner' });
  p.now = new Date('2027-03-24T09:00:00Z');
  await p.feed(learnerId, { type: 'visit.cancelled', at: '2027-03-24', by: 'learner' });
  expect(brief(p.take())).toEqual(
    expect.arrayContaining([
      'at-risk-alert -> team-channel: 2 cancelled visits in 4 weeks',
      `recommendation -> dm:${COACH}: Stage 1 (Operational Support Co-ordinator (Wales))`,
    ]),
  );

  // The English Sector Manager cannot approve a Welsh learner's stage; the OSC can.
  const stage1 = await p.ok(COACH, { kind: 'propose', learnerId, stage: 'stage-1', reason: 'Two cancellations this month' });
  expect(brief(p.take())).toEqual([`approval-request -> dm:${OSC}: Stage 1 (Operational Support Co-ordinator (Wales)) by ${COACH}: Two cancellations this month`]);
  expect(await p.run(SECTOR, { kind: 'decide', learnerId, proposal: stage1.key, verdict: 'approved' })).toEqual({
    ok: false,
    refusal: { code: 'not-the-approver', message: 'Only an Operational Support Co-ordinator (Wales) can approve "Stage 1" for Wyn Evans.' },
  });
  await p.ok(OSC, { kind: 'decide', learnerId, proposal: stage1.key, verdict: 'approved' });
  // Wed 24 Mar + 5 working days: 25, (Good Friday, weekend, Easter Monday), 30, 31, 1, 2 Apr.
  expect(brief(p.take())).toContain(`task -> dm:${COACH}: Make 2 welfare-check attempts, by telephone and by email by 2027-04-02`);

  // Both attempts made on time: the task is done; nothing goes overdue.
  p.now = new Date('2027-03-30T10:00:00Z');
  await p.ok(COACH, { kind: 'log-contact', learnerId, channel: 'phone', outcome: 'no_answer' });
  await p.ok(COACH, { kind: 'log-contact', learnerId, channel: 'email', outcome: 'reached', note: 'Replied: car broke down' });
  await p.advanceTo('2027-04-06T09:00:00Z');
  expect(brief(p.take()).filter((b) => b.startsWith('overdue'))).toEqual([]);

  // A support contract, then back on track: the OSC decides both; the learner leaves the register.
  const contract = await p.ok(COACH, { kind: 'propose', learnerId, outcome: 'support-contract', reason: 'Agreed travel plan' });
  await p.ok(OSC, { kind: 'decide', learnerId, proposal: contract.key, verdict: 'approved' });
  const back = await p.ok(COACH, { kind: 'propose', learnerId, outcome: 'de-escalate', reason: 'Attending again' });
  expect(await p.run(OSC, { kind: 'decide', learnerId, proposal: back.key, verdict: 'approved', key: 'click-1' })).toMatchObject({ ok: true, case: { atRisk: false } });
  // A double click (the same command again) is the same decision, not a second one.
  expect(await p.run(OSC, { kind: 'decide', learnerId, proposal: back.key, verdict: 'approved', key: 'click-2' })).toMatchObject({ ok: true, status: 'repeat' });
  expect(brief(p.take())).toEqual([
    `approval-request -> dm:${OSC}: Support contract agreed (Operational Support Co-ordinator (Wales)) by ${COACH}: Agreed travel plan`,
    `decision-result -> dm:${COACH}: Support contract agreed approved by ${OSC}`,
    `approval-request -> dm:${OSC}: Back on track: removed from the at-risk register (Operational Support Co-ordinator (Wales)) by ${COACH}: Attending again`,
    'case-update -> team-channel: Rating high → low',
    `decision-result -> dm:${COACH}: Back on track: removed from the at-risk register approved by ${OSC}`,
  ]);
  const caseload = await p.queries.caseload(COACH);
  expect(caseload.ok && caseload.value.map((i) => [i.learner.id, i.case.atRisk, i.case.stage])).toEqual([[learnerId, false, null]]);
});
