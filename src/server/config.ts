/**
 * The bot's configuration, from the environment (and a .env file, loaded by `waymark run`),
 * checked with zod before anything starts. A missing or bad value is one line naming the
 * variable and what it expects. Secrets come only from here; they are never logged.
 */
import { z } from 'zod/v4';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z
  .object({
    MONGODB_URI: optionalText.refine((v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v), 'must be a MongoDB URI (mongodb:// or mongodb+srv://)'),
    PORT: optionalText
      .transform((v) => (v === undefined ? 3978 : Number(v)))
      .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'must be a port number (0-65535)'),
    // Where to listen; unset: loopback only in local mode (it serves Teams anonymously as a
    // user with every role), every interface otherwise.
    HOST: optionalText.refine((v) => v === undefined || /^[\w.:-]+$/.test(v), 'must be an address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0'),
    // A built-in id or a pack file; the packs themselves are loaded and checked at start.
    WAYMARK_POLICY: optionalText.transform((v) => v ?? 'atl'),
    WAYMARK_PACKS: optionalText.transform((v) => (v === undefined ? [] : v.split(',').map((p) => p.trim()).filter((p) => p !== ''))),
    WAYMARK_API_KEYS: optionalText
      .transform((v) => (v === undefined ? [] : v.split(',').map((k) => k.trim()).filter((k) => k !== '')))
      .refine((keys) => keys.every((k) => k.length >= 16), 'each key must be at least 16 characters (use long random strings)'),
    SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting xoxb-'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting xapp-'),
    SLACK_API_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), 'must be a URL'),
    BOT_ID: optionalText,
    BOT_PASSWORD: optionalText,
    BOT_TENANT_ID: optionalText,
    BOT_TYPE: optionalText.refine((v) => v === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v), 'must be MultiTenant, SingleTenant or UserAssignedMSI'),
    WAYMARK_DEMO: optionalText.refine((v) => v === undefined || v === 'on' || v === 'off', 'must be on or off'),
    WAYMARK_PLAYGROUND: optionalText.refine((v) => v === undefined || v === 'on' || v === 'off', 'must be on or off'),
    WAYMARK_PLAYGROUND_PORT: optionalText
      .transform((v) => (v === undefined ? 56150 : Number(v)))
      .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'must be a port number (0-65535)'),
    WAYMARK_LEASE_SECONDS: optionalText
      .transform((v) => (v === undefined ? 60 : Number(v)))
      .refine((n) => Number.isInteger(n) && n >= 5 && n <= 600, 'must be a whole number of seconds from 5 to 600'),
    // Years a learner's personal data is kept after their learning ended (README, "Data protection").
    WAYMARK_RETENTION_YEARS: optionalText
      .transform((v) => (v === undefined ? 6 : Number(v)))
      .refine((n) => Number.isInteger(n) && n >= 1 && n <= 100, 'must be a whole number of years from 1 to 100'),
    // The bot's address as people's browsers reach it, for links to the web pages (register,
    // charts, chronology); unset: http://localhost:PORT in local mode, no web links otherwise.
    WAYMARK_PUBLIC_URL: optionalText
      .refine((v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), 'must be an http:// or https:// address, e.g. https://waymark.example.ac.uk')
      .transform((v) => v?.replace(/\/+$/, '')),
    // Signs the links to the web pages; unset: a random key, so links stop working on restart.
    // Every instance behind one address needs the same one.
    WAYMARK_WEB_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters (a long random string, e.g. openssl rand -hex 32)'),
    LOG_LEVEL: optionalText.transform((v) => v ?? 'info').refine((v) => ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v), 'must be one of fatal, error, warn, info, debug, trace, silent'),
  })
  .superRefine((env, ctx) => {
    if ((env.SLACK_BOT_TOKEN === undefined) !== (env.SLACK_SIGNING_SECRET === undefined)) {
      const missing = env.SLACK_BOT_TOKEN === undefined ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when Slack is set up (set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither)' });
    }
    if (env.BOT_ID !== undefined && env.BOT_PASSWORD === undefined && env.BOT_TYPE !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: 'is required with BOT_ID (the Azure Bot\'s client secret), unless BOT_TYPE is UserAssignedMSI' });
    }
    if (env.BOT_TYPE === 'SingleTenant' && env.BOT_TENANT_ID === undefined) {
      ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: 'is required when BOT_TYPE is SingleTenant' });
    }
    if (env.SLACK_APP_TOKEN !== undefined && env.SLACK_BOT_TOKEN === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required with SLACK_APP_TOKEN (Socket Mode still needs the bot token)' });
    }
  });

/** Every variable the bot reads at start-up (the schema above), in the order `.env.example` gives them. */
export const BOT_VARIABLES: readonly string[] = Object.keys(schema.shape);

/**
 * Variables read by Waymark's tools rather than the bot: `waymark cards preview` and the
 * tests (CHROMIUM_PATH), `npm run manifests` (BOT_ID, also the bot's, and BOT_DOMAIN).
 */
export const TOOL_VARIABLES: readonly string[] = ['CHROMIUM_PATH', 'BOT_DOMAIN'];

