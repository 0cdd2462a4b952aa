/**
 * The embedded server's own thread (in-worker.ts starts it): it serves on a port of its
 * own and tells its parent where; a 'close' message stops it and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { start } from './server.js';

const port = parentPort!;
const options = workerData as { port?: number; host?: string; socketPath?: string };
const server = await start({ ...options, log: (line) => port.postMessage({ kind: 'log', line }) });
port.postMessage({ kind: 'listening', uri: server.uri, port: server.port });
port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  void server.close().then(() => port.close());
});
