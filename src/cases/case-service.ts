/**
 * The case workflow service: the one use case behind every entry point (Slack, Teams, the
 * HTTP feed, the CLI). A command is validated, authorised against the staff directory and
 * the pack's roles, turned into an event, and recorded through the engine like any other
 * event, so nothing changes a case behind the log's back. Then what the engine decided is
 * delivered through the Notifier and the learner's next wake-up is scheduled.
 */
import { parseInstant } from '../rules/calendar/index.js';
import { fromZod, issueLine } from '../rules/issues.js';
import type { EventInput } from '../rules/events/event-schema.js';
import { futureProblem } from '../rules/events/clock-skew.js';
import type { Actor, LearnerRecord, LoggedEvent, StaffRecord } from '../store/records.js';
import {
  mayActOn,
  mayAssign,
  mayClaim,
  mayDecide,
  mayRecordMeetingDecision,
  refuse,
  type Refusal,
} from './authorization.js';
import type { CaseContext } from './case-context.js';
import { caseSummary, loadCaseParts, type CaseParts } from './case-summary.js';
import { commandReads } from './command-reads.js';
import { commandSchema, type Command } from './commands.js';
import { decisionKey, proposalRef } from './entry-intents.js';
import type { CaseSummary, ProposalRef } from './intents.js';
import type { Notifier } from './notifier.js';
import { deliverOutbox } from './outbox.js';
import { recordBatch, type BatchItem, type BatchItemResult } from './record-batch.js';
import { recordEvent, type RecordEventResult } from './record-event.js';
import { verdictWords, whenWords } from './wording.js';

export interface ServiceDeps {
  readonly ctx: CaseContext;
  readonly notifier: Notifier;
  /** Schedules the learner's next wake-up (the scheduler's `wakeAt`); optional in tests and the CLI. */
  readonly wakeAt?: (learnerId: string, at: Date | null) => Promise<void>;
  /**
   * Told when delivering or scheduling after a recorded change fails. Nothing is lost:
   * the outbox and the stored wake-up time keep the work for the scheduler's sweep.
   */
  readonly onAfterError?: (learnerId: string, error: unknown) => void;
  /**
   * Runs what follows a person's command (delivering what it set off, scheduling the
   * wake-up) once the command has been answered. The bot passes one, so a confirmation
   * never waits behind posts paced to other people's channels (Slack allows about one a
   * second per channel); unset (tests, the CLI), it finishes before the command answers.
   */
  readonly afterAnswer?: (work: () => Promise<void>) => void;
}

export type CommandResult =
  | {
      readonly ok: true;
      /** 'repeat': the key was used before; this is what the first command recorded. */
      readonly status: 'recorded' | 'repeat';
      readonly learnerId: string;
      /** The learner's name (for the confirmation). */
      readonly learnerName: string;
      readonly key: string;
      readonly recordedAt: Date;
      readonly recordedBy: string;
      /** The case now, as anyone on the team may see it. */
      readonly case: CaseSummary;
      /** For a proposal: what it is and whether it waits for someone. */
      readonly proposal?: ProposalRef & { readonly status: string };
    }
  | {
      readonly ok: false;
      readonly refusal: Refusal;
      /** For 'already-decided': who decided, what and when. */
      readonly decided?: { readonly by: string; readonly byName: string; readonly verdict: string; readonly at: Date };
    };

type Prepared = { event: EventInput & { id: string }; key: string } | { refusal: Refusal };

/**
 * What an entry point already read for this command (the person it resolved, the learner
 * it found), so the service does not read them again. Used only where it is the record
 * the command names.
 */
export interface Known {
  readonly staff?: StaffRecord;
  readonly learner?: LearnerRecord;
}

