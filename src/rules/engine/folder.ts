/**
 * The fold: applies one event at a time to a case state, firing every timer that falls
 * due before it, and writes what the bot must do to a timeline. It mutates the state it
 * is given; the public functions in engine.ts hand it a copy.
 */
import { addLondonDays, type Instant } from '../calendar/index.js';
import type { Learner, LearnerEvent } from '../events/learner-event.js';
import { cloneState, type CaseState, type OpenTask, type PendingFollowUp } from './case-state.js';
import type { CompiledPack, CompiledTrigger, Predicate } from './compile.js';
import { anchorFor, contactRuleMet } from './contact-rules.js';
import type { FoldContext, Refusal } from './context.js';
import { recommendEntry, runEffects } from './effects.js';
import { resumeMonitoring, settlePending } from './lifecycle.js';
import { Moment } from './moment.js';
import { unmetRequirements } from './requirements.js';
import { decideAgendaItem, decideProposal, propose, type StepTaker } from './proposals.js';
import { decide, decideAppeal, enterStage, lodgeAppeal } from './staff-events.js';
import type { StepRef } from './steps.js';
import type { TimelineEntry } from './timeline.js';
import { findNextTimer, noTimerYet, type NextTimer } from './timers.js';

/** Percentages are compared to within this, so decimal inputs meet their thresholds exactly. */
const EPSILON = 1e-9;

/** A matcher settled by the event type alone (true or false), or the test to run. */
function matches(p: Predicate | boolean, e: LearnerEvent): boolean {
  return p === true || (p !== false && p(e));
}

export class Folder implements FoldContext, StepTaker {
  /** The next timer, found lazily (see timers.ts); `known` false = must be found again. */
  private readonly next: NextTimer = noTimerYet();
  /** Made on first use, then started again for every event and timer (see Moment). */
  private moment: Moment | undefined;
  /** The stage entry or decision the event being applied took (an approved proposal). */
  private taken: LearnerEvent | undefined;

  constructor(
    readonly compiled: CompiledPack,
    readonly learner: Learner,
    readonly state: CaseState,
    readonly sink: TimelineEntry[],
  ) {}

  private momentAt(at: Instant): Moment {
    return this.moment === undefined ? (this.moment = new Moment(at, this.state)) : this.moment.begin(at, this.state);
  }

  timersChanged(): void {
    this.next.known = false;
  }

  /** Applies one event; a refused staff step leaves the state as it was. */
  apply(e: LearnerEvent): Refusal | undefined {
    const s = this.state;
    const at = e.at;
    if (at < s.lastEventAt || at < s.clock) {
      return { code: 'out-of-order', message: 'the event is older than the case state; rebuild the case from its events' };
    }
    this.advance(at, false);
    const m = this.momentAt(at);
    this.taken = undefined;
    const refusal = this.staffStep(e, m);
    if (refusal) return refusal;
    s.clock = s.lastEventAt = at;
    // An approved proposal is, to the rules, the stage entry or decision it took.
    const seen = this.taken ?? e;
    if (s.status === 'paused') this.maybeResume(seen);
    this.updateTriggers(seen, m, s.status === 'monitoring');
    if (seen.type === 'contact' && s.open) s.contacts.push({ at, channel: e.channel!, with: e.with ?? 'learner', outcome: e.outcome! });
    if (s.tasks.length > 0) this.progressTasks(seen);
    if (s.followUps.length > 0) this.cancelFollowUps(seen);
    if (s.pending.length > 0) this.settleByEvent(seen, m);
    m.flush(this.sink, s);
    return undefined;
  }

  /** Fires every timer due before `limit` (or at it, when `inclusive`), in time order. */
  advance(limit: Instant, inclusive: boolean): void {
    const s = this.state;
    const next = this.next;
    for (;;) {
      if (!next.known) findNextTimer(this.compiled, s, false, next);
      const notBefore = next.inactivityNotBefore;
      if (notBefore !== Infinity && (inclusive ? notBefore <= limit : notBefore < limit)) findNextTimer(this.compiled, s, true, next);
      const at = next.at;
      if (at === Infinity || (inclusive ? at > limit : at >= limit)) break;
      s.clock = at;
      const m = this.momentAt(at);
      if (next.task) this.taskOverdue(next.task, m);
      else if (next.followUp) this.followUpDue(next.followUp, m);
      else {
        const t = next.trigger!;
        s.triggers[t.index]!.fired = true;
        this.fire(t, m);
      }
      m.flush(this.sink, s);
      this.timersChanged();
    }
    if (limit > s.clock) s.clock = limit;
  }

