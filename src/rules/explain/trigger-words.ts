/**
 * A trigger in plain English with its numbers, generated from its settings (never from its
 * description, which is the provider's own wording): "2 consecutive missed sessions; an
 * attended session breaks the run". Every number these words state is one of the rule's
 * own (wording-check.ts's ruleNumbers), so a changed count can never leave old words behind.
 */
import type { Pack, Trigger } from '../pack/pack-schema.js';
import { ratioPercents } from '../pack/wording-check.js';
import { effectWords, recommendationWords } from './effect-words.js';
import { anyEventWords, eventsWords, matcherWords } from './event-words.js';
import { capitalised, conditionClause, daysWords, joinOr } from './words.js';

/** What makes the trigger fire, with its numbers. */
export function triggerRule(pack: Pack, t: Trigger): string {
  switch (t.kind) {
    case 'progress-gap': {
      if (t.measure === 'points') return `a progress measurement ${t.points} percentage points or more behind plan`;
      const percent = ratioPercents(t.ratio ?? 0);
      return `a progress measurement at or below ${percent.of}% of plan (${percent.behind}% or more behind)`;
    }
    case 'consecutive': {
      const run = t.match.length === 1 ? `${t.count} consecutive ${matcherWords(pack, t.match[0]!, t.count !== 1)}` : `${t.count} in a row of: ${eventsWords(pack, t.match)}`;
      return `${run}; ${anyEventWords(pack, t.resetBy)} breaks the run${t.within === 'case' ? ', counted since the case opened' : ''}`;
    }
    case 'count': {
      const what = t.match.length === 1 ? `${t.count} ${matcherWords(pack, t.match[0]!, t.count !== 1)}` : `${t.count} ${eventsWords(pack, t.match)} (in any mix)`;
      return t.within === 'case'
        ? `${what} since the case opened (with no case open: since the last one closed, or the start date)`
        : `${what} within any ${daysWords(t.within.days)}, both ends included`;
    }
    case 'inactivity':
      return `${daysWords(t.days)} without ${anyEventWords(pack, t.resetBy)}, counted from the last one or the start date`;
    case 'event':
      return `each ${joinOr(t.match.map((m) => matcherWords(pack, m)))}`;
  }
}

/** Who the trigger applies to and when it may fire, as phrases ('' parts left out). */
export function triggerScope(pack: Pack, t: Trigger): string[] {
  return [
    conditionClause(pack, t.when),
    t.always ? 'also while monitoring is paused or after withdrawal' : '',
    t.repeat === 'once-per-case' ? 'at most once while a case is open' : '',
    t.countsAsReason ? '' : 'not a reason for being at risk: it only does what it says below',
  ].filter((x) => x !== '');
}

/** The headline of what firing does: "at risk, rated at least Medium, recommends Stage 1". */
export function triggerConsequence(pack: Pack, t: Trigger): string {
  const rank = (id: string | undefined) => pack.ratings?.scale.indexOf(id ?? '') ?? -1;
  const atRiskFrom = rank(pack.ratings?.atRiskFrom);
  const effects = t.effects.filter((e) => e.when === undefined);
  const parts: string[] = [];
  const rate = effects.find((e) => e.do === 'rate');
  const rateTarget = rate?.atLeast ?? rate?.to;
  if (effects.some((e) => e.do === 'alert') || (rateTarget !== undefined && atRiskFrom >= 0 && rank(rateTarget) >= atRiskFrom)) parts.push('at risk');
  if (rate) parts.push(rate.atLeast !== undefined ? `rated at least ${capitalised(rate.atLeast)}` : `rated ${capitalised(rate.to ?? '')}`);
  for (const e of effects) if (e.do === 'recommend') parts.push(`recommends ${recommendationWords(pack, e)}`);
  if (parts.length === 0 && t.effects[0]) parts.push(effectWords(pack, t.effects[0]));
  return parts.join(', ');
}

/**
 * One line for a trigger: the rule — whom it applies to → what it leads to. The chat
 * `policy` card lists these as the policy's thresholds.
 */
export function triggerLine(pack: Pack, t: Trigger): string {
  const scope = triggerScope(pack, t);
  return `${triggerRule(pack, t)}${scope.length > 0 ? ` — ${scope.join('; ')}` : ''} → ${triggerConsequence(pack, t)}`;
}

/** Triggers with a threshold (a count, a number of days, a gap), as against a single event. */
export function hasThreshold(t: Trigger): boolean {
  return t.kind !== 'event';
}
