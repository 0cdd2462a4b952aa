/**
 * The explained policy's stylesheet: a plain, readable page on screen, and on paper A4
 * with the contents left out, no element split across pages where it can be helped, and
 * headings kept with what follows them.
 */
export const EXPLAIN_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; --accent: #0b5cad; --quote: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #ffffff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.15rem; margin: 0 0 0.25rem; }
p { margin: 0.5rem 0; }
a { color: var(--accent); }
code { font: 0.85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--quote); padding: 0.1em 0.35em; border-radius: 4px; }
.intro { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0.75rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
article { margin: 1.5rem 0; padding: 1rem 1.25rem; border: 1px solid var(--rule); border-radius: 8px; }
article .id { color: var(--muted); font-size: 0.875rem; margin: 0 0 0.5rem; }
article h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
article ul { margin: 0.25rem 0; padding-left: 1.25rem; }
blockquote { margin: 0.75rem 0 0; padding: 0.5rem 0.75rem; background: var(--quote); border-left: 4px solid var(--rule); }
.decision { margin-top: 0.5rem; padding: 0.5rem 0.75rem; border-left: 4px solid var(--accent); }
.label { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; font-size: 0.9375rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border: 1px solid var(--rule); }
thead th { background: var(--quote); }
nav ol { columns: 2; margin: 0.5rem 0; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  article, tr, blockquote { break-inside: avoid; page-break-inside: avoid; }
  article { border-color: #999999; }
  thead { display: table-header-group; }
}
`;
