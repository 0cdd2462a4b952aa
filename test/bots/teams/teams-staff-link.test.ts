/**
 * Staff linked to Teams by e-mail from the team roster, read through the real SDK
 * (TeamsInfo over the CloudAdapter against the local connector) when Waymark is added to
 * a team: no Graph permission. Whoever is not in the roster is reported; explicit ids win.
 */
import { person } from '../../cases/harness.js';
import { openTeamsProvider, type TeamsProvider } from './teams-harness.js';

let p: TeamsProvider;
beforeAll(async () => {
  p = await openTeamsProvider(
    'teams-staff-link',
    [
      person('ana@provider.org', ['admin', 'coach'], { name: 'Ana Lee' }),
      person('bo@provider.org', ['directors'], { name: 'Bo Nash' }),
      person('cy@provider.org', ['coach'], { name: 'Cy Explicit', teamsUserId: 'aad-given' }),
      person('di@provider.org', ['coach'], { name: 'Di Unknown' }),
    ],
    [],
    '2026-12-22T09:00:00Z',
  );
});
afterAll(() => p.close());

const team = { id: '19:staff-team@thread.tacv2', conversationType: 'channel' as const };

test('added to a team, Waymark reads its roster and links staff by e-mail or sign-in name; the rest are reported', async () => {
  p.connector.roster = [
    { id: '29:ana', aadObjectId: 'aad-ana', name: 'Ana Lee', email: 'Ana@Provider.org', userPrincipalName: 'ana@provider.org' },
    { id: '29:bo', aadObjectId: 'aad-bo', name: 'Bo Nash', userPrincipalName: 'bo@provider.org' },
    { id: '29:cy', aadObjectId: 'aad-cy', name: 'Cy Explicit', email: 'cy@provider.org' },
    { id: '29:zed', aadObjectId: 'aad-zed', name: 'Zed Stranger', email: 'zed@elsewhere.org' },
  ];
  await p.install({ aadObjectId: 'aad-ana', name: 'Ana Lee' }, team);

  expect(p.connector.calls.filter((c) => c.method === 'GET' && c.path.startsWith(`/v3/conversations/${encodeURIComponent(team.id)}/pagedmembers`))).toHaveLength(1);
  expect((await p.opened.store.getStaff('ana@provider.org'))?.teamsUserId).toBe('aad-ana');
  expect((await p.opened.store.getStaff('bo@provider.org'))?.teamsUserId).toBe('aad-bo');
  expect((await p.opened.store.getStaff('cy@provider.org'))?.teamsUserId).toBe('aad-given');
  expect((await p.opened.store.getStaff('di@provider.org'))?.teamsUserId).toBeUndefined();
  const report = p.logged.filter((l) => l.startsWith('teams staff link: '));
  expect(report).toEqual([
    'teams staff link: teams: linked Ana Lee (ana@provider.org) to aad-ana',
    'teams staff link: teams: linked Bo Nash (bo@provider.org) to aad-bo',
    'teams staff link: teams: not found: Di Unknown (di@provider.org): no Teams user has this e-mail; check it, or give their Teams id in the staff directory',
    'teams staff link: teams: 2 linked, 1 already linked, 1 not found',
  ]);

  // Linked, Ana is known when she writes to the bot.
  const before = p.connector.calls.length;
  await p.say({ aadObjectId: 'aad-ana', name: 'Ana Lee' }, 'help');
  await p.connector.until((calls) => calls.length > before);
  expect(JSON.stringify(p.connector.calls.at(-1)?.body)).toContain('keeping learners on track');
});

test('someone added to the team later is linked then; a roster that cannot be read is logged, never a failed turn', async () => {
  p.connector.roster = [{ id: '29:di', aadObjectId: 'aad-di', name: 'Di Unknown', email: 'di@provider.org' }];
  await p.install({ aadObjectId: 'aad-ana', name: 'Ana Lee' }, team);
  expect((await p.opened.store.getStaff('di@provider.org'))?.teamsUserId).toBe('aad-di');
  expect(p.logged.at(-1)).toBe('teams staff link: teams: 1 linked, 3 already linked, 0 not found');

  p.connector.failNext(403, 1);
  await p.install({ aadObjectId: 'aad-ana', name: 'Ana Lee' }, team);
  expect(p.logged.at(-1)).toMatch(/^teams staff link: the roster could not be read: /);
});
