/**
 * `waymark doctor [--json]` (issue 16): a deployment checked end to end against the
 * embedded database, a recording fake Slack Web API (SLACK_API_URL) and stored Teams
 * conversation references. Exit 0 only when every check passes.
 */
import { createServer } from 'node:net';
import { ConversationRefs } from '../../src/bots/teams/conversation-refs.js';
import { doctorCommand } from '../../src/cli/doctor.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { SLACK_BOT_SCOPES } from '../../src/bots/slack/slack-api.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../src/rules/packs/index.js';
import { JOBS, JOBS_COLLECTION, Scheduler, weeklyMeetings } from '../../src/scheduler/scheduler.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { models } from '../../src/store/mongo/models.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import type { StaffRecord } from '../../src/store/records.js';
import { startFakeSlack, type FakeSlack } from '../bots/slack/fake-slack.js';
import { learner, logged } from '../store/contract/harness.js';
import { runCommand } from './run-cli.js';
import { configFrom } from '../../src/server/config.js';
import { webPagesCheck } from '../../src/doctor/config-checks.js';

interface Checked {
  name: string;
  ok: boolean;
  detail: string;
  fix: string | null;
}

let server: EmbeddedMongo;
let slack: FakeSlack;
let databases = 0;
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  slack = await startFakeSlack({
    answers: {
      'auth.test': () => ({ body: { team: 'Acme Training', user: 'waymark' }, headers: { 'x-oauth-scopes': SLACK_BOT_SCOPES.join(',') } }),
      'conversations.info': (args) => ({ body: { channel: { id: args.channel, name: String(args.channel).toLowerCase(), is_member: true, is_archived: false } } }),
    },
  });
});
afterAll(async () => {
  await slack.close();
  await server.close();
});

/** A fresh database on the embedded server, and its URI. */
function freshUri(): string {
  return server.uri.replace('/?', `/doctor-${++databases}?`);
}

async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number; report: { ok: boolean; checks: Checked[] }; stderr: string }> {
  const run = await runCommand(doctorCommand, ['--json'], env);
  return { code: run.code, report: JSON.parse(run.stdout), stderr: run.stderr };
}

const failing = (checks: Checked[]) => checks.filter((c) => !c.ok).map((c) => c.name);
const named = (checks: Checked[], name: string) => checks.find((c) => c.name === name)!;

test('an empty database: exit 1, naming every role nobody holds, the missing admin, indexes, jobs and data; nothing written', async () => {
  const uri = freshUri();
  const { code, report } = await doctor({ MONGODB_URI: uri });
  expect(code).toBe(1);
  expect(report.ok).toBe(false);
  expect(failing(report.checks)).toEqual(['chat platforms', 'web pages', 'database indexes', 'scheduler jobs', 'roles staffed (atl)', 'admin', 'data feed']);
  const atlRoles = builtinPack('atl')!.roles.filter((r) => !r.external);
  expect(atlRoles).toHaveLength(8);
  const roles = named(report.checks, 'roles staffed (atl)');
  for (const role of atlRoles) expect(roles.detail).toContain(`${role.id} (${role.name})`);
  expect(roles.detail).not.toContain('learner (');
  expect(roles.fix).toContain('waymark import staff');
  expect(named(report.checks, 'admin').detail).toContain('nobody in the staff directory holds the admin role');
  expect(named(report.checks, 'scheduler jobs').detail).toContain('the bot has not run against this database');
  expect(named(report.checks, 'database').detail).toContain('reachable at mongodb://127.0.0.1:');
  for (const check of report.checks) expect(check.fix === null).toBe(check.ok);
  // Read only: no collection or index was made by looking.
  const after = await openStore({ uri, readOnly: true });
  try {
    expect(await after.connection.db!.listCollections().toArray()).toEqual([]);
    const declared = Object.values(models(after.connection)).reduce((n, model) => n + model.schema.indexes().length, 0);
    expect(declared).toBeGreaterThan(10);
    expect(named(report.checks, 'database indexes').detail).toMatch(
      new RegExp(`^${declared} indexes missing: learners \\{ coach: 1 \\}, staff \\{ roles: 1 \\}, staff \\{ slackUserId: 1 \\} unique, .* and ${declared - 10} more$`),
    );
  } finally {
    await after.close();
  }
});

