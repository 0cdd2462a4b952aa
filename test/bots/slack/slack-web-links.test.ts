/**
 * The web pages opened from Slack, through Bolt's real receiver and the bot's own HTTP app:
 * `/waymark register` answers the asker alone with links signed for them that the served
 * pages accept (and refuse for anyone else); the SMT digest carries its chart at a signed
 * address and a Register button whose click answers the clicker privately; the case card's
 * Chronology button gives a link only to someone who may see the case; App Home's Register
 * button answers by DM; without a public address the answer says what to set.
 */
import { createHmac } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { SlackNotifier } from '../../../src/bots/slack/slack-notifier.js';
import { slackClientOptions } from '../../../src/bots/slack/slack-api.js';
import { sendMeetingDigest } from '../../../src/cases/digests.js';
import { channelSetting } from '../../../src/cases/channel-settings.js';
import { SAMPLE_INTENTS } from '../../../src/cards/samples.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { digestPictureName } from '../../../src/web/digest-chart.js';
import { learnerRecord, person } from '../../cases/harness.js';
import { SIGNING_SECRET, startFakeSlack } from './fake-slack.js';
import { openSlackProvider, textOf, type SlackProvider } from './slack-harness.js';

const COACH = 'coach@mtt.org';
const OTHER = 'other@mtt.org';
const staff = [
  person(COACH, ['coach'], { slackUserId: 'UCOACH', name: 'Chris Coach' }),
  person(OTHER, ['coach'], { slackUserId: 'UOTHER' }),
  person('sara@ca.org', ['smt'], { slackUserId: 'USARA', name: 'Sara SMT' }),
  person('ada@mtt.org', ['admin', 'managers'], { slackUserId: 'UADA' }),
];
const learners = [learnerRecord('M1', 'mtt', { coach: COACH, name: 'Mia Jones', startDate: '2026-07-06' }), learnerRecord('CA1', 'creative-alliance', { coach: 'dev@ca.org', name: 'Cam Diaz' })];
const START = '2026-09-21T08:30:00Z';

let p: SlackProvider;
beforeAll(async () => {
  p = await openSlackProvider('slack-web-links', staff, learners, START, { web: true });
  await p.command('UADA', 'setup smt', { channel_id: 'CSMT' });
  await p.slack.until(() => p.slack.of('respond').length >= 1);
  // Mia misses three sessions in a row: on the at-risk register.
  for (const at of ['2026-09-07', '2026-09-14', '2026-09-21']) await p.service.ingest({ kind: 'feed', id: 'mis' }, 'M1', { id: `m1-${at}`, type: 'session.missed', at });
});
afterAll(() => p.close());

const responses = () => p.slack.of('respond');
/** The answer to the n-th response_url post from now on. */
async function nextResponse(send: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const before = responses().length;
  await send();
  await p.slack.until(() => responses().length > before);
  return responses()[before]!;
}

interface Button {
  readonly action_id: string;
  readonly url?: string;
  readonly text: { text: string };
}
const buttons = (message: unknown): Button[] =>
  ((message as { blocks: { type: string; elements?: Button[] }[] }).blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const linkTo = (message: unknown, label: string): string => {
  const url = buttons(message).find((b) => b.text.text === label)?.url;
  if (!url) throw new Error(`no "${label}" link in ${textOf(message)}`);
  return url;
};
const tokenOf = (url: string) => new URL(url).searchParams.get('t');

/** App Home as `user` opens it: the view published. */
async function openHome(on: SlackProvider, user: string): Promise<Record<string, unknown>> {
  const before = on.slack.of('views.publish').length;
  const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `Ev-${user}`, event_time: 1, event: { type: 'app_home_opened', user, channel: 'D1', tab: 'home' } });
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  expect((await fetch(on.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, body })).status).toBe(200);
  await on.slack.until(() => on.slack.of('views.publish').length > before);
  return on.slack.of('views.publish')[before]!;
}

