/**
 * An explained policy as Markdown (CommonMark with GitHub tables). A pack is the
 * provider's input, so every text from it is escaped: it reads as written and can never
 * become a link, an HTML tag, a list or a heading.
 */
import type { DocFact, DocItem, DocSection, PolicyDocument } from '../rules/explain/policy-document.js';

export function toMarkdown(doc: PolicyDocument): string {
  const lines: string[] = [`# ${md(doc.title)}`, '', ...facts(doc.facts)];
  for (const p of doc.intro) lines.push('', paragraph(p));
  lines.push('', '## Contents', '');
  doc.sections.forEach((s, i) => lines.push(`${i + 1}. [${md(s.title)}](#${s.id})`));
  for (const s of doc.sections) lines.push('', ...section(s));
  return `${lines.join('\n')}\n`;
}

function section(s: DocSection): string[] {
  const out = [`## ${md(s.title)}`];
  for (const p of s.intro) out.push('', paragraph(p));
  if (s.table) {
    out.push('', row(s.table.columns), `|${s.table.columns.map(() => ' --- |').join('')}`);
    for (const cells of s.table.rows) out.push(row(cells));
  }
  for (const item of s.items) out.push('', ...itemLines(item));
  return out;
}

function itemLines(item: DocItem): string[] {
  const out = [`### ${md(item.title)}`, ...(item.id !== undefined ? ['', `Id: \`${item.id}\``] : [])];
  if (item.facts.length > 0) out.push('', ...facts(item.facts));
  for (const list of item.lists) out.push('', `${paragraph(list.title)}:`, '', ...list.items.map((i) => `- ${md(i)}`));
  if (item.source !== undefined) out.push('', `> **Policy:** ${md(item.source)}`);
  if (item.decision !== undefined) out.push('', `**Pack decision:** ${md(item.decision)}`);
  return out;
}

function facts(list: readonly DocFact[]): string[] {
  return list.map((f) => `- **${md(f.label)}:** ${md(f.value)}`);
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => md(c) || ' ').join(' | ')} |`;
}

/** Text from the pack, inline: on one line, with Markdown's punctuation escaped. */
export function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|&#~]/g, (c) => `\\${c}`);
}

/** Text that starts a line: a leading "-", "+", "=" or "1." that would start a list or underline a heading defused too. */
function paragraph(text: string): string {
  return md(text)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
