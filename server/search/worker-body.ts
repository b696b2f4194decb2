/** What a search worker does with one request, whichever kind of worker it is. */
import { runSearchJob } from '../../engine/index.js';
import { PROGRESS_EVERY, type SearchWorkerMessage, type SearchWorkerRequest } from './protocol.js';

export function answerSearch(message: SearchWorkerRequest, post: (reply: SearchWorkerMessage) => void): void {
  try {
    // Braces: Node's postMessage returns true, which the search would take for "stop".
    const result = runSearchJob(
      message.request,
      (progress) => {
        post({ type: 'progress', ...progress });
      },
      PROGRESS_EVERY,
    );
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
