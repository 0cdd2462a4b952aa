/**
 * The Teams app at the adapter level: activities and invokes into the real CloudAdapter
 * (teams-ai Application on a TeamsAdapter), a local recording server standing in for the
 * connector via serviceUrl. Commands typed to the bot, Action.Execute buttons, dialogs,
 * approvals by 1:1 message updated in place, proactive alerts to the bound channel, and a
 * person who has not installed the app reported rather than dropped.
 */
import { builtinPack } from '../../../src/rules/packs/index.js';
import { doneCard } from '../../../src/cards/catalogue/query-cards.js';
import { learnerRecord, person } from '../../cases/harness.js';
import { cardsIn, openTeamsProvider, type TeamsProvider, type TeamsUser } from './teams-harness.js';

const coach: TeamsUser = { aadObjectId: 'aad-coach', name: 'Chris Coach' };
const dan: TeamsUser = { aadObjectId: 'aad-dan', name: 'Dan Director' };
const admin: TeamsUser = { aadObjectId: 'aad-ada', name: 'Ada Admin' };
const stranger: TeamsUser = { aadObjectId: 'aad-nobody', name: 'Nobody' };
const otherCoach: TeamsUser = { aadObjectId: 'aad-other', name: 'Olly Other' };
let p: TeamsProvider;

beforeAll(async () => {
  p = await openTeamsProvider(
    'teams',
    [
      person('coach@mtt.org', ['coach'], { teamsUserId: 'aad-coach', name: 'Chris Coach' }),
      person('dan@mtt.org', ['directors'], { teamsUserId: 'aad-dan', name: 'Dan Director' }),
      person('dee@mtt.org', ['directors'], { teamsUserId: 'aad-dee', name: 'Dee Director' }),
      person('ada@mtt.org', ['admin', 'managers'], { teamsUserId: 'aad-ada' }),
      person('other@mtt.org', ['coach'], { teamsUserId: 'aad-other' }),
    ],
    [learnerRecord('M1', 'mtt', { coach: 'coach@mtt.org', name: 'Mia Jones', startDate: '2026-10-26' })],
    '2026-12-22T09:00:00Z',
  );
  for (const u of [coach, dan, admin]) await p.install(u);
});
afterAll(() => p.close());

const replies = () => p.connector.calls.filter((c) => c.method === 'POST');
const lastReply = () => JSON.stringify(replies().at(-1)?.body);

async function say(user: TeamsUser, text: string, conversation?: { id: string; conversationType: 'channel' | 'personal' }) {
  const before = replies().length;
  const res = await p.say(user, text, conversation);
  expect(res.status).toBe(200);
  await p.connector.until(() => replies().length > before);
}

test('commands typed to the bot are answered with cards; unknown input gets the usage', async () => {
  await say(coach, 'help');
  expect(lastReply()).toContain('Waymark: keeping learners on track');
  await say(coach, 'caseload');
  expect(lastReply()).toContain('Mia Jones (M1)');
  await say(coach, 'what now?');
  expect(lastReply()).toContain('is not a Waymark command');
  await say(stranger, 'caseload');
  expect(lastReply()).toContain('with your Teams id aad-nobody');
});

test('where to reach a person is written when it changes, not again with every message', async () => {
  const settings = p.opened.connection.db!.collection<{ _id: string; value: string; updatedAt: Date }>('settings');
  const ref = () => settings.findOne({ _id: 'teams:ref:user:aad-other' });
  await say(otherCoach, 'help');
  const first = (await ref())!;
  expect(JSON.parse(first.value)).toMatchObject({ conversation: { id: 'a:personal-aad-other' } });
  await say(otherCoach, 'help');
  expect(await ref()).toEqual(first); // the same but for the message id: not written
  await say(otherCoach, 'help', { id: 'a:personal-aad-other-moved', conversationType: 'personal' });
  expect(JSON.parse((await ref())!.value)).toMatchObject({ conversation: { id: 'a:personal-aad-other-moved' } });
});

