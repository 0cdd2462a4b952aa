/**
 * What people ask of the service: a coach's caseload, one case with its timeline and the
 * reasons rules fired, a meeting's agenda, the approvals waiting for a person, and the
 * at-risk register. Cases are shown as of now (as-of-now.ts: timers due by now run first).
 * Each answer holds only what the asker may see; restricted details
 * appear only for roles that may see them, and are marked so they are never posted.
 */
import { formatLondon } from '../rules/calendar/index.js';
import { caseView, type CaseView } from '../rules/engine/case-view.js';
import { compiledFor } from '../rules/engine/compile.js';
import { availableSteps } from '../rules/engine/steps.js';
import type { StaffRecord } from '../store/records.js';
import { mayActOn, mayViewCase, refuse, seesRestricted, type Refusal } from './authorization.js';
import { engineLearner, type CaseContext } from './case-context.js';
import { caseSummary, learnerRef, loadCaseParts, roleName, type CaseParts } from './case-summary.js';
import { proposalRef, stepLabel } from './entry-intents.js';
import type { AgendaEntry, CaseloadItem, CaseSummary, LearnerRef, ProposalRef, Sensitivity } from './intents.js';
import { trailOf, type TrailEntry } from './trail.js';
import { logRestrictedView } from '../privacy/access-log.js';
import { advanceDueCases, casePartsAsOfNow } from './as-of-now.js';
import { COACH_ROLE, staffName } from './staff-directory.js';

export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

export interface CaseDetail {
  /** 'restricted' when it holds a restricted detail: show it to the asker only, never in a channel. */
  readonly sensitivity: Sensitivity;
  readonly learner: ReturnType<typeof learnerRef> & { programme: string; nation: string; startDate: string; employer?: string };
  readonly case: ReturnType<typeof caseSummary>;
  /** Rating, stage, tasks, pending recommendations, fired rules with their policy source. */
  readonly view: CaseView | null;
  readonly proposals: (ProposalRef & { status: string; decidedBy?: string; decidedAt?: Date })[];
  /** The steps the asker could propose from here, with who approves each. */
  readonly steps: { stage?: string; outcome?: string; label: string; approverName: string | null }[];
  readonly trail: TrailEntry[];
  /** The names of the staff the case mentions (its coach, deciders, who recorded what), by staff id. */
  readonly names: Readonly<Record<string, string>>;
}

export class CaseQueries {
  constructor(private readonly ctx: CaseContext) {}

  /** A coach's caseload (default: the asker's own): overdue first, then at risk, then soonest due. */
  async caseload(actorId: string, coachId = actorId): Promise<Answer<CaseloadItem[]>> {
    const staff = await this.staff(actorId);
    if ('refusal' in staff) return staff;
    const own = coachId === staff.id || (staff.covers ?? []).includes(coachId);
    if (!own && !staff.roles.some((r) => r !== COACH_ROLE)) return no(refuse('not-on-caseload', `You can see your own caseload and those you cover, not ${coachId}'s.`));
    return { ok: true, value: await caseloadItems(this.ctx, coachId) };
  }

  async caseDetail(actorId: string, learnerId: string): Promise<Answer<CaseDetail>> {
    const staff = await this.staff(actorId);
    if ('refusal' in staff) return staff;
    const parts = await casePartsAsOfNow(this.ctx, learnerId);
    if (!parts) return no(refuse('unknown-learner', `There is no learner "${learnerId}".`));
    const refusal = mayViewCase(staff, parts);
    if (refusal) return no(refusal);
    const state = parts.stored?.state ?? null;
    const { record, pack } = parts;
    const restricted = seesRestricted(pack, staff);
    const trail = await trailOf(this.ctx, parts, restricted);
    // The access log: who was shown a restricted detail, and when.
    if (trail.some((t) => t.restricted)) await logRestrictedView(this.ctx.store, learnerId, staff.id, 'case', this.ctx.now());
    const compiled = compiledFor(pack, record.nation, record.programme);
    const proposals = [];
    for (const p of state?.proposals ?? []) {
      proposals.push({
        ...(await proposalRef(this.ctx, parts, p)),
        status: p.status,
        ...(p.decidedBy !== undefined ? { decidedBy: p.decidedBy } : {}),
        ...(p.decidedAt !== undefined ? { decidedAt: new Date(p.decidedAt) } : {}),
      });
    }
    const coach = learnerRef(record, state).coach;
    const mentioned = [
      ...(coach === null ? [] : [coach]),
      ...proposals.flatMap((p) => (p.decidedBy === undefined ? [] : [p.decidedBy])),
      ...trail.flatMap((t) => (t.recordedBy.startsWith('staff:') ? [t.recordedBy.slice('staff:'.length)] : [])),
    ];
    const names: Record<string, string> = {};
    for (const id of new Set(mentioned)) names[id] = await staffName(this.ctx, id);
    return {
      ok: true,
      value: {
        names,
        sensitivity: trail.some((t) => t.restricted) ? 'restricted' : 'general',
        learner: {
          ...learnerRef(record, state),
          programme: record.programme,
          nation: record.nation,
          startDate: record.startDate,
          ...(record.employer !== undefined ? { employer: record.employer } : {}),
        },
        case: caseSummary(pack, record, state),
        view: state ? caseView(pack, engineLearner(record), state) : null,
        proposals,
        steps: state
          ? availableSteps(compiled, state).map((s) => ({
              ...(s.stage !== undefined ? { stage: s.stage } : { outcome: s.outcome }),
              label: s.label,
              approverName: s.approver === null ? null : roleName(pack, s.approver),
            }))
          : [],
        trail,
      },
    };
  }

