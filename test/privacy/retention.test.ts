/**
 * Retention (issue 19): a learner's personal data is kept WAYMARK_RETENTION_YEARS after their
 * learning ended, then erased as `waymark learners erase` erases it; `waymark retention
 * --dry-run` lists who would be, and changes nothing.
 */
import { recordEvent } from '../../src/cases/record-event.js';
import { retentionCommand } from '../../src/cli/retention.js';
import { keptUntil, learningEnded, pastRetention } from '../../src/privacy/retention-rule.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { runCommand } from '../cli/run-cli.js';
import { learner } from '../store/contract/harness.js';

describe('when learning ended, and how long the data is kept', () => {
  const facts = { startDate: '2020-09-01', plannedEndDate: '2022-09-01', lastEventAt: new Date('2022-03-01T12:00:00Z'), withdrawn: false };

  test('the later of the planned end and the last event; a withdrawal ends it at the last event', () => {
    expect(learningEnded(facts)).toBe('2022-09-01');
    expect(learningEnded({ ...facts, lastEventAt: new Date('2022-10-05T23:30:00Z') })).toBe('2022-10-06'); // London day (BST)
    expect(learningEnded({ ...facts, withdrawn: true })).toBe('2022-03-01');
    expect(learningEnded({ startDate: '2020-09-01', lastEventAt: null, withdrawn: false })).toBe('2020-09-01');
  });

  test('kept until the same day `years` later (29 February: 1 March), erased from the day after', () => {
    expect(keptUntil('2022-09-01', 6)).toBe('2028-09-01');
    expect(keptUntil('2024-02-29', 1)).toBe('2025-03-01');
    expect(pastRetention(facts, 6, '2028-09-01')).toBe(false);
    expect(pastRetention(facts, 6, '2028-09-02')).toBe(true);
    expect(pastRetention(facts, 7, '2028-09-02')).toBe(false);
  });
});

describe('waymark retention', () => {
  let server: EmbeddedMongo;
  let opened: OpenStore;
  const env = (years?: string) => ({ MONGODB_URI: server.uri, ...(years ? { WAYMARK_RETENTION_YEARS: years } : {}) });

  beforeAll(async () => {
    server = await startEmbeddedMongo({ port: 0 });
    opened = await openStore({ uri: server.uri });
    const ctx = { store: opened.store, packFor: builtinPack, now: () => new Date('2015-10-01T09:00:00Z') };
    await opened.store.putLearner(learner('OLD', { name: 'Olive Oldfield', startDate: '2014-09-01', plannedEndDate: '2015-09-01' }));
    await opened.store.putLearner(learner('NEW', { name: 'Nia Newman', startDate: '2026-09-01', plannedEndDate: '2027-09-01' }));
    await opened.store.putLearner(learner('OPEN', { name: 'Opal Openshaw', startDate: '2015-09-01', plannedEndDate: '2015-12-01' }));
    for (const at of ['2015-09-08', '2015-09-15', '2015-09-22']) {
      await recordEvent(ctx, { learnerId: 'OPEN', event: { id: at, type: 'session.missed', at, notice: false }, actor: { kind: 'feed', id: 'test' } });
    }
    expect((await opened.store.loadCase('OPEN'))?.state.open).toBe(true);
  });
  afterAll(async () => {
    await opened.close();
    await server.close();
  });

  test('--dry-run lists who is past retention, a learner on the at-risk register as held, and changes nothing', async () => {
    const result = await runCommand(retentionCommand, ['--dry-run'], env());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual([
      "2 learners past 6 years' retention (nothing changed):",
      'OLD  learning ended 2015-09-01, kept until 2021-09-01',
      'OPEN  learning ended 2015-12-01, kept until 2021-12-01  (on the at-risk register: held until the case is closed)',
      '',
    ]);
    expect((await opened.store.getLearner('OLD'))?.name).toBe('Olive Oldfield');
    const json = JSON.parse((await runCommand(retentionCommand, ['--dry-run', '--json'], env('100'))).stdout);
    expect(json).toEqual({ years: 100, dryRun: true, learners: [] });
  });

  test('a bad WAYMARK_RETENTION_YEARS is bad input', async () => {
    expect(await runCommand(retentionCommand, ['--dry-run'], env('0'))).toMatchObject({ code: 2, stderr: 'waymark retention: WAYMARK_RETENTION_YEARS: must be a whole number of years from 1 to 100\n' });
  });

  test('without --dry-run it erases them as erase does, holds the open case, and the audit says it was retention', async () => {
    const result = await runCommand(retentionCommand, [], env());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')[0]).toBe('1 learner erased after 6 years: OLD');
    expect(await opened.store.getLearner('OLD')).toMatchObject({ name: 'Erased learner', erasedAt: expect.any(Date) });
    expect((await opened.store.getLearner('OLD'))?.employer).toBeUndefined();
    expect((await opened.store.getLearner('OPEN'))?.name).toBe('Opal Openshaw');
    expect((await opened.store.getLearner('NEW'))?.name).toBe('Nia Newman');
    expect((await opened.store.erasuresOf('OLD')).map((e) => [e.by, e.reason])).toEqual([['system:retention', 'retention: 6 years after learning ended on 2015-09-01']]);
    // Erased learners are not listed again.
    expect((await runCommand(retentionCommand, ['--dry-run'], env())).stdout.split('\n')[0]).toBe("1 learner past 6 years' retention (nothing changed):");
  });
});
