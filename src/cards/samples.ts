/**
 * Sample data for every card: what `waymark cards preview` renders and the card tests
 * snapshot. One of each intent, form and query answer, about one learner.
 */
import type { CaseDetail } from '../cases/case-queries.js';
import type { CaseloadItem, CaseSummary, Intent, LearnerRef, ProposalRef } from '../cases/intents.js';
import type { Card, Form } from './card.js';
import { cardForIntent } from './catalogue/intent-cards.js';
import { logContactForm, proposeStepForm, recordFactForm, smtDecisionForm } from './catalogue/forms.js';
import { caseloadCard } from './catalogue/digests.js';
import { caseCard, errorCard, helpCard, pendingApprovalsCard } from './catalogue/query-cards.js';
import { policyCard } from './catalogue/policy.js';
import { meetingsCard, type MeetingSitting } from './catalogue/meetings.js';
import { setupStatusCard } from './catalogue/setup.js';
import { chronologyLinkCard, registerLinkCard, webPagesCard } from './catalogue/web-links.js';
import type { SetupCheck } from '../cases/setup-status.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../rules/packs/index.js';

const learner: LearnerRef = { id: 'MTT-0042', name: 'Mia Jones', policy: 'mtt', coach: 'coach@mtt.example' };
const summary: CaseSummary = {
  atRisk: true,
  status: 'monitoring',
  rating: 'medium',
  stage: 'stage-1',
  stageName: 'Stage 1',
  reasons: ['3 consecutive missed sessions'],
  nextDeadline: { task: 'stage-1-welfare-checks', title: 'Make 2 welfare-check attempts, by telephone and by email', due: '2026-12-31', overdue: false },
};
const about = { learner, case: summary };
const team = { kind: 'team-channel', policy: 'mtt' } as const;
const coach = { kind: 'direct', staffIds: ['coach@mtt.example'], role: 'coach' } as const;
const proposal: ProposalRef = {
  id: 'slack-V123',
  label: 'Stage 1',
  stage: 'stage-1',
  by: 'coach@mtt.example',
  byName: 'Chris Coach',
  at: new Date('2026-12-22T09:00:00Z'),
  approver: 'directors',
  approverName: 'Directors',
};

export const SAMPLE_INTENTS: readonly Intent[] = [
  { type: 'at-risk-alert', audience: team, sensitivity: 'general', ...about, case: { ...summary, stage: null, stageName: null, nextDeadline: null }, why: ['3 consecutive missed sessions'] },
  { type: 'case-update', audience: team, sensitivity: 'general', ...about, change: 'Stage 1 began' },
  { type: 'approval-request', audience: { kind: 'direct', staffIds: ['dan@mtt.example'], role: 'directors' }, sensitivity: 'general', ...about, proposal, reason: 'Three sessions missed and no reply to texts' },
  {
    type: 'decision-result',
    audience: coach,
    sensitivity: 'general',
    ...about,
    proposal,
    verdict: 'approved',
    by: 'dan@mtt.example',
    byName: 'Dan Director',
    at: new Date('2026-12-22T10:02:00Z'),
    comment: 'Go ahead; copy me on the Stage 1 email',
    updates: 'approval:slack-V123',
  },
  { type: 'recommendation', audience: coach, sensitivity: 'general', ...about, action: 'stage-2', label: 'Stage 2', approverName: 'Learner Support', why: ['Stage 1 efforts were unsuccessful within 5 working days'] },
  { type: 'task', audience: coach, sensitivity: 'general', ...about, deadline: summary.nextDeadline!, roleName: 'Skills coach or tutor' },
  { type: 'nudge', audience: coach, sensitivity: 'general', ...about, when: 'before-due', deadline: summary.nextDeadline! },
  {
    type: 'overdue',
    audience: { kind: 'direct', staffIds: ['coach@mtt.example', 'qa@mtt.example'], role: 'coach' },
    sensitivity: 'general',
    ...about,
    deadline: { ...summary.nextDeadline!, overdue: true },
    roleName: 'Skills coach or tutor',
  },
  { type: 'policy-notice', audience: { kind: 'direct', staffIds: ['dan@mtt.example'], role: 'directors' }, sensitivity: 'general', ...about, role: 'directors', roleName: 'Directors', tellExternal: false, reason: 'at risk within the first 60 days' },
  {
    type: 'policy-notice',
    audience: { kind: 'direct', staffIds: ['sam@mtt.example'], role: 'safeguarding-team' },
    sensitivity: 'restricted',
    ...about,
    role: 'safeguarding-team',
    roleName: 'Safeguarding team',
    tellExternal: false,
    reason: 'a health or wellbeing concern was raised for this learner: see the restricted record',
    detail: { category: 'mental-health', categoryLabel: 'Mental health', note: 'Disclosed anxiety; GP appointment booked' },
  },
  {
    type: 'agenda-decision',
    audience: { kind: 'meeting-channel', policy: 'creative-alliance', meeting: 'smt-weekly' },
    sensitivity: 'general',
    ...about,
    meeting: 'smt-weekly',
    meetingName: 'SMT weekly meeting',
    date: '2026-09-21',
    outcome: 'Visits attended again',
    action: 'Weekly call with the employer',
    owner: 'coach@mtt.example',
    ownerName: 'Chris Coach',
    reviewDate: '2026-10-19',
  },
  {
    type: 'meeting-digest',
    audience: { kind: 'meeting-channel', policy: 'creative-alliance', meeting: 'smt-weekly' },
    sensitivity: 'general',
    meeting: 'smt-weekly',
    meetingName: 'SMT weekly meeting',
    date: '2026-09-21',
    chart: { picture: 'digest-creative-alliance-2026-09-21', alt: 'Learners at risk each week: 2 this week, against 1 to 3 in each of the 8 weeks before' },
    items: [
      { ...about, reasons: ['third missed appointment'] },
      {
        learner: { id: 'CA-0007', name: 'Cam Diaz', policy: 'creative-alliance', coach: 'dev@ca.example' },
        case: { ...summary, stage: 'smt-review', stageName: 'Escalated to the Senior Management Team', rating: null },
        reasons: ['third missed deadline'],
        decided: { outcome: 'Work handed in on time', action: 'Fortnightly review with the manager', owner: 'dev@ca.example', ownerName: 'Dev Coach', reviewDate: '2026-10-19', by: 'sara@ca.example', at: new Date('2026-09-21T09:30:00Z') },
      },
    ],
  },
  { type: 'coach-digest', audience: coach, sensitivity: 'general', date: '2026-12-30', items: caseloadItems() },
];

