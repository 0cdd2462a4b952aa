/**
 * events.csv: one event per row, for the learner in `learnerId`. The event is built from
 * the row's non-empty cells with their JSON types (notice and explained are booleans,
 * actual and planned numbers) and checked with the data feed's own validation.
 */
import type { z } from 'zod/v4';
import { eventSchemas, notFeedable, type EventType } from '../rules/events/event-schema.js';
import { parseEvent } from '../rules/events/parse-input.js';
import { futureProblem } from '../rules/events/clock-skew.js';
import { duplicates, type ImportIssue, type Row, type TableSpec } from './csv-table.js';
import { issuesAt, type Validated } from './validated.js';

export const EVENT_COLUMNS: TableSpec = {
  columns: ['id', 'learnerId', 'type', 'at', 'notice', 'by', 'actual', 'planned', 'source', 'explained', 'category', 'channel', 'outcome', 'with', 'stage', 'kind', 'result', 'note'],
  aliases: { learner_id: 'learnerId', event_id: 'id' },
  required: ['id', 'learnerId', 'type', 'at'],
};

const BOOLEAN_COLUMNS = new Set(['notice', 'explained']);
/** The words a yes/no cell may hold (any case). */
const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { true: true, yes: true, false: false, no: false };
const NUMBER_COLUMNS = new Set(['actual', 'planned']);

export interface EventRow {
  readonly learnerId: string;
  /** The event as the data feed takes it (simulate.md form). */
  readonly event: Record<string, unknown>;
}

function typed(column: string, cell: string): unknown {
  if (BOOLEAN_COLUMNS.has(column) && Object.hasOwn(BOOLEAN_WORDS, cell.toLowerCase())) return BOOLEAN_WORDS[cell.toLowerCase()];
  if (NUMBER_COLUMNS.has(column) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  return cell; // left as text, so the validation says what it must be
}

/** A yes/no cell's problem names the words a cell may hold, not the JSON type. */
function inCsvWords(issue: ImportIssue, row: Row): ImportIssue {
  const cell = issue.column === undefined ? undefined : row.cells.get(issue.column);
  if (cell === undefined || !BOOLEAN_COLUMNS.has(issue.column!)) return issue;
  return { ...issue, message: `must be true or false (yes and no are accepted too), not ${JSON.stringify(cell)}` };
}

/** `now`: Waymark's clock, for refusing events dated in the future (see clock-skew.ts). */
export function validateEvents(rows: readonly Row[], now: number = Date.now()): Validated<EventRow> {
  const issues: ImportIssue[] = [];
  const values: { line: number; value: EventRow }[] = [];
  for (const row of rows) {
    const rowIssues: ImportIssue[] = [];
    const event: Record<string, unknown> = {};
    for (const [column, cell] of row.cells) if (column !== 'learnerId') event[column] = typed(column, cell);
    const learnerId = row.cells.get('learnerId');
    if (learnerId === undefined) rowIssues.push({ line: row.line, column: 'learnerId', message: 'is required' });
    if (event.id === undefined) rowIssues.push({ line: row.line, column: 'id', message: 'is required (the idempotency key: a resent row is recognised by it)' });
    const parsed = parseEvent(event, 'event');
    const staffOnly = notFeedable(event.type);
    if (staffOnly) {
      rowIssues.push({ line: row.line, column: 'type', message: staffOnly });
    } else if (!parsed.ok) {
      rowIssues.push(...issuesAt(row.line, parsed.issues).map((i) => inCsvWords({ ...i, column: i.column?.replace(/^event\.?/, '') || undefined }, row)));
    } else {
      const ahead = futureProblem(parsed.value.at, now);
      if (ahead) rowIssues.push({ line: row.line, column: 'at', message: ahead });
      // zod drops fields a type does not have; a filled cell the event ignores is a mistake.
      const shape = (eventSchemas[parsed.value.type as EventType] as z.ZodObject).shape;
      for (const column of Object.keys(event)) {
        if (!(column in shape)) rowIssues.push({ line: row.line, column, message: `is not used by a ${String(event.type)} event; leave it empty` });
      }
    }
    issues.push(...rowIssues);
    if (rowIssues.length === 0 && learnerId !== undefined) values.push({ line: row.line, value: { learnerId, event } });
  }
  const keys = rows.map((r) => ({ line: r.line, key: r.cells.has('id') ? JSON.stringify([r.cells.get('learnerId') ?? '', r.cells.get('id')]) : undefined }));
  issues.push(
    ...duplicates(keys, 'id', (key) => {
      const [learner, id] = JSON.parse(key) as [string, string];
      return `event id ${JSON.stringify(id)} for learner ${JSON.stringify(learner)}`;
    }),
  );
  return { values, issues: issues.sort((a, b) => a.line - b.line) };
}
