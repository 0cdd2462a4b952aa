/**
 * The checks that need nothing but the environment and the pack files: every variable
 * valid, a chat platform to reach people on, and the policy packs loading.
 */
import type { PackRegistry } from '../pack-files/pack-registry.js';
import type { Loaded } from '../pack-files/load-pack.js';
import type { Config } from '../server/config.js';
import { failed, passed, type Check } from './check.js';

/** `parsed` is configFrom's answer; `warnings` configWarnings' (names Waymark would ignore). */
export function configurationCheck(parsed: { ok: true; config: Config } | { ok: false; problems: string[] }, warnings: readonly string[]): Check {
  if (parsed.ok && warnings.length > 0) {
    return failed('configuration', warnings.join('; '), 'correct or remove these variables (a misspelt name leaves the setting you meant at its default)');
  }
  if (!parsed.ok) {
    return failed(
      'configuration',
      `${parsed.problems.join('; ')} (nothing else was checked: the other checks need a valid configuration)`,
      'correct these variables in the environment or .env (every variable is described in .env.example), then run waymark doctor again',
    );
  }
  const c = parsed.config;
  const slack = c.slack === null ? 'off' : c.slack.appToken ? 'on (Socket Mode)' : 'on';
  return passed(
    'configuration',
    `every variable valid: database ${c.mongodbUri === undefined ? 'MONGODB_URI unset' : databaseLabel(c.mongodbUri)}, policy ${c.policy}, Slack ${slack}, Teams ${c.teams === null ? 'off' : 'on'}, data feed API ${c.apiKeys.length > 0 ? 'on' : 'off'}`,
  );
}

export function chatPlatformsCheck(config: Config): Check {
  if (config.slack === null && config.teams === null) {
    return failed(
      'chat platforms',
      'neither Slack nor Teams is set up: alerts and approvals reach nobody',
      'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README, "Connecting Slack") or BOT_ID and BOT_PASSWORD (README, "Connecting Microsoft Teams")',
    );
  }
  return passed('chat platforms', [config.slack && 'Slack', config.teams && 'Teams'].filter(Boolean).join(' and '));
}

/**
 * The web pages (register, charts, chronology) are opened by links the bot gives: it needs
 * its public address to make them, and a key every instance shares to sign them.
 */
export function webPagesCheck(config: Config): Check {
  const { publicUrl, secret } = config.web;
  if (publicUrl === undefined) {
    if (config.local) return passed('web pages', `http://localhost:${config.port} (local mode)`);
    return failed(
      'web pages',
      'WAYMARK_PUBLIC_URL is unset: "register" and the Register and Chronology buttons cannot give links, and the SMT digest goes without its chart',
      "set WAYMARK_PUBLIC_URL to the bot's https:// address (the one Slack and Teams reach)",
    );
  }
  const url = new URL(publicUrl);
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    return failed('web pages', `WAYMARK_PUBLIC_URL is ${publicUrl}: pages of learners' personal data would travel unencrypted`, 'serve the bot over https (a reverse proxy or the platform\'s TLS) and set WAYMARK_PUBLIC_URL to that https:// address');
  }
  if (secret === undefined && !config.local) {
    return failed('web pages', 'WAYMARK_WEB_SECRET is unset: links stop working whenever the bot restarts, and links one instance gives fail on another', 'set WAYMARK_WEB_SECRET to a random string of 32 characters or more (openssl rand -hex 32), the same on every instance');
  }
  return passed('web pages', `at ${publicUrl}/web, links signed ${secret === undefined ? 'with a key for this start' : 'with WAYMARK_WEB_SECRET'}`);
}

export function packsCheck(loaded: Loaded<PackRegistry>): Check {
  if (!loaded.ok) {
    return failed('policy packs', loaded.lines.join('; '), 'correct the pack files named (waymark policy check <file> lists every problem), or WAYMARK_POLICY / WAYMARK_PACKS');
  }
  const registry = loaded.value;
  const inForce = registry.packs.get(registry.defaultPolicy)!;
  const own = [...registry.packs.values()].filter((p) => !p.builtin).length;
  return passed('policy packs', `load: WAYMARK_POLICY ${registry.defaultPolicy} ${inForce.pack.version}${own > 0 ? `, and ${own} of your own` : ''}`);
}

/** A MongoDB URI without its credentials or options: which server, safe to print. */
export function databaseLabel(uri: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?([^/?]*)(\/[^?]*)?/.exec(uri);
  return match ? `${match[1]}${match[2]}${match[3] ?? ''}` : 'MONGODB_URI';
}
