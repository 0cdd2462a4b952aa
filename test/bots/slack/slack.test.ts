/**
 * The Slack app through Bolt's real receiver, with correctly signed requests and a local
 * recording server standing in for the Web API: every subcommand, button and modal; the
 * signature and replay checks; retries and concurrent clicks recording once; refusals.
 */
import { builtinPack } from '../../../src/rules/packs/index.js';
import { learnerRecord, person } from '../../cases/harness.js';
import { postSigned } from './fake-slack.js';
import { openSlackProvider, textOf, type SlackProvider } from './slack-harness.js';

const COACH = 'coach@mtt.org';
const OTHER = 'other@mtt.org';
const DIRECTOR = 'dan@mtt.org';
const ADMIN = 'ada@mtt.org';
let p: SlackProvider;

beforeAll(async () => {
  p = await openSlackProvider(
    'slack',
    [
      person(COACH, ['coach'], { slackUserId: 'U-COACH', name: 'Chris Coach' }),
      person(OTHER, ['coach'], { slackUserId: 'U-OTHER' }),
      person(DIRECTOR, ['directors'], { slackUserId: 'U-DIR', name: 'Dan Director' }),
      person('dee@mtt.org', ['directors'], { slackUserId: 'U-DEE' }),
      person(ADMIN, ['admin', 'managers'], { slackUserId: 'U-ADMIN' }),
    ],
    [
      learnerRecord('M1', 'mtt', { coach: COACH, name: 'Mia Jones', startDate: '2026-10-26' }),
      learnerRecord('M2', 'mtt', { coach: COACH, name: 'Mia Jonas', startDate: '2026-10-26' }),
      learnerRecord('M3', 'mtt', { name: 'Noah Patel', startDate: '2026-10-26' }),
    ],
    '2026-12-22T09:00:00Z',
  );
});
afterAll(() => p.close());

const responses = () => p.slack.of('respond');
const lastResponse = () => textOf(responses().at(-1));

async function command(user: string, text: string) {
  const before = responses().length + p.slack.of('views.open').length;
  const result = await p.command(user, text);
  expect(result.status).toBe(200);
  await p.slack.until(() => responses().length + p.slack.of('views.open').length > before);
  return result;
}

