/**
 * Gathering one learner's chronology for a viewer: who may see it (as the case view in chat:
 * a role that sees restricted details, or one that may act on the case), the facts about
 * the learner and their case now, and every row (chronology-rows.ts). Everything held is
 * read through learnerHoldings, as the subject access export reads it; restricted details
 * are withheld unless the viewer's role sees them, and a view that shows one is logged.
 */
import { dayWords } from '../cards/catalogue/about.js';
import { mayViewCase, seesRestricted } from '../cases/authorization.js';
import { casePartsAsOfNow } from '../cases/as-of-now.js';
import { engineEvent, engineLearner, type CaseContext } from '../cases/case-context.js';
import { caseCoach, caseSummary, type CaseParts } from '../cases/case-summary.js';
import type { TrailEntry } from '../cases/trail.js';
import { channelSetting } from '../cases/channel-settings.js';
import { staffName } from '../cases/staff-directory.js';
import { learnerHoldings } from '../privacy/export.js';
import { formatLondon } from '../rules/calendar/index.js';
import { compiledFor } from '../rules/engine/compile.js';
import type { PostedMessage, StaffRecord } from '../store/records.js';
import { caseHistory } from './chronology-case.js';
import { chronologyRows, STAFF_FIELDS, type ChronologyRow, type PostedRow } from './chronology-rows.js';

export interface Chronology {
  readonly learnerId: string;
  readonly name: string;
  /** Label and value, in the order shown. */
  readonly facts: readonly (readonly [string, string])[];
  readonly rows: readonly ChronologyRow[];
  /** Whether a restricted detail was shown to the viewer, withheld from them, or there is none. */
  readonly restricted: 'shown' | 'withheld' | 'none';
}

export type ChronologyAnswer = { readonly kind: 'unknown-learner' } | { readonly kind: 'refused' } | { readonly kind: 'shown'; readonly chronology: Chronology };

export async function learnerChronology(ctx: CaseContext, viewer: StaffRecord, learnerId: string): Promise<ChronologyAnswer> {
  const parts = await casePartsAsOfNow(ctx, learnerId);
  if (!parts) return { kind: 'unknown-learner' };
  if (mayViewCase(viewer, parts) !== null) return { kind: 'refused' };
  const sees = seesRestricted(parts.pack, viewer);
  const { record, pack, stored } = parts;
  const now = ctx.now();
  const held = await learnerHoldings(ctx, record, { viewer: viewer.id, view: 'web', seesRestricted: sees, at: now });
  const learner = engineLearner(record);
  // The log as read for the trail, so the rows agree with one another.
  const history = caseHistory(pack, learner, held.events.map((l) => ({ key: l.key, event: engineEvent(l) })), now.getTime());
  const stages = compiledFor(pack, learner.nation, learner.programme).stages;
  const coach = caseCoach(record, stored?.state);
  const names = await namesOf(ctx, [coach, ...held.trail.flatMap(staffMentioned)]);
  const rows = chronologyRows({
    pack,
    versions: await ctx.store.policyVersions(pack.id),
    trail: held.trail,
    history,
    messages: await Promise.all(held.messages.map((m) => postedRow(ctx, m))),
    names,
    stageName: (id) => stages.get(id)?.name ?? id,
  });
  const facts = factsOf(parts, coach === null ? null : (names[coach] ?? coach));
  const restricted = held.trail.some((t) => t.restricted) ? 'shown' : held.trail.some((t) => t.withheld) ? 'withheld' : 'none';
  return { kind: 'shown', chronology: { learnerId: record.id, name: record.name, facts, rows, restricted } };
}

/** The learner and their case now: the block printed above the table. */
function factsOf({ record, pack, stored }: CaseParts, coachName: string | null): [string, string][] {
  const state = stored?.state ?? null;
  const summary = caseSummary(pack, record, state);
  return [
    ['Learner', `${record.name} (${record.id})`],
    ['Programme', `${record.programme}, ${record.nation}`],
    ['Policy', `${pack.name} (${pack.id}), version ${stored?.packVersion ?? pack.version}`],
    ['Coach', coachName ?? 'none yet'],
    ['Start', dayWords(record.startDate)],
    ['Planned end', record.plannedEndDate === undefined ? 'not recorded' : dayWords(record.plannedEndDate)],
    ['On the at-risk register', state?.open ? `yes, since ${state.openedAt === null ? 'unknown' : londonDay(state.openedAt)}` : 'no'],
    ['Rating', summary.rating ?? 'none'],
    ['Stage', summary.stageName ?? 'none'],
    ...(record.erasedAt ? [['Personal data', `erased ${londonDay(record.erasedAt.getTime())}; this is the anonymised record kept for audits`] as [string, string]] : []),
  ];
}

/** The day of an instant in UK time, in words. */
const londonDay = (at: number): string => dayWords(formatLondon(at).slice(0, 10));

/** The staff an entry names: who recorded it, and the staff fields of its event. */
function staffMentioned(t: TrailEntry): unknown[] {
  return [t.recordedBy.startsWith('staff:') ? t.recordedBy.slice('staff:'.length) : null, ...STAFF_FIELDS.map((k) => t.event[k])];
}

async function namesOf(ctx: CaseContext, ids: readonly unknown[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) if (typeof id === 'string') names[id] = await staffName(ctx, id);
  return names;
}

const PLATFORMS = { slack: 'Slack', teams: 'Teams' } as const;

/**
 * Where a message went, in words: a direct message is recorded under a key ending in the
 * recipient's staff id (the notifiers' `<key>:<platform>:<staff id>`), a channel post under
 * one ending in the channel, named here by what it is bound for.
 */
async function postedRow(ctx: CaseContext, m: PostedMessage): Promise<PostedRow> {
  const platform = PLATFORMS[m.platform];
  const marker = `:${m.platform}:`;
  const recipient = m.key.includes(marker) ? await ctx.store.getStaff(m.key.slice(m.key.lastIndexOf(marker) + marker.length)) : null;
  const where = recipient
    ? `Direct message to ${recipient.name} (${platform})`
    : m.conversation === (await ctx.store.getSetting(channelSetting(m.platform, 'alerts')))
      ? `The coaching team's channel (${platform} ${m.conversation})`
      : m.conversation === (await ctx.store.getSetting(channelSetting(m.platform, 'smt')))
        ? `The SMT channel (${platform} ${m.conversation})`
        : `${platform} conversation ${m.conversation}`;
  return { at: m.postedAt, purpose: m.purpose, where, removal: m.removal };
}
