import { inputJson, LEARNER, MISSED_SESSIONS, runCli, simulateStdin, tempDir, writeFile, type CliRun } from './run-cli.js';

/** Bad input: exit 2, nothing on standard output, no stack trace, and every expected line on standard error. */
function expectBadInput(run: CliRun, ...expected: (string | RegExp)[]): void {
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('internal error');
  const lines = run.stderr.split('\n');
  for (const line of expected) {
    if (typeof line === 'string') expect(run.stderr).toContain(line);
    else expect(lines).toContainEqual(expect.stringMatching(line));
  }
}

const contact = { type: 'contact', at: '2026-09-09T10:30:00Z', channel: 'phone', outcome: 'no_answer' };

describe('waymark simulate: bad input exits 2 naming what is wrong', () => {
  it('malformed JSON on standard input', async () => {
    expectBadInput(await simulateStdin('{ "learner": '), /^<stdin>: not valid JSON: /);
  });

  it('malformed JSON in a file names the file', async () => {
    const file = writeFile(tempDir(), 'broken.json', '{ "learner": {,} }');
    expectBadInput(await runCli(['simulate', '--policy', 'mtt', '--input', file]), `${file}: not valid JSON: `);
  });

  it('empty input', async () => {
    expectBadInput(await simulateStdin(''), '<stdin>: not valid JSON: it is empty');
  });

  it('an input file that does not exist', async () => {
    expectBadInput(await runCli(['simulate', '--policy', 'mtt', '--input', 'no/such/file.json']), '--input: cannot read "no/such/file.json": no such file');
  });

  it('a top level that is not an object', async () => {
    expectBadInput(await simulateStdin('[]'), /must be an object with "learner" and "events"/);
  });

  it('missing learner', async () => {
    expectBadInput(await simulateStdin(JSON.stringify({ events: [] })), /^learner: is required/);
  });

  it('missing events', async () => {
    expectBadInput(await simulateStdin(JSON.stringify({ learner: LEARNER })), /^events: is required/);
  });

  it('bad learner.startDate', async () => {
    expectBadInput(await simulateStdin(inputJson([], { ...LEARNER, startDate: '2026-02-30' })), /^learner\.startDate: /);
  });

  it('bad learner.nation names the allowed values', async () => {
    expectBadInput(await simulateStdin(inputJson([], { ...LEARNER, nation: 'france' })), /^learner\.nation: must be one of .*"england"/);
  });

  it('unknown event type', async () => {
    const events = [contact, { type: 'session.skipped', at: '2026-09-10' }];
    expectBadInput(await simulateStdin(inputJson(events)), /^events\[1\]\.type: unknown event type "session\.skipped"/);
  });

  it('missing field: a contact without a channel', async () => {
    const noChannel: Record<string, unknown> = { ...contact };
    delete noChannel.channel;
    expectBadInput(await simulateStdin(inputJson([noChannel])), /^events\[0\]\.channel: /);
  });

  it('missing field: a work absence without explained', async () => {
    expectBadInput(await simulateStdin(inputJson([{ type: 'work.absence', at: '2026-09-09' }])), /^events\[0\]\.explained: is required/);
  });

  it('bad enum value', async () => {
    expectBadInput(await simulateStdin(inputJson([{ ...contact, outcome: 'maybe' }])), /^events\[0\]\.outcome: must be one of /);
  });

  it('bad at', async () => {
    const events = [contact, contact, { type: 'session.missed', at: '2026-09-31' }];
    expectBadInput(await simulateStdin(inputJson(events)), /^events\[2\]\.at: is not a real date: 2026-09-31 does not exist: September 2026 has 30 days$/m);
  });

  it('a date-time without an offset', async () => {
    expectBadInput(await simulateStdin(inputJson([{ ...contact, at: '2026-09-09T10:30:00' }])), /^events\[0\]\.at: /);
  });

  it('an event before the start date', async () => {
    expectBadInput(await simulateStdin(inputJson([{ ...contact, at: '2026-08-31' }])), /^events\[0\]\.at: is before the learner's start date/);
  });

  it('reports every problem at once', async () => {
    const events = [{ type: 'nope', at: '2026-09-09' }, { ...contact, channel: 'pigeon' }];
    expectBadInput(
      await simulateStdin(inputJson(events, { ...LEARNER, startDate: 'soon' })),
      /^learner\.startDate: /,
      /^events\[0\]\.type: /,
      /^events\[1\]\.channel: /,
    );
  });

  it('a stage transition the policy forbids', async () => {
    const events = [{ type: 'stage.entered', at: '2026-09-10', stage: 'stage-2' }];
    expectBadInput(await simulateStdin(inputJson(events)), /^events\[0\]: cannot enter stage-2/);
  });

  it('a forbidden transition is named by its index in the input, not in time order', async () => {
    const events = [...MISSED_SESSIONS, { type: 'stage.entered', at: '2026-09-02', stage: 'stage-2' }];
    expectBadInput(await simulateStdin(inputJson(events)), /^events\[4\]: cannot enter stage-2/);
  });

  it('unknown policy', async () => {
    expectBadInput(
      await simulateStdin(inputJson([]), [], 'no-such-policy'),
      /^--policy: unknown policy "no-such-policy": not a built-in pack \(.*mtt.*\) and no such file$/,
    );
  });

  it('a broken pack file: each problem prefixed with the file path', async () => {
    const file = writeFile(tempDir(), 'pack.json', { id: 'Bad Id', version: '1' });
    expectBadInput(await runCli(['simulate', '--policy', file, '--input', '-'], inputJson([])), `${file}: id: `, `${file}: version: `);
  });

  it('a pack file that is not JSON', async () => {
    const file = writeFile(tempDir(), 'pack.json', 'id: mtt');
    expectBadInput(await runCli(['simulate', '--policy', file, '--input', '-'], inputJson([])), `${file}: not valid JSON: `);
  });

  it.each(['31/10/2026', '2026-10-31T00:00:00Z', ''])('bad --until %p', async (until) => {
    expectBadInput(await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', until]), '--until: must be a date written YYYY-MM-DD');
  });

  it('an --until date that does not exist says so', async () => {
    expectBadInput(await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', '2026-13-01']), '--until: is not a real date: 2026-13-01 does not exist: there is no month 13');
  });

  it('--until before the last event', async () => {
    expectBadInput(
      await simulateStdin(inputJson(MISSED_SESSIONS), ['--until', '2026-09-21']),
      '--until: 2026-09-21 is before the last event (2026-09-22)',
    );
  });

  it('--until before the start date with no events', async () => {
    expectBadInput(
      await simulateStdin(inputJson([]), ['--until', '2026-08-31']),
      "--until: 2026-08-31 is before the learner's start date (2026-09-01)",
    );
  });

  it('unknown flag', async () => {
    expectBadInput(await simulateStdin(inputJson([]), ['--at', '2026-09-01']), /^unknown option --at$/, /^usage: waymark simulate /);
  });

  it('missing --input', async () => {
    expectBadInput(await runCli(['simulate', '--policy', 'mtt']), /^--input: is required/, /^usage: waymark simulate /);
  });

  it('missing --policy and --input together', async () => {
    expectBadInput(await runCli(['simulate']), /^--policy: is required/, /^--input: is required/);
  });

  it('a flag without its value', async () => {
    expectBadInput(await runCli(['simulate', '--policy', 'mtt', '--input']), /^--input: needs a value$/);
    expectBadInput(await runCli(['simulate', '--policy', '--input', '-']), /^--policy: needs a value$/);
  });

  it('a flag given twice', async () => {
    expectBadInput(await simulateStdin(inputJson([]), ['--policy', 'mtt']), /^--policy: given more than once$/);
  });

  it('a stray argument', async () => {
    expectBadInput(await simulateStdin(inputJson([]), ['extra']), /^unexpected argument "extra"$/);
  });
});
