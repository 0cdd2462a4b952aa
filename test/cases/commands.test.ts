/**
 * The service's commands at their edges: every bad input answered precisely with nothing
 * written, a repeated key returning the first result, claiming and assigning, and the
 * pending-approvals and caseload queries.
 */
import { learnerRecord, openProvider, person, type Provider } from './harness.js';

let p: Provider;
beforeAll(async () => {
  p = await openProvider(
    'commands',
    [
      person('coach@p.org', ['coach']),
      person('cara@p.org', ['coach']),
      person('dir@p.org', ['directors']),
      person('mgr@p.org', ['managers']),
    ],
    [learnerRecord('A1', 'mtt', { coach: 'coach@p.org', name: 'Ali Shah' }), learnerRecord('A2', 'mtt', { name: 'Bea Moss' })],
    '2026-10-05T09:00:00Z',
  );
});
afterAll(() => p.close());

const refusal = (code: string, message: string) => ({ ok: false, refusal: { code, message } });

describe('bad input is refused precisely and writes nothing', () => {
  test.each([
    [{ kind: 'log-contact', learnerId: 'A1', channel: 'pigeon', outcome: 'reached' }, 'command.channel: must be one of "phone", "email", "meeting", "visit", "message", "letter"'],
    [{ kind: 'record-fact', learnerId: 'A1', fact: 'concern.raised' }, 'command.category: is required for a concern'],
    [{ kind: 'record-fact', learnerId: 'A1', fact: 'work.absence' }, 'command.explained: is required for an absence from work'],
    [{ kind: 'propose', learnerId: 'A1', reason: 'x' }, 'command: must name exactly one step: a stage to enter or an outcome to decide'],
    [{ kind: 'propose', learnerId: 'A1', stage: 'stage-1', reason: '   ' }, 'command.reason: must not be empty'],
    [{ kind: 'log-contact', learnerId: 'A1', channel: 'phone', outcome: 'reached', at: '2026-10-06' }, 'command.at: is in the future (2026-10-06T00:00:00.000+01:00; it is now 2026-10-05T10:00:00.000+01:00): an event may be dated at most 5 minutes ahead'],
    [{ kind: 'record-fact', learnerId: 'A1', fact: 'concern.raised', category: 'gossip' }, expect.stringMatching(/^command.category: "gossip" is not a concern category of .*\(its categories: support-request, mental-health/)],
    [{ kind: 'teleport', learnerId: 'A1' }, expect.stringMatching(/^command.kind: /)],
    [{ kind: 'decide', learnerId: 'A1', proposal: 'p', verdict: 'more-information' }, 'command.comment: is required to ask for more information: say what is missing'],
  ])('%j', async (command, message) => {
    const before = (await p.opened.store.eventsOf('A1')).length;
    expect(await p.run('coach@p.org', command as never)).toEqual({ ok: false, refusal: { code: 'invalid-input', message } });
    expect(await p.opened.store.eventsOf('A1')).toHaveLength(before);
  });

  test('someone not in the staff directory, and a learner nobody knows', async () => {
    expect(await p.run('stranger@p.org', { kind: 'claim', learnerId: 'A1' })).toEqual(
      refusal('unknown-staff', "You (stranger@p.org) are not in Waymark's staff directory; ask an admin to add you."),
    );
    expect(await p.run('coach@p.org', { kind: 'claim', learnerId: 'NOPE' })).toEqual(refusal('unknown-learner', 'There is no learner "NOPE".'));
  });

  test('a policy refusal is a sentence with the engine\'s code', async () => {
    expect(await p.run('coach@p.org', { kind: 'propose', learnerId: 'A1', stage: 'stage-9', reason: 'x' })).toEqual({
      ok: false,
      refusal: { code: 'refused-by-policy', policyCode: 'unknown-stage', message: 'Stage "stage-9" is not a stage of mtt (its stages: stage-1, stage-2, stage-3).' },
    });
  });
});

describe('idempotency', () => {
  test('a repeated key returns the first result and records nothing new', async () => {
    const first = await p.ok('coach@p.org', { kind: 'log-contact', learnerId: 'A1', channel: 'phone', outcome: 'no_answer', key: 'slack-action-1' });
    p.now = new Date('2026-10-05T09:05:00Z');
    const again = await p.ok('coach@p.org', { kind: 'log-contact', learnerId: 'A1', channel: 'phone', outcome: 'no_answer', key: 'slack-action-1' });
    expect(first.status).toBe('recorded');
    expect(again).toMatchObject({ status: 'repeat', key: 'slack-action-1', recordedAt: first.recordedAt, recordedBy: 'coach@p.org' });
    expect((await p.opened.store.eventsOf('A1')).filter((e) => e.key === 'slack-action-1')).toHaveLength(1);
  });
});

describe('claiming and assigning', () => {
  test('a coach claims a learner with no coach; another coach then cannot act on them', async () => {
    expect(await p.run('cara@p.org', { kind: 'log-contact', learnerId: 'A2', channel: 'phone', outcome: 'reached' })).toEqual(
      refusal('not-on-caseload', 'Bea Moss is not on your caseload (no coach yet: claim the case first).'),
    );
    await p.ok('cara@p.org', { kind: 'claim', learnerId: 'A2' });
    expect(await p.run('coach@p.org', { kind: 'claim', learnerId: 'A2' })).toEqual(
      refusal('not-on-caseload', 'Bea Moss is not on your caseload (their coach is cara@p.org). Ask a manager to assign it to you.'),
    );
    const caseload = await p.queries.caseload('cara@p.org');
    expect(caseload.ok && caseload.value.map((i) => i.learner.id)).toEqual(['A2']);
  });

  test('only a manager assigns, and only to a coach', async () => {
    expect(await p.run('cara@p.org', { kind: 'assign', learnerId: 'A2', coach: 'coach@p.org' })).toEqual(
      refusal('managers-only', 'Only a manager can assign a case to someone else; you can claim a case for yourself.'),
    );
    expect(await p.run('mgr@p.org', { kind: 'assign', learnerId: 'A2', coach: 'dir@p.org' })).toEqual(
      refusal('invalid-input', 'Dir is not a Skills coach or tutor, so cannot hold a case.'),
    );
    await p.ok('mgr@p.org', { kind: 'assign', learnerId: 'A2', coach: 'coach@p.org' });
    const caseload = await p.queries.caseload('coach@p.org');
    expect(caseload.ok && caseload.value.map((i) => i.learner.id).sort()).toEqual(['A1', 'A2']);
    expect(await p.queries.caseload('cara@p.org')).toEqual({ ok: true, value: [] });
    expect(await p.queries.caseload('cara@p.org', 'coach@p.org')).toMatchObject({ ok: false, refusal: { code: 'not-on-caseload' } });
  });
});

describe('pending approvals', () => {
  test('list what waits for the person, never their own proposals', async () => {
    const proposed = await p.ok('coach@p.org', { kind: 'propose', learnerId: 'A1', stage: 'stage-1', reason: 'Needs a formal stage' });
    const waiting = await p.queries.pendingApprovals('dir@p.org');
    expect(waiting.ok && waiting.value.map((w) => [w.id, w.learner.name, w.label, w.byName])).toEqual([[proposed.key, 'Ali Shah', 'Stage 1', 'Coach']]);
    await p.opened.store.putStaff(person('dir@p.org', ['directors', 'coach']));
    const own = await p.ok('dir@p.org', { kind: 'propose', learnerId: 'A1', outcome: 'break-in-learning', reason: 'Illness' });
    const after = await p.queries.pendingApprovals('dir@p.org');
    expect(after.ok && after.value.map((w) => w.id)).toEqual([proposed.key]);
    expect(own.proposal?.status).toBe('pending');
  });
});
