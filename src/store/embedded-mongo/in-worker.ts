/**
 * The embedded server on a thread of its own. On one thread the bot's work and the
 * database's (decoding, matching, index upkeep) share one core and one event loop, so
 * under load a chat platform's request waits behind database work before it is even
 * acknowledged; on two they run side by side. The driver talks to it over a Unix socket
 * in a directory only this user can enter (a loopback TCP port costs several times as
 * much per byte, and any local user could connect to it); on Windows, over loopback TCP.
 *
 * The thread runs the compiled worker.js beside this file. Under a TypeScript loader (the
 * Jest suites run the sources) there is none, so the server runs on the caller's thread,
 * as startEmbeddedMongo does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from './index.js';

const WORKER = new URL('./worker.js', import.meta.url);

/** Whether this is the compiled build, which has worker.js beside it. */
export const SERVER_THREAD_AVAILABLE = import.meta.url.endsWith('.js');

/** How long the server's thread gets to close its connections before it is ended. */
const CLOSE_MS = 5_000;

export async function startEmbeddedMongoThread(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  if (!SERVER_THREAD_AVAILABLE) return startEmbeddedMongo(options);
  const { log, ...where } = options;
  const directory = process.platform === 'win32' ? undefined : mkdtempSync(join(tmpdir(), 'waymark-db-'));
  const removeDirectory = (): void => {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  };
  const worker = new Worker(WORKER, { workerData: directory === undefined ? where : { socketPath: join(directory, 'db.sock') } });
  // The thread never keeps the process alive by itself: connections to it do, and
  // close() ends it.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // The socket's directory goes with the thread, or with the process if it ends first.
  process.once('exit', removeDirectory);
  void exited.then(() => {
    process.off('exit', removeDirectory);
    removeDirectory();
  });
  const listening = await new Promise<{ uri: string; port: number }>((resolve, reject) => {
    worker.on('message', (message: { kind: string; line?: string; uri?: string; port?: number }) => {
      if (message.kind === 'log') log?.(message.line!);
      else if (message.kind === 'listening') resolve({ uri: message.uri!, port: message.port! });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the embedded database's thread ended (exit ${code}) before it listened`)));
  });
  let closing: Promise<void> | undefined;
  return {
    ...listening,
    close: () =>
      (closing ??= (async () => {
        worker.postMessage('close');
        const timer = setTimeout(() => void worker.terminate(), CLOSE_MS);
        await exited;
        clearTimeout(timer);
      })()),
  };
}
