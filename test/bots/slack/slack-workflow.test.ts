/**
 * A case driven from Slack end to end, through Bolt's real receiver and the fake Web API:
 * alerts in the bound channel, buttons, modals, approval by DM with the request updated in
 * place, the meeting's decision, App Home, Slack's retries and concurrent clicks recording
 * once, errors on the form, and Retry-After honoured.
 */
import { createHmac } from 'node:crypto';
import { learnerRecord, person } from '../../cases/harness.js';
import { openSlackProvider, textOf, type SlackProvider } from './slack-harness.js';
import { SIGNING_SECRET } from './fake-slack.js';

const COACH = 'coach@mtt.org';
let p: SlackProvider;

beforeAll(async () => {
  p = await openSlackProvider(
    'slack-workflow',
    [
      person(COACH, ['coach'], { slackUserId: 'UCOACH', name: 'Chris Coach' }),
      person('other@mtt.org', ['coach'], { slackUserId: 'UOTHER' }),
      person('dan@mtt.org', ['directors'], { slackUserId: 'UDAN', name: 'Dan Director' }),
      person('dee@mtt.org', ['directors'], { slackUserId: 'UDEE', name: 'Dee Director' }),
      person('ada@mtt.org', ['admin', 'managers'], { slackUserId: 'UADA' }),
    ],
    [learnerRecord('M1', 'mtt', { coach: COACH, name: 'Mia Jones', startDate: '2026-10-26' }), learnerRecord('M3', 'mtt', { name: 'Noah Patel', startDate: '2026-10-26' })],
    '2026-12-22T09:00:00Z',
  );
  await p.command('UADA', 'setup alerts', { channel_id: 'CTEAM' });
  await p.command('UADA', 'setup smt', { channel_id: 'CSMT' });
  await p.slack.until(() => p.slack.of('respond').length >= 2);
});
afterAll(() => p.close());

const posts = (channel: string) => p.slack.of('chat.postMessage').filter((m) => m.channel === channel);
const eventsOf = async (learner: string, type: string) => (await p.opened.store.eventsOf(learner)).filter((e) => e.event.type === type);

test('an alert goes to the bound team channel; DMs to the coach and the Directors', async () => {
  for (const at of ['2026-12-08', '2026-12-15', '2026-12-22']) {
    await p.service.ingest({ kind: 'feed', id: 'mis' }, 'M1', { id: `miss-${at}`, type: 'session.missed', at });
  }
  await p.slack.until(() => posts('CTEAM').length > 0 && posts('UCOACH').length > 0);
  expect(textOf(posts('CTEAM')[0])).toContain('At risk: Mia Jones');
  expect(textOf(posts('UCOACH'))).toContain('Agree a support plan');
  expect(textOf(posts('UDAN'))).toContain('at risk within the first 60 days');
});

test('claim: twenty identical concurrent clicks record one claim; a retried click too', async () => {
  const clicks = await Promise.all(Array.from({ length: 20 }, () => p.click('UCOACH', 'claim', { learner: 'M3' })));
  expect(clicks.every((c) => c.status === 200)).toBe(true);
  await p.slack.until(() => p.slack.of('respond').filter((r) => textOf(r).includes('Case claimed')).length >= 20);
  expect(await eventsOf('M3', 'case.assigned')).toHaveLength(1);
  // Clicked again later on the same message: the same claim.
  await p.click('UCOACH', 'claim', { learner: 'M3' });
  await p.slack.until(() => p.slack.of('respond').filter((r) => textOf(r).includes('Case claimed')).length >= 21);
  expect(await eventsOf('M3', 'case.assigned')).toHaveLength(1);
});