export class CaseService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Runs one command (any of commands.ts) for the staff member it names. The case is read
   * once: recording folds onto it, and delivery and the answer use the case as saved.
   */
  async execute(input: unknown, known: Known = {}): Promise<CommandResult> {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return failed(refuse('invalid-input', fromZod(parsed.error, 'command', input).map(issueLine).join('; ')));
    const command = parsed.data;
    // The directory reads of this command are made once (command-reads.ts).
    const deps = { ...this.deps, ctx: { ...this.deps.ctx, store: commandReads(this.deps.ctx.store) } };
    const { ctx } = deps;
    const staff = known.staff?.id === command.actor ? known.staff : await ctx.store.getStaff(command.actor);
    if (!staff) return failed(refuse('unknown-staff', `You (${command.actor}) are not in Waymark's staff directory; ask an admin to add you.`));
    const parts = await loadCaseParts(ctx, command.learnerId, known.learner?.id === command.learnerId ? known.learner : undefined);
    if (!parts) return failed(refuse('unknown-learner', `There is no learner "${command.learnerId}".`));

    if (command.kind === 'decide') return this.decide(deps, command, staff, parts);
    const prepared = await this.prepare(deps, command, staff, parts);
    if ('refusal' in prepared) return failed(prepared.refusal);
    return this.record(deps, parts, staff, prepared.key, prepared.event);
  }

  /** The data feed: one event from an e-portfolio or MIS, recorded and acted on. */
  async ingest(actor: Actor, learnerId: string, event: unknown): Promise<RecordEventResult> {
    const result = await recordEvent(this.deps.ctx, { learnerId, event, actor });
    if (result.status === 'stored') await this.after(this.deps, learnerId, result.nextWakeUp);
    return result;
  }

  /**
   * The data feed, many events at once (record-batch.ts): the same outcome per event as
   * `ingest` one by one, then what the batch set off is delivered and each learner's
   * wake-up scheduled, once per learner. `history` records quietly (history-summary.ts).
   */
  async ingestBatch(actor: Actor, items: readonly BatchItem[], history = false): Promise<BatchItemResult[]> {
    const batch = await recordBatch(this.deps.ctx, items, { actor, history });
    for (const { learnerId, nextWakeUp } of batch.saved) await this.after(this.deps, learnerId, nextWakeUp);
    return batch.results;
  }

  private async prepare(deps: ServiceDeps, command: Exclude<Command, { kind: 'decide' }>, staff: StaffRecord, parts: CaseParts): Promise<Prepared> {
    const now = deps.ctx.now();
    const at = 'at' in command && command.at !== undefined ? command.at : now.toISOString();
    const ahead = futureProblem(parseInstant(at)!, now.getTime());
    if (ahead) return { refusal: refuse('invalid-input', `command.at: ${ahead}`) };
    const key = command.key;
    const note = 'note' in command && command.note !== undefined ? { note: command.note } : {};
    const id = { id: key, at };

    switch (command.kind) {
      case 'claim': {
        const refusal = mayClaim(staff, parts);
        return refusal ? { refusal } : { key, event: { type: 'case.assigned', ...id, coach: staff.id, staff: staff.id } };
      }
      case 'assign': {
        const to = await deps.ctx.store.getStaff(command.coach);
        const refusal = mayAssign(staff, parts, to, command.coach);
        return refusal ? { refusal } : { key, event: { type: 'case.assigned', ...id, coach: command.coach, staff: staff.id } };
      }
      case 'record-meeting-decision': {
        const refusal = mayRecordMeetingDecision(staff, parts.pack, command.meeting) ?? mayActOn(staff, parts);
        if (refusal) return { refusal };
        if (!(await deps.ctx.store.getStaff(command.owner))) {
          return { refusal: refuse('unknown-staff', `The owner "${command.owner}" is not in the staff directory.`) };
        }
        const { meeting, date, outcome, action, owner, reviewDate } = command;
        return { key, event: { type: 'agenda.decided', ...id, meeting, date, outcome, action, owner, reviewDate, staff: staff.id } };
      }
      default:
        break;
    }
    const refusal = mayActOn(staff, parts);
    if (refusal) return { refusal };
    switch (command.kind) {
      case 'record-fact':
        return factEvent(command, parts, id, note);
      case 'log-contact':
        return { key, event: { type: 'contact', ...id, channel: command.channel, outcome: command.outcome, with: command.with, ...note } };
      case 'record-plan':
        return { key, event: { type: 'plan.agreed', ...id, kind: command.plan, ...note } };
      case 'record-review':
        return { key, event: { type: 'review.held', ...id, ...(command.stage !== undefined ? { stage: command.stage } : {}), ...note } };
      case 'record-appeal':
        return { key, event: { type: 'appeal.lodged', ...id, by: command.by, ...note } };
      case 'propose': {
        const step = command.stage !== undefined ? { stage: command.stage } : { outcome: command.outcome! };
        return { key, event: { type: 'step.proposed', id: key, at: now.toISOString(), proposal: key, ...step, staff: staff.id, note: command.reason } };
      }
    }
  }

  private async decide(deps: ServiceDeps, command: Extract<Command, { kind: 'decide' }>, staff: StaffRecord, parts: CaseParts): Promise<CommandResult> {
    const { ctx } = deps;
    const proposal = parts.stored?.state.proposals.find((p) => p.id === command.proposal);
    if (!proposal) return failed({ code: 'refused-by-policy', policyCode: 'unknown-proposal', message: `There is no proposal "${command.proposal}" in ${parts.record.name}'s current case.` });
    const ref = await proposalRef(ctx, parts, proposal);
    const refusal = mayDecide(staff, parts, proposal, ref.label);
    if (refusal) return failed(refusal);
    // One decision per proposal: its log key is the proposal's, so of two people deciding
    // at once exactly one is recorded (the log's unique index), and the other is told.
    const key = decisionKey(proposal.id);
    const earlier = await ctx.store.findEvent(parts.record.id, key);
    if (earlier) return this.alreadyDecided(deps, earlier, staff, command.verdict, parts);
    const event: EventInput & { id: string } = {
      type: 'step.decided',
      id: key,
      at: ctx.now().toISOString(),
      proposal: proposal.id,
      verdict: command.verdict,
      staff: staff.id,
      ...(command.comment !== undefined ? { note: command.comment } : {}),
    };
    return this.record(deps, parts, staff, key, event);
  }

  private async record(deps: ServiceDeps, parts: CaseParts, staff: StaffRecord, key: string, event: EventInput & { id: string }): Promise<CommandResult> {
    const { ctx } = deps;
    const learnerId = parts.record.id;
    const known = { record: parts.record, stored: parts.stored };
    const result = await recordEvent(ctx, { learnerId, event, key, actor: { kind: 'staff', id: staff.id }, known });
    if (result.status === 'rejected') {
      if (result.refusal) return failed({ code: 'refused-by-policy', policyCode: result.refusal.code, message: sentence(result.refusal.message) });
      return failed(refuse('invalid-input', result.error));
    }
    // A decision that lost a race comes back as a duplicate too: recordEvent answers a
    // logged key with the original even where the engine would now refuse the event.
    if (result.status === 'duplicate') {
      if (event.type === 'step.decided') return this.alreadyDecided(deps, result.original, staff, (event as { verdict: string }).verdict, parts);
      return this.answer(deps, parts, 'repeat', result.original);
    }
    const saved = { ...parts, stored: { ...result.case, updatedAt: result.logged.recordedAt } };
    const after = () => this.after(deps, learnerId, result.nextWakeUp, saved);
    if (deps.afterAnswer) deps.afterAnswer(after);
    else await after();
    return this.answer(deps, saved, 'recorded', result.logged);
  }

  private async alreadyDecided(deps: ServiceDeps, earlier: LoggedEvent, staff: StaffRecord, verdict: string, parts: CaseParts): Promise<CommandResult> {
    const decided = earlier.event as { verdict: string; staff: string };
    if (decided.staff === staff.id && decided.verdict === verdict) return this.answer(deps, parts, 'repeat', earlier);
    const byName = (await deps.ctx.store.getStaff(decided.staff))?.name ?? decided.staff;
    const at = new Date(parseInstant(earlier.event.at)!);
    return {
      ok: false,
      refusal: refuse('already-decided', `${byName} already ${verdictWords(decided.verdict)} this ${whenWords(at)}.`),
      decided: { by: decided.staff, byName, verdict: decided.verdict, at },
    };
  }

  /**
   * The answer, from `parts`: the case as this command saved it, or (a repeat) as it was
   * read at the start of the command.
   */
  private async answer(deps: ServiceDeps, parts: CaseParts, status: 'recorded' | 'repeat', logged: LoggedEvent): Promise<CommandResult> {
    const learnerId = parts.record.id;
    const state = parts.stored?.state;
    const proposalId = logged.event.type === 'step.proposed' ? (logged.event as { proposal: string }).proposal : undefined;
    const proposal = proposalId === undefined ? undefined : state?.proposals.find((p) => p.id === proposalId);
    return {
      ok: true,
      status,
      learnerId,
      learnerName: parts.record.name,
      key: logged.key,
      recordedAt: logged.recordedAt,
      recordedBy: logged.actor.id,
      case: caseSummary(parts.pack, parts.record, state),
      ...(proposal ? { proposal: { ...(await proposalRef(deps.ctx, parts, proposal)), status: proposal.status } } : {}),
    };
  }

  /**
   * Delivers what the engine decided (from `saved`, the case as just saved, when given) and
   * schedules the next wake-up; failures are left to the sweep.
   */
  private async after(deps: ServiceDeps, learnerId: string, nextWakeUp: Date | null, saved?: CaseParts): Promise<void> {
    const { ctx, notifier, wakeAt, onAfterError } = deps;
    try {
      const report = await deliverOutbox(ctx, notifier, learnerId, saved);
      if (report.failed.length > 0) onAfterError?.(learnerId, new Error(report.failed.map((f) => `${f.key}: ${f.error}`).join('; ')));
      await wakeAt?.(learnerId, nextWakeUp);
    } catch (error) {
      onAfterError?.(learnerId, error);
    }
  }
}

