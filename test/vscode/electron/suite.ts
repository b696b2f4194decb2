/** Extension tests module for desktop VS Code (@vscode/test-electron loads it as CommonJS). */
import { runChecks } from '../shared-checks.js';

export function run(): Promise<void> {
  return runChecks();
}