test('a slash command Slack delivers twice (X-Slack-Retry-Num) records once', async () => {
  const form = { command: '/waymark', text: 'log M1 email no-response', user_id: 'UCOACH', channel_id: 'CTEAM', trigger_id: 'trigger-retry', response_url: `${p.slack.url}/respond/retry` };
  const body = new URLSearchParams(form).toString();
  const send = (retry?: string) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(p.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature, ...(retry ? { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' } : {}) },
      body,
    });
  };
  expect((await send()).status).toBe(200);
  expect((await send('1')).status).toBe(200);
  await p.slack.until(() => p.slack.of('respond').filter((r) => textOf(r).includes('Contact logged')).length >= 2);
  expect((await p.opened.store.eventsOf('M1')).filter((e) => e.key === 'slack:command:trigger-retry')).toHaveLength(1);
});

test('propose from the modal; the Directors are asked by DM; one approves; the requests are updated in place', async () => {
  await p.click('UCOACH', 'propose-step', { learner: 'M1' });
  await p.slack.until(() => p.slack.of('views.open').length > 0);
  const view = p.slack.of('views.open').at(-1)!.view as { callback_id: string; private_metadata: string; blocks: object[] };
  expect(view.callback_id).toBe('waymark.submit-proposal');
  const submit = () =>
    p.submit('UCOACH', { id: 'V-PROPOSE', callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks }, {
      step: { type: 'static_select', selected_option: { value: 'stage:stage-1' } },
      reason: { type: 'plain_text_input', value: 'Three sessions missed' },
    });
  const submitted = await submit();
  expect(submitted).toEqual({ status: 200, body: '' });
  // Submitted twice (a double click on Submit): still one proposal.
  expect((await submit()).status).toBe(200);
  const proposals = await eventsOf('M1', 'step.proposed');
  expect(proposals).toHaveLength(1);
  await p.slack.until(() => posts('UDAN').some((m) => textOf(m).includes('Approve \\"Stage 1\\"')) && posts('UDEE').length > 0);
  const requests = await p.opened.store.messagesFor('M1', `approval:${proposals[0]!.key}`);
  expect(requests.map((r) => r.conversation).sort()).toEqual(['DDAN', 'DDEE']);

  // Dan approves with a comment; Dee, a moment later, is told who decided.
  await p.click('UDAN', 'approve', { learner: 'M1', proposal: proposals[0]!.key }, { state: { values: { comment: { comment: { type: 'plain_text_input', value: 'Go ahead' } } } } });
  await p.slack.until(() => p.slack.of('chat.update').length >= 2);
  expect(p.slack.of('chat.update').map((u) => u.channel).sort()).toEqual(['DDAN', 'DDEE']);
  expect(textOf(p.slack.of('chat.update')[0])).toContain('Approved');
  expect(textOf(p.slack.of('chat.update')[0])).toContain('Go ahead');
  await p.click('UDEE', 'reject', { learner: 'M1', proposal: proposals[0]!.key });
  await p.slack.until(() => p.slack.of('respond').some((r) => textOf(r).includes('Dan Director already approved this')));
  expect(await eventsOf('M1', 'step.decided')).toHaveLength(1);
  expect((await p.opened.store.loadCase('M1'))?.state.stage).toBe('stage-1');
});

test('a refused or incomplete form shows the problem on its field, and nothing is stored', async () => {
  const before = (await p.opened.store.eventsOf('M1')).length;
  const missing = await p.submit('UCOACH', { id: 'V-CONTACT', callback_id: 'waymark.submit-contact', private_metadata: '{"learner":"M1"}' }, {
    channel: { type: 'static_select', selected_option: null },
    outcome: { type: 'static_select', selected_option: { value: 'reached' } },
  });
  expect(JSON.parse(missing.body)).toEqual({ response_action: 'errors', errors: { channel: expect.stringContaining('is required (one of "phone"') } });
  const outsider = await p.submit('UOTHER', { id: 'V-OUT', callback_id: 'waymark.submit-contact', private_metadata: '{"learner":"M1"}' }, {
    channel: { type: 'static_select', selected_option: { value: 'phone' } },
    outcome: { type: 'static_select', selected_option: { value: 'reached' } },
  });
  expect(JSON.parse(outsider.body)).toEqual({ response_action: 'errors', errors: { channel: 'Mia Jones is not on your caseload (their coach is coach@mtt.org).' } });
  expect(await p.opened.store.eventsOf('M1')).toHaveLength(before);
});

