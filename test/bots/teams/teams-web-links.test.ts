/**
 * The web pages opened from Teams, through the real CloudAdapter and the bot's own HTTP app:
 * `register` answers with an Adaptive Card whose Action.OpenUrl links are signed for the
 * asker (in their personal chat, even when typed in a channel); the digest's Register and
 * the case card's Chronology buttons (Action.Execute) answer the clicker with a card of
 * their own, the chronology only to someone who may see the case; the digest carries its
 * chart as an Image with alt text; without a public address the answer says what to set.
 */
import { adaptiveCardProblems } from '../../../src/cards/adaptive-check.js';
import { channelSetting } from '../../../src/cases/channel-settings.js';
import type { Intent } from '../../../src/cases/intents.js';
import { SAMPLE_INTENTS } from '../../../src/cards/samples.js';
import { learnerRecord, person } from '../../cases/harness.js';
import { openTeamsProvider, type ConnectorCall, type TeamsProvider, type TeamsUser } from './teams-harness.js';

const coach: TeamsUser = { aadObjectId: 'aad-coach', name: 'Chris Coach' };
const otherCoach: TeamsUser = { aadObjectId: 'aad-other', name: 'Olly Other' };
const stranger: TeamsUser = { aadObjectId: 'aad-nobody', name: 'Nobody' };
const COACH = 'coach@mtt.org';
const OTHER = 'other@mtt.org';
const staff = [person(COACH, ['coach'], { teamsUserId: 'aad-coach', name: 'Chris Coach' }), person(OTHER, ['coach'], { teamsUserId: 'aad-other' })];
const learners = [learnerRecord('M1', 'mtt', { coach: COACH, name: 'Mia Jones', startDate: '2026-07-06' })];
const START = '2026-09-21T08:30:00Z';
const channel = { id: '19:smt@thread.tacv2', conversationType: 'channel' as const };
const personalOf = (user: TeamsUser) => encodeURIComponent(`a:personal-${user.aadObjectId}`);

let p: TeamsProvider;
beforeAll(async () => {
  p = await openTeamsProvider('teams-web-links', staff, learners, START, { web: true });
  for (const u of [coach, otherCoach]) await p.install(u);
  await p.install(coach, channel);
});
afterAll(() => p.close());

const posts = () => p.connector.calls.filter((c) => c.method === 'POST');

/** The Adaptive Card a connector call carries. */
function cardOf(call: ConnectorCall): Record<string, unknown> {
  const attachments = call.body.attachments as { content: Record<string, unknown> }[] | undefined;
  if (!attachments?.[0]) throw new Error(`no card in ${JSON.stringify(call.body)}`);
  return attachments[0].content;
}
const openUrls = (card: Record<string, unknown>) => ((card.actions ?? []) as { type: string; title: string; url?: string }[]).filter((a) => a.type === 'Action.OpenUrl');
const urlOf = (card: Record<string, unknown>, title: string) => {
  const url = openUrls(card).find((a) => a.title === title)?.url;
  if (!url) throw new Error(`no "${title}" link in ${JSON.stringify(card)}`);
  return url;
};
const tokenOf = (url: string) => new URL(url).searchParams.get('t');

/** Sends `send`, waits for `n` more posts to the connector, and gives them. */
async function after(send: () => Promise<unknown>, n = 1): Promise<ConnectorCall[]> {
  const before = posts().length;
  await send();
  await p.connector.until(() => posts().length >= before + n);
  return posts().slice(before);
}

test('register in the personal chat: a card with links to the register and charts, signed for the asker, that the served pages accept', async () => {
  const [reply] = await after(() => p.say(coach, 'register'));
  expect(reply!.path).toContain(personalOf(coach));
  const card = cardOf(reply!);
  expect(adaptiveCardProblems(card)).toEqual([]);
  const register = urlOf(card, 'Open the at-risk register');
  expect(register.startsWith(`${p.base}/web/${encodeURIComponent(COACH)}/register?t=`)).toBe(true);
  expect(urlOf(card, 'Charts').startsWith(`${p.base}/web/${encodeURIComponent(COACH)}/charts?t=`)).toBe(true);
  expect(JSON.stringify(card)).toContain('@Waymark register for a new one');
  expect(p.links!.signer.check(tokenOf(register), `staff:${COACH}`, p.now)).toBeNull();
  expect((await fetch(register)).status).toBe(200);
  expect((await fetch(register.replace(encodeURIComponent(COACH), encodeURIComponent(OTHER)))).status).toBe(401);
});

