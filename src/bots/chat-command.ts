/**
 * The chat command language both adapters share: `/waymark <subcommand> ...` in Slack and
 * the same words to the bot in Teams. Parsing never throws: anything it cannot read comes
 * back as a message with the usage text, never an error trace.
 */
import { CONTACT_CHANNELS } from '../rules/events/event-schema.js';
import { parseDay } from '../rules/calendar/index.js';
import { CHAT_COMMANDS } from '../cards/catalogue/command-list.js';

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
  /** A link, for the asker only, to the at-risk register (and charts) in a browser. */
  | { readonly kind: 'register' }
  /** The policy's meetings and their next sittings; with `meeting` (an id or name), its agenda. `smt` is an alias. */
  | { readonly kind: 'meetings'; readonly meeting?: string; readonly date?: string }
  /** Admins: what is set up and what is missing. */
  | { readonly kind: 'setup-status' }
  | { readonly kind: 'setup'; readonly what: 'alerts' | 'smt' };

export type Parsed = { readonly ok: true; readonly command: ChatCommand } | { readonly ok: false; readonly message: string };

/** The usage text, one command a line (from the list the help card shows too). */
export const CHAT_USAGE = CHAT_COMMANDS.map((c) => (c.usage.length < 30 ? `${c.usage.padEnd(30)}${c.what}` : `${c.usage}\n${''.padEnd(30)}${c.what}`)).join('\n');

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
    case 'register':
      return rest.length === 0 ? ok({ kind: 'register' }) : usage('register takes nothing more: it answers with your own link to the register');
    case 'meetings':
    case 'smt':
      return parseMeetings(sub, rest);
    case 'setup': {
      const what = words(rest).toLowerCase();
      if (what === '') return ok({ kind: 'setup-status' });
      return what === 'alerts' || what === 'smt' ? ok({ kind: 'setup', what }) : usage('setup takes nothing (the status), "alerts" or "smt"');
    }
    default:
      return usage(`"${clipWord(first!.text)}" is not a Waymark command`);
  }
}

/** `meetings [<meeting>] [YYYY-MM-DD]`: a word that looks like a date is the date, the rest names the meeting. */
function parseMeetings(sub: string, tokens: readonly Token[]): Parsed {
  const dated = tokens.filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.text));
  if (dated.length > 1) return usage(`${sub} takes one date, not ${dated.length}`);
  const date = dated[0]?.text;
  if (date !== undefined && parseDay(date) === undefined) return usage(`${sub} takes a date written YYYY-MM-DD, and ${date} does not exist`);
  const meeting = words(tokens.filter((t) => t.text !== date));
  return ok({ kind: 'meetings', ...(meeting ? { meeting } : {}), ...(date ? { date } : {}) });
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
