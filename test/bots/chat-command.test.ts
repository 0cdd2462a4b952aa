/**
 * The shared chat command parser: every subcommand, its mistakes answered with the usage
 * text, and property-based fuzzing (no input makes it throw, and what it reads back is
 * what was written).
 */
import fc from 'fast-check';
import { CHAT_USAGE, parseChatCommand } from '../../src/bots/chat-command.js';

test.each([
  ['', { kind: 'help' }],
  ['help', { kind: 'help' }],
  ['  HELP  ', { kind: 'help' }],
  ['caseload', { kind: 'caseload' }],
  ['caseload <@U123|ana>', { kind: 'caseload', person: '<@U123|ana>' }],
  ['case MTT-0042', { kind: 'case', learner: 'MTT-0042' }],
  ['case Mia Jones', { kind: 'case', learner: 'Mia Jones' }],
  ['log Mia Jones', { kind: 'log', learner: 'Mia Jones' }],
  ['log L1 phone', { kind: 'log', learner: 'L1', channel: 'phone' }],
  ['log L1 phone no-answer', { kind: 'log', learner: 'L1', channel: 'phone', outcome: 'no_answer' }],
  ['log Mia Jones email reached "Replied: car broke down"', { kind: 'log', learner: 'Mia Jones', channel: 'email', outcome: 'reached', note: 'Replied: car broke down' }],
  ['log L1 visit no-response left a card', { kind: 'log', learner: 'L1', channel: 'visit', outcome: 'no_response', note: 'left a card' }],
  ['log L1 \u201Csmart quotes note\u201D', { kind: 'log', learner: 'L1', note: 'smart quotes note' }],
  ['record L1', { kind: 'record', learner: 'L1' }],
  ['escalate Mia Jones', { kind: 'escalate', learner: 'Mia Jones' }],
  ['approvals', { kind: 'approvals' }],
  ['register', { kind: 'register' }],
  [' Register ', { kind: 'register' }],
  ['meetings', { kind: 'meetings' }],
  ['smt', { kind: 'meetings' }],
  ['smt 2026-09-21', { kind: 'meetings', date: '2026-09-21' }],
  ['meetings leaver panel', { kind: 'meetings', meeting: 'leaver panel' }],
  ['meetings 2026-10-05 leaver-panel', { kind: 'meetings', meeting: 'leaver-panel', date: '2026-10-05' }],
  ['setup', { kind: 'setup-status' }],
  ['setup alerts', { kind: 'setup', what: 'alerts' }],
  ['setup SMT', { kind: 'setup', what: 'smt' }],
])('%j', (text, command) => {
  expect(parseChatCommand(text)).toEqual({ ok: true, command });
});

test.each([
  ['frobnicate', '"frobnicate" is not a Waymark command'],
  ['case', 'case needs a learner: their id or name'],
  ['register Mia Jones', 'register takes nothing more: it answers with your own link to the register'],
  ['log', 'log needs a learner: their id or name'],
  ['smt 2026-02-30', 'smt takes a date written YYYY-MM-DD, and 2026-02-30 does not exist'],
  ['meetings 2026-10-05 2026-10-12', 'meetings takes one date, not 2'],
  ['setup please', 'setup takes nothing (the status), "alerts" or "smt"'],
  ['log L1 "unclosed', 'a quoted note is not closed'],
  ['x'.repeat(2001), 'a command is at most 2000'],
])('%#: bad input is answered with the usage', (text, problem) => {
  const parsed = parseChatCommand(text);
  expect(parsed.ok).toBe(false);
  expect(!parsed.ok && parsed.message).toContain(problem);
  expect(!parsed.ok && parsed.message).toContain(CHAT_USAGE);
});

test('no input makes the parser throw (fuzzed)', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(' ', '"', '\u201C', 'log ', 'case ', 'smt ', 'phone', 'no-answer', '@', '<', '>'), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
      const parsed = parseChatCommand(text);
      expect(typeof parsed.ok).toBe('boolean');
      if (!parsed.ok) expect(parsed.message).toContain('Waymark commands');
    }),
    { numRuns: 2_000 },
  );
});

test('a log command reads back what was written (fuzzed)', () => {
  const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/).filter((w) => !['phone', 'email', 'meeting', 'visit', 'message', 'letter', 'reached', 'no-answer', 'no-response', 'noanswer', 'noresponse'].includes(w.toLowerCase()));
  fc.assert(
    fc.property(
      fc.array(word, { minLength: 1, maxLength: 3 }),
      fc.option(fc.constantFrom('phone', 'email', 'visit'), { nil: undefined }),
      fc.option(fc.constantFrom('reached', 'no-answer'), { nil: undefined }),
      fc.option(fc.stringMatching(/^[^"\u201C\u201D\u201E]{1,40}$/).filter((s) => s.trim() === s && s.length > 0 && !/[\s\u00A0]{2}|[\t\r\n\u00A0]/.test(s)), { nil: undefined }),
      (learner, channel, outcome, note) => {
        const text = ['log', ...learner, channel, outcome, note === undefined ? undefined : `"${note}"`].filter((x) => x !== undefined).join(' ');
        const parsed = parseChatCommand(text);
        expect(parsed).toEqual({
          ok: true,
          command: {
            kind: 'log',
            learner: learner.join(' '),
            ...(channel ? { channel } : {}),
            ...(outcome ? { outcome: outcome === 'reached' ? 'reached' : 'no_answer' } : {}),
            ...(note ? { note } : {}),
          },
        });
      },
    ),
    { numRuns: 1_000 },
  );
});

test('the usage and the help list register, from the one command list', () => {
  expect(CHAT_USAGE).toMatch(/^register {22}a link, for you only, to the at-risk register and charts in your browser$/m);
});
