/**
 * The register page's content: a filter form (GET, so the server answers it; no script),
 * a count, a CSV link for the same rows, and a table whose column headers are sort links.
 * Every value from data is escaped.
 */
import { esc } from '../explain/html.js';
import {
  FILTERS,
  queryParams,
  type FilterName,
  type FilterOption,
  type RegisterLine,
  type RegisterQuery,
  type SortKey,
} from './register-query.js';
import { href, type Viewer } from './viewer.js';

export interface RegisterView {
  readonly query: RegisterQuery;
  /** How many learners on the register the viewer may see. */
  readonly total: number;
  /** The rows that answer the query, in order. */
  readonly shown: readonly RegisterLine[];
  readonly options: Record<FilterName, FilterOption[]>;
  /** Filters given a value none of the viewer's rows has. */
  readonly unknown: readonly FilterName[];
  /** The viewer holds no role under any policy with learners on the register. */
  readonly noRole: boolean;
}

const FILTER_LABELS: Record<FilterName, { label: string; all: string }> = {
  coach: { label: 'Coach', all: 'All coaches' },
  stage: { label: 'Stage', all: 'All stages' },
  rating: { label: 'Rating', all: 'All ratings' },
  policy: { label: 'Policy', all: 'All policies' },
};

const COLUMNS: { label: string; sort?: SortKey }[] = [
  { label: 'Learner', sort: 'name' },
  { label: 'Policy', sort: 'policy' },
  { label: 'Coach', sort: 'coach' },
  { label: 'On the register since', sort: 'since' },
  { label: 'Rating', sort: 'rating' },
  { label: 'Stage', sort: 'stage' },
  { label: 'Reasons' },
  { label: 'Next deadline', sort: 'deadline' },
  { label: 'Steps waiting' },
];

export function registerBody(viewer: Viewer, view: RegisterView): string {
  if (view.noRole) {
    return `<p>You hold no role under the policies of the learners on the register, so none of them are shown. Ask a Waymark admin to add your role to the staff directory.</p>`;
  }
  const filtered = Object.keys(view.query.filters).length > 0;
  const parts = [filterForm(viewer, view)];
  parts.push(`<p id="register-count">${countLine(view.shown.length, view.total, filtered)}</p>`);
  if (view.unknown.length > 0) {
    const named = view.unknown.map((f) => `${FILTER_LABELS[f].label.toLowerCase()} “${esc(view.query.filters[f]!)}”`).join(' or ');
    parts.push(`<p>No learner on the register that you can see has ${named}, so no rows are shown.</p>`);
  } else if (view.total === 0) {
    parts.push('<p>Nobody on the at-risk register is yours to see.</p>');
  } else if (view.shown.length === 0) {
    parts.push('<p>No learner on the register matches these filters.</p>');
  }
  parts.push(`<p class="no-print"><a href="${href(viewer, 'register.csv', queryParams(view.query))}">Download these rows as CSV</a> (opens in a spreadsheet)</p>`);
  if (view.shown.length > 0) parts.push(table(viewer, view));
  return parts.join('\n');
}

function countLine(shown: number, total: number, filtered: boolean): string {
  const learners = (n: number) => `${n} ${n === 1 ? 'learner' : 'learners'}`;
  return filtered ? `${learners(shown)} on the register match the filters (of ${total} you can see)` : `${learners(shown)} on the register`;
}

function filterForm(viewer: Viewer, view: RegisterView): string {
  const selects = FILTERS.map((name) => {
    const chosen = view.query.filters[name];
    const options = view.options[name].map((o) => `<option value="${esc(o.value)}"${o.value === chosen ? ' selected' : ''}>${esc(o.label)}</option>`).join('');
    return `<label for="filter-${name}">${FILTER_LABELS[name].label}<select id="filter-${name}" name="${name}"><option value="">${FILTER_LABELS[name].all}</option>${options}</select></label>`;
  });
  const sortParams = queryParams({ ...view.query, filters: {} });
  const kept = Object.entries({ t: viewer.token, ...sortParams })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v!)}">`);
  return `<form class="filters" method="get" action="${esc(`/web/${encodeURIComponent(viewer.staff.id)}/register`)}" aria-label="Filter the register">
${kept.join('')}${selects.join('\n')}
<button type="submit">Show</button>
<a href="${href(viewer, { page: 'register' }, sortParams)}">Clear filters</a>
</form>`;
}

function table(viewer: Viewer, view: RegisterView): string {
  const { sort, dir } = view.query;
  const sortedBy = COLUMNS.find((c) => c.sort === sort)!.label.toLowerCase();
  const head = COLUMNS.map((c) => {
    if (c.sort === undefined) return `<th scope="col">${c.label}</th>`;
    if (c.sort !== sort) return `<th scope="col"><a href="${href(viewer, { page: 'register' }, queryParams(view.query, { sort: c.sort, dir: 'asc' }))}">${c.label}</a></th>`;
    const next = dir === 'asc' ? 'desc' : 'asc';
    const arrow = dir === 'asc' ? '▲' : '▼';
    return `<th scope="col" aria-sort="${dir === 'asc' ? 'ascending' : 'descending'}"><a href="${href(viewer, { page: 'register' }, queryParams(view.query, { sort: c.sort, dir: next }))}">${c.label} <span aria-hidden="true">${arrow}</span></a></th>`;
  }).join('');
  const body = view.shown.map((line) => row(viewer, line)).join('\n');
  return `<table id="register">
<caption>Learners on the at-risk register, by ${sortedBy} (${dir === 'asc' ? 'ascending' : 'descending'}). Select a column heading to sort by it.</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function row(viewer: Viewer, line: RegisterLine): string {
  const { row: r } = line;
  const deadline = r.case.nextDeadline;
  const due = deadline === null ? '<span class="muted">None</span>' : `${deadline.overdue ? `<span class="overdue">Overdue: ${esc(deadline.due)}</span>` : esc(deadline.due)}<br>${esc(deadline.title)}`;
  const waiting = r.waiting.length === 0 ? '<span class="muted">None</span>' : r.waiting.map((w) => `${esc(w.label)} (${esc(w.approverName)} to decide)`).join('<br>');
  const cells = [
    esc(r.pack.name),
    line.coachName === null ? '<span class="muted">No coach yet</span>' : esc(line.coachName),
    esc(r.since ?? ''),
    r.case.rating === null ? '' : `<span class="${ratingClass(line.ratingLevel)}">${esc(r.case.rating)}</span>`,
    esc(r.case.stageName ?? 'No stage yet'),
    r.case.reasons.map(esc).join('<br>'),
    due,
    waiting,
  ];
  return `<tr><th scope="row"><a href="${href(viewer, { page: 'chronology', learner: r.learner.id })}">${esc(r.learner.name)}</a></th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function ratingClass(level: number | null): string {
  if (level === null) return '';
  return level >= 1 ? 'rating-red' : level <= 0 ? 'rating-green' : 'rating-amber';
}
