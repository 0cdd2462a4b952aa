/** Smoke test: Agenda 6 with @agendajs/mongo-backend, unmodified, against the embedded server. */
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type Job } from 'agenda';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/store/embedded-mongo/index.js';

let server: EmbeddedMongo;

beforeAll(async () => {
  server = await startEmbeddedMongo();
});

afterAll(async () => {
  await server.close();
});

it('runs a job once, and keeps a repeating job as a single document', async () => {
  const address = server.uri.replace('/?', '/agenda_smoke?');
  const agenda = new Agenda({ backend: new MongoBackend({ address }), processEvery: 100 });
  const runs: unknown[] = [];
  const completed = new Promise<void>((resolve) => agenda.on('complete:send-nudge', () => resolve()));
  // Agenda watches a running job with an un-unref'd timer of lockLifetime / 2 (default 5
  // minutes) that outlives stop(); a shorter lockLifetime lets jest exit promptly. Not too
  // short: on a loaded machine a lock that expires before the run is recorded lets the
  // next poll run the job again (seen with 1 s).
  const options = { lockLifetime: 20_000 };
  agenda.define(
    'send-nudge',
    async (job: Job<{ caseId: string }>) => {
      runs.push(job.attrs.data);
    },
    options,
  );
  agenda.define('hourly-digest', async () => undefined, options);
  agenda.define('sentinel', async () => undefined, options);

  await agenda.start();
  await agenda.every('1 hour', 'hourly-digest', { team: 'a' });
  await agenda.every('1 hour', 'hourly-digest', { team: 'a' });
  await agenda.now('send-nudge', { caseId: 'C1' });
  await completed;
  // A job queued after the nudge completed has run: the queue was polled again since, and
  // had the nudge (wrongly) still been due, that round would have run it too.
  const polledAgain = new Promise<void>((resolve) => agenda.on('complete:sentinel', () => resolve()));
  await agenda.now('sentinel');
  await polledAgain;
  await agenda.stop();

  expect(runs).toEqual([{ caseId: 'C1' }]);
  const client = await MongoClient.connect(server.uri);
  try {
    const jobs = await client.db('agenda_smoke').collection('agendaJobs').find({}, { sort: { name: 1 } }).toArray();
    expect(jobs.map((job) => [job.name, job.type])).toEqual([
      ['hourly-digest', 'single'],
      ['send-nudge', 'normal'],
      ['sentinel', 'normal'],
    ]);
    const nudge = jobs.find((job) => job.name === 'send-nudge');
    expect(nudge?.lastFinishedAt).toBeInstanceOf(Date);
    expect(nudge?.lockedAt ?? null).toBeNull();
    const indexes = await client.db('agenda_smoke').collection('agendaJobs').listIndexes().toArray();
    expect(indexes.map((index) => index.name)).toContain('findAndLockNextJobIndex');
  } finally {
    await client.close();
  }
});
