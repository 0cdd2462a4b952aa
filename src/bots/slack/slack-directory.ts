/**
 * Slack's user directory for linking staff by e-mail: `users.lookupByEmail`, one call per
 * address (the Web API client waits out rate limits). Needs the `users:read.email` scope
 * (in the manifest); without it no one can be found, which is said once, with the fix.
 */
import { WebClient, type WebAPICallError } from '@slack/web-api';
import { DirectoryUnavailable, type ChatDirectory } from '../../cases/staff-links.js';

/** The Web API client for a token (and the API's base URL in tests), as the Bolt app builds it. */
export function slackClient(botToken: string, apiUrl?: string): WebClient {
  return new WebClient(botToken, apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {});
}

export function slackDirectory(client: WebClient): ChatDirectory {
  return {
    platform: 'slack',
    async usersByEmail(emails) {
      const found = new Map<string, string>();
      for (const email of emails) {
        try {
          const answer = await client.users.lookupByEmail({ email });
          if (answer.user?.id) found.set(email.toLowerCase(), answer.user.id);
        } catch (error) {
          const code = slackError(error);
          if (code === 'users_not_found') continue;
          if (code === 'missing_scope' || code === 'not_allowed_token_type') {
            throw new DirectoryUnavailable('the Slack app lacks the users:read.email scope', 'add it (manifests/slack/manifest.yaml has it), reinstall the app and run `waymark staff link` again');
          }
          if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
            throw new DirectoryUnavailable(`Slack refused the bot token (${code})`, 'set SLACK_BOT_TOKEN to the Bot User OAuth Token of the installed app');
          }
          throw error;
        }
      }
      return found;
    },
  };
}

function slackError(error: unknown): string | undefined {
  return (error as WebAPICallError & { data?: { error?: string } }).data?.error;
}