test('an unreachable database: exit 1, a failed check naming it and MONGODB_URI, nothing thrown', async () => {
  const port = await closedPort();
  const { code, report, stderr } = await doctor({ MONGODB_URI: `mongodb://127.0.0.1:${port}/waymark?directConnection=true` });
  expect(code).toBe(1);
  expect(stderr).toBe('');
  expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
    ['configuration', true],
    ['chat platforms', false],
    ['web pages', false],
    ['policy packs', true],
    ['database', false],
    ['Slack', true],
    ['Teams', true],
  ]);
  const database = named(report.checks, 'database');
  expect(database.detail).toContain(`could not reach the database at mongodb://127.0.0.1:${port}/waymark (MONGODB_URI)`);
  expect(database.detail).toContain('ECONNREFUSED');
  expect(database.fix).toContain('MONGODB_URI');
});

test('no MONGODB_URI: only the configuration and packs are checked, and it says so', async () => {
  const { code, report } = await doctor({});
  expect(code).toBe(1);
  expect(report.checks.map((c) => c.name)).toEqual(['configuration', 'chat platforms', 'web pages', 'policy packs', 'database', 'Slack', 'Teams']);
  expect(named(report.checks, 'database')).toMatchObject({ ok: false, detail: expect.stringContaining('MONGODB_URI is not set: only the configuration was checked') });
});

test('a bad variable fails the configuration check by name, and nothing else is checked', async () => {
  const { code, report } = await doctor({ MONGODB_URI: 'postgres://nope', WAYMARK_LEASE_SECONDS: '1' });
  expect(code).toBe(1);
  expect(report.checks).toHaveLength(1);
  expect(report.checks[0]).toMatchObject({ name: 'configuration', ok: false });
  expect(report.checks[0]!.detail).toContain('MONGODB_URI: must be a MongoDB URI');
  expect(report.checks[0]!.detail).toContain('WAYMARK_LEASE_SECONDS: must be a whole number of seconds from 5 to 600');
});

test('a misspelt WAYMARK_ variable fails the configuration check, naming it', async () => {
  const { report } = await doctor({ WAYMARK_POLICI: 'mtt' });
  expect(report.checks[0]).toMatchObject({ name: 'configuration', ok: false, detail: expect.stringContaining('WAYMARK_POLICI: is not a Waymark variable') });
});

