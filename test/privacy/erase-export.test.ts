/**
 * Issue 19, "done when": against the embedded server (`waymark db`), a learner fed through
 * the data-feed API is exported with everything held about them, then erased so that no
 * collection of the database holds their name, employer or any note; another learner is
 * untouched; the case still rebuilds from the log; `waymark audit` shows the erasure; the
 * chat messages about them are replaced with the "removed" card.
 */
import { readFileSync } from 'node:fs';
import { EJSON } from 'bson';
import { auditCommand } from '../../src/cli/audit.js';
import { learnersCommand } from '../../src/cli/learners.js';
import { rebuildCase } from '../../src/cases/advance-case.js';
import { engineEvent, engineLearner } from '../../src/cases/case-context.js';
import { replay } from '../../src/cases/replay.js';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { createHttpApp } from '../../src/http/app.js';
import { removeErasedMessages, type MessageRemover } from '../../src/privacy/message-removal.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import type { PostedMessage } from '../../src/store/records.js';
import { runCommand, tempDir } from '../cli/run-cli.js';
import { serve, type Served } from '../http/serve.js';

const KEY = 'privacy-test-key-0123456789';
const NOW = new Date('2026-09-25T09:00:00Z');

const SAM = { name: 'Samira Okonkwo-Blake', employer: 'Quillfeather Joinery Ltd', notes: ['rang her mum about the late bus', 'disclosed a worry at home in confidence', 'keep an eye on her attendance'] };
const BO = { name: 'Bo Nakamura-Price', employer: 'Tidewater Plumbing', notes: ['Bo asked for a laptop loan'] };

let server: EmbeddedMongo;
let opened: OpenStore;
let api: Served;
const env = () => ({ MONGODB_URI: server.uri, WAYMARK_POLICY: 'mtt' });

async function allDocuments(): Promise<string> {
  const db = opened.connection.db!;
  const texts: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) texts.push(`${name}: ${EJSON.stringify(doc)}`);
  }
  return texts.join('\n');
}

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  opened = await openStore({ uri: server.uri });
  const ctx = { store: opened.store, packFor: builtinPack, now: () => NOW };
  const service = new CaseService({ ctx, notifier: new RecordingNotifier(), wakeAt: async () => {} });
  api = await serve(createHttpApp({ ctx, service, apiKeys: [KEY], defaultPolicy: 'mtt', ready: async () => null, log: () => {} }), KEY);
  await opened.store.putStaff({ id: 'coach@example.org', name: 'Casey Coach', roles: ['coach'] });
  for (const [id, who] of [['SAM1', SAM], ['BO1', BO]] as const) {
    const learner = { name: who.name, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', plannedEndDate: '2027-09-01', coach: 'coach@example.org', employer: who.employer, policy: 'mtt' };
    expect((await api.request('PUT', `/api/learners/${id}`, { body: learner })).status).toBe(201);
  }
  const events = [
    { id: 's-1', learnerId: 'SAM1', type: 'session.missed', at: '2026-09-08', note: SAM.notes[0] },
    { id: 's-2', learnerId: 'SAM1', type: 'session.missed', at: '2026-09-15' },
    { id: 's-3', learnerId: 'SAM1', type: 'session.missed', at: '2026-09-22' },
    { id: 's-4', learnerId: 'SAM1', type: 'concern.raised', at: '2026-09-23', category: 'safeguarding', note: SAM.notes[1] },
    { id: 's-5', learnerId: 'SAM1', type: 'activity', at: '2026-09-23', source: `e-portfolio of ${SAM.name}` },
    { id: 'b-1', learnerId: 'BO1', type: 'session.missed', at: '2026-09-08', note: BO.notes[0] },
  ];
  const fed = await api.request('POST', '/api/events', { body: { events } });
  expect((fed.json as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(events.map(() => 'stored'));
  const contact = await service.execute({ kind: 'log-contact', actor: 'coach@example.org', key: 'chat-1', learnerId: 'SAM1', channel: 'phone', outcome: 'reached', note: SAM.notes[2] });
  expect(contact.ok).toBe(true);
  // An approval request and an alert the Slack and Teams notifiers posted about Samira.
  for (const [key, platform] of [['m-slack', 'slack'], ['m-teams', 'teams']] as const) {
    await opened.store.recordMessage({ key, learnerId: 'SAM1', platform, conversation: `C-${platform}`, messageId: `${platform}-1`, purpose: 'posted:at-risk-alert', postedAt: NOW });
  }
});
afterAll(async () => {
  await api.close();
  await opened.close();
  await server.close();
});

test('export writes everything held about the learner, restricted details included, as JSON and HTML', async () => {
  const dir = tempDir();
  const result = await runCommand(learnersCommand, ['export', 'SAM1', '--out', dir, '--by', 'dpo@example.org'], env());
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toBe(`${dir}/learner-SAM1.json\n${dir}/learner-SAM1.html\n`);
  const json = JSON.parse(readFileSync(`${dir}/learner-SAM1.json`, 'utf8'));
  expect(json.learner).toMatchObject({ id: 'SAM1', name: SAM.name, employer: SAM.employer });
  expect(json.events.map((e: { key: string }) => e.key)).toEqual(['s-1', 's-2', 's-3', 's-4', 's-5', 'chat-1']);
  expect(json.events.map((e: { event: { note?: string } }) => e.event.note).filter(Boolean)).toEqual(SAM.notes);
  expect(json.case.state).toMatchObject({ open: true, learnerId: 'SAM1' });
  expect(json.trail.filter((t: { restricted: boolean }) => t.restricted).map((t: { key: string }) => t.key)).toEqual(['s-4']);
  expect(json.messages.map((m: { key: string }) => m.key)).toEqual(['m-slack', 'm-teams']);
  expect(json.restrictedAccess).toEqual([{ learnerId: 'SAM1', viewer: 'cli:dpo@example.org', at: expect.any(String), view: 'export' }]);
  const html = readFileSync(`${dir}/learner-SAM1.html`, 'utf8');
  for (const text of [SAM.name, SAM.employer, ...SAM.notes, 'safeguarding', 'C-slack']) expect(html).toContain(text);
  expect(html).not.toContain(BO.name);
});

test('erase is refused for a learner on the at-risk register without --force, and without a reason', async () => {
  const before = await allDocuments();
  expect(await runCommand(learnersCommand, ['erase', 'SAM1', '--reason', 'asked'], env())).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('(open-case); nothing was changed') });
  expect(await runCommand(learnersCommand, ['erase', 'SAM1', '--force'], env())).toMatchObject({ code: 2, stderr: expect.stringContaining('--reason is required') });
  expect(await runCommand(learnersCommand, ['erase', 'NOBODY', '--reason', 'x'], env())).toMatchObject({ code: 2, stderr: expect.stringContaining('(unknown-learner)') });
  expect(await allDocuments()).toBe(before);
});

