/** Messages between the language server and a search worker (a Node worker thread or a Web Worker). */
import type { SearchJobProgress, SearchJobRequest, SearchJobResult } from '../../engine/index.js';

/** Server → worker: run this search. A worker runs one search; the server terminates it to cancel. */
export interface SearchWorkerRequest {
  request: SearchJobRequest;
}

/** Worker → server. */
export type SearchWorkerMessage = ({ type: 'progress' } & SearchJobProgress) | { type: 'done'; result: SearchJobResult } | { type: 'failed'; message: string };

/** Splits between two progress messages (a few milliseconds of search). */
export const PROGRESS_EVERY = 2000;
