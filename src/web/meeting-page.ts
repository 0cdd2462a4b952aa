/**
 * A meeting's page (/web/<staff>/meetings/<policy>/<meeting>?date=YYYY-MM-DD): each item
 * on that sitting's agenda with why it is there and the decision recorded, and links to
 * the sittings before it. Only the people who sit in the meeting (its role, as for
 * recording its decisions) see it; anyone else is told so with no learner named. Without
 * a date: today's sitting, else the next (meeting-sittings.ts).
 */
import type { Request } from 'express';
import { mayRecordMeetingDecision, withArticle } from '../cases/authorization.js';
import { agendaEntries } from '../cases/case-queries.js';
import { roleName } from '../cases/case-summary.js';
import type { AgendaEntry } from '../cases/intents.js';
import { staffName } from '../cases/staff-directory.js';
import { esc } from '../explain/html.js';
import { formatLondon, missingDateReason, parseDay } from '../rules/calendar/index.js';
import { scheduleWords } from '../rules/explain/effect-words.js';
import type { Meeting, Pack } from '../rules/pack/pack-schema.js';
import { layout, problemPage } from './layout.js';
import { currentSitting, sittingsUpTo } from './meeting-sittings.js';
import { href, type Viewer } from './viewer.js';
import type { PageHandler, WebContext } from './page-types.js';

/** How many sittings the page links to (this one and those before it). */
const SITTINGS_LISTED = 6;

export const meetingPage: PageHandler = async (web, viewer, req) => {
  const policy = String(req.params.policy);
  const meetingId = String(req.params.meeting);
  const pack = web.ctx.packFor(policy);
  const meeting = pack?.meetings.find((m) => m.id === meetingId);
  if (!pack || !meeting) {
    return { status: 404, html: problemPage(viewer, 'No such meeting', `There is no meeting "${meetingId}" under the policy "${policy}".`) };
  }
  if (mayRecordMeetingDecision(viewer.staff, pack, meeting.id) !== null) {
    const who = withArticle(roleName(pack, meeting.role));
    return { status: 403, html: problemPage(viewer, meeting.name, `Only ${who} can see the agenda of the ${meeting.name}.`) };
  }
  const asked = dateAsked(req);
  if (asked !== undefined && parseDay(asked) === undefined) {
    const why = missingDateReason(asked) ?? `"${asked}" is not a date`;
    return { status: 400, html: problemPage(viewer, 'Date not understood', `${why}. Give the sitting's date as YYYY-MM-DD, for example 2026-12-07.`) };
  }
  const current = currentSitting(meeting, viewer.now);
  const date = asked ?? current;
  const items = await agendaOf(web, pack, meeting, date);
  const body = [
    `<p>${esc(pack.name)}: held by ${esc(withArticle(roleName(pack, meeting.role)))}, ${esc(scheduleWords(meeting))}.</p>`,
    `<h2>Agenda</h2>`,
    `<p id="agenda-count">${items.length === 0 ? 'Nothing is on the agenda for this sitting.' : `${items.length} ${items.length === 1 ? 'learner' : 'learners'} on the agenda`}</p>`,
    ...(await Promise.all(items.map((item, i) => agendaItem(web, viewer, item, i)))),
    sittingLinks(viewer, pack, meeting, current, date),
  ];
  return { html: layout(viewer, { title: `${meeting.name}, ${date}`, body: body.join('\n') }) };
};

/** The pack's learners on the sitting's agenda, each case read once. */
async function agendaOf(web: WebContext, pack: Pack, meeting: Meeting, date: string): Promise<AgendaEntry[]> {
  const items: AgendaEntry[] = [];
  for (const stored of await web.ctx.store.casesOnAgenda(meeting.id, date)) {
    const record = await web.ctx.store.getLearner(stored.learnerId);
    if (!record || web.ctx.packFor(record.policy)?.id !== pack.id) continue;
    items.push(...(await agendaEntries(web.ctx, { record, pack, stored }, meeting.id, date)));
  }
  return items.sort((a, b) => a.learner.name.localeCompare(b.learner.name));
}

async function agendaItem(web: WebContext, viewer: Viewer, item: AgendaEntry, index: number): Promise<string> {
  const heading = `agenda-item-${index + 1}`;
  const facts: [string, string][] = [
    ['Coach', item.learner.coach === null ? 'No coach yet' : esc(await staffName(web.ctx, item.learner.coach))],
    ['Why it is here', item.reasons.map(esc).join('<br>')],
    ['Rating', esc(item.case.rating ?? 'Not rated')],
    ['Stage', esc(item.case.stageName ?? 'No stage')],
  ];
  const d = item.decided;
  const decision: [string, string][] = d
    ? [
        ['Outcome', esc(d.outcome)],
        ['Action', esc(d.action)],
        ['Owner', esc(d.ownerName)],
        ['Review date', esc(d.reviewDate)],
        ['Recorded by', esc(await staffName(web.ctx, d.by))],
        ['Recorded at', esc(formatLondon(d.at.getTime()).slice(0, 16).replace('T', ' '))],
      ]
    : [];
  return `<section aria-labelledby="${heading}">
<h3 id="${heading}"><a href="${href(viewer, { page: 'chronology', learner: item.learner.id })}">${esc(item.learner.name)}</a></h3>
${factList(facts)}
<h4>Decision</h4>
${d ? factList(decision) : '<p>No decision recorded yet.</p>'}
</section>`;
}

function factList(facts: readonly [string, string][]): string {
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function sittingLinks(viewer: Viewer, pack: Pack, meeting: Meeting, current: string, shown: string): string {
  const dates = sittingsUpTo(meeting, current, SITTINGS_LISTED);
  const heading = '<h2 id="sittings-heading">Sittings</h2>';
  if (dates.length === 0) {
    return `<section class="no-print" aria-labelledby="sittings-heading">${heading}<p>This meeting has no fixed sittings: each item is filed under the date it must be held by. Add <code>date=YYYY-MM-DD</code> to the address to open another date.</p></section>`;
  }
  const links = dates.map((date) => {
    const link = href(viewer, { page: 'meeting', policy: pack.id, meeting: meeting.id, date });
    return `<li><a href="${link}"${date === shown ? ' aria-current="page"' : ''}>${date}${date === current ? ' (current or next)' : ''}</a></li>`;
  });
  return `<nav class="no-print" aria-labelledby="sittings-heading">${heading}<ul id="sittings">${links.join('')}</ul></nav>`;
}

function dateAsked(req: Request): string | undefined {
  const value = req.query.date;
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value : String(Array.isArray(value) ? value[0] : value);
}
