/**
 * What Waymark asks of Slack's Web API: the bot scopes its manifest requests (each with
 * the reason), and where the API is (SLACK_API_URL: tests, GovSlack; default Slack's).
 * test/bots/slack/manifest.test.ts keeps the manifest's scopes equal to these.
 */
export const SLACK_BOT_SCOPES: readonly string[] = [
  // Post alerts in channels Waymark is invited to, and DMs to staff.
  'chat:write',
  // The /waymark command.
  'commands',
  // Link the staff directory to Slack users by e-mail (users:read.email comes only with users:read).
  'users:read',
  'users:read.email',
  // `waymark doctor`: the bound channels exist and the bot is in them (public, private).
  'channels:read',
  'groups:read',
];

/** The Web API client's options for SLACK_API_URL (with the trailing slash it needs). */
export function slackClientOptions(apiUrl: string | undefined): { slackApiUrl?: string } {
  return apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {};
}
