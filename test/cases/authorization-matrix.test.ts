/**
 * The authorization matrix: for each pack, every kind of person (each of the pack's
 * roles, the learner's coach, a coach covering them, another coach, someone with no role
 * under the pack) against every command. Each cell runs on a learner of its own, in the
 * state the command needs (a case opened by a missed session; for a decision, the coach's
 * proposal waiting), so a command a person may give is recorded: "allowed" means it ran,
 * and any other refusal (unknown learner, invalid input, not pending, the policy) fails
 * the cell. One they may not is refused with the stable code the table names.
 */
import type { Pack } from '../../src/rules/pack/pack-schema.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { CommandResult } from '../../src/cases/case-service.js';
import type { Body } from './harness.js';
import { learnerRecord, openProvider, person, type Provider } from './harness.js';

const AUTHZ = new Set(['no-role', 'not-on-caseload', 'managers-only', 'not-the-approver', 'own-proposal', 'not-a-member']);

/** 'allowed' (recorded), the authorization refusal a person meets, or any other refusal in full. */
function outcome(result: CommandResult): string {
  if (result.ok) return result.status === 'recorded' ? 'allowed' : `not recorded: ${result.status}`;
  return AUTHZ.has(result.refusal.code) ? result.refusal.code : `${result.refusal.code}: ${result.refusal.message}`;
}

/** A step each pack's coach proposes, and the role that approves it. */
const STEPS: Record<string, { stage?: string; outcome?: string; approver: string }> = {
  makers: { stage: 'stage-3', approver: 'coach' },
  'creative-alliance': { stage: 'smt-review', approver: 'smt' },
  bpn: { outcome: 'break-in-learning', approver: 'performance-manager' },
  mtt: { stage: 'stage-1', approver: 'directors' },
  atl: { stage: 'stage-1', approver: 'sector-manager' },
};

/** A step proposed by `by` and, unless it needs no approval, approved by `approver`. */
async function step(p: Provider, learnerId: string, by: string, what: { stage: string } | { outcome: string }, approver: string): Promise<void> {
  const proposed = await p.ok(by, { kind: 'propose', learnerId, ...what, reason: 'setting up the cell' });
  if (proposed.proposal?.status === 'pending') await p.ok(approver, { kind: 'decide', learnerId, proposal: proposed.key, verdict: 'approved' });
}

const COACH = 'coach@p.org';

/**
 * Setting up a cell's case for the commands that need more than an open case, by the
 * policy's own path, each step by someone allowed to take it; the coach's proposal from
 * `cell` is waiting. APPEALABLE: a decision the learner may appeal (packs with appeals).
 * ON_AGENDA: on the agenda of the pack's first meeting (packs with meetings).
 */
type Setup = (p: Provider, learnerId: string, proposal: string) => Promise<void>;
const APPEALABLE: Record<string, Setup> = {
  makers: async (p, learnerId, stage3) => {
    await p.ok('cover@p.org', { kind: 'decide', learnerId, proposal: stage3, verdict: 'approved' });
    for (const note of ['First review', 'Second review']) await p.ok(COACH, { kind: 'record-review', learnerId, stage: 'stage-3', note });
    await step(p, learnerId, COACH, { outcome: 'escalate' }, 'cover@p.org');
    await step(p, learnerId, COACH, { stage: 'stage-4' }, 'pastoral-or-tech-lead@p.org');
    await step(p, learnerId, COACH, { outcome: 'escalate' }, 'pastoral-or-tech-lead@p.org');
    await step(p, learnerId, COACH, { stage: 'stage-5' }, 'head-of-developer-success-or-training@p.org');
    await step(p, learnerId, COACH, { outcome: 'terminate' }, 'director-of-delivery-or-training@p.org');
  },
  bpn: async (p, learnerId) => {
    for (const [channel, withWhom] of [['phone'], ['email'], ['letter'], ['letter', 'employer']] as const) {
      await p.ok(COACH, { kind: 'log-contact', learnerId, channel, outcome: 'no_response', ...(withWhom ? { with: withWhom } : {}) });
    }
    for (const outcome of ['support-not-appropriate', 'welfare-considered', 'withdraw']) await step(p, learnerId, COACH, { outcome }, 'associate-director@p.org');
  },
};
const ON_AGENDA: Record<string, Setup> = {
  'creative-alliance': async (p, learnerId, smtReview) => void (await p.ok('smt@p.org', { kind: 'decide', learnerId, proposal: smtReview, verdict: 'approved' })),
  mtt: async (p, learnerId) => void (await p.ok(COACH, { kind: 'record-fact', learnerId, fact: 'concern.raised', category: 'support-request' })),
  atl: async (p, learnerId) => {
    await step(p, learnerId, COACH, { outcome: 'employer-agreed' }, 'head-of-operations@p.org');
    await step(p, learnerId, COACH, { outcome: 'withdraw' }, 'head-of-operations@p.org');
  },
};

type Who = { id: string; label: string; roles: string[]; covers?: string[] };

function people(pack: Pack): Who[] {
  const internal = pack.roles.filter((r) => !r.external && r.id !== 'coach');
  return [
    { id: COACH, label: 'the learner\'s coach', roles: ['coach'] },
    { id: 'cover@p.org', label: 'a coach covering them', roles: ['coach'], covers: [COACH] },
    { id: 'other@p.org', label: 'another coach', roles: ['coach'] },
    { id: 'nobody@p.org', label: 'no role under the pack', roles: ['some-other-role'] },
    ...internal.map((r) => ({ id: `${r.id}@p.org`, label: r.id, roles: [r.id] })),
  ];
}

