/**
 * What a new user of the Teams app tripped on, each through the real CloudAdapter: the
 * help card's placeholders survive Teams' markup, it lists every command; "Open case" on
 * the caseload answers with a new message (the caseload stays); the case card names staff
 * by name and reads progress as a sentence; `meetings` (alias `smt`) shows the policy's
 * own meetings and their next sittings.
 */
import { CHAT_COMMANDS } from '../../../src/cards/catalogue/command-list.js';
import { parseChatCommand } from '../../../src/bots/chat-command.js';
import { learnerRecord, person } from '../../cases/harness.js';
import { openTeamsProvider, type TeamsProvider, type TeamsUser } from './teams-harness.js';

const coach: TeamsUser = { aadObjectId: 'aad-coach', name: 'Chris Coach' };
const dan: TeamsUser = { aadObjectId: 'aad-dan', name: 'Dan Director' };
let p: TeamsProvider;

beforeAll(async () => {
  p = await openTeamsProvider(
    'teams-first-use',
    [
      person('coach@mtt.org', ['coach'], { teamsUserId: 'aad-coach', name: 'Chris Coach' }),
      person('dan@mtt.org', ['directors', 'managers'], { teamsUserId: 'aad-dan', name: 'Dan Director' }),
    ],
    [learnerRecord('M1', 'mtt', { coach: 'coach@mtt.org', name: 'Mia Jones', startDate: '2026-10-26' })],
    '2026-12-22T09:00:00Z',
  );
  for (const u of [coach, dan]) await p.install(u);
});
afterAll(() => p.close());

const posts = () => p.connector.calls.filter((c) => c.method === 'POST');

async function say(user: TeamsUser, text: string): Promise<string> {
  const before = posts().length;
  expect((await p.say(user, text)).status).toBe(200);
  await p.connector.until(() => posts().length > before);
  return JSON.stringify(posts().at(-1)!.body);
}

/** The text of every TextBlock and fact in an Adaptive Card, as Teams would render it. */
function texts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string') out.push(`${n.title}: ${n.value}`);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

test('the help card keeps its placeholders in Teams (no angle brackets for Teams to take as markup) and lists every command', async () => {
  const reply = await say(coach, 'help');
  const lines = texts(JSON.parse(reply));
  expect(lines.filter((l) => /[<>]/.test(l))).toEqual([]);
  expect(lines).toContain('• case ‹learner›: a case: timeline and why the rules fired');
  const commands = lines.filter((l) => l.startsWith('• '));
  expect(commands).toHaveLength(CHAT_COMMANDS.length);
  // Every subcommand the parser takes is on the card.
  for (const word of ['help', 'caseload', 'case', 'log', 'record', 'escalate', 'approvals', 'policy', 'meetings', 'smt', 'setup']) {
    expect(parseChatCommand(`${word} L1`).ok || parseChatCommand(word).ok).toBe(true);
    expect(commands.some((l) => l.startsWith(`• ${word} `) || l.startsWith(`• ${word}:`) || l.includes(`(${word} does the same)`) || l.includes(`setup ${word}`))).toBe(true);
  }
});

test('"Open case" on the caseload answers with a new message: the caseload card is not replaced', async () => {
  await say(coach, 'caseload');
  const before = posts().length;
  const res = await p.invoke(coach, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'open-case', data: { learner: 'M1' } }, trigger: 'manual' }, { replyToId: 'act-caseload' });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Mia Jones (M1): sent as a new message.' });
  await p.connector.until(() => posts().length > before);
  expect(posts()).toHaveLength(before + 1);
  expect(JSON.stringify(posts().at(-1)!.body)).toContain('Timeline, newest first');
  expect(p.connector.calls.filter((c) => c.method === 'PUT')).toEqual([]);
});

test('the case card names staff by name, and reads progress as a sentence', async () => {
  await p.service.ingest({ kind: 'feed', id: 'mis' }, 'M1', { id: 'p1', type: 'progress', at: '2026-12-01', actual: 18, planned: 35 });
  const logged = await p.service.execute({ kind: 'log-contact', actor: 'coach@mtt.org', key: 'c1', learnerId: 'M1', channel: 'phone', outcome: 'no_answer', at: '2026-12-02' });
  expect(logged.ok).toBe(true);
  const lines = texts(JSON.parse(await say(coach, 'case M1')));
  expect(lines).toContain('Coach: Chris Coach');
  expect(lines).toContain('• Wed 2 Dec 2026: Contact attempt (phone, no_answer, learner), by Chris Coach');
  expect(lines).toContain('• Tue 1 Dec 2026: Progress: 18% done against 35% planned, by the feed');
  expect(lines.join('\n')).not.toContain('coach@mtt.org');
});

test('meetings (and smt) show the policy in force\'s own meetings and their next sittings, not another policy\'s SMT meeting', async () => {
  for (const word of ['meetings', 'smt']) {
    const lines = texts(JSON.parse(await say(dan, word)));
    expect(lines[0]).toBe('Meetings under Learner at Risk Policy');
    expect(lines.filter((l) => / Leaver panel: | Team and Directors/.test(` ${l}`))).toEqual([
      'Team and Directors discussion of interventions: Fri 1 Jan 2027',
      'Leaver panel: Mon 1 Feb 2027',
    ]);
    expect(lines.join('\n')).not.toContain('SMT weekly meeting');
  }
  const agenda = texts(JSON.parse(await say(dan, 'meetings leaver panel')));
  expect(agenda[0]).toBe('Leaver panel: Mon 1 Feb 2027');
});