test('record a fact from its form; a meeting\'s decision from the digest\'s button', async () => {
  const fact = await p.submit('UCOACH', { id: 'V-FACT', callback_id: 'waymark.submit-fact', private_metadata: '{"learner":"M1"}' }, {
    fact: { type: 'static_select', selected_option: { value: 'concern.raised' } },
    category: { type: 'static_select', selected_option: { value: 'support-request' } },
    note: { type: 'plain_text_input', value: 'Asked for help with maths' },
  });
  expect(fact).toEqual({ status: 200, body: '' });
  const agenda = (await p.opened.store.loadCase('M1'))!.state.agenda.find((a) => a.meeting === 'team-and-directors')!;
  await p.click('UDAN', 'record-smt-decision', { learner: 'M1', meeting: agenda.meeting, date: agenda.date });
  await p.slack.until(() => p.slack.of('views.open').some((v) => textOf(v).includes('waymark.submit-smt-decision')));
  const decided = await p.submit('UDAN', { id: 'V-SMT', callback_id: 'waymark.submit-smt-decision', private_metadata: JSON.stringify({ learner: 'M1', meeting: agenda.meeting, date: agenda.date }) }, {
    outcome: { type: 'plain_text_input', value: 'Maths support in place' },
    action: { type: 'plain_text_input', value: 'Weekly tutor session' },
    owner: { type: 'static_select', selected_option: { value: COACH } },
    reviewDate: { type: 'datepicker', selected_date: '2027-01-11' },
  });
  expect(decided).toEqual({ status: 200, body: '' });
  await p.slack.until(() => posts('CSMT').length > 0);
  expect(textOf(posts('CSMT').at(-1))).toContain('Maths support in place');
  // The note never reaches a channel.
  for (const m of [...posts('CTEAM'), ...posts('CSMT')]) expect(textOf(m)).not.toContain('Asked for help with maths');
});

test('App Home shows the person\'s caseload and what waits for them', async () => {
  const event = { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'Ev1', event_time: 1, event: { type: 'app_home_opened', user: 'UCOACH', channel: 'D1', tab: 'home' } };
  const body = JSON.stringify(event);
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(p.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, body });
  expect(res.status).toBe(200);
  await p.slack.until(() => p.slack.of('views.publish').length > 0);
  expect(p.slack.of('views.publish')[0]).toMatchObject({ user_id: 'UCOACH', view: { type: 'home' } });
  expect(textOf(p.slack.of('views.publish')[0])).toContain('Mia Jones (M1)');
});

test('a 429 is waited out (Retry-After) and the post goes through', async () => {
  p.slack.rateLimitNext('chat.postMessage', 1);
  const before = posts('CTEAM').length;
  await p.service.ingest({ kind: 'feed', id: 'mis' }, 'M3', { id: 'm3-1', type: 'concern.raised', at: '2026-12-22', category: 'support-request' });
  await p.slack.until(() => posts('CTEAM').length > before, 60_000);
  expect(textOf(posts('CTEAM').at(-1))).toContain('Noah Patel');
  // The post Slack refused is the one that went through afterwards: it was retried.
  expect(p.slack.rateLimited).toHaveLength(1);
  const refused = p.slack.rateLimited[0]!;
  expect(refused.method).toBe('chat.postMessage');
  const resent = () => p.slack.of('chat.postMessage').filter((m) => JSON.stringify(m) === JSON.stringify(refused.args));
  await p.slack.until(() => resent().length > 0, 60_000);
  expect(resent()).toHaveLength(1);
});
