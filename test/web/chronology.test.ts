/**
 * A learner's chronology page (issue 18): the facts, then everything in time order (events,
 * what the policy worked out, the bot's messages) with who, when and pack version; seen by
 * whoever may see the case, restricted details only by roles that see them (and that view
 * is logged); refused with a 403 that names nobody; printable on A4.
 */
import { mkdirSync } from 'node:fs';
import { engineLearner } from '../../src/cases/case-context.js';
import { loadCaseParts } from '../../src/cases/case-summary.js';
import { loggedSteps } from '../../src/cases/record-event.js';
import { replay } from '../../src/cases/replay.js';
import { trailOf } from '../../src/cases/trail.js';
import { eraseLearner } from '../../src/privacy/erase.js';
import { launch, newPage, seriousViolations, withChromium } from './browser.js';
import { COACH_A, COACH_B, MANAGER, OUTSIDER, openWebFixture, SAFEGUARDING, SECRET_NOTE, type WebFixture } from './web-fixture.js';

let fx: WebFixture;
let proposals: string[];

beforeAll(async () => {
  fx = await openWebFixture('web-chronology');
  const { provider } = fx;
  // L-1 goes to stage 1 (its task then done by two welfare checks), then stage 2, whose
  // task is left to go overdue; the bot posted an alert in the team's channel and asked
  // the manager for approval by direct message.
  const stage = async (to: string, at: string) => {
    provider.now = new Date(at);
    await provider.ok(COACH_A, { kind: 'propose', learnerId: 'L-1', stage: to, reason: `Move to ${to}` });
    const id = (await provider.opened.store.loadCase('L-1'))!.state.proposals.at(-1)!.id;
    provider.now = new Date(provider.now.getTime() + 30 * 60_000);
    await provider.ok(MANAGER, { kind: 'decide', learnerId: 'L-1', proposal: id, verdict: 'approved' });
    return id;
  };
  const first = await stage('stage-1', '2026-11-16T10:00:00Z');
  await provider.advanceTo('2026-11-17T10:00:00Z');
  await provider.ok(COACH_A, { kind: 'log-contact', learnerId: 'L-1', channel: 'phone', outcome: 'no-answer', note: 'Welfare check by phone' } as never);
  await provider.advanceTo('2026-11-18T10:00:00Z');
  await provider.ok(COACH_A, { kind: 'log-contact', learnerId: 'L-1', channel: 'email', outcome: 'no-answer', note: 'Welfare check by email' } as never);
  const second = await stage('stage-2', '2026-11-19T10:00:00Z');
  proposals = [first, second];
  await provider.advanceTo('2026-12-07T09:00:00Z');
  const store = provider.opened.store;
  await store.putSetting('slack:channel:alerts', 'C0ALERTS');
  await store.recordMessage({ key: 'alert-L-1:slack:C0ALERTS', learnerId: 'L-1', platform: 'slack', conversation: 'C0ALERTS', messageId: '1790000000.000100', purpose: 'posted:at-risk-alert', postedAt: new Date('2026-10-26T11:00:05Z') });
  await store.recordMessage({ key: `approval-L-1:teams:${MANAGER}`, learnerId: 'L-1', platform: 'teams', conversation: 'a:1maya', messageId: 'act-1', purpose: `approval:${first}`, postedAt: new Date('2026-11-16T10:00:03Z') });
  provider.take();
}, 120_000);
afterAll(() => fx.close());

interface Row {
  readonly source: string;
  readonly className: string;
  readonly datetime: string;
  readonly cells: string[];
}

async function get(staffId: string, learner: string): Promise<{ status: number; text: string }> {
  const response = await fetch(fx.link(staffId, { page: 'chronology', learner }));
  return { status: response.status, text: await response.text() };
}

/** The chronology table's body rows, each cell's text (tags stripped). */
function rowsOf(html: string): Row[] {
  const body = /<table class="chronology">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr data-source="(\w+)"(?: class="(\w+)")?>([\s\S]*?)<\/tr>/g)].map((m) => ({
    source: m[1]!,
    className: m[2] ?? '',
    datetime: /datetime="([^"]+)"/.exec(m[3]!)?.[1] ?? '',
    cells: [...m[3]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decoded(c[1]!.replace(/<[^>]+>/g, ''))),
  }));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decoded = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** What the chronology must hold for a learner, counted from the store independently of the page. */
async function expectedCounts(learnerId: string, seesRestricted: boolean) {
  const parts = (await loadCaseParts(fx.ctx, learnerId))!;
  const trail = await trailOf(fx.ctx, parts, seesRestricted);
  const replayed = replay(parts.pack, engineLearner(parts.record), await loggedSteps(fx.ctx, learnerId), fx.provider.now.getTime());
  const shown = ['alert', 'rating', 'stage', 'recommend', 'task', 'overdue', 'agenda'];
  const set = replayed.timeline.filter((e) => e.kind === 'task');
  const open = new Set(replayed.state.tasks.map((t) => `${t.task}|${t.due}`));
  const ended = set.filter((t) => !open.has(`${t.task}|${t.due}`)).length;
  const messages = (await fx.ctx.store.messagesFor(learnerId)).length;
  return { trail: trail.length, policy: replayed.timeline.filter((e) => shown.includes(e.kind)).length + ended, messages };
}

