/**
 * Makers (seeds/000_d1e8ca531b567b66.txt), read end to end (issue 15, last step): the
 * feedback after each formal review meeting and the record sent to an absent employer,
 * health concerns once support has ended, and every `source` in the pack quoting the seed.
 */
import { concern, decide, enter } from '../events.js';
import { simulate, type EventJson } from '../scenario.js';
import { builtinPack } from '../../../src/rules/packs/index.js';

const review = (at: string, stage?: string): EventJson => ({ type: 'review.held', at, ...(stage !== undefined ? { stage } : {}) });
const atStage3 = [enter('2027-03-01', 'stage-3')];
const atStage4 = [...atStage3, decide('2027-04-01', 'escalate', 'stage-3'), enter('2027-04-06', 'stage-4')];
const atStage5 = [...atStage4, decide('2027-05-04', 'escalate', 'stage-4'), enter('2027-05-05', 'stage-5')];
/** The notices given on the review days (from `from` on). */
const reviewNotices = (events: EventJson[], from: string) =>
  simulate('makers', events)
    .of('notify')
    .filter((n) => n.at >= from)
    .map((n) => [n.at.slice(0, 10), n.role, n.reason]);

const STAGE3 = 'feedback from the stage 3 review, from the placement/tech coach who advised and recorded it';
const STAGE4 = 'feedback from the stage 4 review, from the pastoral or tech lead who advised and recorded it';
const STAGE4_RECORD = 'if no one from the employer attended the stage 4 review, the record of the review (it went ahead without them)';
const STAGE5 = 'feedback from the stage 5 review, from the Head of Developer Success or Head of Training who advised and recorded it';
const STAGE5_RECORD = 'if the line manager or someone from the employer was absent from the stage 5 review, the record of the review (it went ahead without them)';

describe('makers stage 3: "The placement/tech coach will be present to advise, record and will give feedback to the line manager."', () => {
  test.each([
    [1, ['2027-03-10']],
    [2, ['2027-03-10', '2027-03-24']],
    [3, ['2027-03-10', '2027-03-24', '2027-03-31']],
  ])('%i stage 3 review(s) (the policy gives 2, a bootcamp more): the line manager gets feedback after each', (_n, days) => {
    const notices = reviewNotices([...atStage3, ...days.map((d) => review(d, 'stage-3'))], '2027-03-02');
    expect(notices).toEqual(days.map((d) => [d, 'line-manager', STAGE3]));
  });

  test('a review not recorded as a stage 3 review gives no stage feedback', () => {
    expect(reviewNotices([...atStage3, review('2027-03-10')], '2027-03-02')).toEqual([]);
  });
});

describe('makers stage 4: "The Pastoral lead or tech lead will be present to advise, record and will give feedback to the placement/tech coach." "If someone is not present the meeting will go ahead and a record will be sent."', () => {
  test('each of the 2 stage 4 reviews: feedback to the coach, and the record for the employer if no one from the employer attended', () => {
    const notices = reviewNotices([...atStage4, review('2027-04-13', 'stage-4'), review('2027-04-27', 'stage-4')], '2027-04-07');
    expect(notices).toEqual([
      ['2027-04-13', 'coach', STAGE4],
      ['2027-04-13', 'line-manager', STAGE4_RECORD],
      ['2027-04-27', 'coach', STAGE4],
      ['2027-04-27', 'line-manager', STAGE4_RECORD],
    ]);
  });
});

describe('makers stage 5: "The Head Developer success or Head of Training at Makers will be present to advise, record and will give feedback to the Pastoral lead or tech lead and placement/tech coach."', () => {
  test('a stage 5 review: feedback to the pastoral or tech lead and the coach, and the record for an absent employer', () => {
    expect(reviewNotices([...atStage5, review('2027-05-12', 'stage-5')], '2027-05-06')).toEqual([
      ['2027-05-12', 'pastoral-or-tech-lead', STAGE5],
      ['2027-05-12', 'coach', STAGE5],
      ['2027-05-12', 'line-manager', STAGE5_RECORD],
    ]);
  });
});

describe('makers: a health concern ("Pastoral issues ... or health") once support has ended', () => {
  const SENSITIVE = {
    kind: 'notify',
    role: 'safeguarding-lead',
    reason: 'a health or wellbeing concern was raised for this apprentice: see the restricted record',
    sensitive: true,
  };
  const ended = [concern('2026-10-01', 'code-of-conduct'), decide('2026-10-02', 'end-under-other-policy')];
  const terminated = [...atStage5, decide('2027-05-24', 'terminate', 'stage-5')];
  const onBreak = [...atStage3, decide('2027-03-20', 'break-in-learning', 'stage-3')];

  test.each<[string, EventJson[], string]>([
    ['after the apprenticeship ended under another policy', ended, '2026-10-20'],
    ['after termination at stage 5', terminated, '2027-06-01'],
    ['during a break in learning', onBreak, '2027-04-20'],
  ])('%s: only the safeguarding lead is told; the coach is not asked to consider an intervention', (_label, before, day) => {
    const run = simulate('makers', [...before, concern(day, 'health')]);
    expect(run.timeline.filter((e) => e.at.startsWith(day))).toEqual([{ at: `${day}T00:00:00.000+01:00`, ...SENSITIVE }]);
  });

  test('while supported the coach is told too (without the detail)', () => {
    const run = simulate('makers', [concern('2026-10-20', 'wellbeing')]);
    expect(run.of('notify').map((n) => n.role)).toEqual(['coach', 'safeguarding-lead']);
  });
});

describe('makers: each stage\'s `source` quotes the written policy\'s own words, not a paraphrase', () => {
  const stage = (id: string) => builtinPack('makers')!.stages.find((s) => s.id === id)!.source;

  test.each([
    ['stage-1', 'moving back and forth through the informal stages i.e. stage one, stage two back to stage one then back to stage two etc.'],
    ['stage-2', 'so that apprentices, and their line managers/employers are clear on the different levels or stages.'],
    ['stage-3', 'This will be copied to the line manager at the employer; and the client partner at Makers.'],
    ['stage-4', 'The recommendation email must have been sent from stage 3. Stage 3 must have occurred. Stage 4 introduction email should be sent by Pastoral lead or tech lead'],
    ['stage-5', 'The recommendation email must have been sent from stage 4. Stage 4 must have occurred. Stage 5 introduction email should be sent by Head Developer success or Head of Training depending who is running this process'],
  ])('%s quotes "%s"', (id, words) => {
    expect(stage(id)).toContain(`${words}`);
  });

  test('no stage source is the old paraphrase', () => {
    expect(stage('stage-3')).not.toContain('notified in person and by email, copied to');
    expect(stage('stage-5')).not.toContain('introduction email from the Head;');
  });
});
