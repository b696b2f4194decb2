/** Searches on Node worker threads, from the bundled worker next to the server bundle. */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { inThreadExecutor, type SearchExecutor, workerExecutor } from './executor.js';
import type { SearchWorkerMessage } from './protocol.js';

/** `workerFile`: out/server/search-worker.cjs; when it is missing (running from sources) searches run in slices on this thread. */
export function nodeSearchExecutor(workerFile: string): SearchExecutor {
  if (!existsSync(workerFile)) return inThreadExecutor();
  return workerExecutor('worker thread', () => {
    const worker = new Worker(workerFile);
    return {
      post: (message) => worker.postMessage(message),
      listen: (onMessage, onError) => {
        worker.on('message', (message: SearchWorkerMessage) => onMessage(message));
        worker.on('error', onError);
        // A worker that dies without an answer (out of memory, killed) must not leave its job running forever.
        worker.on('exit', (code) => onError(new Error(`the search worker exited (code ${code}) before it answered`)));
      },
      terminate: () => void worker.terminate(),
    };
  });
}
