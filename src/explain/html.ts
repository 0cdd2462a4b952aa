/**
 * An explained policy as one self-contained, printable HTML page: inline CSS, no scripts,
 * no fetches (a Content-Security-Policy says so to the browser), semantic headings, lists
 * and tables. A pack is the provider's input, so every text from it is escaped.
 */
import type { DocFact, DocItem, DocSection, PolicyDocument } from '../rules/explain/policy-document.js';
import { EXPLAIN_CSS } from './html-style.js';

/** Nothing loads or runs: only the inline stylesheet. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function toHtml(doc: PolicyDocument): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.pageTitle)}</title>`,
    `<style>${EXPLAIN_CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    '<header>',
    `<h1>${esc(doc.title)}</h1>`,
    facts(doc.facts),
    ...doc.intro.map((p) => `<p class="intro">${esc(p)}</p>`),
    '</header>',
    '<nav aria-label="Contents">',
    '<h2>Contents</h2>',
    '<ol>',
    ...doc.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`),
    '</ol>',
    '</nav>',
    '<main>',
    ...doc.sections.map(section),
    '</main>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function section(s: DocSection): string {
  const table = s.table
    ? [
        '<table>',
        `<thead><tr>${s.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...s.table.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`),
        '</tbody>',
        '</table>',
      ]
    : [];
  return [
    `<section id="${esc(s.id)}" aria-labelledby="${esc(s.id)}-title">`,
    `<h2 id="${esc(s.id)}-title">${esc(s.title)}</h2>`,
    ...s.intro.map((p) => `<p>${esc(p)}</p>`),
    ...table,
    ...s.items.map((item, i) => article(s, item, i)),
    '</section>',
  ].join('\n');
}

function article(s: DocSection, item: DocItem, index: number): string {
  const anchor = `${s.id}--${item.id ?? index + 1}`;
  return [
    `<article id="${esc(anchor)}" aria-labelledby="${esc(anchor)}-title">`,
    `<h3 id="${esc(anchor)}-title">${esc(item.title)}</h3>`,
    ...(item.id !== undefined ? [`<p class="id">Id: <code>${esc(item.id)}</code></p>`] : []),
    ...(item.facts.length > 0 ? [facts(item.facts)] : []),
    ...item.lists.flatMap((l) => [`<h4>${esc(l.title)}:</h4>`, '<ul>', ...l.items.map((i) => `<li>${esc(i)}</li>`), '</ul>']),
    ...(item.source !== undefined ? [`<blockquote class="source"><p><span class="label">Policy:</span> ${esc(item.source)}</p></blockquote>`] : []),
    ...(item.decision !== undefined ? [`<p class="decision"><span class="label">Pack decision:</span> ${esc(item.decision)}</p>`] : []),
    '</article>',
  ].join('\n');
}

function facts(list: readonly DocFact[]): string {
  return `<dl class="facts">${list.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`).join('')}</dl>`;
}

/** Text as HTML text or an attribute value: the five characters that matter, escaped. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