describe('requests are Slack\'s or refused, with nothing stored', () => {
  test('a bad signature is 401', async () => {
    const tampered = await postSigned(p.url, { command: '/waymark', text: 'log M1 phone reached', user_id: 'U-COACH', trigger_id: 't-bad' }, { secret: 'wrong' });
    expect(tampered.status).toBe(401);
    expect((await p.opened.store.eventsOf('M1')).some((e) => e.key === 'slack:command:t-bad')).toBe(false);
    // Nothing reached Slack for it (Bolt's one auth.test at start aside).
    expect(p.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  test('a timestamp older than 5 minutes is refused', async () => {
    const stale = await postSigned(p.url, { command: '/waymark', text: 'log M1 phone reached', user_id: 'U-COACH', trigger_id: 't-stale' }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect((await p.opened.store.eventsOf('M1')).some((e) => e.key === 'slack:command:t-stale')).toBe(false);
  });
});

describe('/waymark subcommands', () => {
  test('help, and anything unknown, answer privately with the usage', async () => {
    await command('U-COACH', 'help');
    expect(responses().at(-1)).toMatchObject({ response_type: 'ephemeral' });
    expect(lastResponse()).toContain('caseload [@person]: a caseload, overdue first');
    await command('U-COACH', 'frobnicate now');
    expect(lastResponse()).toContain('\\"frobnicate\\" is not a Waymark command');
    expect(lastResponse()).toContain('escalate <learner>');
  });

  test('someone not in the staff directory is told how to be added', async () => {
    await command('U-STRANGER', 'caseload');
    expect(lastResponse()).toContain('with your Slack id U-STRANGER');
  });

  test('caseload, and a covered colleague\'s by mention', async () => {
    await command('U-COACH', 'caseload');
    expect(lastResponse()).toContain('Your caseload');
    expect(lastResponse()).toContain('Mia Jones (M1)');
    await command('U-ADMIN', 'caseload <@U-COACH|chris>');
    expect(lastResponse()).toContain('Caseload of Chris Coach');
    await command('U-OTHER', 'caseload <@U-COACH|chris>');
    expect(lastResponse()).toContain("not coach@mtt.org's");
  });

  test('case by id; an ambiguous name gets a picker; a stranger\'s learner is refused', async () => {
    await command('U-COACH', 'case M1');
    expect(lastResponse()).toContain('Mia Jones (M1)');
    await command('U-COACH', 'case mia jon');
    expect(lastResponse()).toContain('Which learner did you mean by');
    expect(lastResponse()).toContain('Mia Jonas (M2)');
    await command('U-OTHER', 'case M1');
    expect(lastResponse()).toContain('Mia Jones is not on your caseload');
  });

  test('log with everything records at once; with less it opens the form', async () => {
    await command('U-COACH', 'log Mia Jones phone no-answer "Voicemail left"');
    expect(lastResponse()).toContain('Contact logged');
    const logged = (await p.opened.store.eventsOf('M1')).filter((e) => e.event.type === 'contact').at(-1);
    expect(logged?.event).toMatchObject({ channel: 'phone', outcome: 'no_answer', note: 'Voicemail left' });
    await command('U-COACH', 'log M1');
    expect(p.slack.of('views.open').at(-1)).toMatchObject({ view: { callback_id: 'waymark.submit-contact', private_metadata: '{"learner":"M1"}' } });
  });

  test('record and escalate open their forms; escalate offers only the steps allowed', async () => {
    await command('U-COACH', 'record M1');
    expect(textOf(p.slack.of('views.open').at(-1))).toContain('waymark.submit-fact');
    await command('U-COACH', 'escalate M1');
    const view = textOf(p.slack.of('views.open').at(-1));
    expect(view).toContain('stage:stage-1');
    expect(view).not.toContain('stage:stage-3');
  });

  test('meetings (alias smt) and approvals answer privately', async () => {
    await command('U-ADMIN', 'smt 2026-12-21');
    expect(lastResponse()).toContain('Meetings under Learner at Risk Policy');
    await command('U-ADMIN', 'meetings leaver panel 2026-12-21');
    expect(lastResponse()).toContain('Leaver panel: Mon 21 Dec 2026');
    expect(lastResponse()).toContain('Nothing on the agenda');
    await command('U-DIR', 'approvals');
    expect(lastResponse()).toContain('Waiting for your decision');
  });

  test('policy: anyone in the staff directory sees the policy in force, its version and main thresholds, privately', async () => {
    const mtt = builtinPack('mtt')!;
    await command('U-OTHER', 'policy');
    expect(responses().at(-1)).toMatchObject({ response_type: 'ephemeral' });
    const answer = lastResponse();
    expect(answer).toContain(`Policy in force: ${mtt.name}`);
    expect(answer).toContain(`${mtt.id} ${mtt.version}`);
    expect(answer).toContain('3 consecutive missed sessions; an attended session breaks the run');
    expect(answer).toContain('42 days (6 weeks) without a progress measurement');
    expect(answer).toContain(`atl ${builtinPack('atl')!.version}: Managing learners at-risk policy`);
    await command('U-STRANGER', 'policy');
    expect(lastResponse()).toContain('with your Slack id U-STRANGER');
  });

  test('setup binds the channel for admins only', async () => {
    await command('U-COACH', 'setup alerts');
    expect(lastResponse()).toContain('Only a Waymark admin');
    await command('U-ADMIN', 'setup alerts');
    expect(await p.opened.store.getSetting('slack:channel:alerts')).toBe('C-TEAM');
    const before = responses().length;
    await p.command('U-ADMIN', 'setup smt', { channel_id: 'C-SMT' });
    await p.slack.until(() => responses().length > before);
    expect(await p.opened.store.getSetting('slack:channel:smt')).toBe('C-SMT');
  });
});
