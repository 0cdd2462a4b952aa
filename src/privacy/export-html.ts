/**
 * A subject access export as one readable, printable HTML page (the JSON holds the same).
 * Everything in it is the learner's or staff's text, so every value is escaped.
 */
import { EXPLAIN_CSS } from '../explain/html-style.js';
import { esc } from '../explain/html.js';
import { formatLondon } from '../rules/calendar/index.js';
import type { LearnerExport } from './export.js';

export function exportHtml(x: LearnerExport): string {
  const { learner } = x;
  const state = x.case?.state;
  const sections = [
    `<h1>Everything Waymark holds about ${esc(learner.name)} (${esc(learner.id)})</h1>`,
    `<p class="intro">Exported ${esc(x.exportedAt.toISOString())} by ${esc(x.exportedBy)}. Restricted details (safeguarding, health) are included.</p>`,
    '<h2>Learner</h2>',
    facts(Object.entries(learner).map(([k, v]) => [k, text(v)])),
    '<h2>Case</h2>',
    state
      ? [
          facts([
            ['on the at-risk register', state.open ? 'yes' : 'no'],
            ['monitoring', state.status],
            ['rating', state.rating ?? 'none'],
            ['stage', state.stage ?? 'none'],
            ['policy', `${x.case!.policy} ${x.case!.packVersion}`],
            ['claimed or assigned to', state.assignee ?? 'the learner\'s coach'],
          ]),
          '<h3>Open tasks</h3>',
          table(['task', 'role', 'due', 'overdue'], state.tasks.map((t) => [t.title, t.role, t.due, t.overdue ? 'yes' : 'no'])),
          '<h3>Recommendations waiting</h3>',
          table(['action', 'stage', 'reasons', 'since'], state.pending.map((p) => [p.action, p.stage ?? '', p.reasons.join('; '), formatLondon(p.at)])),
          '<h3>Proposals</h3>',
          table(['step', 'by', 'when', 'decided by', 'status'], state.proposals.map((p) => [p.step.stage ?? p.step.outcome ?? '', p.by, formatLondon(p.at), p.approver ?? 'no approval needed', p.status])),
          '<h3>Why the rules fired</h3>',
          table(['rule', 'reason', 'when'], state.reasons.map((r) => [r.rule, r.reason, formatLondon(r.at)])),
        ].join('\n')
      : '<p>No case: nothing has been logged.</p>',
    '<h2>Everything recorded (the audit trail)</h2>',
    table(['when', 'what', 'details', 'recorded by', 'under'], x.trail.map((t) => {
      const { type, at: _at, ...fields } = t.event;
      return [t.at, type, Object.entries(fields).map(([k, v]) => `${k}: ${text(v)}`).join('; '), `${t.recordedBy} at ${t.recordedAt}`, `${t.policy} ${t.packVersion}`];
    })),
    '<h2>Chat messages posted about them</h2>',
    table(['platform', 'conversation', 'message', 'what', 'posted', 'replaced'], x.messages.map((m) => [m.platform, m.conversation, m.messageId, m.purpose, m.postedAt.toISOString(), m.removal ?? 'no'])),
    '<h2>Erasures</h2>',
    table(['when', 'by', 'why'], x.erasures.map((e) => [e.at.toISOString(), e.by, e.reason])),
    '<h2>Who viewed their restricted details</h2>',
    table(['when', 'who', 'where'], x.restrictedAccess.map((a) => [a.at.toISOString(), a.viewer, a.view])),
  ];
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Subject access export: ${esc(learner.id)}</title><style>${EXPLAIN_CSS}</style></head>
<body><main class="page">
${sections.join('\n')}
</main></body>
</html>
`;
}

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function facts(rows: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '<p>None.</p>';
  const cells = (r: readonly string[], tag: string) => `<tr>${r.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells(head, 'th')}</thead><tbody>${rows.map((r) => cells(r, 'td')).join('')}</tbody></table>`;
}
