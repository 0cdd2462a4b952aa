/**
 * Agenda 6 on the same MongoDB as the cases. Every job is a thin call into src/cases:
 * it takes the time from the scheduler's clock, asks the core what is due, and sends what
 * the core answers; failures are isolated per learner or coach.
 *
 * Lock lifetime: a job locked by a worker that died is picked up again once its lock
 * expires (LOCK_LIFETIME_MS) at the next poll (PROCESS_EVERY_MS): within about 90 s.
 */
import { Agenda, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import { formatDay, londonDay } from '../rules/calendar/index.js';
import type { CaseContext } from '../cases/case-context.js';
import { sendCoachDigests, sendMeetingDigest, type DigestChartMaker } from '../cases/digests.js';
import type { Notifier } from '../cases/notifier.js';
import { deliverOutbox } from '../cases/outbox.js';
import { wakeLearner } from '../cases/wake-learner.js';
import { removeErasedMessages, type MessageRemover } from '../privacy/message-removal.js';
import { applyRetention } from '../privacy/retention.js';
import type { Pack } from '../rules/pack/pack-schema.js';

export const JOBS = {
  wakeUp: 'learner-wake-up',
  sweep: 'wake-up-sweep',
  coachDigest: 'coach-digest',
  retention: 'data-retention',
  meetingDigest: (meeting: string) => `meeting-digest:${meeting}`,
} as const;

/** Where Agenda keeps the jobs, in the cases' database. */
export const JOBS_COLLECTION = 'jobs';
export const LOCK_LIFETIME_MS = 60_000;
export const PROCESS_EVERY_MS = 30_000;
/** How long stop() waits for running jobs (within the bot's 10 s shutdown). */
const STOP_GRACE_MS = 1_500;

/** The weekly meetings of these packs (each sends its agenda as a digest). */
export function weeklyMeetings(packs: readonly Pack[]): WeeklyMeeting[] {
  const seen = new Map<string, WeeklyMeeting>();
  for (const pack of packs) {
    for (const m of pack.meetings) {
      if ('weekly' in m.schedule && !seen.has(m.id)) seen.set(m.id, { id: m.id, day: m.schedule.weekly.day, time: m.schedule.weekly.time });
    }
  }
  return [...seen.values()];
}

/** A weekly meeting whose agenda is sent as a digest (day and time from the pack). */
export interface WeeklyMeeting {
  readonly id: string;
  readonly day: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
  readonly time: string;
}

export interface SchedulerOptions {
  readonly db: Db;
  readonly ctx: CaseContext;
  readonly notifier: Notifier;
  readonly meetings?: readonly WeeklyMeeting[];
  /** Identifies this process in the job collection (lastModifiedBy). */
  readonly name?: string;
  readonly processEveryMs?: number;
  readonly lockLifetimeMs?: number;
  /** Cron for the coaches' morning digest (default 08:00 on weekdays, Europe/London). */
  readonly coachDigestCron?: string;
  /**
   * How often the safety-net sweep of overdue wake-ups and stuck outboxes runs: a cron or an
   * interval as Agenda's `every` takes it (default every minute); null for no sweep (tests
   * of the wake-up jobs alone). It also runs once at start, so what fell due while no
   * instance was running goes out at once.
   */
  readonly sweepEvery?: string | null;
  /** WAYMARK_RETENTION_YEARS: learners past it are erased daily at 02:30 London; undefined: no retention job. */
  readonly retentionYears?: number;
  /** The chat platforms that replace messages about erased learners (at each sweep). */
  readonly removers?: readonly MessageRemover[];
  /** Draws each policy's chart for its meeting digests; none: digests go without one. */
  readonly digestChart?: DigestChartMaker;
  readonly log?: (line: string) => void;
}

interface WakeUpData {
  readonly learnerId: string;
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SWEEP_BATCH = 200;

export class Scheduler {
  readonly agenda: Agenda;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: SchedulerOptions) {
    this.agenda = new Agenda({
      backend: new MongoBackend({ mongo: options.db, collection: JOBS_COLLECTION, ...(options.name ? { name: options.name } : {}) }),
      processEvery: options.processEveryMs ?? PROCESS_EVERY_MS,
      defaultLockLifetime: options.lockLifetimeMs ?? LOCK_LIFETIME_MS,
      ...(options.name ? { name: options.name } : {}),
    });
    this.agenda.define<WakeUpData>(JOBS.wakeUp, (job) => this.tracked(this.runWakeUp(job)));
    this.agenda.define(JOBS.sweep, () => this.tracked(this.runSweep()));
    this.agenda.define(JOBS.coachDigest, () => this.tracked(this.runCoachDigest()));
    this.agenda.define(JOBS.retention, () => this.tracked(this.runRetention()));
    for (const meeting of options.meetings ?? []) {
      this.agenda.define(JOBS.meetingDigest(meeting.id), () => this.tracked(this.runMeetingDigest(meeting.id)));
    }
  }

  async start(): Promise<void> {
    const timezone = 'Europe/London';
    await this.agenda.start();
    const sweepEvery = this.options.sweepEvery === undefined ? '* * * * *' : this.options.sweepEvery;
    if (sweepEvery !== null) await this.agenda.every(sweepEvery, JOBS.sweep, undefined, { timezone, skipImmediate: false });
    await this.agenda.every(this.options.coachDigestCron ?? '0 8 * * 1-5', JOBS.coachDigest, undefined, { timezone, skipImmediate: true });
    if (this.options.retentionYears !== undefined) await this.agenda.every('30 2 * * *', JOBS.retention, undefined, { timezone, skipImmediate: true });
    for (const m of this.options.meetings ?? []) {
      const [hour, minute] = m.time.split(':').map(Number);
      await this.agenda.every(`${minute} ${hour} * * ${DAYS.indexOf(m.day)}`, JOBS.meetingDigest(m.id), undefined, { timezone, skipImmediate: true });
    }
  }

  /**
   * Stops taking jobs and releases the locks of those not yet started, so another instance
   * can run them; then lets the jobs already running finish (for up to STOP_GRACE_MS), so
   * a delivery is not cut off between being sent and being marked as sent.
   */
  async stop(): Promise<void> {
    await this.agenda.stop();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (grace = setTimeout(r, STOP_GRACE_MS)))]);
    clearTimeout(grace);
  }

  /** Remembers a job's work while it runs, for stop(). */
  private tracked(work: Promise<void>): Promise<void> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => {});
    return work;
  }

  /**
   * Keeps exactly one pending wake-up per learner, at `at` (or none when null). Call it
   * after every change to a case with the case's `nextWakeUpAt`.
   */
  async wakeAt(learnerId: string, at: Date | null): Promise<void> {
    await this.agenda.ready;
    if (at === null) {
      await this.agenda.cancel({ name: JOBS.wakeUp, data: { learnerId } });
      return;
    }
    await this.agenda.create<WakeUpData>(JOBS.wakeUp, { learnerId }).unique({ 'data.learnerId': learnerId }).schedule(at).save();
  }

  /**
   * Wakes a learner at once, outside their job (the sweep, a case under a new pack
   * version), and keeps their pending wake-up at what the case now needs.
   */
  async wakeNow(learnerId: string, now = this.options.ctx.now()): Promise<void> {
    const report = await wakeLearner(this.options.ctx, this.options.notifier, learnerId, now);
    await this.wakeAt(learnerId, report?.next ?? null);
  }

  private async runWakeUp(job: Job<WakeUpData>): Promise<void> {
    const { learnerId } = job.attrs.data;
    const report = await wakeLearner(this.options.ctx, this.options.notifier, learnerId, this.options.ctx.now());
    // Agenda saves the job after the handler: setting nextRunAt here reschedules it.
    if (report?.next) job.schedule(report.next);
    if (report && (report.delivered.failed.length > 0 || report.failedNudges.length > 0)) {
      this.options.log?.(`wake-up ${learnerId}: ${report.delivered.failed.length + report.failedNudges.length} deliveries failed; retrying`);
    }
  }

  /** The safety net: wakes cases whose wake-up time has passed, and delivers stuck outboxes. */
  private async runSweep(): Promise<void> {
    const { ctx, notifier } = this.options;
    const now = ctx.now();
    for (const due of await ctx.store.casesDueBefore(now, SWEEP_BATCH)) {
      await this.isolated(`sweep ${due.learnerId}`, () => this.wakeNow(due.learnerId, now));
    }
    for (const learnerId of await ctx.store.casesWithOutbox(SWEEP_BATCH)) {
      await this.isolated(`outbox ${learnerId}`, () => deliverOutbox(ctx, notifier, learnerId));
    }
    const removers = this.options.removers ?? [];
    if (removers.length > 0) await this.isolated('replacing messages about erased learners', () => removeErasedMessages(ctx.store, removers));
  }

  /** Erases the learners past retention; one learner's failure is logged and retried tomorrow. */
  private async runRetention(): Promise<void> {
    const { ctx, retentionYears } = this.options;
    const report = await applyRetention(ctx, retentionYears!, ctx.now());
    // Ids only: the log never names a learner.
    if (report.erased.length > 0) this.options.log?.(`retention: ${report.erased.length} learners erased after ${retentionYears} years: ${report.erased.join(', ')}`);
    if (report.held.length > 0) this.options.log?.(`retention: ${report.held.length} learners past retention held, being on the at-risk register: ${report.held.map((h) => h.learnerId).join(', ')}`);
    for (const f of report.failed) this.options.log?.(`retention: ${f.learnerId} not erased: ${f.error}`);
  }

  private async runCoachDigest(): Promise<void> {
    const { ctx, notifier } = this.options;
    const result = await sendCoachDigests(ctx, notifier, formatDay(londonDay(ctx.now().getTime())));
    if (result.failed.length > 0) this.options.log?.(`coach digest failed for ${result.failed.length} coaches`);
  }

  private async runMeetingDigest(meeting: string): Promise<void> {
    const { ctx, notifier, digestChart } = this.options;
    await sendMeetingDigest(ctx, notifier, meeting, formatDay(londonDay(ctx.now().getTime())), {
      ...(digestChart ? { chart: digestChart } : {}),
      chartFailed: (policy, error) => this.options.log?.(`meeting digest ${meeting} (${policy}): sent without its chart, which failed: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  /** One learner's failure never stops the batch. */
  private async isolated(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.options.log?.(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
