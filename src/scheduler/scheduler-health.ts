/**
 * How the scheduler stands in the database, for `waymark doctor`: which of Waymark's
 * recurring jobs are saved, and which jobs are locked past their lifetime (the worker
 * holding them died and no instance has taken them over). Read only: Agenda is not started.
 */
import type { Db } from 'mongodb';
import { JOBS, JOBS_COLLECTION, PROCESS_EVERY_MS, type WeeklyMeeting } from './scheduler.js';

export interface SavedJob {
  readonly name: string;
  readonly lockedAt: Date | null;
}

/** The recurring jobs a running bot keeps: the sweep, the coaches' digest and each weekly meeting's. */
export function recurringJobNames(meetings: readonly WeeklyMeeting[]): string[] {
  return [JOBS.sweep, JOBS.coachDigest, ...meetings.map((m) => JOBS.meetingDigest(m.id))];
}

export async function savedJobs(db: Db): Promise<SavedJob[]> {
  const docs = await db.collection(JOBS_COLLECTION).find({}, { projection: { name: 1, lockedAt: 1 } }).toArray();
  return docs.map((d) => ({ name: String(d.name), lockedAt: d.lockedAt instanceof Date ? d.lockedAt : null }));
}

/**
 * Jobs whose lock is older than its lifetime (`lockLifetimeMs`, the bot's lease) plus one
 * poll: by then a live instance would have taken the job over.
 */
export function stuckJobs(jobs: readonly SavedJob[], lockLifetimeMs: number, now: Date): SavedJob[] {
  const deadline = now.getTime() - lockLifetimeMs - PROCESS_EVERY_MS;
  return jobs.filter((j) => j.lockedAt !== null && j.lockedAt.getTime() < deadline);
}
