/**
 * The scheduler: the recurring jobs a running bot keeps are saved in the database, and no
 * job is locked past its lifetime (a worker died holding it and nobody took it over).
 */
import type { Db } from 'mongodb';
import type { Pack } from '../rules/pack/pack-schema.js';
import { recurringJobNames, savedJobs, stuckJobs } from '../scheduler/scheduler-health.js';
import { weeklyMeetings } from '../scheduler/scheduler.js';
import { count, failed, listed, passed, type Check } from './check.js';

export async function schedulerChecks(db: Db, packs: readonly Pack[], lockLifetimeMs: number, now: Date): Promise<Check[]> {
  const jobs = await savedJobs(db);
  const saved = new Set(jobs.map((j) => j.name));
  const missing = recurringJobNames(weeklyMeetings(packs)).filter((name) => !saved.has(name));
  const stuck = stuckJobs(jobs, lockLifetimeMs, now);
  return [
    missing.length === 0
      ? passed('scheduler jobs', `${count(jobs.length, 'job')} saved, every recurring one among them`)
      : failed(
          'scheduler jobs',
          `not scheduled: ${listed(missing)}${jobs.length === 0 ? ' (no job at all: the bot has not run against this database)' : ''}`,
          'start the bot against this database (npm start with this MONGODB_URI): it schedules its jobs at start',
        ),
    stuck.length === 0
      ? passed('scheduler locks', `none held past the ${lockLifetimeMs / 1_000} s lock lifetime`)
      : failed(
          'scheduler locks',
          `${count(stuck.length, 'job')} locked past the ${lockLifetimeMs / 1_000} s lock lifetime: ${listed(stuck.map((j) => `${j.name} (locked since ${j.lockedAt!.toISOString()})`))}`,
          'make sure at least one bot instance is running on this database (it takes stuck jobs over within a lease); if one is and the lock stays, restart it',
        ),
  ];
}