  /** The instant of the earliest pending timer; null if none. (Found afresh: it is asked once per fold.) */
  nextTimerAt(): Instant | null {
    findNextTimer(this.compiled, this.state, true, this.next);
    return this.next.at === Infinity ? null : this.next.at;
  }

  caseOpened(m: Moment, because: string): void {
    runEffects(this, this.compiled.pack.onAtRisk, { rule: 'on-at-risk', reason: because, source: 'onAtRisk', stage: null }, m);
  }

  private staffStep(e: LearnerEvent, m: Moment): Refusal | undefined {
    switch (e.type) {
      case 'stage.entered':
        return enterStage(this, e, m);
      case 'decision':
        return decide(this, e, m);
      case 'appeal.lodged':
        return lodgeAppeal(this, e, m);
      case 'appeal.decided':
        return decideAppeal(this, e, m);
      case 'step.proposed':
        return propose(this, this, e, m);
      case 'step.decided':
        return decideProposal(this, this, e, m);
      case 'agenda.decided':
        return decideAgendaItem(this, e, m);
      case 'case.assigned':
        this.state.assignee = e.coach!;
        return undefined;
      default:
        return undefined;
    }
  }

  take(step: StepRef, m: Moment): Refusal | undefined {
    const event: LearnerEvent =
      step.stage !== undefined ? { type: 'stage.entered', at: m.at, stage: step.stage } : { type: 'decision', at: m.at, outcome: step.outcome };
    const refusal = event.type === 'stage.entered' ? enterStage(this, event, m) : decide(this, event, m, true);
    if (!refusal) this.taken = event;
    return refusal;
  }

  trial(step: StepRef, m: Moment): Refusal | undefined {
    const scratch = new Folder(this.compiled, this.learner, cloneState(this.state), []);
    return scratch.take(step, new Moment(m.at, scratch.state));
  }

  /** Updates the rules that read this event; while not monitoring, only `always` rules. */
  private updateTriggers(e: LearnerEvent, m: Moment, monitoring: boolean): void {
    const s = this.state;
    const at = e.at;
    const hooks = this.compiled.hooks[e.type];
    for (let i = 0; i < hooks.length; i++) {
      const hook = hooks[i]!;
      const t = hook.trigger;
      const d = t.def;
      if (!monitoring && !d.always) continue;
      const mem = s.triggers[t.index]!;
      switch (d.kind) {
        // First, as most events reset one or more inactivity clocks.
        case 'inactivity':
          if (matches(hook.reset, e)) {
            mem.last = at;
            mem.fired = false;
            this.timersChanged();
            if (s.pending.length > 0) this.withdrawRecommendations(d.id);
          }
          break;
        case 'event':
          if (matches(hook.match, e)) this.fire(t, m);
          break;
        case 'consecutive':
          // Fires once per run: when the run reaches `count`, or later in the same run if
          // its conditions did not hold then (e.g. "engaging again" once at risk).
          if (matches(hook.reset, e)) {
            mem.n = 0;
            mem.fired = false;
          } else if (matches(hook.match, e) && ++mem.n >= d.count && !mem.fired) mem.fired = this.fire(t, m);
          break;
        case 'count':
          if (!matches(hook.match, e)) break;
          if (d.within === 'case') {
            if (++mem.n >= d.count && !mem.fired) mem.fired = this.fire(t, m);
          } else {
            const times = mem.times;
            const from = addLondonDays(at, -d.within.days);
            while (times.length > 0 && times[0]! < from) times.shift();
            const before = times.length;
            times.push(at);
            if (times.length > d.count) times.shift();
            if (before < d.count && times.length >= d.count) this.fire(t, m);
          }
          break;
        case 'progress-gap': {
          // EPSILON: 32.3 - 22.3 is 9.999999999999996 in binary floating point, yet it is 10 points.
          const gap =
            d.measure === 'points'
              ? e.planned! - e.actual! >= d.points! - EPSILON
              : e.planned! > 0 && e.actual! <= d.ratio! * e.planned! + EPSILON;
          if (gap && mem.n === 0) this.fire(t, m);
          mem.n = gap ? 1 : 0;
          break;
        }
      }
    }
  }