describe('a deployment set up in full', () => {
  let uri: string;
  let opened: OpenStore;
  const env = (): NodeJS.ProcessEnv => ({
    MONGODB_URI: uri,
    SLACK_BOT_TOKEN: 'xoxb-doctor',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: `${slack.url}/api`,
    BOT_ID: 'bot-app-id',
    BOT_PASSWORD: 'bot-secret',
    WAYMARK_PUBLIC_URL: 'https://waymark.acme.test',
    WAYMARK_WEB_SECRET: 'doctor-web-secret-0123456789abcdef',
  });

  beforeAll(async () => {
    uri = freshUri();
    // Opened as the bot opens it: every index built.
    opened = await openStore({ uri });
    const roles = builtinPack('atl')!.roles.filter((r) => !r.external).map((r) => r.id);
    const staff: StaffRecord[] = roles.map((role, i) => ({ id: `${role}@acme.test`, name: `Person ${i}`, roles: i === 0 ? [role, 'admin'] : [role], slackUserId: `U${i}`, teamsUserId: `aad-${i}` }));
    const refs = new ConversationRefs(opened.store);
    for (const s of staff) {
      await opened.store.putStaff(s);
      await refs.remember({ serviceUrl: 'https://smba.test/', conversation: { id: `dm-${s.teamsUserId}`, conversationType: 'personal', isGroup: false, name: '' }, user: { id: `29:${s.teamsUserId}`, aadObjectId: s.teamsUserId, name: s.name } });
    }
    for (const [what, conversation] of [['alerts', 'C-ALERTS'], ['smt', 'C-SMT']] as const) {
      await opened.store.putSetting(`slack:channel:${what}`, conversation);
      await opened.store.putSetting(`teams:channel:${what}`, `19:${what}@thread.tacv2`);
      await refs.remember({ serviceUrl: 'https://smba.test/', conversation: { id: `19:${what}@thread.tacv2`, conversationType: 'channel', isGroup: true, name: what } });
    }
    await opened.store.putLearner(learner('L1', { policy: 'atl', coach: 'coach@acme.test', startDate: '2025-01-06' }));
    await opened.store.appendEvent(recent('L1', 'e1', 2));
    // The bot's scheduler saves its recurring jobs, then stops (releasing its locks).
    const scheduler = new Scheduler({
      db: opened.connection.db!,
      ctx: { store: opened.store, packFor: builtinPack, now: () => new Date() },
      notifier: new RecordingNotifier(),
      meetings: weeklyMeetings(BUILTIN_PACK_IDS.map((id) => builtinPack(id)!)),
    });
    await scheduler.start();
    await scheduler.stop();
  });
  afterAll(async () => {
    await opened.close();
  });

  test('every check passes: exit 0, and Slack was asked about the token and both bound channels', async () => {
    slack.calls.length = 0;
    const run = await runCommand(doctorCommand, [], env());
    expect(run.stdout).toContain('✓ Slack scopes:');
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('All 26 checks pass.');
    expect(run.code).toBe(0);

    const { code, report } = await doctor(env());
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'configuration', 'chat platforms', 'web pages', 'policy packs', 'database', 'database server', 'database indexes', 'database clock',
      'scheduler jobs', 'scheduler locks', 'roles staffed (atl)', 'admin', "learners' policies", "learners' coaches",
      'Slack token', 'Slack scopes', 'staff linked on Slack', 'Slack alerts channel', 'Slack SMT channel',
      'Teams credentials', 'staff linked on Teams', 'Teams alerts channel', 'Teams SMT channel', 'Teams approvers reachable',
      'data feed', 'learners heard of in 30 days',
    ]);
    expect(failing(report.checks)).toEqual([]);
    expect(report.checks.every((c) => c.fix === null)).toBe(true);
    expect(named(report.checks, 'Slack alerts channel').detail).toBe('#c-alerts (C-ALERTS), and Waymark is in it');
    expect(slack.of('conversations.info').map((a) => a.channel).sort()).toEqual(['C-ALERTS', 'C-ALERTS', 'C-SMT', 'C-SMT']);
    expect(slack.of('auth.test')).toHaveLength(2);
  });

  test('a stuck scheduler lock, a learner quiet for 30 days and a coach not in the directory are reported', async () => {
    await opened.connection.db!.collection(JOBS_COLLECTION).updateOne({ name: JOBS.coachDigest }, { $set: { lockedAt: new Date(Date.now() - 10 * 60_000) } });
    await opened.store.putLearner(learner('L2', { policy: 'atl', coach: 'gone@acme.test', startDate: '2025-01-06' }));
    await opened.store.appendEvent(recent('L2', 'e1', 31));
    await opened.store.putLearner(learner('L3', { policy: 'atl', coach: 'coach@acme.test', startDate: '2025-01-06' }));
    try {
      const { code, report } = await doctor(env());
      expect(code).toBe(1);
      expect(failing(report.checks)).toEqual(['scheduler locks', "learners' coaches", 'learners heard of in 30 days']);
      expect(named(report.checks, 'scheduler locks').detail).toMatch(/^1 job locked past the 60 s lock lifetime: coach-digest \(locked since /);
      expect(named(report.checks, "learners' coaches").detail).toBe('1 learner whose coach is not in the staff directory: L2 (gone@acme.test)');
      const quiet = named(report.checks, 'learners heard of in 30 days').detail;
      expect(quiet).toMatch(/^2 learners with no event for 30 days: L2 \(last \d{4}-\d\d-\d\d\), L3 \(no event ever\)$/);
      expect(quiet).not.toContain('L1');
    } finally {
      await opened.connection.db!.collection(JOBS_COLLECTION).updateOne({ name: JOBS.coachDigest }, { $unset: { lockedAt: true } });
    }
  });

  test('Slack missing a scope, channels gone or without Waymark, and Teams approvers and a channel with no reference each fail', async () => {
    const scopes = SLACK_BOT_SCOPES.filter((s) => s !== 'groups:read');
    const partial = await startFakeSlack({
      answers: {
        'auth.test': () => ({ body: { team: 'Acme', user: 'waymark' }, headers: { 'x-oauth-scopes': scopes.join(',') } }),
        'conversations.info': (args) => (args.channel === 'C-SMT' ? { body: { ok: false, error: 'channel_not_found' } } : { body: { channel: { id: args.channel, name: 'alerts', is_member: false } } }),
      },
    });
    await opened.store.putStaff({ id: 'new-manager@acme.test', name: 'New Manager', roles: ['sector-manager'], slackUserId: 'U-NEW' });
    await opened.store.putSetting('teams:channel:smt', '19:removed@thread.tacv2');
    // Linked, but has not installed the app: no conversation reference.
    await opened.store.putStaff({ id: 'no-app@acme.test', name: 'No App', roles: ['sector-manager'], slackUserId: 'U-NOAPP', teamsUserId: 'aad-noapp' });
    try {
      const { report } = await doctor({ ...env(), SLACK_API_URL: `${partial.url}/api/` });
      expect(named(report.checks, 'Slack scopes')).toMatchObject({ ok: false, detail: 'not granted: groups:read' });
      expect(named(report.checks, 'Slack alerts channel')).toMatchObject({ ok: false, detail: 'Waymark is not in #alerts (C-ALERTS): it cannot post there' });
      expect(named(report.checks, 'Slack SMT channel').detail).toContain('bound to C-SMT, which does not exist');
      expect(named(report.checks, 'Teams SMT channel').detail).toBe('bound to 19:removed@thread.tacv2, but no conversation reference is held for it: Waymark cannot post there');
      expect(named(report.checks, 'Teams alerts channel').ok).toBe(true);
      expect(named(report.checks, 'staff linked on Teams').detail).toMatch(/not linked: new-manager@acme\.test$/);
      expect(named(report.checks, 'Teams approvers reachable').detail).toMatch(/^2 of \d+ approvers cannot be sent a message .*: new-manager@acme\.test, no-app@acme\.test$/);
    } finally {
      await opened.store.putSetting('teams:channel:smt', '19:smt@thread.tacv2');
      await opened.connection.collection('staff').deleteMany({ _id: { $in: ['new-manager@acme.test', 'no-app@acme.test'] } as never });
      await partial.close();
    }
  });
});

