/**
 * The Store port's contract: what every implementation must do. Runs against the
 * embedded server, or a real MongoDB when MONGODB_URI is set.
 */
import type { OpenStore } from '../../../src/store/open-store.js';
import { learner, logged, openTestStore } from './harness.js';

let opened: OpenStore;
beforeAll(async () => {
  opened = await openTestStore('repository');
});
afterAll(async () => {
  await opened.close();
});

describe('learners and staff', () => {
  test('putLearner creates, then updates, and getLearner returns what was put', async () => {
    expect(await opened.store.putLearner(learner('R1'))).toBe('created');
    expect(await opened.store.putLearner(learner('R1', { name: 'Renamed', coach: undefined }))).toBe('updated');
    expect(await opened.store.getLearner('R1')).toEqual({ ...learner('R1', { name: 'Renamed' }), coach: undefined });
    expect(await opened.store.getLearner('nobody')).toBeNull();
  });

  test('staff are found by id, chat identity and role', async () => {
    await opened.store.putStaff({ id: 'qm@example.org', name: 'Q', roles: ['quality-manager'], slackUserId: 'U1' });
    await opened.store.putStaff({ id: 'c@example.org', name: 'C', roles: ['coach'], teamsUserId: '29:abc' });
    expect((await opened.store.staffByChatId('slack', 'U1'))?.id).toBe('qm@example.org');
    expect((await opened.store.staffByChatId('teams', '29:abc'))?.id).toBe('c@example.org');
    expect(await opened.store.staffByChatId('slack', 'U404')).toBeNull();
    expect((await opened.store.staffWithRole('coach')).map((s) => s.id)).toEqual(['c@example.org']);
  });

  test('learners are found by exact id, else by part of their name in any case; regex characters are plain text', async () => {
    await opened.store.putLearner(learner('F1', { name: 'Mia Jones' }));
    await opened.store.putLearner(learner('F2', { name: 'Mia Jonas' }));
    await opened.store.putLearner(learner('F3', { name: 'Jo (Joanna) Smith' }));
    expect((await opened.store.findLearners('F1', 10)).map((l) => l.id)).toEqual(['F1']);
    expect((await opened.store.findLearners('mia jon', 10)).map((l) => l.id)).toEqual(['F2', 'F1']);
    expect((await opened.store.findLearners('(joanna)', 10)).map((l) => l.id)).toEqual(['F3']);
    expect(await opened.store.findLearners('.*', 10)).toEqual([]);
    expect(await opened.store.findLearners('mia', 1)).toHaveLength(1);
  });

  test('settings are kept by key and replaced', async () => {
    expect(await opened.store.getSetting('slack:alerts')).toBeNull();
    await opened.store.putSetting('slack:alerts', 'C1');
    await opened.store.putSetting('slack:alerts', 'C2');
    expect(await opened.store.getSetting('slack:alerts')).toBe('C2');
  });

  test('two staff cannot share a Slack identity', async () => {
    await expect(opened.store.putStaff({ id: 'x@example.org', name: 'X', roles: [], slackUserId: 'U1' })).rejects.toMatchObject({ code: 11000 });
  });
});

describe('the event log', () => {
  test('appendEvent stores once per learner and key, and returns the original on a repeat', async () => {
    const first = logged('E1', 'k1', '2026-09-08');
    expect(await opened.store.appendEvent(first)).toEqual({ stored: true, event: first });
    const again = await opened.store.appendEvent({ ...first, event: { type: 'session.attended', at: '2026-09-09' } });
    expect(again).toEqual({ stored: false, original: first });
    expect(await opened.store.eventsOf('E1')).toEqual([first]);
    expect(await opened.store.findEvent('E1', 'k1')).toEqual(first);
    expect(await opened.store.findEvent('E1', 'nope')).toBeNull();
  });

  test('the same key for another learner is another event', async () => {
    expect((await opened.store.appendEvent(logged('E2', 'k1', '2026-09-08'))).stored).toBe(true);
  });

  test('the same event sent 4 times at once is stored once', async () => {
    const e = logged('E3', 'same', '2026-09-08');
    const results = await Promise.all([1, 2, 3, 4].map(() => opened.store.appendEvent(e)));
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(await opened.store.eventsOf('E3')).toHaveLength(1);
  });

  test('eventsOf is in time order, ties in the order recorded', async () => {
    await opened.store.appendEvent(logged('E4', 'b', '2026-09-10', '2026-11-25T09:00:01Z'));
    await opened.store.appendEvent(logged('E4', 'a', '2026-09-08', '2026-11-25T09:00:02Z'));
    await opened.store.appendEvent(logged('E4', 'c', '2026-09-10', '2026-11-25T09:00:00Z'));
    expect((await opened.store.eventsOf('E4')).map((e) => e.key)).toEqual(['a', 'c', 'b']);
    expect(await opened.store.learnerIdsWithEvents()).toEqual(expect.arrayContaining(['E1', 'E2', 'E3', 'E4']));
  });
});