describe('/waymark register', () => {
  test('answers the asker alone with links to the register and charts, signed for them, that the served pages accept', async () => {
    const answer = await nextResponse(() => p.command('UCOACH', 'register'));
    expect(answer.response_type).toBe('ephemeral');
    const register = linkTo(answer, 'Open the at-risk register');
    const charts = linkTo(answer, 'Charts');
    expect(register.startsWith(`${p.base}/web/${encodeURIComponent(COACH)}/register?t=`)).toBe(true);
    expect(charts.startsWith(`${p.base}/web/${encodeURIComponent(COACH)}/charts?t=`)).toBe(true);
    expect(textOf(answer)).toContain('works for 15 minutes');
    expect(textOf(answer)).toContain('/waymark register for a new one');
    // Signed for this person, and nobody else.
    expect(p.links!.signer.check(tokenOf(register), `staff:${COACH}`, p.now)).toBeNull();
    expect(p.links!.signer.check(tokenOf(register), `staff:${OTHER}`, p.now)).toBe('another-person');
    // The served page takes it; the same token on another person's pages is refused.
    const page = await fetch(register);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Signed in as Chris Coach');
    expect(html).toContain('1 learner on the register');
    expect(html).toContain('Mia Jones');
    const borrowed = register.replace(`/web/${encodeURIComponent(COACH)}/`, `/web/${encodeURIComponent(OTHER)}/`);
    expect((await fetch(borrowed)).status).toBe(401);
    // Nothing was posted anywhere but to the asker.
    expect(p.slack.of('chat.postMessage').filter((m) => textOf(m).includes('/web/'))).toEqual([]);
  });

  test('someone not in the staff directory gets the unknown-staff answer and no link', async () => {
    const answer = await nextResponse(() => p.command('UNOBODY', 'register'));
    expect(textOf(answer)).toContain('Waymark does not know you yet');
    expect(textOf(answer)).toContain('unknown-staff');
    expect(textOf(answer)).not.toContain('/web/');
  });

  test('register takes nothing more', async () => {
    const answer = await nextResponse(() => p.command('UCOACH', 'register everyone'));
    expect(textOf(answer)).toContain('register takes nothing more');
    expect(textOf(answer)).not.toContain('/web/');
  });
});

describe('the Chronology button on the case card', () => {
  test('the case card carries it; its click gives the coach a link to the chronology, signed for them', async () => {
    const card = await nextResponse(() => p.command('UCOACH', 'case M1'));
    expect(buttons(card).map((b) => b.action_id)).toContain('waymark.open-chronology');
    const answer = await nextResponse(() => p.click('UCOACH', 'open-chronology', { learner: 'M1' }));
    expect(answer.response_type).toBe('ephemeral');
    const url = linkTo(answer, 'Open the chronology');
    expect(url.startsWith(`${p.base}/web/${encodeURIComponent(COACH)}/learners/M1?t=`)).toBe(true);
    expect(p.links!.signer.check(tokenOf(url), `staff:${COACH}`, p.now)).toBeNull();
  });

  test('a coach who may not see the case is refused, with no link', async () => {
    const answer = await nextResponse(() => p.click('UOTHER', 'open-chronology', { learner: 'M1' }));
    expect(textOf(answer)).toContain('Mia Jones is not on your caseload');
    expect(textOf(answer)).not.toContain('/web/');
  });
});

describe('the SMT digest', () => {
  const postsTo = (channel: string) => p.slack.of('chat.postMessage').filter((m) => m.channel === channel);

  beforeAll(async () => {
    // Cam's third missed visit, on the Monday before 10:00: on the SMT's agenda that day.
    for (const [i, at] of ['2026-09-07', '2026-09-14', '2026-09-21T08:00:00+01:00'].entries()) {
      await p.service.ingest({ kind: 'feed', id: 'mis' }, 'CA1', { id: `ca-${i}`, type: 'visit.missed', at });
    }
    const ctx = { store: p.opened.store, packFor: builtinPack, now: () => p.now };
    const chart = async (policy: string, date: string) => ({ picture: digestPictureName(policy, date), alt: 'At risk: 1 this week, against 0 to 1 in the 8 weeks before' });
    expect(await sendMeetingDigest(ctx, p.bot.notifier, 'smt-weekly', '2026-09-21', { chart })).toBe('sent');
    await p.slack.until(() => postsTo('CSMT').length > 0);
  });

  test('carries its chart: an image block with alt text at an address signed for the picture', () => {
    const digest = postsTo('CSMT')[0] as { blocks: Record<string, string>[] };
    const images = digest.blocks.filter((b) => b.type === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]!.alt_text).toBe('At risk: 1 this week, against 0 to 1 in the 8 weeks before');
    const url = images[0]!.image_url!;
    const name = digestPictureName('creative-alliance', '2026-09-21');
    expect(url.startsWith(`${p.base}/web/pictures/${name}.png?t=`)).toBe(true);
    expect(p.links!.signer.check(tokenOf(url), `picture:${name}`, p.now)).toBeNull();
    // A picture's token opens no person's pages.
    expect(p.links!.signer.check(tokenOf(url), `staff:${COACH}`, p.now)).toBe('another-person');
  });

  test('its Register button answers whoever clicks it privately, never in the channel', async () => {
    const digest = postsTo('CSMT')[0]!;
    expect(buttons(digest).find((b) => b.text.text === 'Register')).toMatchObject({ action_id: 'waymark.open-register' });
    // The channel's copy holds no link of anyone's.
    expect(textOf(digest)).not.toContain('/web/sara');
    const postsBefore = p.slack.of('chat.postMessage').length;
    // The button names its sitting, so the answer offers that meeting's page too.
    const button = buttons(digest).find((b) => b.text.text === 'Register') as unknown as { value: string };
    const payload = JSON.parse(button.value) as Record<string, string>;
    expect(payload).toEqual({ policy: 'creative-alliance', meeting: 'smt-weekly', date: '2026-09-21' });
    const answer = await nextResponse(() => p.click('USARA', 'open-register', payload, { container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'CSMT' } }));
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    const url = linkTo(answer, 'Open the at-risk register');
    expect(p.links!.signer.check(tokenOf(url), 'staff:sara@ca.org', p.now)).toBeNull();
    const meeting = linkTo(answer, 'This meeting');
    expect(meeting.startsWith(`${p.base}/web/sara%40ca.org/meetings/creative-alliance/smt-weekly?date=2026-09-21&t=`)).toBe(true);
    const page = await fetch(meeting);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Cam');
    expect(p.slack.of('chat.postMessage')).toHaveLength(postsBefore);
  });
});