function caseloadItems(): CaseloadItem[] {
  return [
    { learner, case: { ...summary, nextDeadline: { ...summary.nextDeadline!, overdue: true } }, overdue: true },
    { learner: { ...learner, id: 'MTT-0043', name: 'Noah Patel' }, case: { ...summary, stage: null, stageName: null, rating: 'high', nextDeadline: null }, overdue: false },
    { learner: { ...learner, id: 'MTT-0044', name: 'Olivia Brown' }, case: { ...summary, atRisk: false, rating: 'low', stage: null, stageName: null, nextDeadline: null, reasons: [] }, overdue: false },
  ];
}

const detail: CaseDetail = {
  sensitivity: 'general',
  learner: { ...learner, programme: 'apprenticeship', nation: 'england', startDate: '2026-10-26', employer: 'Acme Builders' },
  case: summary,
  view: {
    status: 'monitoring',
    atRisk: true,
    rating: 'medium',
    stage: 'stage-1',
    openTasks: [{ task: summary.nextDeadline!.task, title: summary.nextDeadline!.title, role: 'coach', due: '2026-12-31', overdue: false }],
    pendingRecommendations: [],
    reasons: ['3 consecutive missed sessions'],
    firedRules: [{ rule: 'three-consecutive-missed-sessions', reason: '3 consecutive missed sessions', at: '2026-12-22T00:00:00.000+00:00', source: "When is a learner deemed 'at Risk'?: has missed 3 consecutive training sessions" }],
    contactRules: [],
    appealWindows: [],
  },
  proposals: [{ ...proposal, status: 'approved', decidedBy: 'dan@mtt.example', decidedAt: new Date('2026-12-22T10:02:00Z') }],
  steps: [{ stage: 'stage-2', label: 'Stage 2', approverName: 'Learner Support' }, { outcome: 'support-contract', label: 'Support contract agreed', approverName: 'Directors' }],
  trail: [
    ...['2026-12-08', '2026-12-15', '2026-12-22'].map((day, i) => ({
      at: `${day}T00:00:00.000+00:00`,
      key: `feed-${i}`,
      event: { type: 'session.missed', at: day, notice: false },
      recordedBy: 'feed:key-3fa2c1',
      recordedAt: `${day}T18:00:00.000Z`,
      policy: 'mtt',
      packVersion: '1.1.0',
      restricted: false,
    })),
    {
      at: '2026-12-22T00:00:00.000+00:00',
      key: 'feed-progress',
      event: { type: 'progress', at: '2026-12-22', actual: 18, planned: 35 },
      recordedBy: 'feed:key-3fa2c1',
      recordedAt: '2026-12-22T18:00:00.000Z',
      policy: 'mtt',
      packVersion: '1.1.0',
      restricted: false,
    },
    {
      at: '2026-12-23T10:00:00.000+00:00',
      key: 'slack:view:V1',
      event: { type: 'contact', at: '2026-12-23T10:00:00.000Z', channel: 'phone', outcome: 'no_answer', with: 'learner' },
      recordedBy: 'staff:coach@mtt.example',
      recordedAt: '2026-12-23T10:00:05.000Z',
      policy: 'mtt',
      packVersion: '1.1.0',
      restricted: false,
    },
  ],
  names: { 'coach@mtt.example': 'Chris Coach', 'dan@mtt.example': 'Dan Director' },
};

