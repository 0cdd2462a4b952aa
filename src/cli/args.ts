/**
 * Flags through `util.parseArgs` (strict), with its errors rewritten as one short line
 * naming the flag, and a flag given twice refused rather than silently overridden (unless
 * it is declared `multiple`: then each one adds a value).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { failed, ok, type Outcome } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Flags {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parseFlags(args: string[], options: Options, allowPositionals = false): Outcome<Flags> {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals, tokens: true });
  } catch (error) {
    return failed(describeParseError(error));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || options[token.name]?.multiple === true) continue;
    if (seen.has(token.name)) return failed(`--${token.name}: given more than once`);
    seen.add(token.name);
  }
  return ok({ values: parsed.values as Flags['values'], positionals: parsed.positionals });
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const flag = quoted.split(' ')[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument') ? `${flag}: takes no value` : `${flag}: needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}`;
    default:
      throw error;
  }
}
