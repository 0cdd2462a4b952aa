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

export function contactProgress(rule: ContactRule, contacts: readonly ContactAttempt[], since: Instant): ContactProgress {
  const parties: readonly string[] = rule.with ?? ['learner'];
  const inWindow = contacts.filter((c) => c.at >= since && (rule.channels === undefined || (rule.channels as readonly string[]).includes(c.channel)));
  const counted = inWindow.filter((c) => parties.includes(c.with));
  const channels = [...new Set(counted.map((c) => c.channel))];
  const needAttempts = Math.max(0, rule.minAttempts - counted.length);
  const needChannels = Math.max(0, rule.minChannels - channels.length);
  const needRequired = (rule.requiredChannels ?? []).filter((c) => !channels.includes(c));
  // A required party outside `with` is a separate condition ("three attempts to the
  // apprentice, and the employer engaged"): its attempts count for it alone, not towards
  // minAttempts or minChannels.
  const contactedParties = new Set(inWindow.map((c) => c.with));
  const needParties = (rule.requiredParties ?? []).filter((p) => !contactedParties.has(p));
  const needOutside = needParties.filter((p) => !parties.includes(p)).length;
  const missing: string[] = [];
  if (needRequired.length > 0) missing.push(`an attempt by ${needRequired.join(' and by ')}`);
  if (needParties.length > 0) missing.push(`an attempt with the ${needParties.join(' and with the ')}`);
  if (needChannels > needRequired.length) missing.push(`${needChannels} more channel${needChannels > 1 ? 's' : ''} not yet used`);
  const stillAttempts = Math.max(needAttempts, needRequired.length, needChannels, needParties.length - needOutside) + needOutside;
  const met = stillAttempts === 0;
  return {
    rule: rule.id,
    attempts: counted.length,
    channels,
    met,
    missing: met ? '' : `${stillAttempts} more attempt${stillAttempts > 1 ? 's' : ''} needed${missing.length ? ` (${missing.join('; ')})` : ''}`,
  };
}
