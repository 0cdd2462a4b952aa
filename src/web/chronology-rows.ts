/**
 * A learner's chronology as rows, oldest first: every logged event (feed, CSV import, chat)
 * as the viewer may see it, what the policy worked out from them (register, ratings,
 * stages, recommendations, tasks set, overdue and ended), and every chat message the bot
 * posted about them, each with who, when and the pack version. Pure: the page gathers the
 * inputs (chronology-data.ts) and draws the rows (chronology-html.ts).
 */
import { dayWords, recorderWords } from '../cards/catalogue/about.js';
import { roleName } from '../cases/case-summary.js';
import type { TrailEntry } from '../cases/trail.js';
import { formatLondon } from '../rules/calendar/index.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { PolicyVersion } from '../store/records.js';
import type { CaseHistory, TaskEnded } from './chronology-case.js';

export type RowSource = 'event' | 'policy' | 'message';

export interface ChronologyRow {
  readonly at: number;
  /** When, in UK time ("Tue 22 Dec 2026, 09:00"). */
  readonly when: string;
  readonly source: RowSource;
  readonly what: string;
  readonly details: string;
  /** A person's name, the data feed or import, or Waymark. */
  readonly who: string;
  /** "atl 1.3.0": the pack version it was recorded (or in force) under. */
  readonly version: string;
  /** A restricted detail shown to this viewer, or withheld from them. */
  readonly restricted?: 'shown' | 'withheld';
}

/** A chat message about the learner, with where it went already in words. */
export interface PostedRow {
  readonly at: Date;
  readonly purpose: string;
  readonly where: string;
  readonly removal?: 'pending' | 'done' | undefined;
}

export interface RowInputs {
  readonly pack: Pack;
  /** The versions of the learner's policy this database has run, oldest first. */
  readonly versions: readonly PolicyVersion[];
  readonly trail: readonly TrailEntry[];
  readonly history: CaseHistory;
  readonly messages: readonly PostedRow[];
  /** Staff names by id. */
  readonly names: Readonly<Record<string, string>>;
  /** A stage's name (the learner's variant of the pack). */
  readonly stageName: (id: string) => string;
}

/** The timeline kinds shown: staff steps (proposals, decisions) are shown as the events that record them. */
const SHOWN_KINDS: ReadonlySet<TimelineEntry['kind']> = new Set(['alert', 'rating', 'stage', 'recommend', 'task', 'overdue', 'agenda']);

export function chronologyRows(input: RowInputs): ChronologyRow[] {
  const name = (id: string) => input.names[id] ?? id;
  const inForce = (at: number) => `${input.pack.id} ${versionAt(input.versions, at) ?? input.pack.version}`;
  const titles = new Map(input.history.timeline.flatMap((e) => (e.kind === 'task' ? [[e.task, e.title] as const] : [])));
  const rows = [
    ...input.trail.map((t) => eventRow(t, input.pack, name, inForce)),
    ...input.history.timeline.filter((e) => SHOWN_KINDS.has(e.kind)).map((e) => policyRow(e, input, inForce, titles)),
    ...input.history.ended.map((t) => endedRow(t, input.pack, inForce)),
    ...input.messages.map((m) => messageRow(m, inForce)),
  ];
  // Stable: at one instant, the event comes before what the policy made of it.
  return rows.map((row, i) => ({ row, i })).sort((a, b) => a.row.at - b.row.at || a.i - b.i).map((x) => x.row);
}

/** The version of the policy in force at `at`: the latest put in force by then (the first before any). */
export function versionAt(versions: readonly PolicyVersion[], at: number): string | undefined {
  const before = versions.filter((v) => v.since.getTime() <= at);
  return (before.at(-1) ?? versions[0])?.version;
}

/** An event's fields that name a member of staff: shown by name. */
export const STAFF_FIELDS: readonly string[] = ['staff', 'owner', 'coach'];

function eventRow(t: TrailEntry, pack: Pack, name: (id: string) => string, inForce: (at: number) => string): ChronologyRow {
  const at = Date.parse(t.at);
  const { type, at: _at, id: _id, note, ...fields } = t.event;
  const base = { at, when: ukWhen(at), source: 'event' as const, what: words(type), who: recorderWords(t.recordedBy, name), version: t.packVersion === '-' ? inForce(at) : `${t.policy} ${t.packVersion}` };
  if (t.withheld) return { ...base, details: 'A restricted concern: its category and note are withheld from you.', restricted: 'withheld' };
  const details = Object.entries(fields).map(([k, v]) => `${words(k)}: ${fieldText(k, v, pack, name)}`);
  if (typeof note === 'string') details.push(`Note: “${note}”`);
  return { ...base, details: details.join('; '), ...(t.restricted ? { restricted: 'shown' as const } : {}) };
}

