/**
 * An in-process, in-memory MongoDB-wire-compatible server for local runs and tests, where
 * no mongod exists. The official driver, mongoose and Agenda's Mongo backend talk to it
 * unmodified. Data lives in memory only and is gone when the process stops.
 *
 *   const mongo = await startEmbeddedMongo();      // port 0: a free port
 *   await mongoose.connect(mongo.uri);
 *   ...
 *   await mongo.close();
 */
import { start } from './server.js';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Receives diagnostic lines; the server prints nothing itself. */
  readonly log?: (line: string) => void;
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:PORT/?directConnection=true` */
  readonly uri: string;
  readonly port: number;
  /** Ends every connection and stops listening. */
  close(): Promise<void>;
}

export function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  return start(options);
}

export { SUPPORTED_COMMANDS } from './dispatch.js';
