/** Printing the figures as aligned table lines, and writing the JSON summary. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MIB = 1024 * 1024;

export const perSecond = (count, seconds) => (seconds > 0 ? count / seconds : 0);
export const mib = (bytes) => bytes / MIB;

function format(value) {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-GB');
  const digits = value < 100 ? 2 : 0;
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prints rows (arrays of cells) with a header, right-aligning every column but the first. */
export function printTable(header, rows) {
  const cells = [header, ...rows].map((row) => row.map(format));
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

export function writeSummary(file, summary) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
}
