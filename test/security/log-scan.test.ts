/**
 * Everything the bot logs while it works (at info, JSON) is scanned for secrets and
 * learners' details: the Slack token and signing secret, the data-feed API key, learners'
 * names, and notes people typed. The work includes refused requests and authorized ones:
 * a coach's commands by the learner's name, clicks, and forms with notes. None may appear.
 */
import { openStore } from '../../src/store/open-store.js';
import { postSigned, SIGNING_SECRET, startFakeSlack } from '../bots/slack/fake-slack.js';
import { killAll, startWaymark, until } from '../server/processes.js';

const TOKEN = 'xoxb-1234567890-secret-bot-token';
const API_KEY = 'feed-key-that-must-not-leak-0123456789';
const NAME = 'Zebedee Quartermaine';
const NOTE = 'Disclosed a hospital stay and money worries';
const FORM_NOTE = 'Says the landlord is threatening eviction';

test('no token, key or learner detail is logged while the bot works', async () => {
  const slack = await startFakeSlack();
  // On a database of its own (production mode: JSON lines at info), with a coach in the
  // staff directory, so that commands and clicks run authorized and touch the learner.
  const db = startWaymark(['db', '--port', '0'], {});
  const uri = await until(() => db.lines.find((l) => l.startsWith('mongodb://')));
  const opened = await openStore({ uri });
  await opened.store.putStaff({ id: 'coach@x.org', name: 'Casey Coach', roles: ['coach'], slackUserId: 'UCOACH' });
  await opened.store.putSetting('slack:channel:alerts', 'CALERTS');
  const bot = startWaymark(['run'], { MONGODB_URI: uri, PORT: '0', LOG_LEVEL: 'info', WAYMARK_API_KEYS: API_KEY, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` });
  const { lines } = bot;
  let serial = 0;
  const slash = (text: string, user = 'UCOACH', options = {}) =>
    postSigned(`${url}/slack/events`, { command: '/waymark', text, user_id: user, channel_id: 'C1', trigger_id: `t${++serial}`, response_url: `${slack.url}/respond/${serial}` }, options);
  const interact = (payload: object) => postSigned(`${url}/slack/events`, { payload: JSON.stringify({ team: { id: 'T1' }, user: { id: 'UCOACH' }, api_app_id: 'A1', ...payload }) });
  const click = (verb: string, value: object) =>
    interact({ type: 'block_actions', trigger_id: `t${++serial}`, response_url: `${slack.url}/respond/${serial}`, container: { type: 'message', message_ts: `${serial}.0001`, channel_id: 'C1' }, actions: [{ type: 'button', action_id: `waymark.${verb}`, block_id: 'actions', value: JSON.stringify(value), action_ts: `${serial}` }] });
  const submit = (verb: string, values: Record<string, object>) =>
    interact({ type: 'view_submission', view: { id: `V${++serial}`, type: 'modal', callback_id: `waymark.${verb}`, private_metadata: JSON.stringify({ learner: 'Z1' }), blocks: Object.keys(values).map((id) => ({ type: 'input', block_id: id })), state: { values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { [id]: v }])) } } });
  const replies = () => slack.calls.filter((c) => c.method === 'respond').map((c) => JSON.stringify(c.args));
  let url = '';
  try {
    url = await until(() => /listening on (http:\/\/localhost:\d+)/.exec(lines.join('\n'))?.[1]);
    const feed = (method: string, path: string, body: object, key = API_KEY) =>
      fetch(url + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await feed('PUT', '/api/learners/Z1', { name: NAME, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', policy: 'mtt', coach: 'coach@x.org' })).status).toBe(201);
    await feed('POST', '/api/events', { events: ['2026-11-04', '2026-11-11', '2026-11-18'].map((at, i) => ({ id: `z${i}`, learnerId: 'Z1', type: 'session.missed', at })) });
    await feed('POST', '/api/events', { events: [{ id: 'z9', learnerId: 'Z1', type: 'concern.raised', at: '2026-11-19', category: 'mental-health', note: NOTE }] });
    await feed('POST', '/api/events', { events: [] }, 'wrong-key-0000000000000000');
    // Refused: a stranger, and a forged signature.
    await slash(`case ${NAME}`, 'UNOBODY');
    await slash(`log Z1 phone reached "${NOTE}"`, 'UNOBODY', { secret: 'forged' });
    // Authorized: by the learner's name, with notes typed in a command and in forms, and clicks.
    await slash(`case ${NAME}`);
    await slash(`log ${NAME} phone reached "${NOTE}"`);
    await slash('caseload');
    await click('open-case', { learner: 'Z1' });
    await click('claim', { learner: 'Z1' });
    await submit('submit-contact', { channel: { type: 'static_select', selected_option: { value: 'email' } }, outcome: { type: 'static_select', selected_option: { value: 'no_response' } }, note: { type: 'plain_text_input', value: FORM_NOTE } });
    await submit('submit-fact', { fact: { type: 'static_select', selected_option: { value: 'concern.raised' } }, category: { type: 'static_select', selected_option: { value: 'support-request' } }, note: { type: 'plain_text_input', value: FORM_NOTE } });
    // Every command and click is answered (the stranger's too), by name where it ran.
    await slack.until(() => replies().length >= 6);
    expect(replies().filter((r) => r.includes(NAME)).length).toBeGreaterThanOrEqual(4);
    // Both forms recorded their notes: the work really touched them.
    await until(async () => ((await opened.store.eventsOf('Z1')).filter((e) => (e.event as { note?: string }).note === FORM_NOTE).length === 2 ? true : undefined));
    expect((await opened.store.eventsOf('Z1')).filter((e) => (e.event as { note?: string }).note === NOTE)).toHaveLength(2);
  } finally {
    // Scanned once the process has closed its output: whatever it logged is then in `lines`.
    bot.child.kill('SIGTERM');
    await bot.exited;
    await opened.close();
    killAll();
    await slack.close();
  }
  const log = lines.join('\n');
  expect(log).toMatch(/"msg":"request"|: request/);
  for (const secret of [TOKEN, SIGNING_SECRET, API_KEY, NAME, NOTE, FORM_NOTE, 'Zebedee', 'Quartermaine', 'hospital', 'landlord']) expect(log).not.toContain(secret);
});
