/**
 * The at-risk register page and its CSV download, over HTTP and in Chromium: each person
 * sees exactly the learners whose case they may act on; filters and sorting give exact rows
 * in order; the CSV carries the same rows with formulas defused; no restricted note
 * anywhere; cases as of now, each read once; no serious accessibility violation.
 */
import { parse } from 'csv-parse/sync';
import type { Request } from 'express';
import { learnerRecord, person } from '../cases/harness.js';
import { countingStore } from '../cases/counting-store.js';
import { registerPage } from '../../src/web/register-page.js';
import type { WebPage } from '../../src/web/links.js';
import { COACH_A, COACH_B, MANAGER, openWebFixture, OUTSIDER, SAFEGUARDING, SECRET_NOTE, type WebFixture } from './web-fixture.js';
import { launch, newPage, seriousViolations, withChromium } from './browser.js';

/** A coach covering Ben. */
const COVER = 'cora@example.org';
/** A learner whose name a spreadsheet would run as a formula. */
const FORMULA = '=HYPERLINK("http://x.example","click")';

let fx: WebFixture;
beforeAll(async () => {
  fx = await openWebFixture('web-register');
  await fx.ctx.store.putStaff(person(COVER, ['coach'], { covers: [COACH_B] }));
  await fx.ctx.store.putLearner(learnerRecord('L-5', 'atl', { name: FORMULA, coach: COACH_B }));
  await fx.provider.feed('L-5', { type: 'progress', at: '2026-11-16T09:00:00Z', actual: 5, planned: 40 });
  // Mia in stage 1 (a deadline on 2026-11-23); Noah's stage 1 waiting for the Sector Manager.
  const stage1 = await fx.provider.ok(COACH_A, { kind: 'propose', learnerId: 'L-1', stage: 'stage-1', reason: 'Not progressing' });
  await fx.provider.ok(MANAGER, { kind: 'decide', learnerId: 'L-1', proposal: stage1.key, verdict: 'approved' });
  await fx.provider.ok(COACH_A, { kind: 'propose', learnerId: 'L-2', stage: 'stage-1', reason: 'Behind plan' });
}, 120_000);
afterAll(() => fx.close());

const registerOf = (staffId: string, query = '') => `${fx.link(staffId, { page: 'register' } satisfies WebPage)}${query}`;
const csvOf = (staffId: string, query = '') => registerOf(staffId, query).replace('/register?', '/register.csv?');

