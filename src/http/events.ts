/**
 * POST /api/events: a batch of learner events from the provider's systems. Each event is
 * recorded on its own (one rejected event does not stop the others) and in the order sent,
 * because later events may depend on earlier ones (a decision after the stage it decides).
 */
import type { Request, Response } from 'express';
import type { CaseService } from '../cases/case-service.js';
import type { Actor } from '../store/records.js';

export const MAX_EVENTS = 1000;

type Result = { id: string | null; status: 'stored' | 'duplicate' } | { id: string | null; status: 'rejected'; error: string };

export function postEvents(service: CaseService) {
  return async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    const events = typeof body === 'object' && body !== null ? (body as { events?: unknown }).events : undefined;
    if (!Array.isArray(events)) {
      const message = events === undefined ? 'is required (an array of events)' : 'must be an array of events';
      res.status(400).json({ error: `events: ${message}` });
      return;
    }
    if (events.length > MAX_EVENTS) {
      res.status(413).json({ error: `events: ${events.length} events in one request; at most ${MAX_EVENTS} are allowed, so split the batch` });
      return;
    }
    const actor: Actor = { kind: 'feed', id: res.locals.apiKeyLabel as string };
    const results: Result[] = [];
    for (const [i, item] of events.entries()) results.push(await recordOne(service, actor, item, i));
    res.status(200).json({ results });
  };
}

async function recordOne(service: CaseService, actor: Actor, item: unknown, i: number): Promise<Result> {
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
  // Through the service: what the event sets off is delivered and the learner's wake-up scheduled.
  const result = await service.ingest(actor, learnerId, item);
  if (result.status !== 'rejected') return { id, status: result.status };
  return { id, status: 'rejected', error: inBatch(result.error, at) };
}

/**
 * recordEvent names fields from the event's own point of view (`event.at`, `learnerId`);
 * in a batch the caller needs to know which event, so the paths are rewritten to
 * `events[i].at`, `events[i].learnerId`.
 */
function inBatch(error: string, at: string): string {
  return error.replace(/(^|; )event(?=[.:[])/g, `$1${at}`).replace(/(^|; )learnerId:/g, `$1${at}.learnerId:`);
}
