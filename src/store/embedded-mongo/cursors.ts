/**
 * Server-side cursors. A query's result is computed once (the stored documents are
 * immutable, so holding them is a snapshot) and handed out in batches: the first batch of
 * find/aggregate, then getMore, until the client has everything or kills the cursor.
 * Cursor ids are BSON Longs (the driver insists on the type); 0 means "no more".
 */
import { calculateObjectSize, Long } from 'bson';
import { CommandError } from './errors.js';
import type { Doc } from './values.js';

/** mongod's default first batch when the client names no batchSize. */
export const DEFAULT_FIRST_BATCH = 101;
/** A reply stays under the 16 MiB document limit: stop a batch before this many bytes. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
/** mongod's cursorTimeoutMillis: idle cursors are forgotten after 10 minutes. */
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  readonly ns: string;
  readonly docs: Doc[];
  position: number;
  lastUsed: number;
  /** The session (lsid.id as hex) that opened it, so endSessions can close it. */
  readonly session: string | undefined;
}

export interface CursorReply {
  cursor: { id: Long; ns: string; firstBatch?: Doc[]; nextBatch?: Doc[] };
  ok: 1;
}

export class CursorStore {
  private readonly open = new Map<string, OpenCursor>();
  // Start somewhere arbitrary so ids from two server runs rarely collide in a client's logs.
  private nextId = 1 + Math.floor(Math.random() * 1_000_000);

  /**
   * Returns the first batch; keeps a cursor only if documents remain. `singleBatch`
   * (a negative limit, findOne) closes the cursor after the first batch.
   */
  first(ns: string, docs: Doc[], options: { batchSize?: number | undefined; singleBatch?: boolean; session?: string | undefined }): CursorReply {
    this.forgetIdle();
    const size = options.batchSize === undefined ? DEFAULT_FIRST_BATCH : options.batchSize;
    const batch = takeBatch(docs, 0, size);
    let id = Long.ZERO;
    if (batch.length < docs.length && !options.singleBatch) {
      id = Long.fromNumber(this.nextId++);
      this.open.set(id.toString(), { ns, docs, position: batch.length, lastUsed: Date.now(), session: options.session });
    }
    return { cursor: { id, ns, firstBatch: batch }, ok: 1 };
  }

  more(cursorId: unknown, ns: string, batchSize: number | undefined): CursorReply {
    const key = cursorKey(cursorId);
    const cursor = this.open.get(key);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${key} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError('BadValue', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const batch = takeBatch(cursor.docs, cursor.position, batchSize ?? 0);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    let id = Long.fromString(key);
    if (cursor.position >= cursor.docs.length) {
      this.open.delete(key);
      id = Long.ZERO;
    }
    return { cursor: { id, ns, nextBatch: batch }, ok: 1 };
  }

  /** killCursors: which of the ids were open (and are now closed) and which were not. */
  kill(cursorIds: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const cursorId of cursorIds) {
      const key = cursorKey(cursorId);
      (this.open.delete(key) ? killed : notFound).push(Long.fromString(key));
    }
    return { killed, notFound };
  }

  /** Closes the cursors of ended sessions (endSessions, killAllSessions). */
  killSessions(sessions: Set<string> | 'all'): void {
    for (const [key, cursor] of this.open) {
      if (sessions === 'all' || (cursor.session !== undefined && sessions.has(cursor.session))) this.open.delete(key);
    }
  }

  get size(): number {
    return this.open.size;
  }

  private forgetIdle(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [key, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(key);
  }
}

/** Up to `size` documents from `start` (0 = no count limit), within the byte budget. */
function takeBatch(docs: Doc[], start: number, size: number): Doc[] {
  const end = size > 0 ? Math.min(docs.length, start + size) : docs.length;
  const batch: Doc[] = [];
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const doc = docs[i]!;
    bytes += calculateObjectSize(doc);
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
  }
  return batch;
}

function cursorKey(cursorId: unknown): string {
  if (typeof cursorId === 'number' && Number.isInteger(cursorId)) return String(cursorId);
  if (typeof cursorId === 'bigint') return cursorId.toString();
  if (cursorId instanceof Long) return cursorId.toString();
  throw new CommandError('TypeMismatch', 'cursor id must be a 64-bit integer');
}
