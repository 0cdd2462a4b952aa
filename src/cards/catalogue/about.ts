/**
 * The parts every card about a learner shares: who, the badge (at risk, rating), the facts
 * (rating, stage, next deadline) and the buttons a coach uses on a case. Built from the
 * channel-safe LearnerRef and CaseSummary only.
 */
import type { CaseSummary, Deadline, LearnerRef } from '../../cases/intents.js';
import type { Action, Badge, Fact, Tone } from '../card.js';

export function caseBadge(summary: CaseSummary): Badge {
  if (summary.status === 'withdrawn') return { text: 'Withdrawn', tone: 'neutral' };
  if (summary.status === 'paused') return { text: 'Paused', tone: 'neutral' };
  if (!summary.atRisk) return { text: summary.rating ? `Not at risk · ${summary.rating}` : 'Not at risk', tone: 'good' };
  return { text: summary.rating ? `At risk · ${summary.rating}` : 'At risk', tone: ratingTone(summary.rating) };
}

function ratingTone(rating: string | null): Tone {
  if (rating === null) return 'attention';
  return /high|red/i.test(rating) ? 'attention' : /medium|amber/i.test(rating) ? 'warning' : 'accent';
}

export function caseFacts(summary: CaseSummary): Fact[] {
  return [
    { label: 'Rating', value: summary.rating ?? 'none' },
    { label: 'Stage', value: summary.stageName ?? 'none' },
    { label: 'Next deadline', value: summary.nextDeadline ? deadlineText(summary.nextDeadline) : 'none' },
  ];
}

export function deadlineText(d: Deadline): string {
  return `${d.title}: ${dayWords(d.due)}${d.overdue ? ' (overdue)' : ''}`;
}

export function learnerLine(learner: LearnerRef): string {
  return `${learner.name} (${learner.id})`;
}

/** The buttons on an at-risk alert and a case: claim, log contact, record fact, propose a step, open. */
export function caseActions(learnerId: string, options: { claim?: boolean; open?: boolean } = {}): Action[] {
  const learner = { learner: learnerId };
  return [
    ...(options.claim === false ? [] : [{ verb: 'claim' as const, label: 'Claim', payload: learner }]),
    { verb: 'log-contact', label: 'Log contact', style: 'primary', payload: learner },
    { verb: 'record-fact', label: 'Record fact', payload: learner },
    { verb: 'propose-step', label: 'Propose step', payload: learner },
    ...(options.open === false ? [] : [{ verb: 'open-case' as const, label: 'Open case', payload: learner }]),
  ];
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Thu 31 Dec 2026" for a YYYY-MM-DD day. */
export function dayWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "Tue 22 Dec 2026, 09:00" in UK time. */
export function instantWords(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
}

/**
 * Who recorded an event (a trail's `kind:id`): a person's name, the command line, the
 * data feed (by its key's label, unless `feedLabels` is false: a chat card says "the feed")
 * or a CSV import, or Waymark.
 */
export function recorderWords(recordedBy: string, name: (id: string) => string, { feedLabels = true } = {}): string {
  const colon = recordedBy.indexOf(':');
  const kind = recordedBy.slice(0, colon);
  const id = recordedBy.slice(colon + 1);
  if (kind === 'staff') return name(id);
  if (kind === 'feed') return id === 'csv-import' ? 'CSV import' : feedLabels ? `Data feed (${id})` : 'the feed';
  if (kind === 'cli') return `Command line (${id})`;
  return id === 'waymark' ? 'Waymark' : `Waymark (${id})`;
}
