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
import { start, type RunningServer, type StartOptions } from './server.js';

export type EmbeddedMongoOptions = StartOptions;
export type EmbeddedMongo = RunningServer;

export function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  return start(options);
}

export { SUPPORTED_COMMANDS } from './dispatch.js';