function fieldText(key: string, value: unknown, pack: Pack, name: (id: string) => string): string {
  if (typeof value === 'string' && STAFF_FIELDS.includes(key)) return name(value);
  if (key === 'category' && typeof value === 'string') return pack.concernCategories.find((c) => c.id === value)?.label ?? value;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function policyRow(e: TimelineEntry, input: RowInputs, inForce: (at: number) => string, titles: ReadonlyMap<string, string>): ChronologyRow {
  const role = (id: string) => roleName(input.pack, id);
  const [what, details] = ((): [string, string] => {
    switch (e.kind) {
      case 'alert':
        return ['On the at-risk register', e.reasons.join('; ')];
      case 'rating':
        return ['Rating', e.from === null ? `set to ${e.to}` : `from ${e.from} to ${e.to}`];
      case 'stage':
        return ['Stage', e.from === null ? `entered ${input.stageName(e.to)}` : `from ${input.stageName(e.from)} to ${input.stageName(e.to)}`];
      case 'recommend':
        return [
          'Recommended',
          [stepWords(e.action, e.stage, input), ...(e.approver === undefined ? [] : [`for the ${role(e.approver)} to decide`]), ...e.reasons].join('; '),
        ];
      case 'task':
        return ['Task set', `${e.title}; for the ${role(e.role)}; due ${dayWords(e.due)}`];
      case 'overdue':
        return ['Task overdue', `${titles.get(e.task) ?? words(e.task)}; for the ${role(e.role)}; was due ${dayWords(e.due)}`];
      case 'agenda':
        return ['On a meeting agenda', `${input.pack.meetings.find((m) => m.id === e.meeting)?.name ?? e.meeting}, ${dayWords(e.date)}`];
      default:
        return [words(e.kind), ''];
    }
  })();
  return { at: e.at, when: ukWhen(e.at), source: 'policy', what, details, who: 'Waymark (the policy)', version: inForce(e.at) };
}

/** A recommended step in the pack's words: "Enter Stage 1", "Support contract agreed". */
function stepWords(action: string, stage: string | undefined, input: RowInputs): string {
  if (stage !== undefined) return `Enter ${input.stageName(stage)}`;
  return input.pack.outcomes.find((o) => o.id === action)?.label ?? words(action);
}

const ENDED: Record<TaskEnded['how'], string> = {
  done: 'Task done',
  'stage-left': 'Task ended (stage left)',
  'case-closed': 'Task ended (case closed)',
};

function endedRow(t: TaskEnded, pack: Pack, inForce: (at: number) => string): ChronologyRow {
  return { at: t.at, when: ukWhen(t.at), source: 'policy', what: ENDED[t.how], details: `${t.title}; for the ${roleName(pack, t.role)}; due ${dayWords(t.due)}`, who: 'Waymark (the policy)', version: inForce(t.at) };
}

function messageRow(m: PostedRow, inForce: (at: number) => string): ChronologyRow {
  const at = m.at.getTime();
  const removed = m.removal === undefined ? '' : m.removal === 'done' ? '; since replaced with a “removed” card' : '; to be replaced with a “removed” card';
  return { at, when: ukWhen(at), source: 'message', what: `Message posted: ${purposeWords(m.purpose)}`, details: `${m.where}${removed}`, who: 'Waymark (the bot)', version: inForce(at) };
}

/** posted:at-risk-alert is "at-risk alert"; approval:<proposal> is "approval request". */
function purposeWords(purpose: string): string {
  if (purpose.startsWith('approval:')) return 'approval request';
  return purpose.replace(/^posted:/, '').replace(/-/g, ' ');
}

/** "Tue 22 Dec 2026, 09:00": the day as the facts give it, and the time, in UK time. */
export function ukWhen(at: number): string {
  const text = formatLondon(at);
  return `${dayWords(text.slice(0, 10))}, ${text.slice(11, 16)}`;
}

/** "session.missed" as "Session missed", "reviewDate" as "Review date". */
function words(id: string): string {
  const spaced = id.replace(/[.\-_]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
