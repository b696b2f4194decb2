/** Extension tests module for the web workbench: @vscode/test-web loads it in the web extension host. */
import { runChecks } from '../shared-checks.js';

export function run(): Promise<void> {
  return runChecks();
}