test('setup alerts binds a channel for admins only; the alert goes there proactively', async () => {
  const channel = { id: '19:team-channel@thread.tacv2', conversationType: 'channel' as const };
  await p.install(admin, channel);
  await say(coach, 'setup alerts', channel);
  // Answers meant for one person go to their personal chat, with a pointer in the channel.
  expect(lastReply()).toContain('I have sent you the answer in our personal chat.');
  expect(JSON.stringify(replies().at(-2)?.body)).toContain('Only a Waymark admin');
  expect(replies().at(-2)?.path).toContain('personal-aad-coach');
  await say(admin, 'setup alerts', channel);
  expect(await p.opened.store.getSetting('teams:channel:alerts')).toBe(channel.id);
  const before = replies().length;
  for (const at of ['2026-12-08', '2026-12-15', '2026-12-22']) await p.service.ingest({ kind: 'feed', id: 'mis' }, 'M1', { id: `t-${at}`, type: 'session.missed', at });
  await p.connector.until(() => replies().slice(before).some((c) => c.path.includes(encodeURIComponent(channel.id)) || c.path.includes(channel.id)));
  expect(cardsIn(replies().slice(before)).join()).toContain('At risk: Mia Jones');
});

test('a form opens in a dialog; its submission records once, even submitted twice', async () => {
  const fetched = await p.invoke(coach, 'task/fetch', { data: { msteams: { type: 'task/fetch' }, verb: 'propose-step', learner: 'M1' } });
  expect(fetched.status).toBe(200);
  const task = (fetched.body as { task: { type: string; value: { title: string; card: { content: { actions: { data: Record<string, string> }[] } } } } }).task;
  expect(task.type).toBe('continue');
  expect(task.value.title).toBe('Propose a step');
  const submitData = task.value.card.content.actions[0]!.data;
  expect(submitData).toMatchObject({ verb: 'submit-proposal', learner: 'M1', form: expect.any(String) });
  const submit = () => p.invoke(coach, 'task/submit', { data: { ...submitData, step: 'stage:stage-1', reason: 'Three sessions missed' } });
  const first = await submit();
  expect(first.status).toBe(200);
  expect(JSON.stringify(first.body)).toContain('Step proposed');
  await submit();
  expect((await p.opened.store.eventsOf('M1')).filter((e) => e.event.type === 'step.proposed')).toHaveLength(1);
});

test('approval requests go 1:1; someone who has not installed the app is reported to the proposer', async () => {
  await p.connector.until(() => replies().some((c) => JSON.stringify(c.body).includes('Approve \\"Stage 1\\"')));
  const requests = await p.opened.store.messagesFor('M1', `approval:${(await p.opened.store.eventsOf('M1')).find((e) => e.event.type === 'step.proposed')!.key}`);
  expect(requests.map((r) => r.conversation)).toEqual(['a:personal-aad-dan']);
  // Dee has not installed Waymark: the coach and the admins are told, and it is logged.
  await p.connector.until(() => replies().some((c) => JSON.stringify(c.body).includes('Dee Director has not installed Waymark in Teams')));
  expect(p.logged.join('\n')).toContain('Dee Director not reached (Waymark not installed in Teams): approval-request');
  const notices = replies().filter((c) => /Dee Director has not installed Waymark in Teams, so could not be sent: Chris Coach proposes/.test(JSON.stringify(c.body)));
  expect(notices.map((c) => c.path.split('/')[3]).sort()).toEqual([encodeURIComponent('a:personal-aad-ada'), encodeURIComponent('a:personal-aad-coach')].sort());
});