test('register typed in a channel: the link goes to the personal chat; the channel is told where, with no link', async () => {
  const sent = await after(() => p.say(coach, 'register', channel), 2);
  const toChannel = sent.filter((c) => c.path.includes(encodeURIComponent(channel.id)) || c.path.includes(channel.id));
  const toPerson = sent.filter((c) => c.path.includes(personalOf(coach)));
  expect(toChannel).toHaveLength(1);
  expect(toPerson).toHaveLength(1);
  expect(JSON.stringify(toChannel[0]!.body)).toContain('I have sent you the answer in our personal chat.');
  expect(JSON.stringify(toChannel[0]!.body)).not.toContain('/web/');
  expect(p.links!.signer.check(tokenOf(urlOf(cardOf(toPerson[0]!), 'Open the at-risk register')), `staff:${COACH}`, p.now)).toBeNull();
});

test('someone not in the staff directory gets the unknown-staff answer and no link', async () => {
  const [reply] = await after(() => p.say(stranger, 'register'));
  expect(JSON.stringify(reply!.body)).toContain('Waymark does not know you yet');
  expect(JSON.stringify(reply!.body)).not.toContain('/web/');
});

test("the digest's Register button, clicked in the SMT channel: the clicker's link goes to their personal chat", async () => {
  const action = { action: { type: 'Action.Execute', verb: 'open-register', data: {} }, trigger: 'manual' };
  let answer: { status: number; body: Record<string, unknown> } | undefined;
  const sent = await after(async () => (answer = await p.invoke(otherCoach, 'adaptiveCard/action', action, { conversation: channel, replyToId: 'act-digest' })), 2);
  expect(answer!.status).toBe(200);
  // The card clicked stays; the invoke's own answer holds no link.
  expect(JSON.stringify(answer!.body)).toContain('sent as a new message');
  expect(JSON.stringify(answer!.body)).not.toContain('/web/');
  const toPerson = sent.filter((c) => c.path.includes(personalOf(otherCoach)));
  expect(toPerson).toHaveLength(1);
  expect(p.links!.signer.check(tokenOf(urlOf(cardOf(toPerson[0]!), 'Open the at-risk register')), `staff:${OTHER}`, p.now)).toBeNull();
  for (const c of sent.filter((c) => !c.path.includes(personalOf(otherCoach)))) expect(JSON.stringify(c.body)).not.toContain('/web/');
});

test('the Chronology button: a link for the coach of the case; a coach not on it is refused, with no link', async () => {
  const chronology = { action: { type: 'Action.Execute', verb: 'open-chronology', data: { learner: 'M1' } }, trigger: 'manual' };
  const [mine] = await after(() => p.invoke(coach, 'adaptiveCard/action', chronology));
  const url = urlOf(cardOf(mine!), 'Open the chronology');
  expect(url.startsWith(`${p.base}/web/${encodeURIComponent(COACH)}/learners/M1?t=`)).toBe(true);
  expect(p.links!.signer.check(tokenOf(url), `staff:${COACH}`, p.now)).toBeNull();
  const [refused] = await after(() => p.invoke(otherCoach, 'adaptiveCard/action', chronology));
  expect(JSON.stringify(refused!.body)).toContain('Mia Jones is not on your caseload');
  expect(JSON.stringify(refused!.body)).not.toContain('/web/');
});

test('the SMT digest carries its chart as an Image with alt text, at an address signed for the picture', async () => {
  await p.opened.store.putSetting(channelSetting('teams', 'smt'), channel.id);
  const digest = SAMPLE_INTENTS.find((i): i is Extract<Intent, { type: 'meeting-digest' }> => i.type === 'meeting-digest' && i.chart !== undefined)!;
  const name = digest.chart!.picture;
  const [post] = await after(() => p.bot.notifier.send(digest, 'digest:teams-test'));
  const card = cardOf(post!);
  expect(adaptiveCardProblems(card)).toEqual([]);
  const images = (card.body as { type: string; url: string; altText: string }[]).filter((e) => e.type === 'Image');
  expect(images).toHaveLength(1);
  expect(images[0]!.altText).toBe(digest.chart!.alt);
  expect(images[0]!.url.startsWith(`${p.base}/web/pictures/${name}.png?t=`)).toBe(true);
  expect(p.links!.signer.check(tokenOf(images[0]!.url), `picture:${name}`, p.now)).toBeNull();
  // Its Register button is an Action.Execute (the link is made for whoever clicks), not a link.
  expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'open-register', title: 'Register' })]);
});

describe('without a public address', () => {
  let q: TeamsProvider;
  beforeAll(async () => {
    q = await openTeamsProvider('teams-no-web', staff, learners, START);
    await q.install(coach);
  });
  afterAll(() => q.close());

  test('register says the web pages are not set up and what an admin sets', async () => {
    const before = q.connector.calls.length;
    await q.say(coach, 'register');
    await q.connector.until((calls) => calls.length > before);
    const card = JSON.stringify(q.connector.calls.at(-1)!.body);
    expect(card).toContain('The web pages are not set up');
    expect(card).toContain('WAYMARK_PUBLIC_URL');
    expect(card).not.toContain('Action.OpenUrl');
  });
});
