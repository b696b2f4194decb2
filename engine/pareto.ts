/**
 * The Pareto front of scenarios over metrics to minimise (time-to-train, energy, cost): a scenario
 * is on it when no other is at least as good on every metric and better on one.
 */

/**
 * For each point, true when it is eligible (a scenario that fits its memory) and no other eligible
 * point dominates it. Every metric is minimised.
 */
export function paretoFront(points: readonly (readonly number[])[], eligible: readonly boolean[] = points.map(() => true)): boolean[] {
  const dominates = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v <= b[i]) && a.some((v, i) => v < b[i]);
  return points.map((p, i) => eligible[i] && !points.some((q, j) => j !== i && eligible[j] && dominates(q, p)));
}