describe('App Home', () => {
  test('has a Register button (no link: App Home outlives one); its click answers by DM with a link for the clicker', async () => {
    const home = await openHome(p, 'UCOACH');
    expect(buttons(home.view).filter((b) => b.action_id === 'waymark.open-register')).toHaveLength(1);
    expect(textOf(home)).not.toContain('/web/');
    const dms = () => p.slack.of('chat.postMessage').filter((m) => m.channel === 'UCOACH');
    const before = dms().length;
    // A click in App Home comes with no response_url.
    await p.click('UCOACH', 'open-register', {}, { container: { type: 'view', view_id: 'VHOME' }, response_url: undefined, view: { id: 'VHOME', type: 'home' } });
    await p.slack.until(() => dms().length > before);
    const url = linkTo(dms()[before], 'Open the at-risk register');
    expect(p.links!.signer.check(tokenOf(url), `staff:${COACH}`, p.now)).toBeNull();
  });
});

describe('without a public address (WAYMARK_PUBLIC_URL unset outside local mode)', () => {
  let q: SlackProvider;
  beforeAll(async () => {
    q = await openSlackProvider('slack-no-web', staff, learners, START);
  });
  afterAll(() => q.close());

  test('register says the web pages are not set up and what an admin sets; App Home has no Register button', async () => {
    const before = q.slack.of('respond').length;
    await q.command('UCOACH', 'register');
    await q.slack.until(() => q.slack.of('respond').length > before);
    const answer = q.slack.of('respond')[before]!;
    expect(answer.response_type).toBe('ephemeral');
    expect(textOf(answer)).toContain('The web pages are not set up');
    expect(textOf(answer)).toContain('WAYMARK_PUBLIC_URL');
    expect(buttons(answer).filter((b) => b.url !== undefined)).toEqual([]);
    const home = await openHome(q, 'UCOACH');
    expect(textOf(home)).toContain('Your caseload');
    expect(textOf(home)).not.toContain('waymark.open-register');
  });

  test('a digest whose picture Slack cannot fetch goes again without it, and the reason is logged', async () => {
    const slack = await startFakeSlack({
      answers: { 'chat.postMessage': (args) => (JSON.stringify(args.blocks ?? []).includes('"type":"image"') ? { body: { ok: false, error: 'invalid_blocks' } } : {}) },
    });
    try {
      const logged: string[] = [];
      const client = new WebClient('xoxb-test', { ...slackClientOptions(`${slack.url}/api/`), retryConfig: { retries: 0 } });
      const notifier = new SlackNotifier(client, q.opened.store, { postIntervalMs: 0, log: (l) => logged.push(l), pictureUrl: (name) => `http://localhost:1/web/pictures/${name}.png?t=x` });
      await q.opened.store.putSetting(channelSetting('slack', 'smt'), 'CSMT');
      // The sample digest: the SMT's, with a chart.
      const digest = SAMPLE_INTENTS.find((i) => i.type === 'meeting-digest' && i.chart)!;
      await notifier.send(digest, 'digest:test');
      const posts = slack.of('chat.postMessage');
      expect(posts).toHaveLength(2);
      expect(textOf(posts[0])).toContain('"type":"image"');
      expect(textOf(posts[1])).not.toContain('"type":"image"');
      expect(textOf(posts[1])).toContain('SMT weekly meeting');
      expect(logged).toEqual(['slack: meeting-digest posted without its picture, which Slack could not fetch (is WAYMARK_PUBLIC_URL reachable from the internet?)']);
    } finally {
      await slack.close();
    }
  });
});
