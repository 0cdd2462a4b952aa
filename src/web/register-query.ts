/**
 * What the register page was asked for (filters by coach, stage, rating and policy; a
 * sort column and direction) and how its rows answer it. Pure: the rows come in, the rows
 * to show go out. A filter value no row has is not an error: it matches nothing, and the
 * page says so.
 */
import type { RegisterRow } from '../cases/case-queries.js';

/** One register row with what the page adds to it: the coach's name and sort keys from the pack. */
export interface RegisterLine {
  readonly row: RegisterRow;
  readonly coachName: string | null;
  /** The rating's place on the pack's scale: 0 the lowest risk, 1 the highest; null when unrated. */
  readonly ratingLevel: number | null;
  /** The stage's place among the pack's stages; -1 outside a stage. */
  readonly stageOrder: number;
}

export const FILTERS = ['coach', 'stage', 'rating', 'policy'] as const;
export type FilterName = (typeof FILTERS)[number];

export const SORTS = ['name', 'policy', 'coach', 'since', 'rating', 'stage', 'deadline'] as const;
export type SortKey = (typeof SORTS)[number];
export type SortDir = 'asc' | 'desc';

/** By default the soonest deadline first (overdue ones are the soonest). */
export const DEFAULT_SORT: SortKey = 'deadline';

export interface RegisterQuery {
  /** The filters given (not empty). */
  readonly filters: Readonly<Partial<Record<FilterName, string>>>;
  readonly sort: SortKey;
  readonly dir: SortDir;
}

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

/** The value that stands for "none" (no coach yet, no stage yet, not rated). */
export const NONE = 'none';

/** Reads the query string; an unknown sort column or direction falls back to the default. */
export function parseRegisterQuery(query: Readonly<Record<string, unknown>>): RegisterQuery {
  const filters: Partial<Record<FilterName, string>> = {};
  for (const name of FILTERS) {
    const value = one(query[name]);
    if (value !== undefined && value !== '') filters[name] = value;
  }
  const sort = SORTS.find((s) => s === one(query.sort)) ?? DEFAULT_SORT;
  return { filters, sort, dir: one(query.dir) === 'desc' ? 'desc' : 'asc' };
}

/** The query as link parameters (defaults left out), for links that keep it. */
export function queryParams(query: RegisterQuery, change: Partial<Pick<RegisterQuery, 'sort' | 'dir'>> = {}): Record<string, string | undefined> {
  const sort = change.sort ?? query.sort;
  const dir = change.dir ?? query.dir;
  return { ...query.filters, sort: sort === DEFAULT_SORT && dir === 'asc' ? undefined : sort, dir: dir === 'asc' ? undefined : dir };
}

/** The value a line has for a filter. */
export function filterValue(line: RegisterLine, name: FilterName): string {
  switch (name) {
    case 'coach':
      return line.row.learner.coach ?? NONE;
    case 'stage':
      return line.row.case.stage ?? NONE;
    case 'rating':
      return line.row.case.rating ?? NONE;
    case 'policy':
      return line.row.pack.id;
  }
}

function filterLabel(line: RegisterLine, name: FilterName): string {
  switch (name) {
    case 'coach':
      return line.coachName ?? 'No coach yet';
    case 'stage':
      return line.row.case.stageName ?? 'No stage yet';
    case 'rating':
      return line.row.case.rating ?? 'Not rated';
    case 'policy':
      return line.row.pack.name;
  }
}

/** The choices each filter offers: the values the lines have, in the order of their sort column. */
export function filterOptions(lines: readonly RegisterLine[]): Record<FilterName, FilterOption[]> {
  const options = {} as Record<FilterName, FilterOption[]>;
  for (const name of FILTERS) {
    const sortBy: SortKey = name === 'policy' ? 'policy' : name;
    const seen = new Map<string, string>();
    for (const line of sortLines(lines, sortBy, 'asc')) {
      const value = filterValue(line, name);
      if (!seen.has(value)) seen.set(value, filterLabel(line, name));
    }
    options[name] = [...seen].map(([value, label]) => ({ value, label }));
  }
  return options;
}

/** The filters given with a value none of the lines has. */
export function unknownFilters(query: RegisterQuery, options: Record<FilterName, FilterOption[]>): FilterName[] {
  return FILTERS.filter((name) => {
    const wanted = query.filters[name];
    return wanted !== undefined && !options[name].some((o) => o.value === wanted);
  });
}

/** The lines that match every filter, sorted as asked. */
export function applyQuery(lines: readonly RegisterLine[], query: RegisterQuery): RegisterLine[] {
  const matching = lines.filter((line) => FILTERS.every((name) => query.filters[name] === undefined || filterValue(line, name) === query.filters[name]));
  return sortLines(matching, query.sort, query.dir);
}

const LAST = '\uffff';

/** Sorted by one column; ties by name, then learner id, whichever the direction. */
function sortLines(lines: readonly RegisterLine[], sort: SortKey, dir: SortDir): RegisterLine[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: RegisterLine, b: RegisterLine) => a.row.learner.name.localeCompare(b.row.learner.name) || a.row.learner.id.localeCompare(b.row.learner.id);
  return [...lines].sort((a, b) => sign * compareBy(sort, a, b) || byName(a, b));
}

function compareBy(sort: SortKey, a: RegisterLine, b: RegisterLine): number {
  switch (sort) {
    case 'name':
      return a.row.learner.name.localeCompare(b.row.learner.name);
    case 'policy':
      return a.row.pack.name.localeCompare(b.row.pack.name);
    case 'coach':
      return (a.coachName ?? LAST).localeCompare(b.coachName ?? LAST);
    case 'since':
      return (a.row.since ?? LAST).localeCompare(b.row.since ?? LAST);
    case 'rating':
      return (a.ratingLevel ?? -1) - (b.ratingLevel ?? -1);
    case 'stage':
      return a.stageOrder - b.stageOrder;
    case 'deadline':
      return (a.row.case.nextDeadline?.due ?? LAST).localeCompare(b.row.case.nextDeadline?.due ?? LAST);
  }
}

/** A query parameter given once (the first when repeated), else undefined. */
function one(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}