describe('the manager opens L-1', () => {
  let page: { status: number; text: string };
  let rows: Row[];
  beforeAll(async () => {
    page = await get(MANAGER, 'L-1');
    rows = rowsOf(page.text);
  });

  test('the facts: who the learner is, their policy and pack version, coach, dates, register, rating and stage', () => {
    expect(page.status).toBe(200);
    const facts = Object.fromEntries([...page.text.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)].map((m) => [m[1], m[2]]));
    expect(facts).toEqual({
      Learner: 'Mia Jones (L-1)',
      Programme: 'apprenticeship, england',
      Policy: 'Managing learners at-risk policy (atl), version 1.3.0',
      Coach: 'Ann',
      Start: 'Tue 1 Sep 2026',
      'Planned end': 'Wed 1 Sep 2027',
      'On the at-risk register': 'yes, since Mon 26 Oct 2026',
      Rating: 'high',
      Stage: 'Stage 2',
    });
  });

  test('one row for every event, everything the policy worked out, and every message: no more, no fewer', async () => {
    const expected = await expectedCounts('L-1', false);
    expect(expected.trail).toBeGreaterThanOrEqual(11);
    expect(expected.policy).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r.source === 'event')).toHaveLength(expected.trail);
    expect(rows.filter((r) => r.source === 'policy')).toHaveLength(expected.policy);
    expect(rows.filter((r) => r.source === 'message')).toHaveLength(expected.messages);
    expect(rows).toHaveLength(expected.trail + expected.policy + expected.messages);
    expect(page.text).toContain(`oldest first: ${rows.length} entries`);
  });

  test('rows are in time order, each with when, what, who and the pack version', () => {
    const times = rows.map((r) => Date.parse(r.datetime));
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeLessThan(times.at(-1)!);
    for (const r of rows) {
      expect(r.cells).toHaveLength(5);
      expect(r.cells[0]).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w+ 20\d\d, \d\d:\d\d$/);
      expect(r.cells[3]).not.toBe('');
      expect(r.cells[4]).toBe('atl 1.3.0');
    }
  });

  test('who: staff by name, the feed by its label, the policy and the bot as Waymark', () => {
    const whoOf = (what: string) => [...new Set(rows.filter((r) => r.cells[1] === what).map((r) => r.cells[3]))];
    expect(whoOf('Contact')).toEqual(['Ann']);
    expect(whoOf('Step proposed')).toEqual(['Ann']);
    expect(whoOf('Step decided')).toEqual(['Maya']);
    expect(whoOf('Session missed')).toEqual(['Data feed (test-feed)']);
    expect(whoOf('Task set')).toEqual(['Waymark (the policy)']);
    expect(rows.map((r) => r.cells[3] ?? '').filter((who) => who.includes('@'))).toEqual([]);
  });

  test('tasks: when set, when done, when overdue; proposals with their decisions; recommendations', () => {
    const what = rows.map((r) => r.cells[1]);
    expect(what.filter((w) => w === 'Task set')).toHaveLength(2);
    expect(what.filter((w) => w === 'Task done')).toHaveLength(1);
    expect(what.filter((w) => w === 'Task overdue')).toHaveLength(1);
    expect(what.filter((w) => w === 'Step proposed')).toHaveLength(2);
    expect(what.filter((w) => w === 'Step decided')).toHaveLength(2);
    expect(what.filter((w) => w === 'Recommended').length).toBeGreaterThanOrEqual(1);
    // Done after the second welfare check, overdue after the stage 2 task's due day.
    const done = rows.find((r) => r.cells[1] === 'Task done')!;
    expect(done.cells[2]).toContain('welfare-check attempts, by telephone and by email');
    expect(done.datetime).toBe('2026-11-18T10:00:00.000Z');
    const overdue = rows.find((r) => r.cells[1] === 'Task overdue')!;
    expect(overdue.cells[2]).toMatch(/^Make 2 more welfare-check attempts.*; for the Sector Manager/);
    expect(rows.filter((r) => r.cells[1] === 'Step decided').map((r) => r.cells[2])).toEqual(proposals.map((p) => `Proposal: ${p}; Verdict: approved; Staff: Maya`));
  });

  test('messages: where each went (channel or direct message) and when', () => {
    const messages = rows.filter((r) => r.source === 'message').map((r) => [r.datetime, r.cells[1], r.cells[2]]);
    expect(messages).toEqual([
      ['2026-10-26T11:00:05.000Z', 'Message posted: at risk alert', "The coaching team's channel (Slack C0ALERTS)"],
      ['2026-11-16T10:00:03.000Z', 'Message posted: approval request', 'Direct message to Maya (Teams)'],
    ]);
  });
});