/** Read by the test suites only (`npm run stress` sets it); never a misspelling. */
const TEST_VARIABLES: readonly string[] = ['WAYMARK_STRESS'];

/**
 * Warnings about the environment that do not stop the bot: a `WAYMARK_*` variable Waymark
 * does not know is most likely a misspelling, and would otherwise be ignored in silence.
 */
export function configWarnings(env: NodeJS.ProcessEnv): string[] {
  const known = [...BOT_VARIABLES, ...TOOL_VARIABLES, ...TEST_VARIABLES];
  return Object.keys(env)
    .filter((name) => name.startsWith('WAYMARK_') && !known.includes(name))
    .sort()
    .map((name) => {
      const near = closest(name, known.filter((k) => k.startsWith('WAYMARK_')));
      return `${name}: is not a Waymark variable and is ignored${near === undefined ? '' : `; did you mean ${near}?`} (every variable is in .env.example)`;
    });
}

/** The known name within a few typing slips of `name`, if there is one. */
function closest(name: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = editDistance(name, candidate);
    if (distance <= 3 && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

export interface Config {
  readonly mongodbUri: string | undefined;
  readonly port: number;
  /** HOST: the address to listen on; undefined = every interface. Local mode defaults to loopback. */
  readonly host: string | undefined;
  /** WAYMARK_POLICY: the pack for learners sent without one, a built-in id or a pack file. */
  readonly policy: string;
  /** WAYMARK_PACKS: more pack files, or folders of them. */
  readonly packs: readonly string[];
  readonly apiKeys: readonly string[];
  readonly slack: { botToken: string; signingSecret: string; appToken: string | undefined; apiUrl: string | undefined } | null;
  /** Bot Framework credentials; null = none (Teams is then served anonymously in local mode only). */
  readonly teams: { botId: string; botPassword: string | undefined; tenantId: string | undefined; botType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' } | null;
  readonly logLevel: string;
  /** WAYMARK_PUBLIC_URL and WAYMARK_WEB_SECRET: where the web pages are and what signs their links. */
  readonly web: { publicUrl: string | undefined; secret: string | undefined };
  /**
   * How long work claimed by an instance (a delivery, a scheduled job) stays its own after
   * that instance goes silent; then another takes it over. The safety-net sweep runs this often.
   */
  readonly leaseMs: number;
  /** WAYMARK_RETENTION_YEARS: learners are erased this many years after their learning ended. */
  readonly retentionYears: number;
  /** Local mode (no MONGODB_URI): the demo provider and the Agents Playground, unless turned off. */
  readonly local: { demo: boolean; playground: boolean; playgroundPort: number } | null;
}

/**
 * WAYMARK_POLICY and WAYMARK_PACKS alone, for the commands that load the packs but need
 * nothing else of the bot's configuration (import, cases).
 */
export function packSourcesFrom(env: NodeJS.ProcessEnv): { policy: string; packs: string[] } {
  const parsed = schema.shape.WAYMARK_POLICY.safeParse(env.WAYMARK_POLICY);
  const packs = schema.shape.WAYMARK_PACKS.safeParse(env.WAYMARK_PACKS);
  return { policy: parsed.success ? parsed.data : 'atl', packs: packs.success ? packs.data : [] };
}

/** WAYMARK_RETENTION_YEARS alone (`waymark retention`), or the line naming what is wrong with it. */
export function retentionYearsFrom(env: NodeJS.ProcessEnv): { ok: true; years: number } | { ok: false; problem: string } {
  const parsed = schema.shape.WAYMARK_RETENTION_YEARS.safeParse(env.WAYMARK_RETENTION_YEARS);
  return parsed.success ? { ok: true, years: parsed.data } : { ok: false, problem: `WAYMARK_RETENTION_YEARS: ${parsed.error.issues[0]!.message}` };
}

export function configFrom(env: NodeJS.ProcessEnv): { ok: true; config: Config } | { ok: false; problems: string[] } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`) };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      mongodbUri: e.MONGODB_URI,
      port: e.PORT,
      host: e.HOST ?? (e.MONGODB_URI ? undefined : '127.0.0.1'),
      policy: e.WAYMARK_POLICY,
      packs: e.WAYMARK_PACKS,
      apiKeys: e.WAYMARK_API_KEYS,
      slack: e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL } : null,
      teams: e.BOT_ID
        ? { botId: e.BOT_ID, botPassword: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, botType: (e.BOT_TYPE ?? 'MultiTenant') as 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' }
        : null,
      logLevel: e.LOG_LEVEL,
      web: { publicUrl: e.WAYMARK_PUBLIC_URL, secret: e.WAYMARK_WEB_SECRET },
      leaseMs: e.WAYMARK_LEASE_SECONDS * 1_000,
      retentionYears: e.WAYMARK_RETENTION_YEARS,
      local: e.MONGODB_URI
        ? null
        : { demo: e.WAYMARK_DEMO !== 'off', playground: e.WAYMARK_PLAYGROUND !== 'off', playgroundPort: e.WAYMARK_PLAYGROUND_PORT },
    },
  };
}
