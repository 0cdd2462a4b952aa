/**
 * learners.csv: one learner per row, validated like PUT /api/learners/:id (programme and
 * nation from the fixed lists, real dates, the id of a loaded policy pack), all rows at once.
 */
import { z } from 'zod/v4';
import { learnerFields, nonEmptyText, plannedEndNotBeforeStart } from '../cases/learner-fields.js';
import { fromZod } from '../rules/issues.js';
import { BUILTIN_PACK_IDS } from '../rules/packs/index.js';
import type { LearnerRecord } from '../store/records.js';
import { duplicates, type ImportIssue, type Row, type TableSpec } from './csv-table.js';
import { issuesAt, type Validated } from './validated.js';

export const DEFAULT_POLICY = 'atl';

export const LEARNER_COLUMNS: TableSpec = {
  columns: ['id', 'name', 'programme', 'nation', 'startDate', 'plannedEndDate', 'coach', 'employer', 'policy'],
  aliases: {
    learner_id: 'id',
    uln: 'id',
    first_name: 'firstName',
    last_name: 'lastName',
    start_date: 'startDate',
    planned_end_date: 'plannedEndDate',
    coach_email: 'coach',
    employer_name: 'employer',
  },
  // name may come as first_name and last_name instead, so it is checked row by row.
  required: ['id', 'programme', 'nation', 'startDate'],
};

/** The packs a learner may name, and the one for rows that name none (WAYMARK_POLICY). */
export interface KnownPolicies {
  readonly policies: readonly string[];
  readonly defaultPolicy: string;
}

const BUILTIN: KnownPolicies = { policies: BUILTIN_PACK_IDS, defaultPolicy: DEFAULT_POLICY };

export function validateLearners(rows: readonly Row[], known: KnownPolicies = BUILTIN): Validated<LearnerRecord> {
  const learnerRow = plannedEndNotBeforeStart(z.object({ id: nonEmptyText, ...learnerFields(known.policies) }));
  const issues: ImportIssue[] = [];
  const values: { line: number; value: LearnerRecord }[] = [];
  for (const row of rows) {
    const c = row.cells;
    const parts = [c.get('firstName'), c.get('lastName')].filter((p) => p !== undefined);
    const name = c.get('name') ?? (parts.length > 0 ? parts.join(' ') : undefined);
    const input = {
      id: c.get('id'),
      name,
      programme: c.get('programme')?.toLowerCase(),
      nation: c.get('nation')?.toLowerCase(),
      startDate: c.get('startDate'),
      plannedEndDate: c.get('plannedEndDate'),
      coach: c.get('coach')?.toLowerCase(),
      employer: c.get('employer'),
      policy: c.get('policy') ?? known.defaultPolicy,
    };
    if (c.has('name') && parts.length > 0) issues.push({ line: row.line, column: 'name', message: 'give name or first_name/last_name, not both' });
    const parsed = learnerRow.safeParse(input);
    if (!parsed.success) issues.push(...issuesAt(row.line, fromZod(parsed.error, '', input)));
    else values.push({ line: row.line, value: parsed.data });
  }
  issues.push(...duplicates(rows.map((r) => ({ line: r.line, key: r.cells.get('id') })), 'id', (id) => `learner id ${JSON.stringify(id)}`));
  return { values, issues: issues.sort((a, b) => a.line - b.line) };
}

/**
 * Rows whose coach is not in the staff directory. They are imported (the coach may be
 * loaded next), but each is named, because until then no coach hears about that learner.
 */
export async function coachesNotInDirectory(rows: Validated<LearnerRecord>['values'], inDirectory: (staffId: string) => Promise<boolean>): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];
  for (const { line, value } of rows) {
    if (value.coach !== undefined && !(await inDirectory(value.coach))) {
      issues.push({ line, column: 'coach', message: `warning: ${JSON.stringify(value.coach)} is not in the staff directory; the learner is imported, but no coach hears about them until \`waymark import staff\` adds that address` });
    }
  }
  return issues;
}
