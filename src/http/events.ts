/**
 * POST /api/events: a batch of learner events from the provider's systems. Each event has
 * its own result (one rejected event does not stop the others), and the events are
 * recorded in the order sent, because later events may depend on earlier ones (a decision
 * after the stage it decides); a learner's events are recorded together (record-batch.ts).
 * `"history": true` records a backfill quietly (history-summary.ts).
 */
import type { Request, Response } from 'express';
import type { CaseService } from '../cases/case-service.js';
import type { BatchItem } from '../cases/record-batch.js';
import type { Actor } from '../store/records.js';

export const MAX_EVENTS = 1000;

type Result = { id: string | null; status: 'stored' | 'duplicate' } | { id: string | null; status: 'rejected'; error: string };

export function postEvents(service: CaseService) {
  return async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    const { events, history } = typeof body === 'object' && body !== null ? (body as { events?: unknown; history?: unknown }) : { events: undefined, history: undefined };
    if (!Array.isArray(events)) {
      const message = events === undefined ? 'is required (an array of events)' : 'must be an array of events';
      res.status(400).json({ error: `events: ${message}` });
      return;
    }
    if (history !== undefined && typeof history !== 'boolean') {
      res.status(400).json({ error: 'history: must be true (a backfill, recorded quietly) or false' });
      return;
    }
    if (events.length > MAX_EVENTS) {
      res.status(413).json({ error: `events: ${events.length} events in one request; at most ${MAX_EVENTS} are allowed, so split the batch` });
      return;
    }
    const actor: Actor = { kind: 'feed', id: res.locals.apiKeyLabel as string };
    const results: Result[] = [];
    const batch: (BatchItem & { place: number })[] = [];
    for (const [i, item] of events.entries()) {
      const checked = checkShape(item, i);
      if ('status' in checked) results.push(checked);
      else {
        results.push({ id: checked.id, status: 'stored' });
        batch.push({ learnerId: checked.learnerId, event: item, place: i });
      }
    }
    // Through the service: what the events set off is delivered and each learner's wake-up scheduled.
    const recorded = await service.ingestBatch(actor, batch, history === true);
    recorded.forEach((result, n) => {
      const { place } = batch[n]!;
      const id = results[place]!.id;
      results[place] = result.status === 'rejected' ? { id, status: 'rejected', error: inBatch(result.error, `events[${place}]`) } : { id, status: result.status };
    });
    res.status(200).json({ results });
  };
}

/** An event object with an id and a learnerId; the rest is checked when it is recorded. */
function checkShape(item: unknown, i: number): Result | { id: string; learnerId: string } {
  const at = `events[${i}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { id: null, status: 'rejected', error: `${at}.id: is required; ${at} must be an event object` };
  }
  const { id, learnerId } = item as { id?: unknown; learnerId?: unknown };
  if (typeof id !== 'string' || id === '') {
    const problem = id === undefined ? 'is required (the idempotency key)' : 'must be a non-empty string';
    return { id: null, status: 'rejected', error: `${at}.id: ${problem}` };
  }
  if (typeof learnerId !== 'string' || learnerId === '') {
    const problem = learnerId === undefined ? 'is required' : 'must be a non-empty string';
    return { id, status: 'rejected', error: `${at}.learnerId: ${problem}` };
  }
  return { id, learnerId };
}

/**
 * recordEvent names fields from the event's own point of view (`event.at`, `learnerId`);
 * in a batch the caller needs to know which event, so the paths are rewritten to
 * `events[i].at`, `events[i].learnerId`.
 */
function inBatch(error: string, at: string): string {
  return error.replace(/(^|; )event(?=[.:[])/g, `$1${at}`).replace(/(^|; )learnerId:/g, `$1${at}.learnerId:`);
}