async function get(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const unescape = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The learners' names in the register table, in order. */
function names(html: string): string[] {
  return [...html.matchAll(/<tr><th scope="row"><a href="[^"]*">([^<]*)<\/a><\/th>/g)].map((m) => unescape(m[1]!));
}

const countLine = (html: string) => /<p id="register-count">([^<]*)<\/p>/.exec(html)?.[1];

describe('who sees whom', () => {
  test.each([
    ['coach Ann: her own learners, under both policies', COACH_A, ['Priya Shah', 'Mia Jones', 'Noah Patel']],
    ['coach Ben: his own', COACH_B, [FORMULA, 'Liam Evans', 'Olivia Brown']],
    ['a coach covering Ben: Ben\'s', COVER, [FORMULA, 'Liam Evans', 'Olivia Brown']],
    ['the manager, with roles under atl and bpn: everyone', MANAGER, ['Priya Shah', 'Mia Jones', FORMULA, 'Liam Evans', 'Noah Patel', 'Olivia Brown']],
  ])('%s', async (_who, staffId, expected) => {
    const page = await get(registerOf(staffId));
    expect(page.status).toBe(200);
    expect(names(page.text)).toEqual(expected);
    expect(countLine(page.text)).toBe(`${expected.length} learners on the register`);
  });

  test('someone with no role sees nobody, and is told why', async () => {
    const page = await get(registerOf(OUTSIDER));
    expect(page.status).toBe(200);
    expect(names(page.text)).toEqual([]);
    expect(page.text).toContain('You hold no role under the policies of the learners on the register');
    expect(page.text).not.toContain('<table');
  });

  test('each name links to the learner\'s chronology, for the same viewer', async () => {
    const page = await get(registerOf(COACH_A));
    const token = new URL(fx.link(COACH_A, { page: 'register' })).searchParams.get('t');
    expect(page.text).toContain(`<a href="/web/ann%40example.org/learners/L-1?t=${token}">Mia Jones</a>`);
  });

  test('a row: coach, since, rating, stage, reasons, deadline (overdue marked) and the steps waiting', async () => {
    const page = await get(registerOf(MANAGER, '&sort=name'));
    const rowOf = (name: string) => page.text.split('\n').find((l) => l.includes(`>${name}</a></th>`))!;
    expect(rowOf('Priya Shah')).toContain('<td>Ann</td><td>2026-09-15</td><td><span class="rating-red">red</span></td><td>No stage yet</td>');
    expect(rowOf('Priya Shah')).toContain('<span class="overdue">Overdue: 2026-09-22</span>');
    expect(rowOf('Mia Jones')).toContain('<td>Stage 1</td><td>no recorded progress within 42 days</td><td>2026-11-23<br>Make 2 welfare-check attempts, by telephone and by email</td>');
    expect(rowOf('Mia Jones')).not.toContain('overdue');
    expect(rowOf('Noah Patel')).toContain('<td><span class="rating-amber">medium</span></td>');
    expect(rowOf('Noah Patel')).toContain('<td>Stage 1 (Sector Manager (England) to decide)</td>');
  });
});

describe('filters', () => {
  test.each([
    ['a coach', '&coach=ben%40example.org', [FORMULA, 'Liam Evans', 'Olivia Brown']],
    ['a stage', '&stage=stage-1', ['Mia Jones']],
    ['no stage yet', '&stage=none', ['Priya Shah', FORMULA, 'Liam Evans', 'Noah Patel', 'Olivia Brown']],
    ['a rating', '&rating=medium', ['Noah Patel']],
    ['a policy', '&policy=bpn', ['Priya Shah']],
    ['several at once, sorted by name descending', '&coach=ben%40example.org&rating=high&sort=name&dir=desc', ['Olivia Brown', 'Liam Evans', FORMULA]],
  ])('%s', async (_what, query, expected) => {
    const page = await get(registerOf(MANAGER, query));
    expect(names(page.text)).toEqual(expected);
    expect(countLine(page.text)).toBe(`${expected.length} ${expected.length === 1 ? 'learner' : 'learners'} on the register match the filters (of 6 you can see)`);
  });

  test('the form keeps the choices made and offers only what the viewer can see', async () => {
    const page = await get(registerOf(MANAGER, '&coach=ben%40example.org'));
    expect(page.text).toContain('<option value="ben@example.org" selected>Ben</option>');
    const own = await get(registerOf(COACH_A));
    expect(own.text).toContain('<option value="ann@example.org">Ann</option>');
    expect(own.text).not.toContain('ben@example.org');
  });

  test('filters that match nobody: no rows, and the page says so', async () => {
    const page = await get(registerOf(MANAGER, '&coach=ann%40example.org&policy=bpn&rating=medium'));
    expect(names(page.text)).toEqual([]);
    expect(page.text).toContain('No learner on the register matches these filters.');
  });

  test.each([
    ['a coach nobody has', MANAGER, '&coach=nobody%40example.org', 'has coach “nobody@example.org”'],
    ['another coach\'s id, for a coach', COACH_A, '&coach=ben%40example.org', 'has coach “ben@example.org”'],
    ['a stage, escaped', MANAGER, '&stage=%3Cb%3Ex', 'has stage “&lt;b&gt;x”'],
  ])('an unknown value (%s): no rows, said so, not an error', async (_what, staffId, query, said) => {
    const page = await get(registerOf(staffId, query));
    expect(page.status).toBe(200);
    expect(names(page.text)).toEqual([]);
    expect(page.text).toContain(`No learner on the register that you can see ${said}, so no rows are shown.`);
    expect(page.text).not.toContain('<b>x');
  });
});

describe('sorting', () => {
  test.each([
    ['by default, the soonest deadline first, then by name', '', 'Next deadline', 'ascending', ['Priya Shah', 'Mia Jones', FORMULA, 'Liam Evans', 'Noah Patel', 'Olivia Brown']],
    ['by name', '&sort=name', 'Learner', 'ascending', [FORMULA, 'Liam Evans', 'Mia Jones', 'Noah Patel', 'Olivia Brown', 'Priya Shah']],
    ['by name, descending', '&sort=name&dir=desc', 'Learner', 'descending', ['Priya Shah', 'Olivia Brown', 'Noah Patel', 'Mia Jones', 'Liam Evans', FORMULA]],
    ['by rating, highest first', '&sort=rating&dir=desc', 'Rating', 'descending', [FORMULA, 'Liam Evans', 'Mia Jones', 'Olivia Brown', 'Priya Shah', 'Noah Patel']],
    ['by time on the register', '&sort=since', 'On the register since', 'ascending', ['Priya Shah', 'Noah Patel', FORMULA, 'Olivia Brown', 'Liam Evans', 'Mia Jones']],
    ['by coach', '&sort=coach&dir=desc', 'Coach', 'descending', [FORMULA, 'Liam Evans', 'Olivia Brown', 'Mia Jones', 'Noah Patel', 'Priya Shah']],
    ['by an unknown column: the default', '&sort=secret&dir=up', 'Next deadline', 'ascending', ['Priya Shah', 'Mia Jones', FORMULA, 'Liam Evans', 'Noah Patel', 'Olivia Brown']],
  ])('%s', async (_what, query, header, direction, expected) => {
    const page = await get(registerOf(MANAGER, query));
    expect(names(page.text)).toEqual(expected);
    const sorted = [...page.text.matchAll(/<th scope="col" aria-sort="([a-z]+)"><a href="[^"]*">([^<]*)/g)].map((m) => [m[2]!.trim(), m[1]]);
    expect(sorted).toEqual([[header, direction]]);
  });

  test('a header link sorts by its column, keeping the filters; the sorted one turns the order round', async () => {
    const page = await get(registerOf(MANAGER, '&policy=atl&sort=name'));
    expect(page.text).toMatch(/<a href="[^"]*register\?policy=atl&amp;sort=since&amp;t=[^"]*">On the register since<\/a>/);
    expect(page.text).toMatch(/<a href="[^"]*register\?policy=atl&amp;sort=name&amp;dir=desc&amp;t=[^"]*">Learner /);
    expect(page.text).toMatch(/<a href="[^"]*register\.csv\?policy=atl&amp;sort=name&amp;t=[^"]*">Download these rows as CSV<\/a>/);
  });
});

describe('the CSV download', () => {
  test('the header row and the filtered rows in the page\'s order, a formula defused', async () => {
    const csv = await get(csvOf(MANAGER, '&coach=ben%40example.org&sort=name'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename=at-risk-register-2026-11-16.csv');
    const [header, ...rows] = parse(csv.text) as string[][];
    expect(header).toEqual(['learner_id', 'name', 'policy', 'coach', 'on_register_since', 'rating', 'stage', 'reasons', 'next_deadline', 'next_task', 'overdue', 'waiting_for']);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['L-5', `'${FORMULA}`],
      ['L-4', 'Liam Evans'],
      ['L-3', 'Olivia Brown'],
    ]);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
  });

  test('a coach\'s download holds only their learners; an unknown filter only the header', async () => {
    const own = parse((await get(csvOf(COACH_A))).text) as string[][];
    expect(own.slice(1).map((r) => r[0])).toEqual(['B-1', 'L-1', 'L-2']);
    expect(own[2]).toEqual(['L-1', 'Mia Jones', 'atl', COACH_A, '2026-10-26', 'high', 'Stage 1', 'no recorded progress within 42 days', '2026-11-23', 'Make 2 welfare-check attempts, by telephone and by email', 'no', '']);
    expect(parse((await get(csvOf(COACH_A, '&coach=ben%40example.org'))).text)).toHaveLength(1);
    expect(parse((await get(csvOf(OUTSIDER))).text)).toHaveLength(1);
  });
});

test('no restricted note on any page or download, for anyone', async () => {
  for (const staffId of [COACH_A, COACH_B, COVER, MANAGER, SAFEGUARDING, OUTSIDER]) {
    for (const url of [registerOf(staffId), csvOf(staffId), registerOf(staffId, '&coach=ben%40example.org')]) {
      const page = await get(url);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(SECRET_NOTE);
    }
  }
});

test('one request reads the register once: no case is loaded again', async () => {
  const counted = countingStore(fx.ctx.store);
  const viewer = { staff: (await fx.ctx.store.getStaff(MANAGER))!, token: 'x', now: fx.provider.now };
  const answer = await registerPage({ ctx: { ...fx.ctx, store: counted.store }, links: fx.links }, viewer, { query: {} } as unknown as Request);
  expect('html' in answer && names(answer.html)).toHaveLength(6);
  expect(Object.fromEntries(counted.calls)).toEqual({ casesDueBefore: 1, openCases: 1, getLearner: 6, getStaff: 2 });
});

describe('in Chromium', () => {
  withChromium('the filter form: choose a coach, press Show; a header: sorts, then sorts the other way; no serious accessibility violation', async () => {
    const browser = await launch();
    try {
      const page = await newPage(browser);
      await page.goto(registerOf(MANAGER));
      expect(await seriousViolations(page)).toEqual([]);
      const rowNames = () => page.locator('#register tbody th[scope="row"]').allInnerTexts();

      await page.getByLabel('Coach').selectOption({ label: 'Ben' });
      await Promise.all([page.waitForURL(/coach=ben/), page.getByRole('button', { name: 'Show' }).click()]);
      expect(await rowNames()).toEqual([FORMULA, 'Liam Evans', 'Olivia Brown']);
      expect(await page.locator('#register-count').innerText()).toBe('3 learners on the register match the filters (of 6 you can see)');
      expect(await page.getByLabel('Coach').inputValue()).toBe(COACH_B);

      await Promise.all([page.waitForURL(/sort=name/), page.getByRole('link', { name: 'Learner' }).click()]);
      expect(await rowNames()).toEqual([FORMULA, 'Liam Evans', 'Olivia Brown']);
      expect(await page.getByRole('columnheader', { name: 'Learner' }).getAttribute('aria-sort')).toBe('ascending');
      await Promise.all([page.waitForURL(/dir=desc/), page.getByRole('link', { name: 'Learner' }).click()]);
      expect(await rowNames()).toEqual(['Olivia Brown', 'Liam Evans', FORMULA]);
      expect(await page.getByRole('columnheader', { name: 'Learner' }).getAttribute('aria-sort')).toBe('descending');
      expect(await page.getByLabel('Coach').inputValue()).toBe(COACH_B);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

// Last: it moves the clock on.
test('cases are shown as of now: a deadline passed since the last wake-up reads as overdue', async () => {
  fx.provider.now = new Date('2026-11-24T09:00:00Z');
  const page = await get(registerOf(MANAGER, '&stage=stage-1'));
  expect(names(page.text)).toEqual(['Mia Jones']);
  expect(page.text).toContain('<span class="overdue">Overdue: 2026-11-23</span>');
});
