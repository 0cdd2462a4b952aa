/**
 * The SMT digest's chart, through the scheduler's meeting-digest job (Agenda on the embedded
 * store): the digest carries the chart its maker drew (the picture's name and the words); a
 * chart that cannot be made leaves the digest without one, sent all the same, and the
 * failure is logged. Without a maker (no web pages), the digest has no chart.
 */
import { recordEvent } from '../../src/cases/record-event.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import type { Intent } from '../../src/cases/intents.js';
import type { DigestChartMaker } from '../../src/cases/digests.js';
import { JOBS, Scheduler } from '../../src/scheduler/scheduler.js';
import { digestPictureName } from '../../src/web/digest-chart.js';
import { caseContext, feed, learner, openTestStore } from '../store/contract/harness.js';

/** Monday 21 Sep 2026, 09:30 in London: the SMT meets at 10:00. */
const NOW = new Date('2026-09-21T08:30:00Z');

/** A store with one creative-alliance learner on that morning's SMT agenda; runs the digest job once. */
async function runDigestJob(name: string, digestChart?: DigestChartMaker): Promise<{ digests: Extract<Intent, { type: 'meeting-digest' }>[]; logged: string[] }> {
  const opened = await openTestStore(name);
  const ctx = { ...caseContext(opened, () => NOW), claimLeaseMs: 2_000 };
  const notifier = new RecordingNotifier();
  const logged: string[] = [];
  const scheduler = new Scheduler({
    db: opened.connection.db!,
    ctx,
    notifier,
    meetings: [{ id: 'smt-weekly', day: 'monday', time: '10:00' }],
    processEveryMs: 100,
    sweepEvery: null,
    ...(digestChart ? { digestChart } : {}),
    log: (line) => logged.push(line),
  });
  try {
    await opened.store.putLearner(learner('CA1', { policy: 'creative-alliance' }));
    for (const [i, at] of ['2026-09-07', '2026-09-14', '2026-09-21T08:00:00+01:00'].entries()) {
      await recordEvent(ctx, { learnerId: 'CA1', event: { id: `v${i}`, type: 'visit.missed', at }, actor: feed });
    }
    await scheduler.start();
    await scheduler.agenda.now(JOBS.meetingDigest('smt-weekly'));
    for (const end = Date.now() + 60_000; notifier.of('meeting-digest').length === 0; await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > end) throw new Error(`no digest sent; logged: ${logged.join('\n')}`);
    }
    return { digests: notifier.of('meeting-digest'), logged };
  } finally {
    await scheduler.stop();
    await opened.close();
  }
}

test('the digest carries the chart its maker drew: the picture by name, and its words', async () => {
  const asked: string[] = [];
  const chart: DigestChartMaker = async (policy, date) => {
    asked.push(`${policy} ${date}`);
    return { picture: digestPictureName(policy, date), alt: 'At risk: 1 this week, against none in the 8 weeks before' };
  };
  const { digests, logged } = await runDigestJob('digest-chart-drawn', chart);
  expect(asked).toEqual(['creative-alliance 2026-09-21']);
  expect(digests).toHaveLength(1);
  expect(digests[0]!.chart).toEqual({ picture: 'digest-creative-alliance-2026-09-21', alt: 'At risk: 1 this week, against none in the 8 weeks before' });
  expect(digests[0]!.items.map((i) => i.learner.id)).toEqual(['CA1']);
  expect(logged).toEqual([]);
});

test('a chart that cannot be made: the digest is sent without it, and the failure is logged', async () => {
  const { digests, logged } = await runDigestJob('digest-chart-fails', async () => {
    throw new Error('the chart library is missing');
  });
  expect(digests).toHaveLength(1);
  expect(digests[0]!.chart).toBeUndefined();
  expect(digests[0]!.items.map((i) => i.learner.id)).toEqual(['CA1']);
  expect(logged).toEqual(['meeting digest smt-weekly (creative-alliance): sent without its chart, which failed: the chart library is missing']);
});

test('no chart maker (no web pages): a digest without a chart, and nothing logged', async () => {
  const { digests, logged } = await runDigestJob('digest-chart-none');
  expect(digests).toHaveLength(1);
  expect('chart' in digests[0]!).toBe(false);
  expect(logged).toEqual([]);
});