describe('reads for a batch of learners', () => {
  test('getLearners returns those that exist, whatever the order asked', async () => {
    await opened.store.putLearner(learner('G1'));
    await opened.store.putLearner(learner('G2'));
    expect((await opened.store.getLearners(['G2', 'nobody', 'G1'])).map((l) => l.id).sort()).toEqual(['G1', 'G2']);
    expect(await opened.store.getLearners([])).toEqual([]);
  });

  test('findEvents returns exactly the keys asked of each learner, not a key another learner has', async () => {
    for (const [id, key] of [['H1', 'a'], ['H1', 'b'], ['H2', 'a'], ['H2', 'c'], ['H3', 'b']] as const) await opened.store.appendEvent(logged(id, key, '2026-09-08'));
    const found = await opened.store.findEvents(new Map([['H1', ['a']], ['H2', ['c', 'zz']], ['H3', []]]));
    expect(found.map((e) => `${e.learnerId}/${e.key}`).sort()).toEqual(['H1/a', 'H2/c']);
    expect(found.find((e) => e.learnerId === 'H1')).toEqual(logged('H1', 'a', '2026-09-08'));
    expect(await opened.store.findEvents(new Map([['H1', ['b']]]))).toEqual([logged('H1', 'b', '2026-09-08')]);
    expect(await opened.store.findEvents(new Map())).toEqual([]);
  });

  test('learnersWithEvents names those of the learners asked who have anything logged', async () => {
    await opened.store.appendEvent(logged('J1', 'a', '2026-09-08'));
    await opened.store.appendEvent(logged('J1', 'b', '2026-09-09'));
    await opened.store.appendEvent(logged('J3', 'a', '2026-09-08'));
    expect((await opened.store.learnersWithEvents(['J1', 'J2', 'J3'])).sort()).toEqual(['J1', 'J3']);
    expect(await opened.store.learnersWithEvents(['J2'])).toEqual([]);
    expect(await opened.store.learnersWithEvents([])).toEqual([]);
  });

  test('loadCases returns the cases that exist', async () => {
    const base = { policy: 'mtt', packVersion: '1.0.0', state: { clock: 1 } as never, nextWakeUpAt: null, outbox: [] };
    await opened.store.saveCase({ learnerId: 'K1', ...base }, null);
    await opened.store.saveCase({ learnerId: 'K2', ...base }, null);
    const loaded = await opened.store.loadCases(['K2', 'K1', 'nobody']);
    expect(loaded.map((c) => c.learnerId).sort()).toEqual(['K1', 'K2']);
    expect(loaded.find((c) => c.learnerId === 'K1')).toEqual(await opened.store.loadCase('K1'));
    expect(await opened.store.loadCases([])).toEqual([]);
  });
});

