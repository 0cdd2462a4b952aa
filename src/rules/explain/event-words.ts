/**
 * Events as people say them: a matcher (`{ type: "session.missed", notice: false }`) is
 * "missed session without notice", plural "missed sessions without notice". Every field a
 * matcher can test shows in the words, so the sentence says exactly what counts.
 */
import type { Pack } from '../pack/pack-schema.js';
import type { Matcher } from '../pack/schema-parts.js';
import { joinOr, outcomeLabel, quoted, stageName, withArticle } from './words.js';

/** Singular and plural, without an article. */
const NOUNS: Record<string, readonly [string, string]> = {
  'session.attended': ['attended session', 'attended sessions'],
  'session.missed': ['missed session', 'missed sessions'],
  'visit.attended': ['attended visit', 'attended visits'],
  'visit.missed': ['missed visit', 'missed visits'],
  'visit.cancelled': ['cancelled visit', 'cancelled visits'],
  'submission.made': ['piece of work handed in', 'pieces of work handed in'],
  'submission.missed': ['missed work deadline', 'missed work deadlines'],
  progress: ['progress measurement', 'progress measurements'],
  activity: ['recorded learning activity', 'recorded learning activities'],
  'work.absence': ['absence from work', 'absences from work'],
  'employment.ended': ['end of employment', 'ends of employment'],
  'concern.raised': ['concern recorded', 'concerns recorded'],
  contact: ['contact attempt', 'contact attempts'],
  'stage.entered': ['stage entered', 'stages entered'],
  decision: ['decision', 'decisions'],
  'review.held': ['review held', 'reviews held'],
  'plan.agreed': ['plan agreed', 'plans agreed'],
  'appeal.lodged': ['appeal lodged', 'appeals lodged'],
  'appeal.decided': ['appeal decided', 'appeals decided'],
  'step.proposed': ['step proposed', 'steps proposed'],
  'step.decided': ['proposal decided', 'proposals decided'],
  'agenda.decided': ['meeting decision', 'meeting decisions'],
  'case.assigned': ['case assignment', 'case assignments'],
};

const CONTACT_OUTCOMES: Record<string, string> = { reached: 'that reached them', no_answer: 'with no answer', no_response: 'with no response' };

/** One matcher: "missed session without notice", or plural "missed sessions without notice". */
export function matcherWords(pack: Pack, m: Matcher, many = false): string {
  const [one, more] = NOUNS[m.type] ?? [m.type, m.type];
  const before: string[] = [];
  const after: string[] = [];
  if (m.explained !== undefined) before.push(m.explained ? 'explained' : 'unexplained');
  if (m.kind) before.push(joinOr(m.kind));
  if (m.onTarget !== undefined) after.push(m.onTarget ? 'at or above plan' : 'below plan');
  if (m.notice !== undefined) after.push(m.notice ? 'with notice' : 'without notice');
  if (m.by) after.push(`(cancelled by ${joinOr(m.by.map((b) => `the ${b}`))})`);
  if (m.notBy) after.push(`(not cancelled by ${joinOr(m.notBy.map((b) => `the ${b}`))})`);
  if (m.category) after.push(`as ${joinOr(m.category.map((c) => quoted(pack.concernCategories.find((x) => x.id === c)?.label ?? c)))}`);
  if (m.with) after.push(`with ${joinOr(m.with.map((w) => `the ${w}`))}`);
  if (m.channel) after.push(`by ${joinOr(m.channel)}`);
  if (m.outcome) {
    after.push(
      m.type === 'contact'
        ? joinOr(m.outcome.map((o) => CONTACT_OUTCOMES[o] ?? o))
        : `of ${joinOr(m.outcome.map((o) => quoted(outcomeLabel(pack, o))))}`,
    );
  }
  if (m.stage) after.push(`at ${joinOr(m.stage.map((s) => stageName(pack, s)))}`);
  return [...before, many ? more : one, ...after].join(' ');
}

/** Any of several matchers, each with "a"/"an": "a progress measurement or a recorded learning activity". */
export function anyEventWords(pack: Pack, matchers: readonly Matcher[]): string {
  return joinOr(matchers.map((m) => withArticle(matcherWords(pack, m))));
}

/** Any of several matchers in the plural: "missed sessions or missed visits". */
export function eventsWords(pack: Pack, matchers: readonly Matcher[]): string {
  return joinOr(matchers.map((m) => matcherWords(pack, m, true)));
}
