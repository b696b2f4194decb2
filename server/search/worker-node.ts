/** Entry of a search worker thread of the Node language server (bundled to out/server/search-worker.cjs). */
import { parentPort } from 'node:worker_threads';
import type { SearchWorkerRequest } from './protocol.js';
import { answerSearch } from './worker-body.js';

parentPort?.on('message', (message: SearchWorkerRequest) => answerSearch(message, (reply) => parentPort?.postMessage(reply)));
