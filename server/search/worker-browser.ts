/** Entry of a search Web Worker nested in the browser language server (bundled to out/server/search-worker.js). */
import type { SearchWorkerRequest } from './protocol.js';
import { answerSearch } from './worker-body.js';

const scope = self as unknown as { onmessage: ((event: MessageEvent<SearchWorkerRequest>) => void) | null; postMessage(message: unknown): void };
scope.onmessage = (event) => answerSearch(event.data, (reply) => scope.postMessage(reply));
