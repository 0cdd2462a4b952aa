/**
 * Reads a CSV file into rows keyed by canonical column name, each with the file line it
 * starts on (the header is line 1). Header names are matched case-insensitively and
 * through a table of aliases (the common e-portfolio export headers). Cells are trimmed;
 * an empty cell is absent. Problems are values (`line`, `column`, `message`), never thrown.
 */
import { parse } from 'csv-parse/sync';

export interface ImportIssue {
  readonly line: number;
  /** The column the problem is in, or undefined for a problem with the whole line. */
  readonly column?: string | undefined;
  readonly message: string;
}

export interface Row {
  /** The file line the record starts on. */
  readonly line: number;
  /** Canonical column name -> non-empty trimmed cell. */
  readonly cells: ReadonlyMap<string, string>;
}

export interface TableSpec {
  /** Canonical column names, as written in messages and docs. */
  readonly columns: readonly string[];
  /** Extra header names (lower case) and the canonical column each stands for. */
  readonly aliases?: Readonly<Record<string, string>>;
}

export type Table = { readonly ok: true; readonly rows: readonly Row[] } | { readonly ok: false; readonly issues: readonly ImportIssue[] };

interface Record_ {
  record: string[];
  info: { lines: number; empty_lines: number };
}

export function readTable(text: string, spec: TableSpec): Table {
  let records: Record_[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as Record_[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { ok: false, issues: [{ line: e.lines ?? 1, message: `not valid CSV: ${e.message}` }] };
  }
  const [header, ...body] = records;
  if (header === undefined) return { ok: false, issues: [{ line: 1, message: 'the file is empty; expected a header line naming the columns' }] };

  const byName = new Map<string, string>();
  for (const c of spec.columns) byName.set(c.toLowerCase(), c);
  for (const [alias, c] of Object.entries(spec.aliases ?? {})) byName.set(alias.toLowerCase(), c);

  const issues: ImportIssue[] = [];
  const headerLine = startLine(header, undefined);
  const mapped: (string | undefined)[] = [];
  const seen = new Map<string, string>();
  for (const raw of header.record) {
    const name = raw.trim();
    const column = byName.get(name.toLowerCase());
    if (column === undefined) {
      issues.push({ line: headerLine, column: name, message: `unknown column; expected ${spec.columns.join(', ')}` });
    } else if (seen.has(column)) {
      issues.push({ line: headerLine, column: name, message: `names the same column as "${seen.get(column)}"` });
    } else {
      seen.set(column, name);
    }
    mapped.push(column);
  }
  if (issues.length > 0) return { ok: false, issues };

  let previous: Record_ = header;
  const rows: Row[] = [];
  for (const r of body) {
    const line = startLine(r, previous);
    previous = r;
    if (r.record.length !== mapped.length) {
      issues.push({ line, message: `has ${r.record.length} cells; the header has ${mapped.length}` });
      continue;
    }
    const cells = new Map<string, string>();
    r.record.forEach((cell, i) => {
      const value = cell.trim();
      if (value !== '') cells.set(mapped[i]!, value);
    });
    rows.push({ line, cells });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

/** csv-parse reports the line a record ends on; a quoted cell may span several lines. */
function startLine(r: Record_, previous: Record_ | undefined): number {
  if (previous === undefined) return 1 + r.info.empty_lines;
  return previous.info.lines + 1 + (r.info.empty_lines - previous.info.empty_lines);
}

export function issueText(file: string, issue: ImportIssue): string {
  return `${file}:${issue.line}: ${issue.column !== undefined ? `${issue.column}: ` : ''}${issue.message}`;
}

/** Reports each value that appears on more than one row, naming both lines. */
export function duplicates(rows: readonly { line: number; key: string | undefined }[], column: string, what: (key: string) => string): ImportIssue[] {
  const first = new Map<string, number>();
  const issues: ImportIssue[] = [];
  for (const { line, key } of rows) {
    if (key === undefined) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, line);
    else issues.push({ line, column, message: `${what(key)} is also on line ${earlier}; each may appear once` });
  }
  return issues;
}