  /** Runs the rule's effects if its conditions hold; says whether it did. */
  private fire(t: CompiledTrigger, m: Moment): boolean {
    const d = t.def;
    const mem = this.state.triggers[t.index]!;
    if (d.repeat === 'once-per-case' && mem.firedInCase && this.state.open) return false;
    if (!m.holds(d.when, this.learner)) return false;
    runEffects(this, d.effects, t.cause, m);
    mem.firedInCase = true;
    if (d.countsAsReason) this.state.reasons.push({ rule: d.id, reason: d.description, at: m.at, source: d.source });
    return true;
  }

  private maybeResume(e: LearnerEvent): void {
    const s = this.state;
    const resume = s.pausedBy === null ? undefined : this.compiled.outcomes.get(s.pausedBy)?.resume;
    if (resume?.(e)) resumeMonitoring(this, e.at);
  }

  /** An inactivity clock was reset: the recommendations its rule made are withdrawn. */
  private withdrawRecommendations(rule: string): void {
    const pending = this.state.pending;
    for (let i = 0; i < pending.length; i++) {
      if (pending[i]!.rule === rule) {
        this.state.pending = pending.filter((p) => p.rule !== rule);
        return;
      }
    }
  }

  // progressTasks and cancelFollowUps run on most events and usually remove nothing, so
  // the list is copied only from the first item removed (not filtered every time).

  private progressTasks(e: LearnerEvent): void {
    const s = this.state;
    const tasks = s.tasks;
    let kept: OpenTask[] | undefined;
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i]!;
      const open = this.stillOpen(task, e);
      if (kept) {
        if (open) kept.push(task);
      } else if (!open) kept = tasks.slice(0, i);
    }
    if (kept) {
      s.tasks = kept;
      this.timersChanged();
    }
  }

  /** Counts the event towards the task; says whether the task is still to do. */
  private stillOpen(task: OpenTask, e: LearnerEvent): boolean {
    const s = this.state;
    const def = this.compiled.tasks.get(task.task);
    const done = def?.doneWhen;
    if (!def || !done) return true;
    if ('contactRule' in done) {
      if (e.type !== 'contact') return true;
      const rule = this.compiled.contactRules.get(done.contactRule)!;
      return !contactRuleMet(rule, s.contacts, anchorFor(rule, s, task.createdAt));
    }
    if (def.done!(e)) task.progress++;
    return task.progress < done.count;
  }

  private cancelFollowUps(e: LearnerEvent): void {
    const s = this.state;
    const followUps = s.followUps;
    let kept: PendingFollowUp[] | undefined;
    for (let i = 0; i < followUps.length; i++) {
      const f = followUps[i]!;
      const open = !this.compiled.followUps.get(f.followUp)!.cancel(e);
      if (kept) {
        if (open) kept.push(f);
      } else if (!open) kept = followUps.slice(0, i);
    }
    if (kept) {
      s.followUps = kept;
      this.timersChanged();
    }
  }

  /**
   * Plans agreed settle plan recommendations; any event may meet what a held
   * recommendation waits for (a contact, a recorded answer), which is then made.
   */
  private settleByEvent(e: LearnerEvent, m: Moment): void {
    if (e.type === 'plan.agreed') {
      const settled = e.kind === 'support' || e.kind === 'engagement' ? 'support-plan' : 'recovery-plan';
      settlePending(this, (action) => action === settled);
    }
    for (const p of this.state.pending) {
      if (p.waitsFor === undefined) continue;
      const unmet = unmetRequirements(this, p.waitsFor, m);
      if (unmet.length > 0) {
        p.waiting = unmet.join('; ');
        continue;
      }
      delete p.waitsFor;
      delete p.waiting;
      m.push(recommendEntry(m.at, p));
    }
  }

  private taskOverdue(task: OpenTask, m: Moment): void {
    task.overdue = true;
    m.push({ at: m.at, kind: 'overdue', task: task.task, role: task.role, due: task.due });
    const def = this.compiled.tasks.get(task.task);
    if (def?.onOverdue) {
      runEffects(this, def.onOverdue, { rule: def.id, reason: `${def.title}: not done by ${task.due}`, source: def.source, stage: task.stage }, m);
    }
  }

  private followUpDue(f: PendingFollowUp, m: Moment): void {
    this.state.followUps = this.state.followUps.filter((x) => x !== f);
    const def = this.compiled.followUps.get(f.followUp)!;
    runEffects(this, def.effects, { rule: def.id, reason: def.description, source: def.source, stage: f.stage }, m);
  }
}
