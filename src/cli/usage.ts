/** Usage text: one line per command for errors, the full text for `--help`. */

export const SIMULATE_USAGE = 'usage: waymark simulate --policy <pack-id | path> --input <file.json | -> [--until YYYY-MM-DD]';
export const POLICY_USAGE = 'usage: waymark policy list [--json] | show <pack-id | path> [--resolved] | check <file>... | explain <pack-id | path> [--format md|html] [--out FILE] | backtest <candidate> [options] | schema [--out FILE]';
export const BACKTEST_USAGE = 'usage: waymark policy backtest <candidate pack-id | path> [--against <pack-id | path>] [--input DIR] [--learner ID]... [--json]';
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
  policy backtest <candidate> [--against <pack>] [--input DIR] [--learner ID]... [--json]
                          replay stored learners (MONGODB_URI) or simulate input files
                          under a candidate pack and the pack in force; what would differ
  policy schema [--out FILE]
                          the pack format as JSON Schema, for editors (a pack from
                          \`policy show\` names ./pack.schema.json: write it beside the pack)
  db [--port N]           an in-memory MongoDB-compatible server for local runs;
                          prints its URI; data is lost when it stops
  cases rebuild [--learner <id>]
                          replay cases from the event log (database in MONGODB_URI)
  cases register          the at-risk register as CSV (database in MONGODB_URI)
  import learners|staff|events <file.csv> [--dry-run]
                          load a CSV export (database in MONGODB_URI); see docs/import.md
  staff link [--json]     link the staff directory to Slack and Teams users by e-mail
                          (MONGODB_URI; Slack with SLACK_BOT_TOKEN, Teams from the
                          roster read when Waymark was added to a team); lists whoever
                          is not found
  audit <learner-id> [--json] [--restricted]
                          who recorded what about a learner, when, under which pack;
                          --restricted: who viewed their restricted details, and when
  learners export <id> [--out DIR]
                          everything held about a learner, as JSON and HTML (MONGODB_URI)
  learners erase <id> --reason TEXT [--force]
                          erase a learner's personal data, keeping the anonymised log
  retention [--dry-run] [--json]
                          erase learners past WAYMARK_RETENTION_YEARS (--dry-run: list them)
  cards preview --out <dir> [--no-png]
                          every card with sample data as Block Kit and Adaptive Card
                          JSON and as PNG (needs Chromium)
  doctor [--json]         check a deployment end to end (configuration, MONGODB_URI,
                          scheduler, roles, staff, Slack, Teams, data feed): each ✓ or ✗
                          with its fix; exit 0 when all pass, 1 otherwise
  help                    this text
  --version               the waymark version

Exit codes: 0 success, 2 bad input, 3 the database (MONGODB_URI) could not be reached,
1 internal error.
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
  policy backtest <candidate> [--against <pack>] [--input DIR] [--learner ID]... [--json]
                                  which learners' outcome would change under the candidate
                                  (waymark policy backtest --help)
  policy schema [--out FILE]      the pack format as JSON Schema; a pack printed by
                                  \`policy show\` names ./pack.schema.json as its $schema,
                                  so write it there: --out pack.schema.json beside the pack
`;

export const BACKTEST_HELP = `${BACKTEST_USAGE}

  <candidate>                the pack to try: a pack file (or a built-in or deployment pack id)
  --against <pack-id | path> the pack in force to compare with (default: WAYMARK_POLICY)
  --input DIR                replay the learner of every *.json file in DIR (simulate input
                             files), each to the end of its last event's day; without it,
                             the learners in MONGODB_URI whose policy is the pack in force,
                             each as far as their case has been run
  --learner ID               only this learner (repeat for more)
  --json                     { candidate, against, learners, changed, differences }

Every learner is replayed under both packs, the candidate as if it were their policy.
Compared: at risk or not, the rating and the ratings given, alerts (by the rule that
raised them), recommendations, stages entered, logged stage steps refused, tasks and
their due dates. Not compared: when an alert or rating came, wording, notifications.
Nothing is written to the database.
Exit codes: 0 success, 2 bad input (each problem on its own line).
`;

export const DB_HELP = `${DB_USAGE}

  --port N    TCP port on 127.0.0.1 (default 27018; 0 picks a free port)

Runs the embedded MongoDB-compatible server until SIGINT (Ctrl+C) or SIGTERM.
Prints one line on standard output, the URI (mongodb://127.0.0.1:PORT/?directConnection=true).
Data lives in memory only and is lost when the process stops.
Exit codes: 0 stopped by a signal, 2 bad input (a bad or busy port).
`;
