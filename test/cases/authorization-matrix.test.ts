/**
 * The authorization matrix: for each pack, every kind of person (each of the pack's
 * roles, the learner's coach, a coach covering them, another coach, someone with no role
 * under the pack) against every command. A command a person may give either succeeds or
 * meets the policy (e.g. no agenda item that day); one they may not is refused with the
 * stable code the table names.
 */
import type { Pack } from '../../src/rules/pack/pack-schema.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { CommandResult } from '../../src/cases/case-service.js';
import type { Body } from './harness.js';
import { learnerRecord, openProvider, person, type Provider } from './harness.js';

const AUTHZ = new Set(['no-role', 'not-on-caseload', 'managers-only', 'not-the-approver', 'own-proposal', 'not-a-member']);

/** 'allowed', or the authorization refusal a person meets. */
function outcome(result: CommandResult): string {
  if (result.ok) return 'allowed';
  return AUTHZ.has(result.refusal.code) ? result.refusal.code : 'allowed';
}

/** A step each pack's coach proposes, and the role that approves it. */
const STEPS: Record<string, { stage?: string; outcome?: string; approver: string }> = {
  makers: { stage: 'stage-3', approver: 'coach' },
  'creative-alliance': { stage: 'smt-review', approver: 'smt' },
  bpn: { outcome: 'break-in-learning', approver: 'performance-manager' },
  mtt: { stage: 'stage-1', approver: 'directors' },
  atl: { stage: 'stage-1', approver: 'sector-manager' },
};

type Who = { id: string; label: string; roles: string[]; covers?: string[] };

function people(pack: Pack): Who[] {
  const internal = pack.roles.filter((r) => !r.external && r.id !== 'coach');
  return [
    { id: 'coach@p.org', label: 'the learner\'s coach', roles: ['coach'] },
    { id: 'cover@p.org', label: 'a coach covering them', roles: ['coach'], covers: ['coach@p.org'] },
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
    case 'record-meeting-decision': {
      const meeting = pack.meetings[0];
      if (!meeting) return 'allowed'; // no meeting: an input error, not an authorization one
      return who.roles.includes(meeting.role) ? acts : 'not-a-member';
    }
    default:
      return acts;
  }
}

function command(pack: Pack, kind: string, proposal: string): Body {
  const learnerId = 'L1';
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
      // The step already waiting: someone allowed to propose meets 'already-proposed', and the case stays put.
      const step = STEPS[pack.id]!;
      return { kind, learnerId, ...(step.stage ? { stage: step.stage } : { outcome: step.outcome! }), reason: 'testing who may propose' };
    }
    case 'decide':
      return { kind, learnerId, proposal, verdict: 'rejected' };
    case 'record-meeting-decision':
      return { kind, learnerId, meeting, date: '2026-10-05', outcome: 'o', action: 'a', owner: 'coach@p.org', reviewDate: '2026-11-02' };
    case 'record-appeal':
      return { kind, learnerId, by: 'learner' };
  }
  throw new Error(kind);
}

const KINDS = ['record-fact', 'log-contact', 'claim', 'assign', 'record-plan', 'record-review', 'propose', 'decide', 'record-meeting-decision', 'record-appeal'];

describe.each(Object.keys(STEPS))('%s', (packId) => {
  const pack = builtinPack(packId)!;
  const who = people(pack);
  let p: Provider;
  let proposal: string;

  beforeAll(async () => {
    p = await openProvider(`authz-${packId}`, who.map((w) => person(w.id, w.roles, w.covers ? { covers: w.covers } : {})), [learnerRecord('L1', packId, { coach: 'coach@p.org' })], '2026-10-05T09:00:00Z');
    await p.feed('L1', { type: 'session.missed', at: '2026-10-05' });
    const step = STEPS[packId]!;
    const proposed = await p.ok('coach@p.org', { kind: 'propose', learnerId: 'L1', ...(step.stage ? { stage: step.stage } : { outcome: step.outcome! }), reason: 'matrix' });
    proposal = proposed.key;
  });
  afterAll(() => p.close());

  test.each(who.map((w) => [w.label, w] as const))('%s', async (_label, w) => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const kind of KINDS) {
      want[kind] = expected(pack, w, kind);
      got[kind] = outcome(await p.run(w.id, command(pack, kind, proposal)));
      // Put the case back with its coach after a claim, so every row starts alike.
      if (kind === 'claim' && got[kind] === 'allowed') await p.ok(`${pack.roles.find((r) => !r.external && r.id !== 'coach')!.id}@p.org`, { kind: 'assign', learnerId: 'L1', coach: 'coach@p.org' });
    }
    expect(got).toEqual(want);
  });
});
