/**
 * `/waymark setup`, for admins: a card of what is set up and what is missing (channels
 * bound, staff not linked, the policy in force, when data last arrived), each ✗ with its
 * fix; anyone else is refused. And a button showing another card answers with a new
 * message. Through Bolt's real receiver and the recording Web API.
 */
import { learnerRecord, person } from '../../cases/harness.js';
import { openSlackProvider, textOf, type SlackProvider } from './slack-harness.js';

let p: SlackProvider;
beforeAll(async () => {
  p = await openSlackProvider(
    'slack-setup',
    [
      person('ada@mtt.org', ['admin'], { slackUserId: 'U-ADMIN', name: 'Ada Admin' }),
      person('coach@mtt.org', ['coach'], { slackUserId: 'U-COACH', name: 'Chris Coach' }),
      person('dan@mtt.org', ['directors'], { name: 'Dan Director' }),
      person('dee@mtt.org', ['directors'], { name: 'Dee Director', teamsUserId: 'aad-dee' }),
    ],
    [learnerRecord('M1', 'mtt', { coach: 'coach@mtt.org', name: 'Mia Jones', startDate: '2026-10-26' })],
    '2026-12-22T09:00:00Z',
  );
});
afterAll(() => p.close());

async function setupCard(user: string, channel = 'C-TEAM'): Promise<{ text: string; sections: string[] }> {
  const before = p.slack.of('respond').length;
  expect((await p.command(user, 'setup', { channel_id: channel })).status).toBe(200);
  await p.slack.until(() => p.slack.of('respond').length > before);
  const response = p.slack.of('respond').at(-1)!;
  const blocks = response.blocks as { type: string; text?: { text: string } }[];
  return { text: textOf(response), sections: blocks.filter((b) => b.type === 'section').map((b) => b.text!.text) };
}

test('a new installation: every ✗ names what is missing and its fix; the ✓ say what is in force', async () => {
  const { sections } = await setupCard('U-ADMIN');
  expect(sections).toHaveLength(5);
  expect(sections[0]).toMatch(/^\*✗ Alerts channel\*\nno channel is bound: alerts and case updates are not posted\nFix: invite Waymark to the coaching team's channel and type \/waymark setup alerts there$/);
  expect(sections[1]).toMatch(/^\*✗ SMT channel\*\nno channel is bound: the digests of .*Leaver panel.* are not posted\nFix: .*\/waymark setup smt there$/);
  // Dee is on Teams only, Dan on neither: both cannot be messaged in Slack.
  expect(sections[2]).toContain('✗ Staff linked to Slack');
  expect(sections[2]).toContain('2 of 4 not linked, so Waymark cannot message them: Dan Director (dan@mtt.org), Dee Director (dee@mtt.org)');
  expect(sections[2]).toContain('Fix: run waymark staff link');
  expect(sections[3]).toMatch(/^\*✓ Policy in force\*\nLearner at Risk Policy \(mtt\) version \d+\.\d+\.\d+$/);
  expect(sections[4]).toBe('*✗ Data feed*\nno event has arrived from the feed yet\nFix: send events to POST /api/events with a key from WAYMARK_API_KEYS, or load them with waymark import events events.csv');
});

test('once bound, linked and fed, those checks turn ✓', async () => {
  await p.command('U-ADMIN', 'setup alerts', { channel_id: 'C-TEAM' });
  await p.command('U-ADMIN', 'setup smt', { channel_id: 'C-SMT' });
  await p.slack.until(() => p.slack.of('respond').length >= 3);
  await p.opened.store.putStaff(person('dan@mtt.org', ['directors'], { name: 'Dan Director', slackUserId: 'U-DAN' }));
  await p.service.ingest({ kind: 'feed', id: 'test' }, 'M1', { id: 'e1', type: 'session.missed', at: '2026-12-21' });

  const { sections } = await setupCard('U-ADMIN');
  expect(sections[0]).toBe('*✓ Alerts channel*\nat-risk alerts and case updates go to the channel C-TEAM');
  expect(sections[1]).toMatch(/^\*✓ SMT channel\*\nmeeting digests \(.*\) go to the channel C-SMT$/);
  expect(sections[2]).toBe('*✗ Staff linked to Slack*\n1 of 4 not linked, so Waymark cannot message them: Dee Director (dee@mtt.org)\nFix: run waymark staff link (it finds Slack users by e-mail; the app needs the users:read.email scope), or give their slackUserId in the staff directory');
  expect(sections[4]).toMatch(/^\*✓ Data feed\*\nlast arrived 2026-12-22 \d\d:\d\d \(UK time\)$/);
});

test('anyone but an admin is refused, and shown nothing of the setup', async () => {
  const { text } = await setupCard('U-COACH');
  expect(text).toContain('admins-only');
  expect(text).not.toContain('Staff linked');
  expect(text).not.toContain('Dee Director');
});

test('"Open case" on a caseload answers with a new message, as in Teams: the caseload is not replaced', async () => {
  const before = p.slack.of('respond').length;
  expect((await p.click('U-COACH', 'open-case', { learner: 'M1' })).status).toBe(200);
  await p.slack.until(() => p.slack.of('respond').length > before);
  const answer = p.slack.of('respond').at(-1)!;
  expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  expect(textOf(answer)).toContain('Mia Jones (M1)');
  expect(p.slack.of('chat.update')).toEqual([]);
});