describe('cases', () => {
  const state = { clock: 1 } as never;
  test('saveCase is optimistic: one writer per version wins', async () => {
    const base = { learnerId: 'C1', policy: 'mtt', packVersion: '1.0.0', state, nextWakeUpAt: null, outbox: [] };
    expect(await opened.store.saveCase(base, null)).toBe('saved');
    expect(await opened.store.saveCase(base, null)).toBe('conflict');
    const loaded = await opened.store.loadCase('C1');
    expect(loaded).toMatchObject({ ...base, version: 1 });
    const racing = await Promise.all([opened.store.saveCase(base, 1), opened.store.saveCase(base, 1)]);
    expect(racing.sort()).toEqual(['conflict', 'saved']);
    expect((await opened.store.loadCase('C1'))?.version).toBe(2);
  });

  test('casesDueBefore finds cases whose wake-up has come, soonest first', async () => {
    const at = (iso: string) => ({ learnerId: `W-${iso}`, policy: 'mtt', packVersion: '1.0.0', state, nextWakeUpAt: new Date(iso), outbox: [] });
    await opened.store.saveCase(at('2026-10-02T00:00:00Z'), null);
    await opened.store.saveCase(at('2026-10-01T00:00:00Z'), null);
    await opened.store.saveCase(at('2026-10-05T00:00:00Z'), null);
    const due = await opened.store.casesDueBefore(new Date('2026-10-03T00:00:00Z'), 10);
    expect(due.map((c) => c.learnerId)).toEqual(['W-2026-10-01T00:00:00Z', 'W-2026-10-02T00:00:00Z']);
  });

  test('the register, held cases and waiting proposals are found by their state', async () => {
    const proposal = (approver: string, status: string) => ({ id: `p-${approver}-${status}`, approver, status });
    const save = (id: string, s: Record<string, unknown>) =>
      opened.store.saveCase({ learnerId: id, policy: 'mtt', packVersion: '1.0.0', state: { clock: 1, ...s } as never, nextWakeUpAt: null, outbox: [] }, null);
    await save('Q1', { open: true, assignee: 'ann@x.org', proposals: [proposal('directors', 'pending')] });
    await save('Q2', { open: false, assignee: null, proposals: [proposal('directors', 'approved'), proposal('managers', 'pending')] });
    await save('Q3', { open: true, assignee: 'bob@x.org', proposals: [] });
    expect((await opened.store.openCases()).map((c) => c.learnerId).filter((id) => id.startsWith('Q'))).toEqual(['Q1', 'Q3']);
    expect((await opened.store.casesAssignedTo('ann@x.org')).map((c) => c.learnerId)).toEqual(['Q1']);
    expect((await opened.store.casesAwaitingDecision(['directors'])).map((c) => c.learnerId)).toEqual(['Q1']);
    expect((await opened.store.casesAwaitingDecision(['managers', 'directors'])).map((c) => c.learnerId)).toEqual(['Q1', 'Q2']);
    expect(await opened.store.casesAwaitingDecision(['smt'])).toEqual([]);
  });
});

describe('one-off side effects and posted messages', () => {
  test('a claim is taken once, even when 10 try at once; held until completed, then done', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => opened.store.claim('nudge:L1:task:due', 60_000)));
    expect(results.sort()).toEqual(['claimed', ...Array(9).fill('held')]);
    await opened.store.completeClaim('nudge:L1:task:due');
    expect(await opened.store.claim('nudge:L1:task:due', 0)).toBe('done');
  });

  test('a claim its holder never completed is taken over after the lease', async () => {
    expect(await opened.store.claim('deliver:stuck', 60_000)).toBe('claimed');
    expect(await opened.store.claim('deliver:stuck', 60_000)).toBe('held');
    await new Promise((r) => setTimeout(r, 5));
    expect(await opened.store.claim('deliver:stuck', 1)).toBe('claimed');
  });

  test('a claim its holder renews starts its lease again; a finished one is not renewed', async () => {
    const claims = opened.connection.db!.collection<{ _id: string; claimedAt: Date; state: string }>('claims');
    expect(await opened.store.claim('deliver:slow', 60_000)).toBe('claimed');
    const first = (await claims.findOne({ _id: 'deliver:slow' }))!.claimedAt;
    await new Promise((r) => setTimeout(r, 5));
    await opened.store.renewClaim('deliver:slow');
    const renewed = (await claims.findOne({ _id: 'deliver:slow' }))!.claimedAt;
    expect(renewed.getTime()).toBeGreaterThan(first.getTime());
    await opened.store.completeClaim('deliver:slow');
    await opened.store.renewClaim('deliver:slow');
    expect(await claims.findOne({ _id: 'deliver:slow' })).toEqual({ _id: 'deliver:slow', claimedAt: renewed, state: 'done' });
  });

  test('a released claim can be taken again at once', async () => {
    expect(await opened.store.claim('deliver:failed', 60_000)).toBe('claimed');
    await opened.store.releaseClaim('deliver:failed');
    expect(await opened.store.claim('deliver:failed', 60_000)).toBe('claimed');
  });

  test('messages are kept by key and found by learner and purpose', async () => {
    const message = {
      key: 'alert:L1:1',
      learnerId: 'L1',
      platform: 'slack' as const,
      conversation: 'C123',
      messageId: '1700000000.000100',
      purpose: 'alert',
      postedAt: new Date('2026-09-22T08:00:00Z'),
    };
    await opened.store.recordMessage(message);
    await opened.store.recordMessage({ ...message, messageId: '1700000000.000200' });
    expect(await opened.store.messagesFor('L1', 'alert')).toEqual([{ ...message, messageId: '1700000000.000200' }]);
    expect(await opened.store.messagesFor('L1', 'approval')).toEqual([]);
  });
});