  /** The items on a meeting's agenda for a date, for the people who sit in it. */
  async agenda(actorId: string, meeting: string, date: string): Promise<Answer<AgendaEntry[]>> {
    const staff = await this.staff(actorId);
    if ('refusal' in staff) return staff;
    const items: AgendaEntry[] = [];
    let hidden = 0;
    for (const stored of await this.ctx.store.casesOnAgenda(meeting, date)) {
      const parts = await loadCaseParts(this.ctx, stored.learnerId);
      if (!parts) continue;
      const role = parts.pack.meetings.find((m) => m.id === meeting)?.role;
      if (role === undefined || !staff.roles.includes(role)) {
        hidden++;
        continue;
      }
      items.push(...(await agendaEntries(this.ctx, parts, meeting, date)));
    }
    if (items.length === 0 && hidden > 0) return no(refuse('not-a-member', `Only the people who sit in ${meeting} can see its agenda.`));
    return { ok: true, value: items };
  }

  /** Proposals waiting for the asker's decision (never their own), oldest first. */
  async pendingApprovals(actorId: string): Promise<Answer<(ProposalRef & { learner: ReturnType<typeof learnerRef> })[]>> {
    const staff = await this.staff(actorId);
    if ('refusal' in staff) return staff;
    const out = [];
    for (const stored of await this.ctx.store.casesAwaitingDecision(staff.roles)) {
      const parts = await loadCaseParts(this.ctx, stored.learnerId);
      if (!parts?.stored || mayActOn(staff, parts)) continue;
      for (const p of parts.stored.state.proposals) {
        if (p.status !== 'pending' || p.approver === null || !staff.roles.includes(p.approver) || p.by === staff.id) continue;
        out.push({ ...(await proposalRef(this.ctx, parts, p)), learner: learnerRef(parts.record, parts.stored.state) });
      }
    }
    return { ok: true, value: out.sort((a, b) => a.at.getTime() - b.at.getTime()) };
  }

  /** The at-risk register as CSV: every learner on it that the asker may act on. */
  async registerCsv(actorId: string): Promise<Answer<string>> {
    const staff = await this.staff(actorId);
    if ('refusal' in staff) return staff;
    return { ok: true, value: await registerCsv(this.ctx, (parts) => mayActOn(staff, parts) === null) };
  }

  private async staff(actorId: string): Promise<StaffRecord | { ok: false; refusal: Refusal }> {
    const staff = await this.ctx.store.getStaff(actorId.trim().toLowerCase());
    return staff ?? no(refuse('unknown-staff', `You (${actorId}) are not in Waymark's staff directory; ask an admin to add you.`));
  }
}

/** Everyone on a coach's caseload (their learners and the cases they hold), most urgent first. */
export async function caseloadItems(ctx: CaseContext, coachId: string): Promise<CaseloadItem[]> {
  const ids = new Set((await ctx.store.learnersOfCoach(coachId)).map((l) => l.id));
  for (const c of await ctx.store.casesAssignedTo(coachId)) ids.add(c.learnerId);
  const items: CaseloadItem[] = [];
  for (const id of ids) {
    const parts = await casePartsAsOfNow(ctx, id);
    if (!parts) continue;
    const state = parts.stored?.state;
    const learner = learnerRef(parts.record, state);
    if (learner.coach !== coachId) continue; // claimed by or assigned to someone else
    const summary = caseSummary(parts.pack, parts.record, state);
    items.push({ learner, case: summary, overdue: summary.nextDeadline?.overdue ?? false });
  }
  const due = (i: CaseloadItem) => i.case.nextDeadline?.due ?? '9999-12-31';
  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      Number(b.case.atRisk) - Number(a.case.atRisk) ||
      due(a).localeCompare(due(b)) ||
      a.learner.name.localeCompare(b.learner.name),
  );
}

