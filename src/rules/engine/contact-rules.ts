/**
 * Contact rules ("at least three attempts across different channels"): which attempts
 * count, whether the rule is met, and what is still missing, in words staff can act on.
 */
import type { Instant } from '../calendar/index.js';
import type { ContactRule } from '../pack/pack-schema.js';
import type { CaseState, ContactAttempt } from './case-state.js';

export interface ContactProgress {
  readonly rule: string;
  readonly attempts: number;
  readonly channels: string[];
  readonly met: boolean;
  /** What is still needed, e.g. "1 more attempt on a channel not yet used"; empty when met. */
  readonly missing: string;
}

export function anchorFor(rule: ContactRule, state: CaseState, taskSetAt?: Instant): Instant {
  if (rule.since === 'task' && taskSetAt !== undefined) return taskSetAt;
  if (rule.since === 'stage' && state.stageEnteredAt !== null) return state.stageEnteredAt;
  return state.openedAt ?? state.clock;
}

const NONE: readonly string[] = [];

export function contactProgress(rule: ContactRule, contacts: readonly ContactAttempt[], since: Instant): ContactProgress {
  const channels: string[] = [];
  const contacted: string[] = [];
  const attempts = tally(rule, contacts, since, channels, contacted);
  const stillAttempts = attemptsStillNeeded(rule, attempts, channels, contacted);
  const met = stillAttempts === 0;
  return { rule: rule.id, attempts, channels, met, missing: met ? '' : missingWords(rule, stillAttempts, channels, contacted) };
}

// Scratch lists for contactRuleMet, emptied before each use (the fold is synchronous and
// contactRuleMet calls nothing that could use them meanwhile).
const scratchChannels: string[] = [];
const scratchContacted: string[] = [];

/** contactProgress(...).met, without building the progress: an open contact task asks it on every contact. */
export function contactRuleMet(rule: ContactRule, contacts: readonly ContactAttempt[], since: Instant): boolean {
  scratchChannels.length = 0;
  scratchContacted.length = 0;
  const attempts = tally(rule, contacts, since, scratchChannels, scratchContacted);
  return attemptsStillNeeded(rule, attempts, scratchChannels, scratchContacted) === 0;
}

/**
 * Counts the attempts since `since` on the rule's channels with its parties, and fills
 * `channels` with their distinct channels (first use first) and `contacted` with every
 * party reached on those channels, counted or not.
 */
function tally(rule: ContactRule, contacts: readonly ContactAttempt[], since: Instant, channels: string[], contacted: string[]): number {
  const parties: readonly string[] = rule.with ?? ['learner'];
  const onChannels = rule.channels as readonly string[] | undefined;
  let attempts = 0;
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i]!;
    if (!(c.at >= since) || (onChannels !== undefined && !onChannels.includes(c.channel))) continue;
    if (!contacted.includes(c.with)) contacted.push(c.with);
    if (!parties.includes(c.with)) continue;
    attempts++;
    if (!channels.includes(c.channel)) channels.push(c.channel);
  }
  return attempts;
}

/** How many more attempts the rule needs; 0 when it is met. */
function attemptsStillNeeded(rule: ContactRule, attempts: number, channels: readonly string[], contacted: readonly string[]): number {
  const parties: readonly string[] = rule.with ?? ['learner'];
  const needAttempts = Math.max(0, rule.minAttempts - attempts);
  const needChannels = Math.max(0, rule.minChannels - channels.length);
  let needRequired = 0;
  for (const c of rule.requiredChannels ?? NONE) if (!channels.includes(c)) needRequired++;
  // A required party outside `with` is a separate condition ("three attempts to the
  // apprentice, and the employer engaged"): its attempts count for it alone, not towards
  // minAttempts or minChannels.
  let needParties = 0;
  let needOutside = 0;
  for (const p of rule.requiredParties ?? NONE) {
    if (contacted.includes(p)) continue;
    needParties++;
    if (!parties.includes(p)) needOutside++;
  }
  return Math.max(needAttempts, needRequired, needChannels, needParties - needOutside) + needOutside;
}

/** What is still needed, in words staff can act on. */
function missingWords(rule: ContactRule, stillAttempts: number, channels: readonly string[], contacted: readonly string[]): string {
  const needChannels = Math.max(0, rule.minChannels - channels.length);
  const needRequired = (rule.requiredChannels ?? NONE).filter((c) => !channels.includes(c));
  const needParties = (rule.requiredParties ?? NONE).filter((p) => !contacted.includes(p));
  const missing: string[] = [];
  if (needRequired.length > 0) missing.push(`an attempt by ${needRequired.join(' and by ')}`);
  if (needParties.length > 0) missing.push(`an attempt with the ${needParties.join(' and with the ')}`);
  if (needChannels > needRequired.length) missing.push(`${needChannels} more channel${needChannels > 1 ? 's' : ''} not yet used`);
  return `${stillAttempts} more attempt${stillAttempts > 1 ? 's' : ''} needed${missing.length ? ` (${missing.join('; ')})` : ''}`;
}
