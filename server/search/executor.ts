/**
 * Where a search runs. The language server's main thread answers keystrokes, so a search (seconds
 * for a large pod) runs on a worker: a Node worker thread on the desktop, a nested Web Worker in
 * the browser. Without one (a bundle missing, a browser refusing nested workers) it runs on the
 * main thread in slices, yielding to the event loop between them.
 */
import {
  rankOutcome,
  searchOptionsOf,
  searchParallelismAsync,
  type SearchJobProgress,
  type SearchJobRequest,
  type SearchJobResult,
} from '../../engine/index.js';
import { PROGRESS_EVERY, type SearchWorkerMessage, type SearchWorkerRequest } from './protocol.js';

export interface SearchExecutor {
  /** Where searches run: 'worker thread', 'web worker' or 'main thread'. */
  readonly where: string;
  /** Runs one search; `signal` cancels it (the promise then rejects with `SearchCancelled`). */
  run(request: SearchJobRequest, onProgress: (progress: SearchJobProgress) => void, signal: AbortSignal): Promise<SearchJobResult>;
}

export class SearchCancelled extends Error {
  constructor() {
    super('search cancelled');
  }
}

/** The part of a worker the executor uses (Node's `Worker` and the browser's differ in their events). */
export interface SearchWorker {
  post(message: SearchWorkerRequest): void;
  listen(onMessage: (message: SearchWorkerMessage) => void, onError: (error: unknown) => void): void;
  terminate(): void;
}

/**
 * One fresh worker per search, terminated when it ends or is cancelled: a search in a worker is
 * one synchronous loop, so terminating is the cancel that takes effect at once.
 */
export function workerExecutor(where: string, spawn: () => SearchWorker, fallback: SearchExecutor = inThreadExecutor()): SearchExecutor {
  let broken = false;
  return {
    get where() {
      return broken ? fallback.where : where;
    },
    run(request, onProgress, signal) {
      if (signal.aborted) return Promise.reject(new SearchCancelled());
      if (broken) return fallback.run(request, onProgress, signal);
      let worker: SearchWorker;
      try {
        worker = spawn();
      } catch {
        broken = true;
        return fallback.run(request, onProgress, signal);
      }
      return new Promise<SearchJobResult>((resolve, reject) => {
        let answered = false;
        const finish = () => {
          signal.removeEventListener('abort', cancel);
          worker.terminate();
        };
        const cancel = () => {
          finish();
          reject(new SearchCancelled());
        };
        if (signal.aborted) return cancel();
        signal.addEventListener('abort', cancel);
        worker.listen(
          (message) => {
            answered = true;
            if (message.type === 'progress') return onProgress({ tried: message.tried, timed: message.timed });
            finish();
            if (message.type === 'done') resolve(message.result);
            else reject(new Error(message.message));
          },
          (error) => {
            finish();
            // A worker that fails before its first answer cannot be started here: search on this thread from now on.
            if (!answered) {
              broken = true;
              fallback.run(request, onProgress, signal).then(resolve, reject);
            } else reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
        worker.post({ request });
      });
    },
  };
}

/** The search on the calling thread, yielding every `PROGRESS_EVERY` splits (a few milliseconds). */
export function inThreadExecutor(): SearchExecutor {
  return {
    where: 'main thread',
    async run(request, onProgress, signal) {
      const outcome = await searchParallelismAsync(request.base, {
        ...searchOptionsOf(request),
        progressEvery: PROGRESS_EVERY,
        signal,
        onProgress: (progress) => onProgress({ tried: progress.tried, timed: progress.timed }),
      });
      if (signal.aborted) throw new SearchCancelled();
      return rankOutcome(request.base, outcome);
    },
  };
}
