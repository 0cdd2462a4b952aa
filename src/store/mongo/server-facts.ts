/**
 * What `waymark doctor` asks of the database server itself: its version, whether it runs
 * as a replica set, its clock, and whether every index Waymark declares is there. Read
 * only: nothing is created (the bot builds its indexes when it starts).
 */
import type { Connection } from 'mongoose';
import { models } from './models.js';

export interface ServerFacts {
  readonly version: string;
  /** The replica set's name; null for a standalone server. */
  readonly replicaSet: string | null;
  /** How far the server's clock is ahead of ours (negative: behind), in milliseconds. */
  readonly clockAheadMs: number;
}

/** `now` is the caller's clock; the server's is compared with it half-way through the round trip. */
export async function serverFacts(connection: Connection, now: () => Date): Promise<ServerFacts> {
  const admin = connection.getClient().db('admin');
  const build = await admin.command({ buildInfo: 1 });
  const before = now().getTime();
  const hello = await admin.command({ hello: 1 });
  const after = now().getTime();
  const serverTime = hello.localTime instanceof Date ? hello.localTime.getTime() : (before + after) / 2;
  return {
    version: String(build.version),
    replicaSet: typeof hello.setName === 'string' ? hello.setName : null,
    clockAheadMs: Math.round(serverTime - (before + after) / 2),
  };
}

/** Each declared index not on the server, as `collection {keys}` (`unique` when it must be). */
export async function missingIndexes(connection: Connection): Promise<string[]> {
  const missing: string[] = [];
  for (const model of Object.values(models(connection))) {
    const name = model.collection.collectionName;
    const present = new Set((await listIndexes(connection, name)).map((i) => indexText(i.key, i.unique === true)));
    for (const [fields, options] of model.schema.indexes()) {
      const text = indexText(fields, options.unique === true);
      if (!present.has(text)) missing.push(`${name} ${text}`);
    }
  }
  return missing;
}

async function listIndexes(connection: Connection, collection: string): Promise<{ key: object; unique?: boolean }[]> {
  try {
    return (await connection.db!.collection(collection).listIndexes().toArray()) as { key: object; unique?: boolean }[];
  } catch (error) {
    // No such collection yet: none of its indexes is there.
    if ((error as { codeName?: unknown }).codeName === 'NamespaceNotFound') return [];
    throw error;
  }
}

function indexText(key: object, unique: boolean): string {
  const fields = Object.entries(key).map(([field, order]) => `${field}: ${String(order)}`);
  return `{ ${fields.join(', ')} }${unique ? ' unique' : ''}`;
}