/** A feed event `days` ago. */
function recent(learnerId: string, key: string, days: number) {
  const at = new Date(Date.now() - days * DAY).toISOString();
  return { ...logged(learnerId, key, at, at), policy: 'atl' };
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

describe('the web pages check', () => {
  const base = { MONGODB_URI: 'mongodb://127.0.0.1:1/waymark', SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's' };
  const check = (env: NodeJS.ProcessEnv) => {
    const parsed = configFrom(env);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    return webPagesCheck(parsed.config);
  };
  test.each([
    ['no public address', {}, false, 'WAYMARK_PUBLIC_URL is unset'],
    ['plain http to another machine', { WAYMARK_PUBLIC_URL: 'http://waymark.acme.test', WAYMARK_WEB_SECRET: 'x'.repeat(32) }, false, 'would travel unencrypted'],
    ['no signing key', { WAYMARK_PUBLIC_URL: 'https://waymark.acme.test' }, false, 'WAYMARK_WEB_SECRET is unset'],
    ['an https address and a key', { WAYMARK_PUBLIC_URL: 'https://waymark.acme.test/', WAYMARK_WEB_SECRET: 'x'.repeat(32) }, true, 'at https://waymark.acme.test/web, links signed with WAYMARK_WEB_SECRET'],
    ['http on this machine', { WAYMARK_PUBLIC_URL: 'http://localhost:3978', WAYMARK_WEB_SECRET: 'x'.repeat(32) }, true, 'at http://localhost:3978/web'],
  ] as const)('%s', (_name, extra, ok, detail) => {
    const result = check({ ...base, ...extra });
    expect(result.ok).toBe(ok);
    expect(result.detail).toContain(detail);
    expect(result.fix === null).toBe(ok);
  });
  test('local mode needs neither', () => {
    expect(check({})).toMatchObject({ ok: true, detail: 'http://localhost:3978 (local mode)' });
  });
  test('a key shorter than 32 characters is refused by the configuration itself', () => {
    const parsed = configFrom({ ...base, WAYMARK_WEB_SECRET: 'short' });
    expect(parsed).toEqual({ ok: false, problems: [expect.stringContaining('WAYMARK_WEB_SECRET: must be at least 32 characters')] });
  });
});
