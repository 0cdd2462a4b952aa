/**
 * Reading files and standard input, and parsing JSON, with failures as one line that
 * names the file and what went wrong (never a stack). All of the CLI's file reading is
 * here: the policy core (src/rules) is given data, never a path.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { failed, ok, type Outcome } from './io.js';

/** The name standard input goes by in messages. */
export const STDIN_NAME = '<stdin>';

export type ReadResult = { ok: true; text: string } | { ok: false; missing: boolean; reason: string };

export async function readText(path: string): Promise<ReadResult> {
  try {
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', reason: readFailure(code, error) };
  }
}

function readFailure(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Writes `text` to `path` (`--out FILE`); a failure is a short reason, never a stack. */
export async function writeText(path: string, text: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await writeFile(path, text, 'utf8');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: writeFailure(error) };
  }
}

function writeFailure(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such folder';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON.parse, tolerating a byte-order mark; `name` (a path or <stdin>) leads the message. */
export function parseJson(text: string, name: string): Outcome<unknown> {
  try {
    return ok(JSON.parse(text.replace(/^\uFEFF/, '')) as unknown);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(`${name}: not valid JSON: ${text.trim() === '' ? 'it is empty' : reason}`);
  }
}

/** A JSON file (or standard input for `-`); `flag` names where the path came from. */
export async function readJson(path: string, flag: string, stdin: NodeJS.ReadableStream): Promise<Outcome<unknown>> {
  if (path === '-') return parseJson(await readStream(stdin), STDIN_NAME);
  const read = await readText(path);
  if (!read.ok) return failed(`${flag}: cannot read "${path}": ${read.reason}`);
  return parseJson(read.text, path);
}
