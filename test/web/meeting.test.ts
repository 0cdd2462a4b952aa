/**
 * A meeting's page: the items on a sitting's agenda with why they are there and the
 * decisions recorded, for the people who sit in the meeting only (403 for anyone else,
 * naming no learner); unknown meetings 404, a date not written YYYY-MM-DD 400; without a
 * date, today's sitting or the next; links to the sittings before it.
 */
import { learnerRecord, person } from '../cases/harness.js';
import type { WebPage } from '../../src/web/links.js';
import { COACH_A, MANAGER, openWebFixture, OUTSIDER, SECRET_NOTE, type WebFixture } from './web-fixture.js';
import { launch, newPage, seriousViolations, withChromium } from './browser.js';

/** Creative Alliance: a Development Coach and an SMT member; Cam is escalated to the SMT. */
const DC = 'dev@example.org';
const SMT = 'sara@example.org';
/** ATL's Head of Operations, who decides a withdrawal. */
const HEAD_OPS = 'hugo@example.org';

let fx: WebFixture;
beforeAll(async () => {
  fx = await openWebFixture('web-meeting');
  for (const s of [person(DC, ['coach']), person(SMT, ['smt']), person(HEAD_OPS, ['head-of-operations'])]) await fx.ctx.store.putStaff(s);
  await fx.ctx.store.putLearner(learnerRecord('C-1', 'creative-alliance', { name: 'Cam Diaz', coach: DC }));
  for (const at of ['2026-11-02', '2026-11-09', '2026-11-16T08:00:00Z']) await fx.provider.feed('C-1', { type: 'visit.missed', at });
  const escalate = await fx.provider.ok(DC, { kind: 'propose', learnerId: 'C-1', stage: 'smt-review', reason: 'Third missed visit' });
  await fx.provider.ok(SMT, { kind: 'decide', learnerId: 'C-1', proposal: escalate.key, verdict: 'approved' });
}, 120_000);
afterAll(() => fx.close());

const smtWeekly = (date?: string): WebPage => ({ page: 'meeting', policy: 'creative-alliance', meeting: 'smt-weekly', ...(date ? { date } : {}) });
const leaverPanel = (date?: string): WebPage => ({ page: 'meeting', policy: 'atl', meeting: 'leaver-panel', ...(date ? { date } : {}) });

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

