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
  /** Columns the header must name (a file without one is refused once, on the header line, not on every row). */
  readonly required?: readonly string[];
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
    const e = error as Error & { lines?: number; index?: number };
    return { ok: false, issues: [{ line: e.lines ?? 1, column: columnAt(text, e.index ?? 0), message: `not valid CSV: ${e.message}` }] };
  }
  const [header, ...body] = records;
  if (header === undefined) return { ok: false, issues: [{ line: 1, column: 'header', message: `the file is empty; expected a header line naming the columns (${spec.columns.join(', ')})` }] };

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
  for (const column of spec.required ?? []) {
    if (!seen.has(column)) issues.push({ line: headerLine, column, message: 'is a required column; add it to the header line' });
  }
  if (issues.length > 0) return { ok: false, issues };

  let previous: Record_ = header;
  const rows: Row[] = [];
  for (const r of body) {
    const line = startLine(r, previous);
    previous = r;
    if (r.record.length !== mapped.length) {
      issues.push(cellCountIssue(line, r.record.length, header.record));
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

/**
 * A row with more or fewer cells than the header, named by the first column it gets wrong:
 * the first header column it lacks, or the first cell past the last header column.
 */
function cellCountIssue(line: number, cells: number, header: readonly string[]): ImportIssue {
  const count = `the row has ${cells} cell${cells === 1 ? '' : 's'}, the header ${header.length}`;
  if (cells < header.length) return { line, column: header[cells]!.trim(), message: `is missing: ${count}` };
  return { line, column: `column ${header.length + 1}`, message: `is past the last column: ${count} (a cell holding a comma must be in double quotes)` };
}

/** The header's name for the cell at `index` of a line that could not be read, or its position. */
function columnAt(text: string, index: number): string {
  try {
    const [names] = parse(text, { bom: true, to_line: 1 }) as string[][];
    const name = names?.[index]?.trim();
    if (name) return name;
  } catch {
    // The header itself is what could not be read: say where by position.
  }
  return `column ${index + 1}`;
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
