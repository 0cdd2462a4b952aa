import { fileURLToPath } from 'node:url';
import { inputJson, LEARNER, MISSED_SESSIONS, runCli, simulateStdin, tempDir, writeFile } from './run-cli.js';

interface Entry {
  at: string;
  kind: string;
  [field: string]: unknown;
}

function timelineOf(stdout: string): Entry[] {
  return (JSON.parse(stdout) as { timeline: Entry[] }).timeline;
}

describe('waymark simulate', () => {
  it('gives the contract example: an alert and a notify to directors for 3 missed sessions', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'learner.json', inputJson(MISSED_SESSIONS));
    const run = await runCli(['simulate', '--policy', 'mtt', '--input', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(output).toMatchObject({ policy: 'mtt', learnerId: 'L1', until: '2026-09-22' });
    const timeline = output.timeline as Entry[];
    expect(timeline).toContainEqual(
      expect.objectContaining({ at: '2026-09-22T00:00:00.000+01:00', kind: 'alert', reasons: ['3 consecutive missed sessions'] }),
    );
    expect(timeline).toContainEqual(
      expect.objectContaining({
        at: '2026-09-22T00:00:00.000+01:00',
        kind: 'notify',
        role: 'directors',
        reason: 'at risk within the first 60 days',
      }),
    );
    const times = timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('prints exactly one pretty JSON document with a trailing newline', async () => {
    const run = await simulateStdin(inputJson(MISSED_SESSIONS));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${JSON.stringify(JSON.parse(run.stdout), null, 2)}\n`);
    expect(Object.keys(JSON.parse(run.stdout) as object)).toEqual(['policy', 'learnerId', 'timeline', 'case', 'nextWakeUp', 'until']);
  });

  it('runs virtual time forward with --until so a 42-day timer fires', async () => {
    const before = await simulateStdin(inputJson(MISSED_SESSIONS));
    expect(timelineOf(before.stdout).some((e) => e.at.startsWith('2026-10-13'))).toBe(false);
    expect(JSON.parse(before.stdout)).toMatchObject({ nextWakeUp: '2026-10-13T00:00:00.000+01:00' });

    const run = await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', '2026-10-31']);
    expect(run.code).toBe(0);
    expect(timelineOf(run.stdout)).toContainEqual(
      expect.objectContaining({ at: '2026-10-13T00:00:00.000+01:00', kind: 'alert', reasons: ['no recorded progress within 42 days'] }),
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ until: '2026-10-31' });
  });

  it('fires a timer due at the very start of the --until day but not one due the day after', async () => {
    const dueDay = await simulateStdin(inputJson([]), ['--until', '2026-10-13']);
    expect(timelineOf(dueDay.stdout).map((e) => e.at)).toContain('2026-10-13T00:00:00.000+01:00');
    const dayBefore = await simulateStdin(inputJson([]), ['--until', '2026-10-12']);
    expect(timelineOf(dayBefore.stdout).some((e) => e.kind === 'alert')).toBe(false);
  });

  it('defaults to the learner start date when there are no events', async () => {
    const run = await simulateStdin(inputJson([]));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ until: '2026-09-01' });
  });

  it('reads standard input with --input - exactly as it reads a file', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'learner.json', inputJson(MISSED_SESSIONS));
    const fromFile = await runCli(['simulate', '--policy', 'mtt', '--input', file, '--until', '2026-10-31']);
    const fromStdin = await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', '2026-10-31']);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('accepts flags in any order and --flag=value', async () => {
    const a = await runCli(['simulate', '--until=2026-10-31', '--input', '-', '--policy=mtt'], inputJson(MISSED_SESSIONS));
    const b = await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', '2026-10-31']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('gives byte-identical output across runs', async () => {
    const first = await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', '2026-12-31']);
    const second = await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', '2026-12-31']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('gives byte-identical output whatever order events with distinct times arrive in', async () => {
    const events = [
      ...MISSED_SESSIONS.map((e, i) => ({ ...e, id: `e${i}` })),
      { id: 'p1', type: 'progress', at: '2026-10-05T09:00:00+01:00', actual: 10, planned: 20 },
      { id: 'c1', type: 'concern.raised', at: '2026-10-06', category: 'wellbeing' },
    ];
    const shuffled = [events[4], events[2], events[0], events[5], events[3], events[1]];
    const sorted = await simulateStdin(inputJson(events), ['--until', '2026-11-30']);
    const unsorted = await simulateStdin(inputJson(shuffled), ['--until', '2026-11-30']);
    expect(sorted.code).toBe(0);
    expect(unsorted.stdout).toBe(sorted.stdout);
    expect(unsorted.stdout).toBe((await simulateStdin(inputJson([...events].reverse()), ['--until', '2026-11-30'])).stdout);
  });

  it('ignores an event whose id repeats an earlier one', async () => {
    const once = MISSED_SESSIONS.map((e, i) => ({ ...e, id: `e${i}` }));
    const withRepeat = [...once.slice(0, 2), { ...once[0]!, at: '2026-09-14' }, ...once.slice(2)];
    const base = await simulateStdin(inputJson(once));
    const repeated = await simulateStdin(inputJson(withRepeat));
    expect(repeated.code).toBe(0);
    expect(repeated.stdout).toBe(base.stdout);

    // Two missed sessions plus a repeat of the first: not three consecutive.
    const twoPlusRepeat = [once[0]!, once[2]!, { ...once[2]!, at: '2026-09-22' }];
    const run = await simulateStdin(inputJson(twoPlusRepeat), ['--until', '2026-09-30']);
    expect(timelineOf(run.stdout).some((e) => e.kind === 'alert')).toBe(false);
  });

  it('uses a pack file given by path, reporting its own id', async () => {
    const shown = await runCli(['policy', 'show', 'mtt']);
    const dir = tempDir();
    const file = writeFile(dir, 'my-pack.json', { ...(JSON.parse(shown.stdout) as object), id: 'my-pack' });
    const run = await runCli(['simulate', '--policy', file, '--input', '-'], inputJson(MISSED_SESSIONS));
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as { policy: string; timeline: unknown };
    expect(output.policy).toBe('my-pack');
    expect(output.timeline).toEqual(timelineOf((await simulateStdin(inputJson(MISSED_SESSIONS))).stdout));
  });

  it('runs the README example: examples/mtt-missed-sessions.json', async () => {
    const file = fileURLToPath(new URL('../../examples/mtt-missed-sessions.json', import.meta.url));
    const run = await runCli(['simulate', '--policy', 'mtt', '--input', file, '--until', '2026-10-31']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { learnerId: string; timeline: Entry[]; case: { stage: string } };
    expect(output.learnerId).toBe(LEARNER.id);
    expect(output.timeline).toContainEqual(expect.objectContaining({ kind: 'stage', from: null, to: 'stage-1' }));
    expect(output.timeline).toContainEqual(expect.objectContaining({ kind: 'notify', role: 'directors' }));
    expect(output.case.stage).toBe('stage-1');
  });
});