describe('who may see a chronology', () => {
  test('coach A is refused L-3 (another coach\'s learner): 403 and nothing about them', async () => {
    const page = await get(COACH_A, 'L-3');
    expect(page.status).toBe(403);
    expect(page.text).toContain('You cannot see this learner');
    for (const text of ['Olivia', 'Brown', SECRET_NOTE, 'data-source', 'Ben']) expect(page.text).not.toContain(text);
  });

  test('someone with no role in the pack is refused too; coach A sees their own learner', async () => {
    expect((await get(OUTSIDER, 'L-1')).status).toBe(403);
    expect((await get(COACH_A, 'L-1')).status).toBe(200);
  });

  test('an unknown learner is a 404', async () => {
    const page = await get(MANAGER, 'L-404');
    expect(page.status).toBe(404);
    expect(page.text).toContain('There is no learner &quot;L-404&quot;.');
  });
});

describe('restricted details', () => {
  test('coach B sees L-3\'s concern without its category or note, and nothing is logged', async () => {
    const page = await get(COACH_B, 'L-3');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Olivia Brown');
    const concerns = rowsOf(page.text).filter((r) => r.cells[1] === 'Concern raised');
    expect(concerns).toHaveLength(1);
    expect(concerns[0]!.className).toBe('withheld');
    expect(concerns[0]!.cells[2]).toBe('A restricted concern: its category and note are withheld from you.');
    expect(page.text).not.toContain(SECRET_NOTE);
    expect(page.text).not.toMatch(/Category: /);
    expect(rowsOf(page.text)).toHaveLength(Object.values(await expectedCounts('L-3', false)).reduce((a, b) => a + b, 0));
    expect(await fx.ctx.store.restrictedAccessOf('L-3')).toEqual([]);
  });

  test('the safeguarding lead sees the category and note, and their view is in the access log', async () => {
    const page = await get(SAFEGUARDING, 'L-3');
    expect(page.status).toBe(200);
    const concern = rowsOf(page.text).find((r) => r.cells[1] === 'Concern raised (restricted)')!;
    expect(concern.className).toBe('restricted');
    expect(concern.cells[2]).toBe(`Category: safeguarding; Note: “${SECRET_NOTE}”`);
    expect(page.text).toContain('Your view has been recorded in the access log.');
    expect(await fx.ctx.store.restrictedAccessOf('L-3')).toEqual([{ learnerId: 'L-3', viewer: SAFEGUARDING, at: fx.provider.now, view: 'web' }]);
  });

  test('a view of a learner with no restricted detail is not logged', async () => {
    expect((await get(SAFEGUARDING, 'L-1')).status).toBe(200);
    expect(await fx.ctx.store.restrictedAccessOf('L-1')).toEqual([]);
  });
});

test('an erased learner shows the anonymised skeleton the store now holds', async () => {
  const erased = await eraseLearner(fx.ctx, { learnerId: 'L-4', reason: 'Left; asked to be forgotten', by: 'cli:admin', force: true });
  expect(erased.ok).toBe(true);
  const page = await get(MANAGER, 'L-4');
  expect(page.status).toBe(200);
  expect(page.text).not.toContain('Liam');
  expect(page.text).toContain('Chronology: Erased learner (L-4)');
  const rows = rowsOf(page.text);
  expect(rows.filter((r) => r.cells[1] === 'Learner erased').map((r) => r.cells[3])).toEqual(['Command line (admin)']);
  expect(rows.filter((r) => r.cells[1] === 'Activity')).toHaveLength(1);
});

withChromium('printed: no navigation, the header row on every page, rows unsplit, A4, and no serious accessibility problems', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(fx.link(MANAGER, { page: 'chronology', learner: 'L-1' }));
    expect(await seriousViolations(page)).toEqual([]);
    await expect(page.locator('.print-hint').isVisible()).resolves.toBe(true);
    await expect(page.locator('.print-only').isVisible()).resolves.toBe(false);

    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const style = (s: string) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(doc.querySelector(s));
      return { nav: style('header.site nav').display, thead: style('table.chronology thead').display, row: style('table.chronology tbody tr').breakInside, hint: style('.print-hint').display, by: style('.print-only').display, footer: style('footer.site').display, link: style('header.site a, main a, a').textDecorationLine };
    });
    expect(printed).toEqual({ nav: 'none', thead: 'table-header-group', row: 'avoid', hint: 'none', by: 'block', footer: 'block', link: 'none' });
    await expect(page.locator('.print-only').textContent()).resolves.toMatch(/^Printed for Maya \(maya@example\.org\), drawn 2026-12-07 at 09:00 UK time/);
    await expect(page.locator('footer.site').textContent()).resolves.toMatch(/^Drawn on Monday 7 December 2026 at 09:00 \(UK time\)/);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/chronology-print.png', fullPage: true });

    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    // A4 is 595 x 842 points.
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
  } finally {
    await browser.close();
  }
});
