/**
 * How severe an engine issue is where a user meets it (editor, `moesys check`, `moesys eval --json`).
 * Memory over HBM (or offloaded activations over host memory) makes a scenario infeasible in the engine (`feasible: false`), but it is a warning
 * with the numbers: the scenario still evaluates and shows as infeasible while the user adjusts it.
 */
const WARNING_CODES = new Set(['memory-exceeds-hbm', 'offload-exceeds-host-memory']);

export function userSeverity(issue: { severity: 'error' | 'warning'; code: string }): 'error' | 'warning' {
  return WARNING_CODES.has(issue.code) ? 'warning' : issue.severity;
}
