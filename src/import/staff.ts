/**
 * staff.csv: one staff member per row. The e-mail is the staff id (lower-cased); roles
 * and covers are lists separated by `;`.
 */
import { z } from 'zod/v4';
import { fromZod } from '../rules/issues.js';
import type { StaffRecord } from '../store/records.js';
import { duplicates, type ImportIssue, type Row, type TableSpec } from './csv-table.js';
import { issuesAt, type Validated } from './validated.js';

export const STAFF_COLUMNS: TableSpec = {
  columns: ['email', 'name', 'roles', 'slackUserId', 'teamsUserId', 'covers', 'manager'],
  aliases: { slack_user_id: 'slackUserId', teams_user_id: 'teamsUserId' },
};

const email = z.string().regex(/^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/, 'must be an e-mail address such as jo.bloggs@example.ac.uk');
const role = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case role id such as quality-manager');
const staffRow = z.object({
  id: email,
  name: z.string(),
  roles: z.array(role).min(1, 'must name at least one role (separate several with ;)'),
  slackUserId: z.string().optional(),
  teamsUserId: z.string().optional(),
  covers: z.array(email).optional(),
  manager: email.optional(),
});

function list(cell: string | undefined, lower: boolean): string[] | undefined {
  if (cell === undefined) return undefined;
  return cell
    .split(';')
    .map((s) => (lower ? s.trim().toLowerCase() : s.trim()))
    .filter((s) => s !== '');
}

export function validateStaff(rows: readonly Row[]): Validated<StaffRecord> {
  const issues: ImportIssue[] = [];
  const values: { line: number; value: StaffRecord }[] = [];
  for (const row of rows) {
    const c = row.cells;
    const input = {
      id: c.get('email')?.toLowerCase(),
      name: c.get('name'),
      roles: list(c.get('roles'), false) ?? [],
      slackUserId: c.get('slackUserId'),
      teamsUserId: c.get('teamsUserId'),
      covers: list(c.get('covers'), true),
      manager: c.get('manager')?.toLowerCase(),
    };
    const parsed = staffRow.safeParse(input);
    if (!parsed.success) {
      // The staff id is the email column: name it as the file does.
      issuesAt(row.line, fromZod(parsed.error, '', input)).forEach((i) =>
        issues.push({ ...i, column: i.column === 'id' ? 'email' : i.column?.replace(/^(roles|covers)\[\d+\]$/, '$1') }),
      );
    } else {
      values.push({ line: row.line, value: parsed.data });
    }
  }
  issues.push(...duplicates(rows.map((r) => ({ line: r.line, key: r.cells.get('email')?.toLowerCase() })), 'email', (e) => `staff e-mail ${JSON.stringify(e)}`));
  return { values, issues: issues.sort((a, b) => a.line - b.line) };
}
