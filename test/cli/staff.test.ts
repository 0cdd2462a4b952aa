/**
 * `waymark staff link`: the staff directory in MONGODB_URI linked by e-mail to Slack users
 * (users.lookupByEmail against a recording Web API) and to Teams users (the roster Waymark
 * read when it was added to a team); everyone not found is listed; explicit ids win.
 */
import { saveRoster } from '../../src/bots/teams/saved-roster.js';
import { staffCommand } from '../../src/cli/staff.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { startFakeSlack, type FakeSlack } from '../bots/slack/fake-slack.js';
import { person } from '../cases/harness.js';
import { runCommand } from './run-cli.js';

let server: EmbeddedMongo;
let opened: OpenStore;
let slack: FakeSlack;
beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  opened = await openStore({ uri: server.uri });
  slack = await startFakeSlack();
  await opened.store.putStaff(person('ana@provider.org', ['coach'], { name: 'Ana Lee' }));
  await opened.store.putStaff(person('bo@provider.org', ['directors'], { name: 'Bo Nash', slackUserId: 'U-GIVEN', teamsUserId: 'aad-given' }));
  await opened.store.putStaff(person('di@provider.org', ['coach'], { name: 'Di Unknown' }));
});
afterAll(async () => {
  await slack.close();
  await opened.close();
  await server.close();
});

const env = () => ({ MONGODB_URI: server.uri, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: `${slack.url}/api/` });

test('links Slack and Teams users by e-mail, keeps explicit ids, and lists whoever is not found', async () => {
  slack.usersByEmail = { 'ana@provider.org': 'U-ANA', 'bo@provider.org': 'U-OTHER' };
  await saveRoster(opened.store, [{ aadObjectId: 'aad-di', email: 'di@provider.org' }], new Date('2026-12-01T10:00:00Z'));

  const result = await runCommand(staffCommand, ['link'], env());
  expect(result).toEqual({
    code: 0,
    stderr: '',
    stdout: [
      'slack: linked Ana Lee (ana@provider.org) to U-ANA',
      'slack: not found: Di Unknown (di@provider.org): no Slack user has this e-mail; check it, or give their Slack id in the staff directory',
      'slack: 1 linked, 1 already linked, 1 not found',
      'teams: linked Di Unknown (di@provider.org) to aad-di',
      'teams: not found: Ana Lee (ana@provider.org): no Teams user has this e-mail; check it, or give their Teams id in the staff directory',
      'teams: 1 linked, 1 already linked, 1 not found',
      '',
    ].join('\n'),
  });
  expect(await opened.store.getStaff('bo@provider.org')).toMatchObject({ slackUserId: 'U-GIVEN', teamsUserId: 'aad-given' });
  expect(await opened.store.getStaff('di@provider.org')).toMatchObject({ teamsUserId: 'aad-di' });
  expect((await opened.store.getStaff('di@provider.org'))?.slackUserId).toBeUndefined();
});

test('--json gives each platform\'s report; without a platform or a database it is bad input', async () => {
  const json = await runCommand(staffCommand, ['link', '--json'], env());
  expect(json.code).toBe(0);
  const report = JSON.parse(json.stdout) as { platforms: { platform: string; linked: unknown[]; notFound: { id: string }[] }[] };
  expect(report.platforms.map((r) => [r.platform, r.linked.length, r.notFound.map((n) => n.id)])).toEqual([
    ['slack', 0, ['di@provider.org']],
    ['teams', 0, ['ana@provider.org']],
  ]);
  expect(await runCommand(staffCommand, ['link'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('MONGODB_URI is not set') });
  expect(await runCommand(staffCommand, ['unlink'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown subcommand "unlink"') });
});