function factEvent(
  command: Extract<Command, { kind: 'record-fact' }>,
  parts: CaseParts,
  id: { id: string; at: string },
  note: { note?: string },
): Prepared {
  const key = command.key;
  switch (command.fact) {
    case 'session.missed':
    case 'visit.missed':
      return { key, event: { type: command.fact, ...id, notice: command.notice ?? false, ...note } };
    case 'visit.cancelled':
      return { key, event: { type: command.fact, ...id, ...(command.cancelledBy ? { by: command.cancelledBy } : {}), ...note } };
    case 'submission.missed':
      return { key, event: { type: command.fact, ...id, ...note } };
    case 'work.absence':
      return { key, event: { type: command.fact, ...id, explained: command.explained!, ...note } };
    case 'concern.raised': {
      const categories = parts.pack.concernCategories;
      if (!categories.some((c) => c.id === command.category)) {
        const known = categories.map((c) => c.id).join(', ');
        return { refusal: refuse('invalid-input', `command.category: "${command.category}" is not a concern category of ${parts.pack.name} (its categories: ${known})`) };
      }
      return { key, event: { type: command.fact, ...id, category: command.category!, ...note } };
    }
  }
}

function failed(refusal: Refusal): CommandResult {
  return { ok: false, refusal };
}

/** The engine's message as a sentence for a person. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
