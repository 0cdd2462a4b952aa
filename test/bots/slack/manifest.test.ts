/**
 * The Slack app manifest agrees with the code: the command Bolt listens for, the path the
 * receiver serves, the events it handles, and no more scopes than it uses.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SLACK_BOT_SCOPES } from '../../../src/bots/slack/slack-api.js';
import { SLACK_EVENTS_PATH } from '../../../src/bots/slack/slack-app.js';
import { SLASH_COMMAND } from '../../../src/bots/slack/slash-command.js';

const manifest = parse(readFileSync(new URL('../../../manifests/slack/manifest.yaml', import.meta.url), 'utf8'));

test('the command, its escaping of mentions, and every URL point at the receiver', () => {
  const [command] = manifest.features.slash_commands;
  expect(command).toMatchObject({ command: SLASH_COMMAND, should_escape: true });
  for (const url of [command.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url]) {
    expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
  }
});

test('the smallest set of bot scopes (users:read.email, granted only with users:read, to link staff by e-mail), and the one event Waymark handles', () => {
  expect(manifest.oauth_config.scopes.bot).toEqual(['chat:write', 'commands', 'users:read', 'users:read.email', 'channels:read', 'groups:read']);
  // What `waymark doctor` checks the granted scopes against.
  expect(manifest.oauth_config.scopes.bot).toEqual(SLACK_BOT_SCOPES);
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
});