describe('after erase --force', () => {
  let boBefore: unknown;
  let samCaseBefore: unknown;
  /** Samira's case replayed from the log as it stands, to a fixed instant past every timer. */
  const replayed = async () => {
    const log = (await opened.store.eventsOf('SAM1')).map((l) => ({ key: l.key, event: engineEvent(l) }));
    const result = replay(builtinPack('mtt')!, engineLearner((await opened.store.getLearner('SAM1'))!), log, Date.parse('2027-03-01T00:00:00Z'));
    return { state: result.state, timeline: result.timeline, refused: result.refused };
  };
  beforeAll(async () => {
    boBefore = { learner: await opened.store.getLearner('BO1'), events: await opened.store.eventsOf('BO1'), case: await opened.store.loadCase('BO1') };
    samCaseBefore = await replayed();
    const reason = `Samira asked us to erase her data (email from ${SAM.employer}, ticket 42)`;
    const result = await runCommand(learnersCommand, ['erase', 'SAM1', '--reason', reason, '--force', '--by', 'dpo@example.org'], env());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual([
      'SAM1: personal data erased by cli:dpo@example.org',
      'free text removed from 4 logged events; the case rebuilt from the log',
      '2 chat messages about them will be replaced with a "removed" card by the running bot',
      '',
    ]);
  });

  test('no collection holds their name, employer or any note; the other learner\'s are all there', async () => {
    const everything = await allDocuments();
    for (const text of [SAM.name, SAM.employer, ...SAM.notes, 'Samira', 'Quillfeather']) expect(everything).not.toContain(text);
    for (const text of [BO.name, BO.employer, ...BO.notes]) expect(everything).toContain(text);
    // The scan reads every collection the erasure touched.
    for (const collection of ['learners:', 'events:', 'cases:', 'messages:', 'erasures:', 'restricted_access:']) expect(everything).toContain(collection);
  });

  test('the data feed cannot store anything about them again: PUT is refused (409), events are rejected, the skeleton stays', async () => {
    const again = { name: SAM.name, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', employer: SAM.employer, policy: 'mtt' };
    const answer = await api.request('PUT', '/api/learners/SAM1', { body: again });
    expect(answer.status).toBe(409);
    expect((answer.json as { error: string }).error).toMatch(/^learner "SAM1" was erased on \d{4}-\d{2}-\d{2}: their details are not stored again/);
    expect((await opened.store.getLearner('SAM1'))?.name).toBe('Erased learner');
    const late = { id: 's-late', learnerId: 'SAM1', type: 'session.missed', at: '2026-09-24', note: 'Samira rang in late' };
    const fed = await api.request('POST', '/api/events', { body: { events: [late] } });
    expect((fed.json as { results: unknown[] }).results).toEqual([
      { id: 's-late', status: 'rejected', error: expect.stringMatching(/^events\[0\]\.learnerId: learner "SAM1" was erased on \d{4}-\d{2}-\d{2}; nothing more is recorded for them$/) },
    ]);
    expect((await opened.store.eventsOf('SAM1')).map((e) => e.key)).not.toContain('s-late');
    expect(await allDocuments()).not.toContain('Samira');
  });

  test('the other learner is untouched', async () => {
    expect({ learner: await opened.store.getLearner('BO1'), events: await opened.store.eventsOf('BO1'), case: await opened.store.loadCase('BO1') }).toEqual(boBefore);
  });

  test('the skeleton stays: record, event types, dates, actors and pack versions; the case rebuilds as it was', async () => {
    expect(await opened.store.getLearner('SAM1')).toEqual({
      id: 'SAM1', name: 'Erased learner', programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', plannedEndDate: '2027-09-01',
      coach: 'coach@example.org', policy: 'mtt', erasedAt: expect.any(Date),
    });
    const events = await opened.store.eventsOf('SAM1');
    expect(events.map((e) => [e.key, e.event.type, e.event.at, e.actor.id, e.packVersion, e.event.note ?? null])).toEqual([
      ['s-1', 'session.missed', '2026-09-08', expect.any(String), '1.3.0', '[removed]'],
      ['s-2', 'session.missed', '2026-09-15', expect.any(String), '1.3.0', null],
      ['s-3', 'session.missed', '2026-09-22', expect.any(String), '1.3.0', null],
      ['s-4', 'concern.raised', '2026-09-23', expect.any(String), '1.3.0', '[removed]'],
      ['s-5', 'activity', '2026-09-23', expect.any(String), '1.3.0', null],
      ['chat-1', 'contact', expect.any(String), 'coach@example.org', '1.3.0', '[removed]'],
    ]);
    const ctx = { store: opened.store, packFor: builtinPack, now: () => NOW };
    const rebuilt = await rebuildCase(ctx, 'SAM1', NOW);
    expect(rebuilt.refused).toEqual([]);
    expect((await opened.store.loadCase('SAM1'))!.outbox).toEqual([]);
    // The stripped log gives the same case and the same timeline as the whole one did.
    const after = await replayed();
    expect(after).toEqual(samCaseBefore);
    expect(after.state.open).toBe(true);
  });

  test('waymark audit shows the erasure: who ran it and why, the name struck out of the reason', async () => {
    const result = await runCommand(auditCommand, ['SAM1'], env());
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    // The erasure came last (the command ran after every event); the clock is the command's own.
    expect(lines.filter((l) => l.includes('erased'))).toEqual([lines.at(-2)]);
    expect(lines.at(-2)).toMatch(
      /^\S+ {2}\| {2}personal data erased \(reason: \[removed\] asked us to erase her data \(email from \[removed\], ticket 42\); free text removed from 4 events; 2 chat messages to replace\) {2}\| {2}recorded by cli:dpo@example\.org at \S+ {2}\| {2}under mtt - {2}\| {2}key erasure:\S+$/,
    );
    expect(await runCommand(learnersCommand, ['erase', 'SAM1', '--reason', 'again'], env())).toMatchObject({ code: 2, stderr: expect.stringContaining('(already-erased)') });
  });

  test('the running bot replaces each message about them with the "removed" card, once', async () => {
    const replaced: PostedMessage[] = [];
    const slack: MessageRemover = { platform: 'slack', replaceWithRemoved: async (m) => (replaced.push(m), 'replaced') };
    const teams: MessageRemover = { platform: 'teams', replaceWithRemoved: async () => 'gone' };
    expect(await removeErasedMessages(opened.store, [slack])).toEqual({ replaced: 1, gone: 0, waiting: 1, failed: [] });
    expect(replaced.map((m) => [m.key, m.conversation, m.messageId])).toEqual([['m-slack', 'C-slack', 'slack-1']]);
    expect(await removeErasedMessages(opened.store, [slack, teams])).toEqual({ replaced: 0, gone: 1, waiting: 0, failed: [] });
    expect(await opened.store.messagesAwaitingRemoval(10)).toEqual([]);
  });
});
