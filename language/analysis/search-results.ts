/**
 * The outcomes of `search` studies, by plan key (`SearchPlan.key`). The server runs searches off
 * the main thread and records here how each one stands; the preview model and the "Apply this
 * split" code action read it. A tool without a server (the CLI, tests) may record outcomes itself.
 */
import type { SearchJobResult } from '../../engine/index.js';

export type SearchState =
  | { status: 'running'; tried: number; timed: number; runsOn?: string }
  | { status: 'done'; result: SearchJobResult; runsOn?: string }
  | { status: 'failed'; message: string };

/** Most finished outcomes kept (a request is a few kilobytes, an outcome a few rows). */
const MAX_KEPT = 64;

export class SearchResults {
  private readonly states = new Map<string, SearchState>();

  get(key: string): SearchState | undefined {
    return this.states.get(key);
  }

  set(key: string, state: SearchState): void {
    this.states.delete(key);
    if (this.states.size >= MAX_KEPT) this.states.delete(this.states.keys().next().value!);
    this.states.set(key, state);
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}