const h1 = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
const itemNames = (html: string) => [...html.matchAll(/<h3 id="agenda-item-\d+"><a href="[^"]*">([^<]*)<\/a><\/h3>/g)].map((m) => m[1]);
/** The facts of the page's definition lists, in order, as [term, value]. */
const facts = (html: string) => [...html.matchAll(/<dt>([^<]*)<\/dt><dd>(.*?)<\/dd>/g)].map((m) => [m[1], m[2]]);

describe('the SMT weekly meeting, today', () => {
  test('without a date: today\'s sitting, each learner with why they are on it, no decision yet', async () => {
    const page = await get(fx.link(SMT, smtWeekly()));
    expect(page.status).toBe(200);
    expect(h1(page.text)).toBe('SMT weekly meeting, 2026-11-16');
    expect(page.text).toContain('<p id="agenda-count">1 learner on the agenda</p>');
    expect(itemNames(page.text)).toEqual(['Cam Diaz']);
    expect(facts(page.text)).toEqual([
      ['Coach', 'Dev'],
      ['Why it is here', 'third missed appointment<br>Escalated to the Senior Management Team (stage entered)'],
      ['Rating', 'Not rated'],
      ['Stage', 'Escalated to the Senior Management Team'],
    ]);
    expect(page.text).toContain('No decision recorded yet.');
  });

  test('after the SMT records its decision: outcome, action, owner, review date, who and when', async () => {
    await fx.provider.ok(SMT, {
      kind: 'record-meeting-decision',
      learnerId: 'C-1',
      meeting: 'smt-weekly',
      date: '2026-11-16',
      outcome: 'Visits attended again',
      action: 'Weekly call with the employer',
      owner: DC,
      reviewDate: '2026-12-14',
    });
    const page = await get(fx.link(SMT, smtWeekly('2026-11-16')));
    expect(facts(page.text).slice(4)).toEqual([
      ['Outcome', 'Visits attended again'],
      ['Action', 'Weekly call with the employer'],
      ['Owner', 'Dev'],
      ['Review date', '2026-12-14'],
      ['Recorded by', 'Sara'],
      ['Recorded at', '2026-11-16 09:00'],
    ]);
    expect(page.text).not.toContain('No decision recorded yet.');
  });

  test('once the sitting has begun, it stays the default until the day ends', async () => {
    const was = fx.provider.now;
    try {
      fx.provider.now = new Date('2026-11-16T15:00:00Z');
      expect(h1((await get(fx.link(SMT, smtWeekly()))).text)).toBe('SMT weekly meeting, 2026-11-16');
      fx.provider.now = new Date('2026-11-17T00:30:00Z');
      expect(h1((await get(fx.link(SMT, smtWeekly()))).text)).toBe('SMT weekly meeting, 2026-11-23');
    } finally {
      fx.provider.now = was;
    }
  });

  test('another sitting has its own agenda; the sittings before this one are linked', async () => {
    const page = await get(fx.link(SMT, smtWeekly('2026-11-09')));
    expect(h1(page.text)).toBe('SMT weekly meeting, 2026-11-09');
    expect(itemNames(page.text)).toEqual([]);
    expect(page.text).toContain('Nothing is on the agenda for this sitting.');
    const sittings = [...page.text.matchAll(/<li><a href="[^"]*meetings\/creative-alliance\/smt-weekly\?date=([0-9-]+)&amp;t=[^"]*"( aria-current="page")?>/g)].map((m) => [m[1], m[2] !== undefined]);
    expect(sittings).toEqual([
      ['2026-11-16', false],
      ['2026-11-09', true],
      ['2026-11-02', false],
      ['2026-10-26', false],
      ['2026-10-19', false],
      ['2026-10-12', false],
    ]);
  });

  test.each([
    ['the learner\'s own coach', DC],
    ['a manager under another policy', MANAGER],
    ['someone with no role', OUTSIDER],
  ])('%s is refused with 403, and no learner is named', async (_who, staffId) => {
    const page = await get(fx.link(staffId, smtWeekly('2026-11-16')));
    expect(page.status).toBe(403);
    expect(page.text).toContain('Only the Senior Management Team can see the agenda of the SMT weekly meeting.');
    expect(page.text).not.toContain('Cam Diaz');
    expect(page.text).not.toContain('Visits attended again');
  });
});

describe('the ATL leaver panel', () => {
  test('without a date: the next sitting (every 8 weeks from 2026-01-05), and the sittings before it', async () => {
    const page = await get(fx.link(MANAGER, leaverPanel()));
    expect(page.status).toBe(200);
    expect(h1(page.text)).toBe('Leaver panel, 2026-12-07');
    expect(page.text).toContain('<p>Managing learners at-risk policy: held by the Senior and operational managers (leaver panel), every 8 weeks from Monday 5 January 2026, at 10:00.</p>');
    const dates = [...page.text.matchAll(/leaver-panel\?date=([0-9-]+)&amp;/g)].map((m) => m[1]);
    expect(dates).toEqual(['2026-12-07', '2026-10-12', '2026-08-17', '2026-06-22', '2026-04-27', '2026-03-02']);
  });

  test('a coach is refused with 403', async () => {
    const page = await get(fx.link(COACH_A, leaverPanel()));
    expect(page.status).toBe(403);
    expect(page.text).toContain('Only the Senior and operational managers (leaver panel) can see the agenda of the Leaver panel.');
  });

  // A withdrawal closes the case: the panel still reviews it (Store.casesOnAgenda returns
  // closed cases on an agenda too).
  test('a withdrawn learner is on it with the reason, then with the panel\'s decision', async () => {
    await fx.provider.ok(COACH_A, { kind: 'propose', learnerId: 'L-2', outcome: 'employer-agreed', reason: 'Employer agrees' });
    const withdraw = await fx.provider.ok(COACH_A, { kind: 'propose', learnerId: 'L-2', outcome: 'withdraw', reason: 'Left the employer' });
    await fx.provider.ok(HEAD_OPS, { kind: 'decide', learnerId: 'L-2', proposal: withdraw.key, verdict: 'approved' });
    const before = await get(fx.link(MANAGER, leaverPanel('2026-12-07')));
    expect(itemNames(before.text)).toEqual(['Noah Patel']);
    expect(facts(before.text)[1]).toEqual(['Why it is here', 'Withdrawn from the programme']);
    await fx.provider.ok(MANAGER, { kind: 'record-meeting-decision', learnerId: 'L-2', meeting: 'leaver-panel', date: '2026-12-07', outcome: 'Leaves', action: 'Exit interview', owner: COACH_A, reviewDate: '2027-01-11' });
    const after = await get(fx.link(MANAGER, leaverPanel('2026-12-07')));
    expect(facts(after.text).slice(4, 8)).toEqual([
      ['Outcome', 'Leaves'],
      ['Action', 'Exit interview'],
      ['Owner', 'Ann'],
      ['Review date', '2027-01-11'],
    ]);
  });
});

describe('not there, or not understood', () => {
  test.each([
    ['an unknown policy', { page: 'meeting', policy: 'nope', meeting: 'leaver-panel' }, 'There is no meeting &quot;leaver-panel&quot; under the policy &quot;nope&quot;.'],
    ['a meeting the policy does not hold', { page: 'meeting', policy: 'atl', meeting: 'smt-weekly' }, 'There is no meeting &quot;smt-weekly&quot; under the policy &quot;atl&quot;.'],
  ] as const)('%s: 404', async (_what, target, said) => {
    const page = await get(fx.link(MANAGER, target));
    expect(page.status).toBe(404);
    expect(page.text).toContain(said);
  });

  test.each([
    ['a day that does not exist', '2026-02-30', '2026-02-30 does not exist: February 2026 has 28 days.'],
    ['words', '7%20December', '&quot;7 December&quot; is not a date.'],
    ['markup', '%3Cscript%3E', '&quot;&lt;script&gt;&quot; is not a date.'],
  ])('%s: 400, naming the format', async (_what, date, said) => {
    const page = await get(`${fx.link(SMT, smtWeekly())}&date=${date}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain(`${said} Give the sitting&#39;s date as YYYY-MM-DD, for example 2026-12-07.`);
    expect(page.text).not.toContain('<script>');
  });
});

test('no restricted note on a meeting page', async () => {
  for (const [staffId, target] of [[SMT, smtWeekly('2026-11-16')], [MANAGER, leaverPanel()], [COACH_A, leaverPanel()]] as const) {
    expect((await get(fx.link(staffId, target))).text).not.toContain(SECRET_NOTE);
  }
});

withChromium('the meeting page has no serious accessibility violation', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(fx.link(SMT, smtWeekly('2026-11-16')));
    expect(await page.locator('h3').allInnerTexts()).toEqual(['Cam Diaz']);
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await browser.close();
  }
}, 60_000);
