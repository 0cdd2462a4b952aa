/**
 * Slack, through the Web API the bot itself uses (SLACK_API_URL honoured): the token works
 * (auth.test), the scopes granted cover the manifest's, and each bound channel exists
 * with Waymark in it.
 */
import { webApi } from '@slack/bolt';
import { SLACK_BOT_SCOPES, slackClientOptions } from '../bots/slack/slack-api.js';
import type { Config } from '../server/config.js';
import type { Store } from '../store/store.js';
import { failed, listed, passed, type Check } from './check.js';
import { boundChannel, type NeededChannel } from './channels.js';

type SlackConfig = NonNullable<Config['slack']>;

const SILENT: webApi.Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => webApi.LogLevel.ERROR, setName: () => {} };

/** A client that answers at once: no retries, a bounded wait, rate limits reported rather than waited out. */
export function doctorSlackClient(config: SlackConfig): webApi.WebClient {
  return new webApi.WebClient(config.botToken, { ...slackClientOptions(config.apiUrl), retryConfig: { retries: 0 }, timeout: 10_000, rejectRateLimitedCalls: true, logger: SILENT });
}

/** The token and its scopes; `works` false when the token does not (then nothing else is asked of Slack). */
export async function slackTokenChecks(client: webApi.WebClient): Promise<{ checks: Check[]; works: boolean }> {
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client.auth.test();
  } catch (error) {
    return { checks: [tokenFailure(error)], works: false };
  }
  return { checks: scopeChecks(auth), works: true };
}

function scopeChecks(auth: webApi.AuthTestResponse): Check[] {
  const token = passed('Slack token', `works: workspace ${auth.team ?? '?'}, bot user ${auth.user ?? '?'}`);
  const granted = auth.response_metadata?.scopes;
  if (granted === undefined) return [token, failed('Slack scopes', 'Slack did not say which scopes the token has', 'use the Bot User OAuth Token (xoxb-) of the app installed from manifests/slack/manifest.yaml')];
  const missing = SLACK_BOT_SCOPES.filter((s) => !granted.includes(s));
  return [
    token,
    missing.length === 0
      ? passed('Slack scopes', `the manifest's ${SLACK_BOT_SCOPES.length} bot scopes are granted`)
      : failed('Slack scopes', `not granted: ${listed(missing)}`, 'update the app from manifests/slack/manifest.yaml (App Manifest in the app settings) and reinstall it to the workspace, then set the new SLACK_BOT_TOKEN'),
  ];
}

function tokenFailure(error: unknown): Check {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof code === 'string') {
    return failed('Slack token', `auth.test refused it: ${code} (scopes and channels not checked)`, 'set SLACK_BOT_TOKEN to the Bot User OAuth Token (OAuth & Permissions in the app settings) of the installed app');
  }
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return failed('Slack token', `could not reach Slack's Web API: ${reason} (scopes and channels not checked)`, 'check this machine can reach slack.com (or SLACK_API_URL, if set)');
}

export async function slackChannelCheck(client: webApi.WebClient, store: Store, channel: NeededChannel): Promise<Check> {
  const name = `Slack ${channel.label}`;
  const invite = `in ${channel.whose}, /invite @Waymark and type /waymark setup ${channel.what} (as a member of staff with the admin role)`;
  const id = await boundChannel(store, 'slack', channel.what);
  if (id === null) return failed(name, 'not bound: nothing will be posted', invite);
  let info: webApi.ConversationsInfoResponse;
  try {
    info = await client.conversations.info({ channel: id });
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (code === 'channel_not_found') return failed(name, `bound to ${id}, which does not exist or Waymark cannot see (a private channel it was removed from)`, invite);
    return failed(name, `bound to ${id}; Slack answered: ${typeof code === 'string' ? code : (error as Error).message}`, 'see the Slack scopes and token checks above');
  }
  const label = `#${info.channel?.name ?? id} (${id})`;
  if (info.channel?.is_archived) return failed(name, `${label} is archived`, invite);
  if (info.channel?.is_member !== true) return failed(name, `Waymark is not in ${label}: it cannot post there`, `in ${label}, /invite @Waymark`);
  return passed(name, `${label}, and Waymark is in it`);
}