/** The learner's entry on a sitting's agenda (all their items there as one), if any. */
export async function agendaEntries(ctx: CaseContext, parts: CaseParts, meeting: string, date: string): Promise<AgendaEntry[]> {
  const state = parts.stored?.state;
  const items = state?.agenda.filter((a) => a.meeting === meeting && a.date === date) ?? [];
  if (!state || items.length === 0) return [];
  const d = items.find((a) => a.decided)?.decided;
  const decided = d
    ? { outcome: d.outcome, action: d.action, owner: d.owner, ownerName: (await ctx.store.getStaff(d.owner))?.name ?? d.owner, reviewDate: d.reviewDate, by: d.by, at: new Date(d.at) }
    : undefined;
  return [
    {
      learner: learnerRef(parts.record, state),
      case: caseSummary(parts.pack, parts.record, state),
      reasons: [...new Set(items.map((a) => a.reason))],
      ...(decided ? { decided } : {}),
    },
  ];
}

/** One learner on the at-risk register, as anyone who may act on their case sees them. */
export interface RegisterRow {
  readonly learner: LearnerRef;
  /** The pack the case runs under: its id and its name. */
  readonly pack: { readonly id: string; readonly name: string };
  /** The London day the case opened (YYYY-MM-DD); null when not known. */
  readonly since: string | null;
  /** Rating, stage, reasons (the pack's own words) and the next deadline. */
  readonly case: CaseSummary;
  /** The steps proposed and waiting for a decision, and the role that decides each. */
  readonly waiting: readonly { readonly step: string; readonly label: string; readonly approverName: string }[];
}

/**
 * The at-risk register (the log the policies say must be kept): one row per learner on it
 * that `include` admits, cases as of now, in the store's order. Each case is read once. No
 * restricted detail: reasons are the pack's own words.
 */
export async function registerRows(ctx: CaseContext, include: (parts: CaseParts) => boolean): Promise<RegisterRow[]> {
  await advanceDueCases(ctx);
  const rows: RegisterRow[] = [];
  for (const stored of await ctx.store.openCases()) {
    const record = await ctx.store.getLearner(stored.learnerId);
    if (!record) continue;
    const pack = ctx.packFor(record.policy);
    if (!pack) throw new Error(`learner ${record.id} names policy "${record.policy}", which is not loaded`);
    const parts: CaseParts = { record, pack, stored };
    if (!include(parts)) continue;
    const state = stored.state;
    const compiled = compiledFor(pack, record.nation, record.programme);
    rows.push({
      learner: learnerRef(record, state),
      pack: { id: pack.id, name: pack.name },
      since: state.openedAt === null ? null : formatLondon(state.openedAt).slice(0, 10),
      case: caseSummary(pack, record, state),
      waiting: state.proposals
        .filter((p) => p.status === 'pending')
        .map((p) => ({
          step: p.step.stage ?? p.step.outcome,
          label: stepLabel(compiled, p.step),
          approverName: roleName(pack, p.approver!),
        })),
    });
  }
  return rows;
}

/** The register as CSV (`waymark cases register`, the web page's download), formulas defused. */
export function registerCsvText(rows: readonly RegisterRow[]): string {
  const lines = [['learner_id', 'name', 'policy', 'coach', 'on_register_since', 'rating', 'stage', 'reasons', 'next_deadline', 'next_task', 'overdue', 'waiting_for']];
  for (const row of rows) {
    const summary = row.case;
    lines.push([
      row.learner.id,
      row.learner.name,
      row.pack.id,
      row.learner.coach ?? '',
      row.since ?? '',
      summary.rating ?? '',
      summary.stageName ?? '',
      summary.reasons.join('; '),
      summary.nextDeadline?.due ?? '',
      summary.nextDeadline?.title ?? '',
      summary.nextDeadline?.overdue ? 'yes' : 'no',
      row.waiting.map((w) => `${w.step} (${w.approverName})`).join('; '),
    ]);
  }
  return lines.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The at-risk register as CSV, one row per learner on it that `include` admits. */
export async function registerCsv(ctx: CaseContext, include: (parts: CaseParts) => boolean): Promise<string> {
  return registerCsvText(await registerRows(ctx, include));
}

function csvField(value: string): string {
  // A leading = + - @ would be a formula in a spreadsheet; quote and prefix it.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function no(refusal: Refusal): { ok: false; refusal: Refusal } {
  return { ok: false, refusal };
}
