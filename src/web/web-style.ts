/**
 * The web pages' stylesheet: readable on screen (contrast at least WCAG AA, visible focus),
 * and on paper A4 without the navigation, with table headers repeated and rows unsplit.
 */
export const WEB_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; --accent: #0b5cad; --soft: #f6f8fa; --red: #a40e26; --amber: #7a4d00; --green: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #ffffff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.skip { position: absolute; left: -999px; top: 0; background: #ffffff; padding: 0.5rem; }
.skip:focus { left: 0.5rem; }
header.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; padding: 0.75rem 1.5rem; border-bottom: 1px solid var(--rule); background: var(--soft); }
header.site .brand { font-weight: 700; margin: 0; }
header.site nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
header.site nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--ink); }
header.site .who { margin: 0 0 0 auto; color: var(--muted); font-size: 0.875rem; }
main { max-width: 80rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
footer.site { max-width: 80rem; margin: 0 auto; padding: 0 1.5rem 2rem; color: var(--muted); font-size: 0.875rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
code { font: 0.875em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0.1em 0.35em; border-radius: 4px; }
.muted { color: var(--muted); }
form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; margin: 0 0 1rem; padding: 0.75rem; background: var(--soft); border: 1px solid var(--rule); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: 0.875rem; font-weight: 600; gap: 0.25rem; }
form.filters select, form.filters input, form.filters button { font: inherit; padding: 0.3rem 0.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; font-size: 0.9375rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border: 1px solid var(--rule); }
thead th { background: var(--soft); }
.rating-red { color: var(--red); font-weight: 700; }
.rating-amber { color: var(--amber); font-weight: 700; }
.rating-green { color: var(--green); font-weight: 700; }
.overdue { color: var(--red); font-weight: 700; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0.75rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure { margin: 1rem 0 2rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.875rem; }
.restricted { border-left: 4px solid var(--red); padding-left: 0.5rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10pt; }
  header.site nav, header.site .who, .skip, form.filters, .no-print { display: none; }
  header.site { background: none; padding: 0 0 0.5rem; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, figure, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  /* Folded tables (a chart's numbers) print open. */
  details::details-content { content-visibility: visible; }
  th, td { border-color: #888888; }
}
/* ---- Chronology page (chronology-page.ts): start ---- */
.print-only { display: none; }
.print-hint { padding: 0.5rem 0.75rem; background: var(--soft); border: 1px solid var(--rule); border-radius: 6px; }
table.chronology th[scope="row"] { font-weight: 400; white-space: nowrap; }
table.chronology tr.restricted > th { border-left: 4px solid var(--red); }
table.chronology tr.withheld > td { color: var(--muted); }
@media print {
  .print-only { display: block; margin: 0 0 0.5rem; font-size: 9pt; }
  table.chronology { font-size: 9pt; }
  table.chronology th, table.chronology td { padding: 0.2rem 0.35rem; }
  table.chronology caption { break-after: avoid; page-break-after: avoid; }
}
/* ---- Chronology page: end ---- */
`;
