/**
 * A learner's chronology as the page's HTML: a hint for screen users on printing it, the
 * facts block, then one table of every row, oldest first, for an inspector or a funding
 * auditor. Every value from data is escaped. The print rules are in web-style.ts.
 */
import { esc } from '../explain/html.js';
import { formatLondon } from '../rules/calendar/index.js';
import type { Chronology } from './chronology-data.js';
import type { ChronologyRow } from './chronology-rows.js';
import type { Viewer } from './viewer.js';

export function chronologyBody(viewer: Viewer, c: Chronology): string {
  const drawn = formatLondon(viewer.now.getTime());
  return [
    `<p class="print-only">Printed for ${esc(viewer.staff.name)} (${esc(viewer.staff.id)}), drawn ${esc(drawn.slice(0, 10))} at ${esc(drawn.slice(11, 16))} UK time, from Waymark.</p>`,
    `<p class="no-print print-hint">Use your browser's Print (Ctrl+P, or ⌘P on a Mac) to hand this to an inspector: it prints on A4, the facts first and then the chronology, with the table's headings on every page.</p>`,
    restrictedNotice(c.restricted),
    '<h2 id="facts">Facts</h2>',
    `<dl class="facts">${c.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`,
    '<h2 id="chronology">Chronology</h2>',
    table(c),
  ].join('\n');
}

function restrictedNotice(restricted: Chronology['restricted']): string {
  if (restricted === 'shown') return '<p class="restricted">This page shows restricted details (safeguarding or health concerns). Your view has been recorded in the access log. Do not share it with anyone who may not see them.</p>';
  if (restricted === 'withheld') return '<p class="muted">A restricted concern is listed without its category or note: only staff whose role sees restricted details can read them.</p>';
  return '';
}

function table(c: Chronology): string {
  if (c.rows.length === 0) return '<p>Nothing has been recorded about this learner yet.</p>';
  const head = ['When (UK time)', 'What', 'Details', 'Who', 'Pack version'].map((h) => `<th scope="col">${h}</th>`).join('');
  return `<table class="chronology">
<caption>Everything recorded about ${esc(c.learnerId)}, oldest first: ${c.rows.length} ${c.rows.length === 1 ? 'entry' : 'entries'} (events, what the policy worked out from them, and the bot's messages)</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${c.rows.map(row).join('\n')}
</tbody>
</table>`;
}

function row(r: ChronologyRow): string {
  const mark = r.restricted === 'shown' ? ' <strong>(restricted)</strong>' : '';
  return `<tr data-source="${r.source}"${r.restricted ? ` class="${r.restricted === 'shown' ? 'restricted' : 'withheld'}"` : ''}><th scope="row"><time datetime="${esc(new Date(r.at).toISOString())}">${esc(r.when)}</time></th><td>${esc(r.what)}${mark}</td><td>${esc(r.details)}</td><td>${esc(r.who)}</td><td>${esc(r.version)}</td></tr>`;
}
