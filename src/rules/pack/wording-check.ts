/**
 * Words follow numbers: what people read (a trigger's description, which becomes an alert's
 * reason; a task's title; a follow-up's or contact rule's description) must not state a
 * number the rule does not have. A provider who changes a count from 3 to 2 must not leave
 * "3 consecutive missed sessions" behind. Each number written in the text must be one of
 * the rule's own numbers (any numeric setting in it, a ratio also as a percentage, days
 * also as weeks, and for a task done by a contact rule, that rule's). "More than 2" means 3;
 * "stage 2" names a stage, not a number.
 */
import type { InputIssue } from '../issues.js';
import type { Pack } from './pack-schema.js';

const WORDED: readonly { section: 'triggers' | 'tasks' | 'followUps' | 'contactRules'; field: 'description' | 'title' }[] = [
  { section: 'triggers', field: 'description' },
  { section: 'tasks', field: 'title' },
  { section: 'followUps', field: 'description' },
  { section: 'contactRules', field: 'description' },
];

/** Text fields that are not wording shown to people, or that quote another document. */
const NOT_NUMBERS = new Set(['source', 'decision', 'description', 'title', 'reason', 'id']);

export function wordingIssues(pack: Pack): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const { section, field } of WORDED) {
    (pack[section] as readonly Record<string, unknown>[]).forEach((element, i) => {
      const text = element[field];
      if (typeof text !== 'string') return;
      const own = ruleNumbers(pack, element);
      const stray = numbersIn(text).filter((n) => !own.has(n));
      if (stray.length > 0) {
        const have = [...own].sort((a, b) => a - b);
        issues.push({
          path: `${section}[${i}].${field}`,
          message: `says ${stray.join(', ')}, but the rule's numbers are ${have.length > 0 ? have.join(', ') : 'none'}: reword it to match the rule`,
        });
      }
    });
  }
  return issues;
}

/**
 * The numbers words about a rule may state: any numeric setting in it (and, for a task done
 * by a contact rule, that rule's), a ratio also as a percentage, days also as weeks.
 */
export function ruleNumbers(pack: Pack, element: object): Set<number> {
  const own = numbersOf(element);
  const doneBy = (element as { doneWhen?: { contactRule?: string } }).doneWhen?.contactRule;
  const rule = doneBy === undefined ? undefined : pack.contactRules.find((c) => c.id === doneBy);
  if (rule) numbersOf(rule, own);
  for (const n of [...own]) {
    const weeks = wholeWeeks(n);
    if (weeks !== undefined) own.add(weeks);
  }
  return own;
}

/** A number of days as whole weeks, when it is one: 28 days may be written "4 weeks". */
export function wholeWeeks(days: number): number | undefined {
  return Number.isInteger(days) && days > 0 && days % 7 === 0 ? days / 7 : undefined;
}

/** A ratio of plan as percentages: 0.7 is "70%" of plan, or "30%" behind it. */
export function ratioPercents(ratio: number): { of: number; behind: number } {
  return { of: round(ratio * 100), behind: round((1 - ratio) * 100) };
}

/** The numbers a text states: "more than 2" as 3, stage names left out. */
export function numbersIn(text: string): number[] {
  const plain = text.replace(/\bstages?\s+\d+/gi, '');
  return [...plain.matchAll(/(more than\s+)?(\d+(?:\.\d+)?)/gi)].map((m) => Number(m[2]) + (m[1] ? 1 : 0));
}

function numbersOf(value: unknown, into = new Set<number>()): Set<number> {
  if (typeof value === 'number') {
    into.add(value);
    if (value > 0 && value < 1) {
      const percent = ratioPercents(value);
      into.add(percent.of);
      into.add(percent.behind);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) numbersOf(v, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) if (!NOT_NUMBERS.has(key)) numbersOf(v, into);
  }
  return into;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
