/**
 * The configuration: defaults with nothing set, and one precise line per bad variable.
 */
import { configFrom, configWarnings } from '../../src/server/config.js';

test('nothing set: the embedded store, port 3978, the atl policy, no feed, no Slack', () => {
  expect(configFrom({})).toEqual({
    ok: true,
    config: { mongodbUri: undefined, port: 3978, host: '127.0.0.1', policy: 'atl', packs: [], apiKeys: [], slack: null, teams: null, logLevel: 'info', web: { publicUrl: undefined, secret: undefined }, leaseMs: 60_000, retentionYears: 6, local: { demo: true, playground: true, playgroundPort: 56150 } },
  });
  // A copied .env.example leaves variables empty: the same as unset.
  expect(configFrom({ MONGODB_URI: '', SLACK_BOT_TOKEN: ' ', PORT: '' })).toMatchObject({ ok: true, config: { mongodbUri: undefined, slack: null, port: 3978 } });
});

test('everything set', () => {
  const env = {
    MONGODB_URI: 'mongodb+srv://u:p@cluster.example/waymark',
    PORT: '8080',
    WAYMARK_POLICY: 'mtt',
    WAYMARK_PACKS: 'packs/acme.json, more-packs',
    WAYMARK_API_KEYS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbb',
    SLACK_BOT_TOKEN: 'xoxb-1',
    SLACK_SIGNING_SECRET: 's',
    SLACK_APP_TOKEN: 'xapp-1',
    BOT_ID: 'bot-app-id',
    BOT_PASSWORD: 'pw',
    LOG_LEVEL: 'debug',
    WAYMARK_LEASE_SECONDS: '30',
    WAYMARK_RETENTION_YEARS: '7',
    WAYMARK_PUBLIC_URL: 'https://waymark.example.ac.uk/',
    WAYMARK_WEB_SECRET: 'a-web-secret-of-at-least-32-characters',
  };
  expect(configFrom(env)).toEqual({
    ok: true,
    config: {
      mongodbUri: env.MONGODB_URI,
      port: 8080,
      policy: 'mtt',
      packs: ['packs/acme.json', 'more-packs'],
      apiKeys: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbb'],
      slack: { botToken: 'xoxb-1', signingSecret: 's', appToken: 'xapp-1', apiUrl: undefined },
      teams: { botId: 'bot-app-id', botPassword: 'pw', tenantId: undefined, botType: 'MultiTenant' },
      logLevel: 'debug',
      // The public address without its trailing slash: links are made by appending paths.
      web: { publicUrl: 'https://waymark.example.ac.uk', secret: env.WAYMARK_WEB_SECRET },
      leaseMs: 30_000,
      retentionYears: 7,
      local: null,
    },
  });
});

test('each bad variable is one line naming it and what it expects', () => {
  expect(
    configFrom({
      MONGODB_URI: 'postgres://x',
      PORT: '99999',
      WAYMARK_API_KEYS: 'short',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      LOG_LEVEL: 'loud',
      WAYMARK_LEASE_SECONDS: '4',
    }),
  ).toEqual({
    ok: false,
    problems: [
      'MONGODB_URI: must be a MongoDB URI (mongodb:// or mongodb+srv://)',
      'PORT: must be a port number (0-65535)',
      'WAYMARK_API_KEYS: each key must be at least 16 characters (use long random strings)',
      'SLACK_BOT_TOKEN: must be a bot token starting xoxb-',
      'WAYMARK_LEASE_SECONDS: must be a whole number of seconds from 5 to 600',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'SLACK_SIGNING_SECRET: is required when Slack is set up (set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither)',
    ],
  });
  expect(configFrom({ BOT_ID: 'id', BOT_TYPE: 'SingleTenant' })).toEqual({
    ok: false,
    problems: ["BOT_PASSWORD: is required with BOT_ID (the Azure Bot's client secret), unless BOT_TYPE is UserAssignedMSI", 'BOT_TENANT_ID: is required when BOT_TYPE is SingleTenant'],
  });
  expect(configFrom({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual({
    ok: false,
    problems: ['SLACK_SIGNING_SECRET: is required when Slack is set up (set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither)'],
  });
});

test('an unknown WAYMARK_* variable is a warning naming it and the nearest known name; known ones and other variables are not', () => {
  expect(configWarnings({ WAYMARK_POLCY: 'mtt', WAYMARK_API_KEY: 'x', WAYMARK_COLOUR: 'blue', WAYMARK_POLICY: 'atl', WAYMARK_STRESS: '1', HOME: '/root', PORT: '1' })).toEqual([
    'WAYMARK_API_KEY: is not a Waymark variable and is ignored; did you mean WAYMARK_API_KEYS? (every variable is in .env.example)',
    'WAYMARK_COLOUR: is not a Waymark variable and is ignored (every variable is in .env.example)',
    'WAYMARK_POLCY: is not a Waymark variable and is ignored; did you mean WAYMARK_POLICY? (every variable is in .env.example)',
  ]);
  expect(configWarnings({ WAYMARK_DEMO: 'off', WAYMARK_PLAYGROUND: 'off', WAYMARK_PLAYGROUND_PORT: '0', WAYMARK_LEASE_SECONDS: '5', WAYMARK_PACKS: '' })).toEqual([]);
});

test('HOST: loopback by default in local mode only; as given otherwise; a bad one named', () => {
  expect(configFrom({ MONGODB_URI: 'mongodb://db/waymark' })).toMatchObject({ ok: true, config: { host: undefined } });
  expect(configFrom({ HOST: '0.0.0.0' })).toMatchObject({ ok: true, config: { host: '0.0.0.0' } });
  expect(configFrom({ HOST: '::1', MONGODB_URI: 'mongodb://db/waymark' })).toMatchObject({ ok: true, config: { host: '::1' } });
  expect(configFrom({ HOST: 'every interface' })).toEqual({ ok: false, problems: ['HOST: must be an address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0'] });
});

test('the web pages: an address that is not http(s), or a short secret, is one line naming the variable', () => {
  expect(configFrom({ WAYMARK_PUBLIC_URL: 'ftp://waymark.example.ac.uk', WAYMARK_WEB_SECRET: 'x'.repeat(31) })).toEqual({
    ok: false,
    problems: [
      'WAYMARK_PUBLIC_URL: must be an http:// or https:// address, e.g. https://waymark.example.ac.uk',
      'WAYMARK_WEB_SECRET: must be at least 32 characters (a long random string, e.g. openssl rand -hex 32)',
    ],
  });
  expect(configFrom({ WAYMARK_PUBLIC_URL: 'http://localhost:3978', WAYMARK_WEB_SECRET: 'x'.repeat(32) })).toMatchObject({ ok: true, config: { web: { publicUrl: 'http://localhost:3978', secret: 'x'.repeat(32) } } });
});
