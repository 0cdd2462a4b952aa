/**
 * `waymark staff link [--json]`: links every member of staff without a chat id to their
 * Slack user (users.lookupByEmail, with SLACK_BOT_TOKEN) and their Teams user (the team
 * roster Waymark read when it was installed in Teams), by e-mail, in MONGODB_URI's staff
 * directory. Ids already there win. Whoever cannot be found is listed; none is skipped.
 */
import { parseArgs } from 'node:util';
import { linkReportLines, linkStaff, type ChatDirectory, type LinkReport } from '../cases/staff-links.js';
import { slackClient, slackDirectory } from '../bots/slack/slack-directory.js';
import { hasSavedRoster, savedRosterDirectory } from '../bots/teams/saved-roster.js';
import { configFrom } from '../server/config.js';
import { openStore } from '../store/open-store.js';
import { badInput, printJson, writeLines, type CliIo } from './io.js';

export const STAFF_USAGE = 'usage: waymark staff link [--json]   (uses MONGODB_URI; Slack with SLACK_BOT_TOKEN, Teams from the roster read on install)';

export const STAFF_HELP = `${STAFF_USAGE}

  link      find each member of staff's Slack and Teams user by their e-mail (their staff
            id) and record it in the staff directory; ids already there are kept
  --json    { "platforms": [{ "platform", "linked", "kept", "notFound", "unavailable"? }] }

Slack is asked when SLACK_BOT_TOKEN is set (the app needs the users:read.email scope).
Teams is asked when BOT_ID is set or Waymark has read a Teams roster: the members of each
team it was added to. Everyone not found is listed with the reason.
Exit codes: 0 done (read the list of people not found), 2 bad input.
`;

export async function staffCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === 'help') {
    io.stdout.write(STAFF_HELP);
    return 0;
  }
  if (sub !== 'link') return badInput(io, [sub === undefined ? 'waymark staff: which subcommand?' : `waymark staff: unknown subcommand ${JSON.stringify(sub)}`, STAFF_USAGE]);
  let json: boolean;
  try {
    json = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false }).values.json ?? false;
  } catch (error) {
    return badInput(io, [`waymark staff link: ${(error as Error).message}`, STAFF_USAGE]);
  }
  const config = configFrom(env);
  if (!config.ok) return badInput(io, config.problems.map((p) => `waymark staff link: ${p}`));
  const { mongodbUri, slack, teams } = config.config;
  if (!mongodbUri) return badInput(io, ['waymark staff link: MONGODB_URI is not set; point it at the database whose staff directory to link']);
  const opened = await openStore({ uri: mongodbUri });
  try {
    const directories: ChatDirectory[] = [
      ...(slack ? [slackDirectory(slackClient(slack.botToken, slack.apiUrl))] : []),
      ...(teams || (await hasSavedRoster(opened.store)) ? [savedRosterDirectory(opened.store)] : []),
    ];
    if (directories.length === 0) {
      return badInput(io, ['waymark staff link: no chat platform to link to: set SLACK_BOT_TOKEN for Slack, or BOT_ID for Teams (and add Waymark to the staff\'s team)']);
    }
    const reports: LinkReport[] = [];
    for (const directory of directories) reports.push(await linkStaff(opened.store, directory));
    if (json) return printJson(io, { platforms: reports });
    writeLines(io.stdout, reports.flatMap(linkReportLines));
    return 0;
  } finally {
    await opened.close();
  }
}
