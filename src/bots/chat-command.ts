/**
 * The chat command language both adapters share: `/waymark <subcommand> ...` in Slack and
 * the same words to the bot in Teams. Parsing never throws: anything it cannot read comes
 * back as a message with the usage text, never an error trace.
 */
import { CONTACT_CHANNELS } from '../rules/events/event-schema.js';
import { parseDay } from '../rules/calendar/index.js';

export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type ContactOutcomeWord = 'reached' | 'no_answer' | 'no_response';

export type ChatCommand =
  | { readonly kind: 'help' }
  /** `person`: as typed (a mention or a name); absent = the asker's own. */
  | { readonly kind: 'caseload'; readonly person?: string }
  | { readonly kind: 'case'; readonly learner: string }
  | { readonly kind: 'log'; readonly learner: string; readonly channel?: ContactChannel; readonly outcome?: ContactOutcomeWord; readonly note?: string }
  | { readonly kind: 'record'; readonly learner: string }
  | { readonly kind: 'escalate'; readonly learner: string }
  | { readonly kind: 'approvals' }
  /** The policy in force and its main thresholds. */
  | { readonly kind: 'policy' }
  | { readonly kind: 'smt'; readonly date?: string }
  | { readonly kind: 'setup'; readonly what: 'alerts' | 'smt' };

export type Parsed = { readonly ok: true; readonly command: ChatCommand } | { readonly ok: false; readonly message: string };

export const CHAT_USAGE = [
  'help                          what Waymark can do',
  'caseload [@person]            a caseload, overdue first',
  'case <learner>                a case: timeline and why the rules fired',
  'log <learner> [phone|email|meeting|visit|message|letter] [reached|no-answer|no-response] ["note"]',
  '                              log a contact attempt (a form opens for what is missing)',
  'record <learner>              record a missed session or visit, a cancelled visit, missed work or a concern',
  'escalate <learner>            propose a step the policy allows',
  'approvals                     what is waiting for your decision',
  'policy                        the policy in force: its version and main thresholds',
  'smt [YYYY-MM-DD]              the SMT agenda (default: the next meeting)',
  'setup alerts | setup smt      admins: post alerts / the SMT digest in this channel',
].join('\n');

const OUTCOMES: Record<string, ContactOutcomeWord> = {
  reached: 'reached',
  'no-answer': 'no_answer',
  no_answer: 'no_answer',
  noanswer: 'no_answer',
  'no-response': 'no_response',
  no_response: 'no_response',
  noresponse: 'no_response',
};

const MAX_INPUT = 2000;

export function parseChatCommand(text: string): Parsed {
  if (text.length > MAX_INPUT) return usage(`that is ${text.length} characters; a command is at most ${MAX_INPUT}`);
  const tokens = tokenize(text);
  if (tokens === null) return usage('a quoted note is not closed: add the closing quote');
  const [first, ...rest] = tokens;
  const sub = first?.text.toLowerCase();
  switch (sub) {
    case undefined:
    case 'help':
      return ok({ kind: 'help' });
    case 'caseload': {
      const person = words(rest);
      return ok(person ? { kind: 'caseload', person } : { kind: 'caseload' });
    }
    case 'case':
    case 'record':
    case 'escalate': {
      const learner = words(rest);
      return learner ? ok({ kind: sub, learner }) : usage(`${sub} needs a learner: their id or name`);
    }
    case 'log':
      return parseLog(rest);
    case 'approvals':
      return ok({ kind: 'approvals' });
    case 'policy':
      return ok({ kind: 'policy' });
    case 'smt': {
      const date = words(rest);
      if (!date) return ok({ kind: 'smt' });
      return parseDay(date) === undefined ? usage(`smt takes a date written YYYY-MM-DD, not "${date}"`) : ok({ kind: 'smt', date });
    }
    case 'setup': {
      const what = words(rest).toLowerCase();
      return what === 'alerts' || what === 'smt' ? ok({ kind: 'setup', what }) : usage('setup takes "alerts" or "smt"');
    }
    default:
      return usage(`"${clipWord(first!.text)}" is not a Waymark command`);
  }
}

function parseLog(tokens: readonly Token[]): Parsed {
  const learner: string[] = [];
  let channel: ContactChannel | undefined;
  let outcome: ContactOutcomeWord | undefined;
  let note: string | undefined;
  for (const [i, token] of tokens.entries()) {
    const word = token.text.toLowerCase();
    if (token.quoted) {
      note = tokens.slice(i).map((t) => t.text).join(' ').trim() || undefined;
      break;
    }
    if (channel === undefined && outcome === undefined && (CONTACT_CHANNELS as readonly string[]).includes(word) && learner.length > 0) {
      channel = word as ContactChannel;
    } else if (outcome === undefined && OUTCOMES[word] && learner.length > 0) {
      outcome = OUTCOMES[word];
    } else if (channel === undefined && outcome === undefined) {
      learner.push(token.text);
    } else {
      note = tokens.slice(i).map((t) => t.text).join(' ').trim() || undefined;
      break;
    }
  }
  if (learner.length === 0) return usage('log needs a learner: their id or name');
  return ok({ kind: 'log', learner: learner.join(' '), ...(channel ? { channel } : {}), ...(outcome ? { outcome } : {}), ...(note ? { note } : {}) });
}

interface Token {
  readonly text: string;
  readonly quoted: boolean;
}

/** Words, and "quoted text" (straight or curly quotes) as one token; null if a quote is left open. */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  const normal = text.replace(/[\u201C\u201D\u201E]/g, '"').replace(/[\u00A0\t\r\n]/g, ' ');
  let i = 0;
  while (i < normal.length) {
    if (normal[i] === ' ') {
      i++;
      continue;
    }
    if (normal[i] === '"') {
      const end = normal.indexOf('"', i + 1);
      if (end < 0) return null;
      tokens.push({ text: normal.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let end = normal.indexOf(' ', i);
    if (end < 0) end = normal.length;
    tokens.push({ text: normal.slice(i, end), quoted: false });
    i = end;
  }
  return tokens;
}

function words(tokens: readonly Token[]): string {
  return tokens
    .map((t) => t.text)
    .join(' ')
    .trim();
}

function clipWord(word: string): string {
  return word.length > 40 ? `${word.slice(0, 39)}…` : word;
}

function ok(command: ChatCommand): Parsed {
  return { ok: true, command };
}

function usage(problem: string): Parsed {
  return { ok: false, message: `${problem}.\n\nWaymark commands:\n${CHAT_USAGE}` };
}
