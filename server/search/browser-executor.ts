/**
 * Searches in a Web Worker nested in the browser language server's worker, loaded from the same
 * folder as the server bundle. A browser (or host page) that refuses nested workers makes the first
 * search fail to start; from then on searches run in slices on the server's thread.
 */
import { type SearchExecutor, workerExecutor } from './executor.js';
import type { SearchWorkerMessage } from './protocol.js';

export function browserSearchExecutor(serverScriptUrl: string): SearchExecutor {
  const workerUrl = new URL('search-worker.js', serverScriptUrl).toString();
  return workerExecutor('web worker', () => {
    const worker = new Worker(workerUrl);
    return {
      post: (message) => worker.postMessage(message),
      listen: (onMessage, onError) => {
        worker.onmessage = (event: MessageEvent<SearchWorkerMessage>) => onMessage(event.data);
        worker.onerror = (event) => {
          event.preventDefault();
          onError(new Error(event.message || 'the search worker could not start'));
        };
      },
      terminate: () => worker.terminate(),
    };
  });
}
