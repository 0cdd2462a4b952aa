/**
 * The fold: applies one event at a time to a case state, firing every timer that falls
 * due before it, and writes what the bot must do to a timeline. It mutates the state it
 * is given; the public functions in engine.ts hand it a copy.
 */
import { addLondonDays, type Instant } from '../calendar/index.js';
import type { Learner, LearnerEvent } from '../events/learner-event.js';
import { cloneState, type CaseState, type OpenTask, type PendingFollowUp } from './case-state.js';
import type { CompiledPack, CompiledTrigger } from './compile.js';
import { anchorFor, contactProgress } from './contact-rules.js';
import type { FoldContext, Refusal } from './context.js';
import { recommendFields, runEffects } from './effects.js';
import { resumeMonitoring, settlePending } from './lifecycle.js';
import { Moment } from './moment.js';
import { unmetRequirements } from './requirements.js';
import { decideAgendaItem, decideProposal, propose, type StepTaker } from './proposals.js';
import { decide, decideAppeal, enterStage, lodgeAppeal } from './staff-events.js';
import type { StepRef } from './steps.js';
import type { TimelineEntry } from './timeline.js';

type Timer = { at: Instant; fire: (m: Moment) => void };

/** Percentages are compared to within this, so decimal inputs meet their thresholds exactly. */
const EPSILON = 1e-9;

export class Folder implements FoldContext, StepTaker {
  /** The next timer, found lazily; undefined = must be found again. */
  private next: Timer | null | undefined;
  /** The stage entry or decision the event being applied took (an approved proposal). */
  private taken: LearnerEvent | undefined;

  constructor(
    readonly compiled: CompiledPack,
    readonly learner: Learner,
    readonly state: CaseState,
    readonly sink: TimelineEntry[],
  ) {}

  timersChanged(): void {
    this.next = undefined;
  }

  /** Applies one event; a refused staff step leaves the state as it was. */
  apply(e: LearnerEvent): Refusal | undefined {
    const s = this.state;
    if (e.at < s.lastEventAt || e.at < s.clock) {
      return { code: 'out-of-order', message: 'the event is older than the case state; rebuild the case from its events' };
    }
    this.advance(e.at, false);
    const m = new Moment(e.at, s);
    this.taken = undefined;
    const refusal = this.staffStep(e, m);
    if (refusal) return refusal;
    s.clock = s.lastEventAt = e.at;
    // An approved proposal is, to the rules, the stage entry or decision it took.
    const seen = this.taken ?? e;
    if (s.status === 'paused') this.maybeResume(seen);
    this.updateTriggers(seen, m, s.status === 'monitoring');
    if (seen.type === 'contact' && s.open) s.contacts.push({ at: e.at, channel: e.channel!, with: e.with ?? 'learner', outcome: e.outcome! });
    if (s.tasks.length > 0) this.progressTasks(seen);
    if (s.followUps.length > 0) this.cancelFollowUps(seen);
    if (s.pending.length > 0) this.settleByEvent(seen, m);
    m.flush(this.sink, s);
    return undefined;
  }

  /** Fires every timer due before `limit` (or at it, when `inclusive`), in time order. */
  advance(limit: Instant, inclusive: boolean): void {
    for (;;) {
      if (this.next === undefined) this.next = this.nextTimer() ?? null;
      const timer = this.next;
      if (timer === null || (inclusive ? timer.at > limit : timer.at >= limit)) break;
      this.state.clock = timer.at;
      const m = new Moment(timer.at, this.state);
      timer.fire(m);
      m.flush(this.sink, this.state);
      this.timersChanged();
    }
    if (limit > this.state.clock) this.state.clock = limit;
  }

