/**
 * The searches the server runs for open documents, one per distinct request (two documents or two
 * studies asking the same search share it). A search a document no longer asks for (its scenario
 * or constraints were edited, the document closed) is cancelled; outcomes stay in `SearchResults`.
 */
import type { SearchResults } from '../../language/analysis/search-results.js';
import type { SearchPlan } from '../../language/semantics/search-study.js';
import { SearchCancelled, type SearchExecutor } from './executor.js';

interface Job {
  controller: AbortController;
  /** Documents that ask for it. */
  uris: Set<string>;
  lastReport: number;
}

/** Shortest time between two progress reports of one search (each one rebuilds a preview model). */
const REPORT_INTERVAL_MS = 250;
/** How long a search's inputs stand unchanged before it starts. */
const START_DELAY_MS = 100;

export class SearchJobs {
  private readonly jobs = new Map<string, Job>();

  /** `onChange(uris)`: a search these documents ask for made progress, finished or failed. */
  constructor(
    private readonly executor: SearchExecutor,
    private readonly results: SearchResults,
    private readonly onChange: (uris: readonly string[]) => void,
  ) {}

  get where(): string {
    return this.executor.where;
  }

  /** Searches running now, for tests and benchmarks. */
  get runningCount(): number {
    return this.jobs.size;
  }

  /** The document `uri` now asks for these searches: start the new ones, cancel those nobody asks for. */
  update(uri: string, plans: readonly SearchPlan[]): void {
    const wanted = new Set(plans.map((plan) => plan.key));
    for (const [key, job] of this.jobs) {
      if (!job.uris.has(uri) || wanted.has(key)) continue;
      job.uris.delete(uri);
      if (job.uris.size > 0) continue;
      job.controller.abort();
      this.jobs.delete(key);
      this.results.delete(key);
    }
    for (const plan of plans) {
      const job = this.jobs.get(plan.key);
      if (job) job.uris.add(uri);
      else if (this.results.get(plan.key) === undefined) this.start(plan, uri);
    }
  }

  private start(plan: SearchPlan, uri: string): void {
    const job: Job = { controller: new AbortController(), uris: new Set([uri]), lastReport: 0 };
    this.jobs.set(plan.key, job);
    this.results.set(plan.key, { status: 'running', tried: 0, timed: 0, runsOn: this.executor.where });
    const current = () => this.jobs.get(plan.key) === job;
    // Started once its inputs have stood for a moment, after this build has published its
    // diagnostics: a burst of edits to the search starts no worker per keystroke.
    const started = new Promise<void>((resolve) => setTimeout(resolve, START_DELAY_MS));
    started
      .then(() =>
        this.executor.run(
          plan.request,
          (progress) => {
            if (!current()) return;
            this.results.set(plan.key, { status: 'running', ...progress, runsOn: this.executor.where });
            const now = Date.now();
            if (now - job.lastReport < REPORT_INTERVAL_MS) return;
            job.lastReport = now;
            this.onChange([...job.uris]);
          },
          job.controller.signal,
        ),
      )
      .then(
        (result) => current() && this.results.set(plan.key, { status: 'done', result, runsOn: this.executor.where }),
        (error: unknown) => {
          if (error instanceof SearchCancelled || !current()) return;
          this.results.set(plan.key, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => {
        if (!current()) return;
        this.jobs.delete(plan.key);
        this.onChange([...job.uris]);
      });
  }
}
