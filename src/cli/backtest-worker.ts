/**
 * A worker thread of `waymark policy backtest`: backtests either the files it claims from
 * the counter it shares with the other threads (backtest-files.ts), or its share of the
 * learners in the database (backtest-store.ts), and posts what it found. Each kind loads
 * only its own modules (the database driver only for the database).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FilesJob } from './backtest-files.js';
import type { StoreJob } from './backtest-store.js';

export type WorkerData = { readonly files: FilesJob; readonly counter: SharedArrayBuffer } | { readonly store: StoreJob };

const data = workerData as WorkerData;
if ('files' in data) {
  const { backtestFiles, FILES_PER_CLAIM } = await import('./backtest-files.js');
  const next = new Int32Array(data.counter);
  parentPort!.postMessage(await backtestFiles(data.files, () => Atomics.add(next, 0, FILES_PER_CLAIM)));
} else {
  const { backtestStoreShare } = await import('./backtest-store.js');
  parentPort!.postMessage(await backtestStoreShare(data.store));
}
