/**
 * Opening the store: the MongoDB at `uri` when one is given, otherwise the embedded,
 * in-memory server (local mode), announced loudly because nothing it holds survives the
 * process. The embedded server is never started when a URI is given.
 */
import mongoose from 'mongoose';
import type { EmbeddedMongo } from './embedded-mongo/index.js';
import { startEmbeddedMongoThread } from './embedded-mongo/in-worker.js';
import { MongoStore } from './mongo/mongo-store.js';
import { DatabaseUnreachable, isDatabaseUnreachable } from './unreachable.js';
import type { Store } from './store.js';

export interface OpenStore {
  readonly store: Store;
  readonly uri: string;
  /** The mongoose connection, for the scheduler's backend (same database). */
  readonly connection: mongoose.Connection;
  readonly embedded: boolean;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE = 'waymark';

export const EMBEDDED_NOTICE = [
  'MONGODB_URI is not set: using the embedded in-memory database.',
  'Nothing is durable: every learner, case and event is lost when this process stops.',
  'Set MONGODB_URI (e.g. mongodb://localhost:27017/waymark) to keep data.',
];

export interface OpenStoreOptions {
  readonly uri?: string | undefined;
  /** The database to use when the URI names none (default "waymark"). */
  readonly dbName?: string | undefined;
  readonly log?: (line: string) => void;
  /**
   * How long an operation may wait for the server (default 5 s to find it, 10 s for an
   * answer). Tests that run the embedded server on their own event loop under heavy load
   * raise them: there a busy loop, not a dead server, is what delays the answer.
   */
  readonly waitMs?: { readonly serverSelection: number; readonly socket: number } | undefined;
  /**
   * Only read (`waymark doctor`): no collection or index is created, so what is missing can
   * be reported as missing rather than quietly made.
   */
  readonly readOnly?: boolean | undefined;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<OpenStore> {
  let embedded: EmbeddedMongo | undefined;
  if (!options.uri) {
    // On a thread of its own, so the bot's event loop is not the database's too.
    embedded = await startEmbeddedMongoThread({ port: 0 });
    for (const line of EMBEDDED_NOTICE) options.log?.(line);
  }
  const uri = options.uri || embedded!.uri;
  try {
    const dbName = options.dbName ?? (hasDatabase(uri) ? undefined : DEFAULT_DATABASE);
    // Bounded waits: with the database unreachable or hung, an operation fails within
    // seconds (and the person is told), instead of waiting for ever.
    const wait = options.waitMs ?? { serverSelection: 5_000, socket: 10_000 };
    const timeouts = { serverSelectionTimeoutMS: wait.serverSelection, socketTimeoutMS: wait.socket, connectTimeoutMS: wait.serverSelection };
    const builds = options.readOnly ? { autoIndex: false, autoCreate: false } : {};
    const connection = await mongoose.createConnection(uri, { ...timeouts, ...builds, ...(dbName === undefined ? {} : { dbName }) }).asPromise();
    const store = new MongoStore(connection);
    if (!options.readOnly) await store.init();
    return {
      store,
      uri,
      connection,
      embedded: embedded !== undefined,
      close: async () => {
        await connection.close();
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close();
    if (options.uri && isDatabaseUnreachable(error)) throw new DatabaseUnreachable((error as Error).message.split('\n')[0]!);
    throw error;
  }
}

/** Whether a connection string names a database (mongodb://host/db?...). */
function hasDatabase(uri: string): boolean {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri);
  return match !== null && match[1] !== '';
}