/** What the table expects for a person and a command. */
function expected(pack: Pack, who: Who, kind: string): string {
  const step = STEPS[pack.id]!;
  const overseer = who.roles.some((r) => r !== 'coach' && pack.roles.some((pr) => pr.id === r && !pr.external));
  const coachOfCase = who.id === 'coach@p.org' || who.covers?.includes('coach@p.org') === true;
  const acts = overseer ? 'allowed' : coachOfCase ? 'allowed' : who.roles.includes('coach') ? 'not-on-caseload' : 'no-role';
  switch (kind) {
    case 'assign':
      return overseer ? 'allowed' : 'managers-only';
    case 'claim':
      return overseer || coachOfCase ? 'allowed' : who.roles.includes('coach') ? 'not-on-caseload' : 'no-role';
    case 'decide':
      if (!who.roles.includes(step.approver)) return 'not-the-approver';
      if (who.id === 'coach@p.org') return 'own-proposal';
      return acts;
    case 'record-meeting-decision':
      return who.roles.includes(pack.meetings[0]!.role) ? acts : 'not-a-member';
    default:
      return acts;
  }
}

function command(pack: Pack, kind: string, learnerId: string, proposal: string, agendaDate: string): Body {
  const meeting = pack.meetings[0]?.id ?? 'none';
  switch (kind) {
    case 'record-fact':
      return { kind, learnerId, fact: 'session.missed' };
    case 'log-contact':
      return { kind, learnerId, channel: 'phone', outcome: 'no_answer' };
    case 'claim':
      return { kind, learnerId };
    case 'assign':
      return { kind, learnerId, coach: 'coach@p.org' };
    case 'record-plan':
      return { kind, learnerId, plan: 'support' };
    case 'record-review':
      return { kind, learnerId };
    case 'propose': {
      const step = STEPS[pack.id]!;
      return { kind, learnerId, ...(step.stage ? { stage: step.stage } : { outcome: step.outcome! }), reason: 'testing who may propose' };
    }
    case 'decide':
      return { kind, learnerId, proposal, verdict: 'rejected' };
    case 'record-meeting-decision':
      return { kind, learnerId, meeting, date: agendaDate, outcome: 'o', action: 'a', owner: 'coach@p.org', reviewDate: '2026-11-02' };
    case 'record-appeal':
      return { kind, learnerId, by: 'learner' };
  }
  throw new Error(kind);
}

const KINDS = ['record-fact', 'log-contact', 'claim', 'assign', 'record-plan', 'record-review', 'propose', 'decide', 'record-meeting-decision', 'record-appeal'];

describe.each(Object.keys(STEPS))('%s', (packId) => {
  const pack = builtinPack(packId)!;
  const who = people(pack);
  // A pack without meetings has no meeting decisions to authorize, one without appeals no appeals.
  const kinds = KINDS.filter((k) => (k !== 'record-meeting-decision' || pack.meetings.length > 0) && (k !== 'record-appeal' || pack.appeals.length > 0));
  let p: Provider;

  beforeAll(async () => {
    p = await openProvider(`authz-${packId}`, who.map((w) => person(w.id, w.roles, w.covers ? { covers: w.covers } : {})), [], '2026-10-05T09:00:00Z');
  });
  afterAll(() => p.close());

  /** A learner for one cell, coached by coach@p.org, with a case open; the proposal waiting on it. */
  async function cell(id: string): Promise<{ learnerId: string; proposal: string }> {
    await p.opened.store.putLearner(learnerRecord(id, packId, { coach: 'coach@p.org' }));
    await p.feed(id, { type: 'session.missed', at: '2026-10-05' });
    const step = STEPS[packId]!;
    const proposed = await p.ok('coach@p.org', { kind: 'propose', learnerId: id, ...(step.stage ? { stage: step.stage } : { outcome: step.outcome! }), reason: 'matrix' });
    return { learnerId: id, proposal: proposed.key };
  }

  test.each(who.map((w, i) => [w.label, w, i] as const))('%s', async (_label, w, row) => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const kind of kinds) {
      want[kind] = expected(pack, w, kind);
      const { learnerId, proposal } = await cell(`L${row}-${kind}`);
      // The step proposed for the cell is the one a 'propose' cell proposes: withdraw it first.
      if (kind === 'record-appeal') await APPEALABLE[packId]!(p, learnerId, proposal);
      if (kind === 'record-meeting-decision') await ON_AGENDA[packId]!(p, learnerId, proposal);
      const agendaDate = (await p.opened.store.loadCase(learnerId))!.state.agenda.find((a) => a.meeting === pack.meetings[0]?.id)?.date ?? 'none';
      if (kind === 'propose') await p.ok(`${STEPS[packId]!.approver === 'coach' ? 'cover@p.org' : `${STEPS[packId]!.approver}@p.org`}`, { kind: 'decide', learnerId, proposal, verdict: 'rejected' });
      got[kind] = outcome(await p.run(w.id, command(pack, kind, learnerId, proposal, agendaDate)));
    }
    expect(got).toEqual(want);
  });
});
