/**
 * Every chat command, once: the parser's usage text (src/bots/chat-command.ts) and the
 * help card are both made from this list, so neither can leave a command out.
 */
export interface CommandHelp {
  /** How it is typed, placeholders in angle brackets. */
  readonly usage: string;
  readonly what: string;
}

export const CHAT_COMMANDS: readonly CommandHelp[] = [
  { usage: 'help', what: 'what Waymark can do' },
  { usage: 'caseload [@person]', what: 'a caseload, overdue first' },
  { usage: 'case <learner>', what: 'a case: timeline and why the rules fired' },
  {
    usage: 'log <learner> [phone|email|meeting|visit|message|letter] [reached|no-answer|no-response] ["note"]',
    what: 'log a contact attempt (a form opens for what is missing)',
  },
  { usage: 'record <learner>', what: 'record a missed session or visit, a cancelled visit, missed work or a concern' },
  { usage: 'escalate <learner>', what: 'propose a step the policy allows' },
  { usage: 'approvals', what: 'what is waiting for your decision' },
  { usage: 'policy', what: 'the policy in force: its version and main thresholds' },
  { usage: 'register', what: 'a link, for you only, to the at-risk register and charts in your browser' },
  { usage: 'meetings [<meeting>] [YYYY-MM-DD]', what: "the policy's meetings and their next sittings; name one for its agenda (smt does the same)" },
  { usage: 'setup', what: 'admins: what is set up and what is missing, with the fixes' },
  { usage: 'setup alerts | setup smt', what: 'admins: post alerts / the meeting digests in this channel' },
];
