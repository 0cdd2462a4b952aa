/**
 * Input problems as values: a path into the input (`events[7].channel`,
 * `learner.startDate`, `stages[2].owner`) and a sentence saying what is wrong.
 */
import type { z } from 'zod/v4';

export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly InputIssue[] };

export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' || out.endsWith(' ') ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * zod's issues as InputIssues, with zod's terse wording made specific where it is not.
 * `input` is what was parsed, so a missing field reads "is required", not "must be".
 */
export function fromZod(error: z.ZodError, prefix: string, input: unknown): InputIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path, prefix) || '(top level)';
    return { path, message: describe(issue, valueAt(input, issue.path) === undefined) };
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(issue: z.core.$ZodIssue, missing: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return `is required (${issue.expected})`;
      // "must be a boolean" leaves people guessing what to write.
      return issue.expected === 'boolean' ? 'must be true or false' : `must be ${article(issue.expected)}`;
    case 'invalid_value':
      if (missing) return `is required (one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

export function issueLine(issue: InputIssue): string {
  return `${issue.path}: ${issue.message}`;
}
