/**
 * Staff linked to Slack by e-mail through the real Web API client (users.lookupByEmail
 * against the local recording Web API): whoever Slack does not know is reported by name,
 * an id already in the directory wins, and a missing scope is one clear problem.
 */
import { linkReportLines } from '../../../src/cases/staff-links.js';
import { person } from '../../cases/harness.js';
import { openSlackProvider, type SlackProvider } from './slack-harness.js';

let p: SlackProvider;
beforeAll(async () => {
  p = await openSlackProvider(
    'slack-staff-link',
    [
      person('ana@provider.org', ['coach'], { name: 'Ana Lee' }),
      person('bo@provider.org', ['directors'], { name: 'Bo Nash' }),
      person('cy@provider.org', ['admin'], { name: 'Cy Explicit', slackUserId: 'U-GIVEN' }),
      person('di@provider.org', ['coach'], { name: 'Di Unknown' }),
    ],
    [],
    '2026-12-22T09:00:00Z',
  );
});
afterAll(() => p.close());

test('staff given only an e-mail are linked; the one Slack does not know is reported; an explicit id wins', async () => {
  p.slack.usersByEmail = { 'ana@provider.org': 'U-ANA', 'bo@provider.org': 'U-BO', 'cy@provider.org': 'U-FROM-EMAIL' };
  const report = await p.bot.linkStaff();

  expect(report.linked).toEqual([
    { id: 'ana@provider.org', name: 'Ana Lee', userId: 'U-ANA' },
    { id: 'bo@provider.org', name: 'Bo Nash', userId: 'U-BO' },
  ]);
  expect(report.kept).toEqual([{ id: 'cy@provider.org', name: 'Cy Explicit', userId: 'U-GIVEN' }]);
  expect(report.notFound).toEqual([{ id: 'di@provider.org', name: 'Di Unknown', reason: expect.stringContaining('no Slack user has this e-mail') }]);
  // Only those without an id were looked up, each by their e-mail.
  expect(p.slack.of('users.lookupByEmail').map((a) => a.email)).toEqual(['ana@provider.org', 'bo@provider.org', 'di@provider.org']);
  expect((await p.opened.store.getStaff('ana@provider.org'))?.slackUserId).toBe('U-ANA');
  expect((await p.opened.store.getStaff('cy@provider.org'))?.slackUserId).toBe('U-GIVEN');
  expect((await p.opened.store.getStaff('di@provider.org'))?.slackUserId).toBeUndefined();
  expect(linkReportLines(report)).toContain('slack: 2 linked, 1 already linked, 1 not found');
  expect(linkReportLines(report).filter((l) => l.includes('not found: Di Unknown (di@provider.org)'))).toHaveLength(1);

  // A linked person is now known when they use the bot.
  const res = await p.command('U-ANA', 'help');
  expect(res.status).toBe(200);
  await p.slack.until((calls) => calls.some((c) => c.method === 'respond' && JSON.stringify(c.args).includes('keeping learners on track')));
});

test('a second run looks up only who is still missing, and an account already linked to someone else is not taken', async () => {
  p.slack.calls.length = 0;
  p.slack.usersByEmail = { 'di@provider.org': 'U-ANA' };
  const report = await p.bot.linkStaff();
  expect(report.linked).toEqual([]);
  expect(report.kept.map((k) => k.id)).toEqual(['ana@provider.org', 'bo@provider.org', 'cy@provider.org']);
  expect(report.notFound).toEqual([{ id: 'di@provider.org', name: 'Di Unknown', reason: 'their Slack account U-ANA is already linked to ana@provider.org' }]);
  expect(p.slack.of('users.lookupByEmail')).toHaveLength(1);
});

test('without the users:read.email scope nobody is linked, and the report says why and what to do', async () => {
  p.slack.usersByEmail = 'missing-scope';
  const report = await p.bot.linkStaff();
  expect(report.linked).toEqual([]);
  expect(report.unavailable).toEqual({ message: 'the Slack app lacks the users:read.email scope', fix: expect.stringContaining('reinstall the app') });
  expect(report.notFound.map((s) => s.id)).toEqual(['di@provider.org']);
  expect(linkReportLines(report)[0]).toMatch(/^slack: could not link anyone: the Slack app lacks the users:read\.email scope; add it/);
});
