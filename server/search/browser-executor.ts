/**
 * Searches in a Web Worker nested in the browser language server's worker. The client names the
 * worker script in `initializationOptions.searchWorkerUrl` (the server's own location may be a
 * `blob:` URL that nothing resolves against). Where there is no URL, or the browser or host page
 * refuses nested workers, the first search fails to start and searches run in slices on the
 * server's thread from then on.
 */
import { type SearchExecutor, workerExecutor } from './executor.js';
import type { SearchWorkerMessage } from './protocol.js';

export function browserSearchExecutor(workerUrl: () => string | undefined): SearchExecutor {
  return workerExecutor('web worker', () => {
    const url = workerUrl();
    if (!url) throw new Error('no search worker URL');
    const worker = new Worker(url);
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
