/**
 * One embedded server per test file: `useEmbeddedMongo()` starts it in beforeAll on a free
 * port and closes it (and every client the file opened through it) in afterAll, so jest
 * exits with no open handles.
 */
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/store/embedded-mongo/index.js';

export interface Harness {
  /** The running server (valid inside tests). */
  server(): EmbeddedMongo;
  /** A connected client, closed in afterAll. */
  client(options?: MongoClientOptions): Promise<MongoClient>;
  /** A database of the shared client, with a name unique to the calling test file. */
  db(name?: string): Promise<Db>;
}

export function useEmbeddedMongo(): Harness {
  let server: EmbeddedMongo | undefined;
  let shared: MongoClient | undefined;
  const clients: MongoClient[] = [];

  beforeAll(async () => {
    server = await startEmbeddedMongo();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server?.close();
  });

  const harness: Harness = {
    server() {
      if (!server) throw new Error('the embedded server is not running (use it inside a test)');
      return server;
    },
    async client(options) {
      const client = new MongoClient(harness.server().uri, { serverSelectionTimeoutMS: 2000, ...options });
      clients.push(client);
      await client.connect();
      return client;
    },
    async db(name = 'test') {
      shared ??= await harness.client();
      return shared.db(name);
    },
  };
  return harness;
}