  /**
   * The earliest pending timer. At one instant: overdue tasks first, then follow-ups,
   * then inactivity triggers (the shorter one first, then pack order).
   */
  nextTimer(): Timer | undefined {
    const s = this.state;
    let at = Infinity;
    let task: OpenTask | undefined;
    let followUp: PendingFollowUp | undefined;
    let trigger: CompiledTrigger | undefined;
    for (const t of s.tasks) {
      if (!t.overdue && t.overdueAt < at) [at, task] = [t.overdueAt, t];
    }
    for (const f of s.followUps) {
      if (f.at < at) [at, task, followUp] = [f.at, undefined, f];
    }
    if (s.status === 'monitoring') {
      // Triggers come shortest first: after one unfired trigger with a given reset instant,
      // a later one with the same instant cannot be due sooner, so it is not computed.
      let offered = Number.NaN;
      for (const t of this.compiled.inactivity) {
        const mem = s.triggers[t.index]!;
        if (mem.fired || mem.last === offered || t.def.kind !== 'inactivity') continue;
        offered = mem.last;
        const due = addLondonDays(mem.last, t.def.days);
        if (due < at) [at, task, followUp, trigger] = [due, undefined, undefined, t];
      }
    }
    if (task) return { at, fire: (m) => this.taskOverdue(task, m) };
    if (followUp) return { at, fire: (m) => this.followUpDue(followUp, m) };
    if (trigger) {
      const t = trigger;
      return {
        at,
        fire: (m) => {
          s.triggers[t.index]!.fired = true;
          this.fire(t, m);
        },
      };
    }
    return undefined;
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
    const hooks = this.compiled.byType[e.type];
    for (let i = 0; i < hooks.length; i++) {
      const t = hooks[i]!;
      if (!monitoring && !t.def.always) continue;
      const mem = this.state.triggers[t.index]!;
      const d = t.def;
      switch (d.kind) {
        case 'event':
          if (t.match(e)) this.fire(t, m);
          break;
        case 'consecutive':
          // Fires once per run: when the run reaches `count`, or later in the same run if
          // its conditions did not hold then (e.g. "engaging again" once at risk).
          if (t.reset(e)) {
            mem.n = 0;
            mem.fired = false;
          } else if (t.match(e) && ++mem.n >= d.count && !mem.fired) mem.fired = this.fire(t, m);
          break;
        case 'count':
          if (!t.match(e)) break;
          if (d.within === 'case') {
            if (++mem.n >= d.count && !mem.fired) mem.fired = this.fire(t, m);
          } else {
            const times = mem.times;
            const from = addLondonDays(e.at, -d.within.days);
            while (times.length > 0 && times[0]! < from) times.shift();
            const before = times.length;
            times.push(e.at);
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
        case 'inactivity':
          if (t.reset(e)) {
            mem.last = e.at;
            mem.fired = false;
            this.timersChanged();
            if (this.state.pending.some((p) => p.rule === d.id)) this.state.pending = this.state.pending.filter((p) => p.rule !== d.id);
          }
          break;
      }
    }
  }

  /** Runs the rule's effects if its conditions hold; says whether it did. */
  private fire(t: CompiledTrigger, m: Moment): boolean {
    const d = t.def;
    const mem = this.state.triggers[t.index]!;
    if (d.repeat === 'once-per-case' && mem.firedInCase && this.state.open) return false;
    if (!m.holds(d.when, this.learner)) return false;
    runEffects(this, d.effects, { rule: d.id, reason: d.description, source: d.source, stage: null }, m);
    mem.firedInCase = true;
    if (d.countsAsReason) this.state.reasons.push({ rule: d.id, reason: d.description, at: m.at, source: d.source });
    return true;
  }

  private maybeResume(e: LearnerEvent): void {
    const s = this.state;
    const resume = s.pausedBy === null ? undefined : this.compiled.outcomes.get(s.pausedBy)?.resume;
    if (resume?.(e)) resumeMonitoring(this, e.at);
  }

  private progressTasks(e: LearnerEvent): void {
    const s = this.state;
    const before = s.tasks.length;
    s.tasks = s.tasks.filter((task) => {
      const def = this.compiled.tasks.get(task.task);
      const done = def?.doneWhen;
      if (!def || !done) return true;
      if ('contactRule' in done) {
        if (e.type !== 'contact') return true;
        const rule = this.compiled.contactRules.get(done.contactRule)!;
        return !contactProgress(rule, s.contacts, anchorFor(rule, s, task.createdAt)).met;
      }
      if (def.done!(e)) task.progress++;
      return task.progress < done.count;
    });
    if (s.tasks.length !== before) this.timersChanged();
  }

  private cancelFollowUps(e: LearnerEvent): void {
    const s = this.state;
    const before = s.followUps.length;
    s.followUps = s.followUps.filter((f) => !this.compiled.followUps.get(f.followUp)!.cancel(e));
    if (s.followUps.length !== before) this.timersChanged();
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
      m.push({ at: m.at, kind: 'recommend', ...recommendFields(p) });
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
