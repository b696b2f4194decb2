/** Sweeps: one scenario re-evaluated over a list of values of one property. */
import type { Scenario } from './types.js';
import type { EngineIssue, ScenarioResult } from './results.js';
import { evaluateOrIssues } from './evaluate.js';

export interface SweepPoint {
  value: number;
  result?: ScenarioResult;
  issues: EngineIssue[];
}

/** Evaluate `apply(base, v)` for every value; infeasible points keep their issues instead of numbers. */
export function sweep(base: Scenario, values: readonly number[], apply: (s: Scenario, value: number) => Scenario): SweepPoint[] {
  return values.map((value) => {
    const outcome = evaluateOrIssues(apply(base, value));
    return outcome.ok ? { value, result: outcome.result, issues: outcome.result.issues } : { value, issues: outcome.issues };
  });
}