test('Action.Execute: an approval is answered with a card and the request is updated in place', async () => {
  const proposal = (await p.opened.store.eventsOf('M1')).find((e) => e.event.type === 'step.proposed')!.key;
  const action = { action: { type: 'Action.Execute', verb: 'approve', data: { learner: 'M1', proposal, comment: 'Go ahead' } }, trigger: 'manual' };
  const res = await p.invoke(dan, 'adaptiveCard/action', action, { replyToId: 'act-request' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  await p.connector.until(() => p.connector.calls.some((c) => c.method === 'PUT'));
  const update = p.connector.calls.find((c) => c.method === 'PUT')!;
  expect(JSON.stringify(update.body)).toContain('Approved');
  expect((await p.opened.store.loadCase('M1'))?.state.stage).toBe('stage-1');
  // The same invoke retried: still one decision.
  await p.invoke(dan, 'adaptiveCard/action', action, { replyToId: 'act-request' });
  expect((await p.opened.store.eventsOf('M1')).filter((e) => e.event.type === 'step.decided')).toHaveLength(1);
});

test('a refused button answers with the reason; nothing is stored', async () => {
  const before = (await p.opened.store.eventsOf('M1')).length;
  const res = await p.invoke(otherCoach, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'claim', data: { learner: 'M1' } } });
  expect(JSON.stringify(res.body)).toContain('is not on your caseload');
  expect(await p.opened.store.eventsOf('M1')).toHaveLength(before);
});

test('429 and 502 from the connector are retried with back-off (proactive posts)', async () => {
  const { failed } = p.connector;
  // The posts that went through to the refused post's conversation, with its card (each
  // proactive turn has an id of its own, so the path's last part and replyToId differ).
  const post = (c: (typeof failed)[number]) => ({ to: c.path.replace(/\/activities\/.*$/, ''), card: JSON.stringify(c.body.attachments) });
  const resent = (refused: (typeof failed)[number]) => p.connector.calls.filter((c) => c.method === refused.method && JSON.stringify(post(c)) === JSON.stringify(post(refused)));
  const before = failed.length;
  const apologies = () => p.connector.calls.filter((c) => JSON.stringify(c.body).includes('not-confirmed')).length;
  const apologiesBefore = apologies();
  p.connector.failNext(429, 1);
  expect(await p.bot.notifier.sendTo(coach.aadObjectId, doneCard('Throttled once', 'Sent after a 429.'))).toBe(true);
  expect(failed).toHaveLength(before + 1);
  expect(JSON.stringify(failed[before]!.body)).toContain('Sent after a 429.');
  expect(resent(failed[before]!)).toHaveLength(1);
  // Refused twice, the same post is sent a third time, and goes through once.
  p.connector.failNext(502, 2);
  expect(await p.bot.notifier.sendTo(coach.aadObjectId, doneCard('Failed twice', 'Sent after two 502s.'))).toBe(true);
  expect(failed).toHaveLength(before + 3);
  expect(post(failed[before + 2]!)).toEqual(post(failed[before + 1]!));
  expect(resent(failed[before + 1]!)).toHaveLength(1);
  // Nobody was told that something "could not be confirmed" on the way.
  expect(apologies()).toBe(apologiesBefore);
});

test('policy: the policy in force, its version and main thresholds, answered in the personal chat', async () => {
  const mtt = builtinPack('mtt')!;
  await say(otherCoach, 'policy');
  const reply = replies().at(-1)!;
  expect(reply.path).toContain(encodeURIComponent('a:personal-aad-other'));
  const card = JSON.stringify(reply.body);
  expect(card).toContain('application/vnd.microsoft.card.adaptive');
  expect(card).toContain(`Policy in force: ${mtt.name}`);
  expect(card).toContain(`${mtt.id} ${mtt.version}`);
  expect(card).toContain('3 consecutive missed sessions; an attended session breaks the run');
  expect(card).toContain('2 cancelled visits (not cancelled by the provider) within any 28 days (4 weeks)');
  await say(stranger, 'policy');
  expect(lastReply()).toContain('with your Teams id aad-nobody');
});
