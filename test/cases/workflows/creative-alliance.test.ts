/**
 * Creative Alliance (seeds/001): missed visits up to the third, the escalation to the
 * SMT, the SMT's weekly digest and its decision (desired outcome, action, owner, review
 * date), and the case resolved, through the service alone.
 */
import { sendMeetingDigest } from '../../../src/cases/digests.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { brief, learnerRecord, openProvider, person, type Provider } from '../harness.js';

const DC = 'dev@ca.org';
const QM = 'quinn@ca.org';
const SMT = ['sara@ca.org', 'tom@ca.org'];
let p: Provider;
const learnerId = 'C1';

beforeAll(async () => {
  p = await openProvider(
    'wf-ca',
    [
      person(DC, ['coach'], { manager: QM }),
      person(QM, ['quality-manager']),
      person('olly@ca.org', ['operations-manager']),
      person(SMT[0]!, ['smt']),
      person(SMT[1]!, ['smt']),
      person('ada@ca.org', ['admin']),
    ],
    [learnerRecord(learnerId, 'creative-alliance', { coach: DC, name: 'Cam Diaz' })],
    '2026-09-07T09:00:00Z',
  );
});
afterAll(() => p.close());

test('from a missed visit to the SMT decision and back to normal coaching', async () => {
  // 1. A missed visit: alert, a next-working-day follow-up for the DC, the learner and the employer emailed, the QM copied.
  await p.feed(learnerId, { type: 'visit.missed', at: '2026-09-07' });
  expect(brief(p.take())).toEqual([
    'at-risk-alert -> team-channel: did not turn up for a pre-arranged visit without cancelling',
    `task -> dm:${DC}: Contact the learner and the employer: hold the visit now, or set work and a new date by 2026-09-08`,
    `policy-notice -> dm:${DC}: tell learner: email from the Development Coach: you missed a pre-arranged visit without cancelling; your manager is told and the Quality Manager copied`,
    `policy-notice -> dm:${DC}: tell employer: email from the Development Coach: a pre-arranged visit was missed; please help the learner attend`,
    `policy-notice -> dm:${QM}: copied into the correspondence about a missed visit`,
  ]);
  // Overdue the next day without a contact: the DC and their manager (the QM) hear of it.
  await p.advanceTo('2026-09-09T00:10:00Z');
  expect(brief(p.take())).toContain(`overdue -> dm:${DC}+${QM}: Contact the learner and the employer: hold the visit now, or set work and a new date by 2026-09-08`);

  // 2. Two more missed visits: the third goes to the SMT's next weekly meeting.
  await p.feed(learnerId, { type: 'visit.missed', at: '2026-09-14' });
  p.now = new Date('2026-09-21T08:00:00Z');
  await p.feed(learnerId, { type: 'visit.missed', at: '2026-09-21T08:00:00+01:00' });
  const third = brief(p.take());
  expect(third).toEqual(
    expect.arrayContaining([
      `recommendation -> dm:${DC}: Escalate to the Senior Management Team (Senior Management Team)`,
      `policy-notice -> dm:${SMT.join('+')}: third missed appointment: decide the desired outcome, the action and who implements and monitors it`,
    ]),
  );

  // 3. The DC escalates; an SMT member approves; the weekly digest lists the learner.
  const escalate = await p.ok(DC, { kind: 'propose', learnerId, stage: 'smt-review', reason: 'Third missed visit this term' });
  expect(brief(p.take())).toEqual([
    `approval-request -> dm:${SMT.join('+')}: Escalated to the Senior Management Team (Senior Management Team) by ${DC}: Third missed visit this term`,
  ]);
  await p.ok(SMT[0]!, { kind: 'decide', learnerId, proposal: escalate.key, verdict: 'approved' });
  expect(brief(p.take())).toEqual(
    expect.arrayContaining([
      'case-update -> team-channel: Escalated to the Senior Management Team began',
      `decision-result -> dm:${DC}+${SMT[1]}: Escalated to the Senior Management Team approved by ${SMT[0]}`,
    ]),
  );
  p.now = new Date('2026-09-21T09:00:00Z');
  const ctx = { store: p.opened.store, packFor: builtinPack, now: () => p.now };
  expect(await sendMeetingDigest(ctx, p.notifier, 'smt-weekly', '2026-09-21')).toBe('sent');
  const [digest] = p.notifier.of('meeting-digest');
  expect(digest).toMatchObject({
    audience: { kind: 'meeting-channel', policy: 'creative-alliance', meeting: 'smt-weekly' },
    meetingName: 'SMT weekly meeting',
    date: '2026-09-21',
  });
  expect(digest!.items.map((i) => [i.learner.id, i.reasons])).toEqual([[learnerId, ['third missed appointment', 'Escalated to the Senior Management Team (stage entered)']]]);
  p.take();

  // 4. Only the SMT records its decision; the owner and the SMT channel are told.
  const decision = { kind: 'record-meeting-decision', learnerId, meeting: 'smt-weekly', date: '2026-09-21', outcome: 'Visits attended again', action: 'Weekly call with the employer', owner: DC, reviewDate: '2026-10-19' } as const;
  expect(await p.run(DC, decision)).toEqual({
    ok: false,
    refusal: { code: 'not-a-member', message: 'Only the Senior Management Team can record the decisions of the SMT weekly meeting.' },
  });
  p.now = new Date('2026-09-21T10:30:00Z');
  await p.ok(SMT[1]!, decision);
  const recorded = `smt-weekly 2026-09-21: Visits attended again / Weekly call with the employer / ${DC} / 2026-10-19`;
  expect(brief(p.take())).toEqual([`agenda-decision -> meeting-channel: ${recorded}`, `agenda-decision -> dm:${DC}: ${recorded}`]);
  const agenda = await p.queries.agenda(SMT[0]!, 'smt-weekly', '2026-09-21');
  expect(agenda.ok && agenda.value[0]?.decided).toMatchObject({ outcome: 'Visits attended again', owner: DC, ownerName: 'Dev', reviewDate: '2026-10-19' });
  expect(await p.queries.agenda(DC, 'smt-weekly', '2026-09-21')).toMatchObject({ ok: false, refusal: { code: 'not-a-member' } });

  // 5. The learner re-engages: the DC proposes de-escalation; the SMT decides it; off the register.
  p.now = new Date('2026-10-19T11:00:00Z');
  const back = await p.ok(DC, { kind: 'propose', learnerId, outcome: 'de-escalate', reason: 'All visits attended since the SMT meeting' });
  expect(back.proposal).toMatchObject({ approverName: 'Senior Management Team', status: 'pending' });
  const done = await p.ok(SMT[0]!, { kind: 'decide', learnerId, proposal: back.key, verdict: 'approved', comment: 'Well done' });
  expect(done.case).toMatchObject({ atRisk: false, stage: null });
  const register = await p.queries.registerCsv(QM);
  expect(register.ok && register.value.trim().split('\r\n')).toHaveLength(1);
});
