/**
 * What every command gets and gives back: three streams in, an exit code out. Expected
 * failures (bad flags, bad files, bad input) are values carrying the lines to print;
 * only an unexpected error is thrown, and `main` turns it into one line.
 */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * Exit codes: 0 success, 2 bad input, 1 an internal error (docs/contracts/simulate.md);
 * 3 the database in MONGODB_URI could not be reached (the deployment's fault, not the input's).
 */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_DATABASE_UNREACHABLE = 3;

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly lines: readonly string[] };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function failed(...lines: string[]): { ok: false; lines: string[] } {
  return { ok: false, lines };
}

export function writeLines(stream: NodeJS.WritableStream, lines: readonly string[]): void {
  if (lines.length > 0) stream.write(lines.map((line) => `${line}\n`).join(''));
}

/** Prints the lines on standard error and returns the bad-input exit code. */
export function badInput(io: CliIo, lines: readonly string[]): number {
  writeLines(io.stderr, lines);
  return EXIT_BAD_INPUT;
}

/** One JSON document, 2-space indented, with a trailing newline. */
export function printJson(io: CliIo, value: unknown): number {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return EXIT_OK;
}
