/**
 * One policy's charts as HTML: each chart an inline SVG image with a caption, and its
 * numbers in a table (weekly tables folded in a <details>, open in print), so what the
 * picture shows can be read, searched and checked. Every text from data is escaped.
 */
import { esc } from '../explain/html.js';
import { roleName } from '../cases/case-summary.js';
import type { PolicyCharts } from './chart-data.js';
import { barsSpec, drawSvg, stackedWeeksSpec } from './draw-chart.js';
import { shortDate, type Week } from './london-weeks.js';
import type { DecisionKind } from './weekly-history.js';

/** One column of a weekly table: its heading and the count for each week. */
interface Column {
  readonly label: string;
  readonly counts: readonly number[];
}

/** How a week is read for the register's charts. */
const REGISTER_WEEK = 'A week runs Monday to Sunday, UK time; a learner counts in a week if on the register at its end (this week: now).';

export async function policyFigures(charts: PolicyCharts): Promise<string> {
  const { pack, register, decided, weeks } = charts;
  const stageLabel = (id: string | null) => (id === null ? 'No stage yet' : (pack.stages.find((s) => s.id === id)?.name ?? id));
  const reasonLabel = (reason: string | null) => reason ?? 'No reason recorded (a stage was entered)';
  const stages = [null, ...pack.stages.map((s) => s.id)].map((id) => ({ label: stageLabel(id), counts: register.map((w) => w.byStage.get(id) ?? 0) }));
  const reasons = [...new Set(register.flatMap((w) => [...w.byReason.keys()]))]
    .map((r) => ({ label: reasonLabel(r), counts: register.map((w) => w.byReason.get(r) ?? 0) }))
    .sort((a, b) => sum(b.counts) - sum(a.counts) || a.label.localeCompare(b.label));
  const kinds: [DecisionKind, string][] = [
    ['meeting', 'Meeting decisions'],
    ['approved', 'Proposals approved'],
    ['rejected', 'Proposals rejected'],
    ['more-information', 'Sent back for more information'],
  ];
  const decisions = kinds.map(([kind, label]) => ({ label, counts: decided.map((w) => w.byKind[kind]) }));
  const totals = register.map((w) => w.total);
  const id = (what: string) => `${pack.id}-${what}`;
  return [
    await weeklyFigure(id('by-stage'), 'On the register each week, by stage', 'learners on the register', weeks, stages, totals, REGISTER_WEEK),
    await weeklyFigure(id('by-reason'), 'On the register each week, by reason', 'learners on the register', weeks, reasons, totals, `The reason is the rule that put the learner on the register. ${REGISTER_WEEK}`),
    await weeklyFigure(id('decided'), 'Escalations decided each week', 'decisions', weeks, decisions, decided.map((w) => w.total), 'Verdicts on proposed steps by the role the policy names, and meeting decisions on agenda items, in the week they were recorded (Monday to Sunday, UK time).'),
    await overdueFigure(id('overdue'), charts),
  ].join('\n');
}

async function weeklyFigure(id: string, title: string, what: string, weeks: readonly Week[], columns: readonly Column[], totals: readonly number[], caption: string): Promise<string> {
  const labels = weeks.map((w) => shortDate(w.start, false));
  const spec = stackedWeeksSpec({
    weeks: labels,
    series: columns.map((c) => c.label),
    values: columns.flatMap((c) => c.counts.map((count, i) => ({ week: labels[i]!, series: c.label, count }))),
    countTitle: capitalised(what),
  });
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;
  const label = `${title}: bar chart of ${what} in the ${weeks.length} weeks from ${shortDate(first.start)} to ${shortDate(last.start)}; ${totals[totals.length - 1]} this week, at most ${Math.max(...totals)}. The numbers are in the table below it.`;
  const head = ['Week starting', ...columns.map((c) => c.label), 'Total'].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const rows = weeks
    .map((w, i) => {
      const cells = [...columns.map((c) => c.counts[i]!), totals[i]!].map((n) => `<td>${n}</td>`).join('');
      return `<tr><th scope="row"><time datetime="${esc(w.start)}">${esc(shortDate(w.start))}</time>${w.complete ? '' : ' (this week, so far)'}</th>${cells}</tr>`;
    })
    .reverse()
    .join('\n');
  return figure(id, title, await drawSvg(spec, label), caption, `<details><summary>The numbers: ${esc(title.toLowerCase())}</summary>
<table id="${esc(id)}"><caption>${esc(title)}, newest week first</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></details>`);
}

async function overdueFigure(id: string, charts: PolicyCharts): Promise<string> {
  const title = 'Tasks overdue now';
  const groups = charts.overdue.map((g) => ({ ...g, roleName: roleName(charts.pack, g.role) }));
  if (groups.length === 0) return `<section class="chart" aria-labelledby="${esc(id)}-h"><h3 id="${esc(id)}-h">${title}</h3><p>No task is overdue.</p></section>`;
  const total = sum(groups.map((g) => g.count));
  const spec = barsSpec(groups.map((g) => ({ label: `${g.title} (${g.roleName})`, count: g.count })), 'Overdue');
  const label = `${title}: bar chart of ${total} overdue ${total === 1 ? 'task' : 'tasks'} by task. The numbers are in the table below it.`;
  const rows = groups.map((g) => `<tr><th scope="row">${esc(g.title)}</th><td>${esc(g.roleName)}</td><td>${g.count}</td></tr>`).join('\n');
  return figure(id, title, await drawSvg(spec, label), 'Open tasks past their due date, by task and who does it.', `<table id="${esc(id)}"><caption>${title}, by task</caption>
<thead><tr><th scope="col">Task</th><th scope="col">Who does it</th><th scope="col">Overdue</th></tr></thead>
<tbody>
${rows}
<tr><th scope="row">Total</th><td></td><td>${total}</td></tr>
</tbody></table>`);
}

function figure(id: string, title: string, svg: string, caption: string, numbers: string): string {
  return `<section class="chart" aria-labelledby="${esc(id)}-h">
<h3 id="${esc(id)}-h">${esc(title)}</h3>
<figure>
${svg}
<figcaption>${esc(caption)}</figcaption>
</figure>
${numbers}
</section>`;
}

const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