const sittings: MeetingSitting[] = [
  { id: 'team-and-directors', name: 'Team and Directors discussion of interventions', heldBy: 'Directors', schedule: 'within 10 calendar days of the item arising', next: '2027-01-04', agenda: ['Mia Jones'] },
  { id: 'leaver-panel', name: 'Leaver panel', heldBy: 'Managers', schedule: 'every 8 weeks from Monday 5 January 2026, at 10:00', next: '2027-01-25', agenda: null },
];

const setupChecks: SetupCheck[] = [
  { name: 'Alerts channel', ok: true, detail: 'at-risk alerts and case updates go to the channel C0COACHES' },
  { name: 'SMT channel', ok: false, detail: 'no channel is bound: the digests of Leaver panel are not posted', fix: "invite Waymark to the SMT's channel and type /waymark setup smt there" },
  { name: 'Staff linked to Slack', ok: false, detail: '1 of 4 not linked, so Waymark cannot message them: Dan Director (dan@mtt.example)', fix: 'run waymark staff link, or give their slackUserId in the staff directory' },
  { name: 'Policy in force', ok: true, detail: 'Learner at Risk Policy (mtt) version 1.3.0, in force since 2026-09-01' },
  { name: 'Data feed', ok: true, detail: 'last arrived 2026-12-22 18:00 (UK time)' },
];

/** Where the sample digest's chart would be (a signed address on the bot, in real use). */
const SAMPLE_SITE = 'https://waymark.example.ac.uk';
const samplePicture = (name: string) => `${SAMPLE_SITE}/web/pictures/${name}.png?t=sample-picture-token`;
const sampleLink = (path: string) => `${SAMPLE_SITE}/web/coach%40mtt.example/${path}?t=sample-person-token`;

/** Every card with sample data, by file name. */
export function sampleCards(): { name: string; card: Card }[] {
  return [
    ...SAMPLE_INTENTS.map((intent) => {
      const card = cardForIntent(intent, samplePicture);
      return { name: card.name, card };
    }),
    { name: 'case', card: caseCard(detail) },
    { name: 'caseload', card: caseloadCard(caseloadItems()) },
    { name: 'pending-approvals', card: pendingApprovalsCard([{ ...proposal, learner }]) },
    { name: 'help', card: helpCard() },
    { name: 'policy', card: policyCard(builtinPack('mtt')!, BUILTIN_PACK_IDS.filter((id) => id !== 'mtt').map((id) => builtinPack(id)!)) },
    { name: 'meetings', card: meetingsCard(builtinPack('mtt')!.name, sittings, '/waymark meetings <meeting>') },
    { name: 'setup-status', card: setupStatusCard('Slack', setupChecks) },
    { name: 'error', card: errorCard('Only the Directors can approve "Stage 1" for Mia Jones.', 'not-the-approver') },
    { name: 'register-link', card: registerLinkCard({ register: sampleLink('register'), charts: sampleLink('charts') }, 15, 'Type /waymark register for a new one.') },
    { name: 'chronology-link', card: chronologyLinkCard(learner, sampleLink(`learners/${learner.id}`), 15, `Type /waymark case ${learner.id} and click Chronology for a new one.`) },
    { name: 'web-pages', card: webPagesCard() },
  ];
}

export function sampleForms(): { name: string; form: Form }[] {
  return [
    { name: 'log-contact-form', form: logContactForm(learner) },
    { name: 'record-fact-form', form: recordFactForm(learner, [{ id: 'support-request', label: 'Request for support' }, { id: 'mental-health', label: 'Mental health' }]) },
    { name: 'propose-step-form', form: proposeStepForm(learner, detail.steps) },
    { name: 'smt-decision-form', form: smtDecisionForm(learner, { id: 'smt-weekly', name: 'SMT weekly meeting', date: '2026-09-21' }, [{ id: 'coach@mtt.example', name: 'Chris Coach' }, { id: 'qa@mtt.example', name: 'Quinn QA' }]) },
  ];
}
