/**
 * What `waymark policy backtest` prints: the JSON document (--json), or a table of the
 * learners whose outcome would change, one line per difference, and the totals.
 */
import { countByPart, DIFFERENCE_PARTS, type DifferencePart, type LearnerDifference, type OnlyIn, type Sides } from '../rules/backtest/difference.js';
import type { Pack } from '../rules/pack/pack-schema.js';

export interface BacktestReport {
  readonly candidate: { readonly id: string; readonly version: string };
  readonly against: { readonly id: string; readonly version: string };
  /** Learners replayed. */
  readonly learners: number;
  /** Learners whose outcome would change (the length of `differences`). */
  readonly changed: number;
  /** By learner id. */
  readonly differences: readonly LearnerDifference[];
}

export function backtestReport(candidate: Pack, against: Pack, learners: number, differences: readonly LearnerDifference[]): BacktestReport {
  const sorted = [...differences].sort((a, b) => (a.learnerId < b.learnerId ? -1 : a.learnerId > b.learnerId ? 1 : 0));
  return {
    candidate: { id: candidate.id, version: candidate.version },
    against: { id: against.id, version: against.version },
    learners,
    changed: sorted.length,
    differences: sorted,
  };
}

/** What each part is called in the table. */
const PART_NAMES: Record<DifferencePart, string> = {
  atRisk: 'at risk',
  rating: 'rating',
  ratingChanges: 'ratings given',
  alerts: 'alerts',
  recommendations: 'recommendations',
  stages: 'stages entered',
  refused: 'stages refused',
  tasks: 'tasks',
};

export function reportTable(report: BacktestReport, emptyNote?: string): string[] {
  const { candidate, against } = report;
  const lines = [
    `Backtest of ${candidate.id} ${candidate.version} (candidate) against ${against.id} ${against.version} (in force)`,
    `${count(report.learners, 'learner')} replayed; ${report.changed} would change.`,
  ];
  if (report.learners === 0 && emptyNote !== undefined) lines.push(emptyNote);
  if (report.changed === 0) return lines;
  const width = Math.max('learner'.length, ...report.differences.map((d) => d.learnerId.length));
  lines.push('', `${'learner'.padEnd(width)}  what would differ (in force -> candidate; + only under the candidate, - only under the pack in force)`);
  for (const difference of report.differences) {
    differenceLines(difference).forEach((line, i) => lines.push(`${(i === 0 ? difference.learnerId : '').padEnd(width)}  ${line}`));
  }
  const counts = countByPart(report.differences);
  lines.push('', `Totals (learners): ${DIFFERENCE_PARTS.map((part) => `${PART_NAMES[part]} ${counts[part]}`).join(', ')}`);
  return lines;
}

function differenceLines(d: LearnerDifference): string[] {
  const lines: string[] = [];
  for (const part of DIFFERENCE_PARTS) {
    const value = d[part];
    if (value === undefined) continue;
    const name = PART_NAMES[part];
    if ('onlyAgainst' in value) lines.push(...onlyInLines(name, value));
    else lines.push(`${name}: ${side(value, 'against')} -> ${side(value, 'candidate')}`);
  }
  return lines;
}

function onlyInLines(name: string, value: OnlyIn): string[] {
  return [...value.onlyCandidate.map((label) => `${name}: + ${label}`), ...value.onlyAgainst.map((label) => `${name}: - ${label}`)];
}

function side(value: Sides<boolean | string | null | readonly string[]>, which: keyof Sides<unknown>): string {
  const v = value[which];
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v === null) return 'none';
  if (typeof v === 'string') return v;
  return v.length === 0 ? 'none' : v.join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
