/** What validating a file's rows gives: the good rows with their lines, and every problem. */
import type { InputIssue } from '../rules/issues.js';
import type { ImportIssue } from './csv-table.js';

export interface Validated<T> {
  readonly values: readonly { readonly line: number; readonly value: T }[];
  readonly issues: readonly ImportIssue[];
}

/** Input issues (paths are column names) placed on a file line. */
export function issuesAt(line: number, issues: readonly InputIssue[]): ImportIssue[] {
  return issues.map((i) => ({ line, column: i.path === '(top level)' ? undefined : i.path, message: i.message }));
}
