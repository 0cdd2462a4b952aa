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
  | 'help';

/** Buttons that open a form (a Slack modal, a Teams dialog) rather than act at once. */
export const FORM_OPENING_VERBS: readonly Verb[] = ['log-contact', 'record-fact', 'propose-step', 'record-smt-decision'];

/**
 * Buttons that show another card (a case from a caseload, help): answered with a new
 * message on every platform, so the card they are on stays where it was.
 */
export const SHOWING_VERBS: readonly Verb[] = ['open-case', 'caseload', 'help'];

/** The ids an action needs, and nothing else: it travels in the button. */
export interface Payload {
  readonly learner?: string;
  readonly proposal?: string;
  readonly meeting?: string;
  readonly date?: string;
  /** A form's instance (a Teams dialog): a double submit of one form records once. */
  readonly form?: string;
}

export interface Action {
  readonly verb: Verb;
  readonly label: string;
  readonly style?: 'primary' | 'danger';
  readonly payload: Payload;
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
