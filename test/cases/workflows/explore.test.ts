import { brief, learnerRecord, openProvider, person } from '../harness.js';

test('explore mtt', async () => {
  const p = await openProvider('explore', [
    person('coach@mtt.org', ['coach'], { manager: 'qa@mtt.org' }),
    person('dan@mtt.org', ['directors']),
    person('dee@mtt.org', ['directors']),
    person('lisa@mtt.org', ['learner-support']),
    person('sam@mtt.org', ['safeguarding-team']),
    person('qa@mtt.org', ['quality-lead']),
  ], [learnerRecord('M1', 'mtt', { coach: 'coach@mtt.org' })], '2026-09-08T10:00:00Z');
  const log = (label: string) => console.log(label + '\n' + brief(p.take()).join('\n'));
  await p.feed('M1', { type: 'session.missed', at: '2026-09-08' });
  await p.feed('M1', { type: 'session.missed', at: '2026-09-15' });
  p.now = new Date('2026-09-22T12:00:00Z');
  await p.feed('M1', { type: 'session.missed', at: '2026-09-22' });
  log('after 3 missed');
  const prop = await p.ok('coach@mtt.org', { kind: 'propose', learnerId: 'M1', stage: 'stage-1', reason: 'Three sessions missed, no reply' });
  console.log(JSON.stringify(prop.proposal));
  log('after propose');
  const own = await p.run('coach@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: prop.key, verdict: 'approved' });
  console.log(JSON.stringify(own));
  const both = await Promise.all([
    p.run('dan@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: prop.key, verdict: 'approved' }),
    p.run('dee@mtt.org', { kind: 'decide', learnerId: 'M1', proposal: prop.key, verdict: 'rejected' }),
  ]);
  console.log(JSON.stringify(both, null, 1));
  log('after decide');
  await p.advanceTo('2026-10-01T10:00:00Z');
  log('after advance');
  const detail = await p.queries.caseDetail('coach@mtt.org', 'M1');
  console.log(JSON.stringify(detail, null, 1).slice(0, 3000));
  console.log(JSON.stringify(await p.queries.caseload('coach@mtt.org')));
  console.log((await p.queries.registerCsv('qa@mtt.org')));
  console.log(JSON.stringify(await p.queries.pendingApprovals('dan@mtt.org')));
  await p.close();
});
