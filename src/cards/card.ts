/**
 * One channel-neutral card model. Every message the bot sends is a Card built once (from a
 * notification intent or a query result, see ./catalogue) and rendered for each platform:
 * Slack Block Kit (./block-kit) and Adaptive Cards (./adaptive). A Form is a card of
 * inputs shown as a Slack modal or a Teams dialog.
 */

/** What a button does, by name; adapters route on it. */
export type Verb =
  | 'claim'
  | 'log-contact'
  | 'record-fact'
  | 'propose-step'
  | 'open-case'
  | 'approve'
  | 'reject'
  | 'ask-more'
  | 'record-smt-decision'
  | 'caseload'
  | 'help'
  /** A link to the at-risk register (and charts), signed for whoever clicked. */
  | 'open-register'
  /** A link to a learner's chronology, signed for whoever clicked, if they may see the case. */
  | 'open-chronology';

/** Buttons that open a form (a Slack modal, a Teams dialog) rather than act at once. */
export const FORM_OPENING_VERBS: readonly Verb[] = ['log-contact', 'record-fact', 'propose-step', 'record-smt-decision'];

/**
 * Buttons that show another card (a case from a caseload, help, a link to a web page):
 * answered with a new message on every platform, so the card they are on stays where it was.
 */
export const SHOWING_VERBS: readonly Verb[] = ['open-case', 'caseload', 'help', 'open-register', 'open-chronology'];

/**
 * Buttons that answer with a link to a web page. A link is signed for one person, so a card
 * posted where others see it (a channel, the digest) carries these, never the link itself:
 * the click answers the clicker privately with a link made for them.
 */
export const LINK_GIVING_VERBS: readonly Verb[] = ['open-register', 'open-chronology'];

/** The ids an action needs, and nothing else: it travels in the button. */
export interface Payload {
  readonly learner?: string;
  readonly proposal?: string;
  readonly meeting?: string;
  /** The policy a meeting belongs to (the SMT digest's Register button: its meeting's page). */
  readonly policy?: string;
  readonly date?: string;
  /** A form's instance (a Teams dialog): a double submit of one form records once. */
  readonly form?: string;
}

/** A button that asks Waymark to do something (a verb with its ids). */
export interface VerbAction {
  readonly verb: Verb;
  readonly label: string;
  readonly style?: 'primary' | 'danger';
  readonly payload: Payload;
}

/**
 * A button that opens a web page in the browser. Its URL is signed for one person, so it
 * goes only on a card shown to that person alone (an ephemeral answer, a personal chat).
 */
export interface LinkAction {
  readonly url: string;
  readonly label: string;
  readonly style?: 'primary';
}

export type Action = VerbAction | LinkAction;

export function isLink(action: Action): action is LinkAction {
  return 'url' in action;
}

export type Tone = 'good' | 'warning' | 'attention' | 'accent' | 'neutral';

export interface Badge {
  readonly text: string;
  readonly tone: Tone;
}

export interface Fact {
  readonly label: string;
  readonly value: string;
}

export type Input =
  | { readonly kind: 'text'; readonly id: string; readonly label: string; readonly multiline?: boolean; readonly required?: boolean; readonly maxLength?: number; readonly placeholder?: string }
  | { readonly kind: 'choice'; readonly id: string; readonly label: string; readonly options: readonly { value: string; label: string }[]; readonly required?: boolean; readonly initial?: string }
  | { readonly kind: 'date'; readonly id: string; readonly label: string; readonly required?: boolean; readonly initial?: string }
  | { readonly kind: 'toggle'; readonly id: string; readonly label: string; readonly initial?: boolean };

export type Block =
  | { readonly kind: 'text'; readonly text: string; readonly muted?: boolean }
  | { readonly kind: 'facts'; readonly facts: readonly Fact[] }
  /** A list that shows at most `limit` items and says how many more there are. */
  | { readonly kind: 'list'; readonly title?: string; readonly items: readonly string[]; readonly limit?: number }
  | { readonly kind: 'divider' }
  /** A picture (a chart) at an address the chat platform fetches, with what it shows in words. */
  | { readonly kind: 'image'; readonly url: string; readonly alt: string }
  /** A titled part of a card (one digest item, one caseload entry), with its own buttons. */
  | { readonly kind: 'section'; readonly title: string; readonly badge?: Badge; readonly facts?: readonly Fact[]; readonly text?: string; readonly actions?: readonly Action[] }
  | { readonly kind: 'input'; readonly input: Input };

export interface Card {
  /** What kind of card this is (for snapshots, logs and updating in place). */
  readonly name: string;
  readonly title: string;
  readonly badge?: Badge;
  readonly blocks: readonly Block[];
  readonly actions?: readonly Action[];
  /** Plain text for notifications and clients that cannot show cards. */
  readonly summary: string;
}

/** A card of inputs submitted as one: a Slack modal, a Teams dialog. */
export interface Form {
  readonly name: string;
  /** What submitting it does, and the ids it carries. */
  readonly submit: { readonly verb: FormVerb; readonly label: string; readonly payload: Payload };
  readonly title: string;
  readonly blocks: readonly Block[];
}

export type FormVerb = 'submit-contact' | 'submit-fact' | 'submit-proposal' | 'submit-smt-decision';

/** The button that opens each form. */
export const FORM_OPENED_BY: Record<FormVerb, Verb> = {
  'submit-contact': 'log-contact',
  'submit-fact': 'record-fact',
  'submit-proposal': 'propose-step',
  'submit-smt-decision': 'record-smt-decision',
};
