/** Usage text: one line per command for errors, the full text for `--help`. */

export const SIMULATE_USAGE = 'usage: waymark simulate --policy <pack-id | path> --input <file.json | -> [--until YYYY-MM-DD]';
export const POLICY_USAGE = 'usage: waymark policy list [--json] | show <pack-id | path> [--resolved] | check <file>... | explain <pack-id | path> [--format md|html] [--out FILE] | schema';
export const DB_USAGE = 'usage: waymark db [--port N]';

export const USAGE = `usage: waymark <command> [options]

Runs a UK training provider's learners-at-risk policy.

Commands:
  run                     start the bot (HTTP server, scheduler, store); configuration
                          from the environment and .env (see .env.example)
  simulate --policy <pack-id | path> --input <file.json | -> [--until YYYY-MM-DD]
                          what the bot would have done for a learner, as JSON
  policy list [--json]    the built-in policy packs
  policy show <pack-id | path> [--resolved]
                          a pack as JSON (a built-in one as written, to copy and edit;
                          a file with its \`extends\` merged in)
  policy check <file>...  check custom packs (extends resolved) and list every problem
  policy explain <pack-id | path> [--format md|html] [--out FILE]
                          the pack as a readable document, for whoever signs it off
  policy schema           the pack format as JSON Schema, for editors
  db [--port N]           an in-memory MongoDB-compatible server for local runs;
                          prints its URI; data is lost when it stops
  cases rebuild [--learner <id>]
                          replay cases from the event log (database in MONGODB_URI)
  cases register          the at-risk register as CSV (database in MONGODB_URI)
  import learners|staff|events <file.csv> [--dry-run]
                          load a CSV export (database in MONGODB_URI); see docs/import.md
  audit <learner-id> [--json]
                          who recorded what about a learner, when, under which pack
  cards preview --out <dir> [--no-png]
                          every card with sample data as Block Kit and Adaptive Card
                          JSON and as PNG (needs Chromium)
  help                    this text
  --version               the waymark version

Exit codes: 0 success, 2 bad input, 1 internal error.
`;

export const SIMULATE_HELP = `${SIMULATE_USAGE}

  --policy <pack-id | path>  a built-in pack id, or a path to a pack file
  --input <file.json | ->    the learner and their events; - reads standard input
  --until YYYY-MM-DD         run virtual time to the end of this day (Europe/London) so
                             timers fire; default: the date of the last event

Prints one JSON document: { policy, learnerId, timeline, case, nextWakeUp, until }.
Exit codes: 0 success, 2 bad input (each problem named by events[i] or its field path).
`;

export const POLICY_HELP = `${POLICY_USAGE}

  policy list [--json]            the built-in packs: id, version, provider, name
  policy show <pack-id | path> [--resolved]
                                  a pack as JSON; a built-in one as written unless --resolved
                                  (parsed, defaults filled in); a file always with its
                                  \`extends\` merged in
  policy check <file>...          check custom packs; every problem as <file>: <path>: <message>
  policy explain <pack-id | path> [--format md|html] [--out FILE]
                                  the pack as a readable document (Markdown by default)
  policy schema                   the pack format as JSON Schema
`;

export const DB_HELP = `${DB_USAGE}

  --port N    TCP port on 127.0.0.1 (default 27018; 0 picks a free port)

Runs the embedded MongoDB-compatible server until SIGINT (Ctrl+C) or SIGTERM.
Prints one line on standard output, the URI (mongodb://127.0.0.1:PORT/?directConnection=true).
Data lives in memory only and is lost when the process stops.
Exit codes: 0 stopped by a signal, 2 bad input (a bad or busy port).
`;
