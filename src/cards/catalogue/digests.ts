/**
 * Lists of learners: the SMT's weekly digest (one section per learner, with "record
 * decision", its chart and a button for the register), a coach's caseload and morning
 * digest. Long lists end with "and N more".
 */
import type { AgendaEntry, CaseloadItem, Intent } from '../../cases/intents.js';
import type { Block, Card } from '../card.js';
import { shown } from '../text.js';
import { caseBadge, caseFacts, dayWords } from './about.js';

/** Sections per card: each is two Slack blocks, so 20 stay well inside 50. */
export const SECTIONS_PER_CARD = 20;

/**
 * Where a chart picture can be fetched, by its name (a signed address the chat platform
 * fetches), or null when there is none: the card is then sent without the picture.
 */
export type PictureUrl = (name: string) => string | null;

export function meetingDigestCard(intent: Extract<Intent, { type: 'meeting-digest' }>, pictureUrl: PictureUrl = () => null): Card {
  const { items, more } = shown(intent.items, SECTIONS_PER_CARD);
  const blocks: Block[] = items.map((item) => agendaSection(item, intent.meeting, intent.date));
  const url = intent.chart ? pictureUrl(intent.chart.picture) : null;
  return {
    name: 'meeting-digest',
    title: `${intent.meetingName}: ${dayWords(intent.date)}`,
    badge: { text: `${intent.items.length} to review`, tone: intent.items.length > 0 ? 'warning' : 'good' },
    blocks: [
      ...(url !== null && intent.chart ? [{ kind: 'image' as const, url, alt: intent.chart.alt }] : []),
      ...(intent.items.length === 0 ? [{ kind: 'text' as const, text: 'Nothing on the agenda this time.' }] : []),
      ...blocks,
      ...(more ? [{ kind: 'text' as const, text: more, muted: true }] : []),
    ],
    // Posted in a channel: the button gives whoever clicks it links of their own (the
    // register, and this sitting's page).
    actions: [{ verb: 'open-register', label: 'Register', payload: { policy: intent.audience.policy, meeting: intent.meeting, date: intent.date } }],
    summary: `${intent.meetingName} on ${dayWords(intent.date)}: ${intent.items.length} learners to review`,
  };
}

function agendaSection(item: AgendaEntry, meeting: string, date: string): Block {
  const decided = item.decided;
  return {
    kind: 'section',
    title: `${item.learner.name} (${item.learner.id})`,
    badge: caseBadge(item.case),
    text: `On the agenda: ${item.reasons.join('; ')}`,
    facts: decided
      ? [
          { label: 'Desired outcome', value: decided.outcome },
          { label: 'Action', value: decided.action },
          { label: 'Owner', value: decided.ownerName },
          { label: 'Review', value: dayWords(decided.reviewDate) },
        ]
      : caseFacts(item.case),
    actions: [
      ...(decided ? [] : [{ verb: 'record-smt-decision' as const, label: 'Record decision', style: 'primary' as const, payload: { learner: item.learner.id, meeting, date } }]),
      { verb: 'open-case', label: 'Open case', payload: { learner: item.learner.id } },
    ],
  };
}

export function caseloadCard(items: readonly CaseloadItem[], title = 'Your caseload'): Card {
  const { items: first, more } = shown(items, SECTIONS_PER_CARD);
  const atRisk = items.filter((i) => i.case.atRisk).length;
  const overdue = items.filter((i) => i.overdue).length;
  return {
    name: 'caseload',
    title,
    badge: { text: `${atRisk} at risk · ${overdue} overdue`, tone: overdue > 0 ? 'attention' : atRisk > 0 ? 'warning' : 'good' },
    blocks: [
      ...(items.length === 0 ? [{ kind: 'text' as const, text: 'No learners on this caseload.' }] : []),
      ...first.map(
        (item): Block => ({
          kind: 'section',
          title: `${item.learner.name} (${item.learner.id})`,
          badge: caseBadge(item.case),
          facts: caseFacts(item.case),
          actions: [{ verb: 'open-case', label: 'Open case', payload: { learner: item.learner.id } }],
        }),
      ),
      ...(more ? [{ kind: 'text' as const, text: more, muted: true }] : []),
    ],
    summary: `${title}: ${items.length} learners, ${atRisk} at risk, ${overdue} overdue`,
  };
}

export function coachDigestCard(date: string, items: readonly CaseloadItem[]): Card {
  return { ...caseloadCard(items, `Good morning: your at-risk learners, ${dayWords(date)}`), name: 'coach-digest' };
}
