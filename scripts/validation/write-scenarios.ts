/**
 * Writes the validation suite: one `.moesys` scenario per published run of
 * test/validation/published-runs.json under test/validation/runs/, plus the shared
 * test/validation/runs/hardware.moesys. Deterministic: the same JSON gives the same bytes, and
 * files of runs no longer in the JSON are removed. The generated files are committed (they are the suite).
 *
 * Usage (from the repository root):
 *   node_modules/.bin/esbuild scripts/validation/write-scenarios.ts --bundle --platform=node --format=esm \
 *     --outfile=out/scripts/write-scenarios.js && node out/scripts/write-scenarios.js
 * test/validation/suite.test.ts fails when the committed files differ from what this writes.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PublishedRun, suiteFiles } from './runs.js';

export const RUNS_JSON = 'test/validation/published-runs.json';
export const RUNS_DIR = 'test/validation/runs';

export function readRuns(root = process.cwd()): PublishedRun[] {
  return JSON.parse(readFileSync(join(root, RUNS_JSON), 'utf8')) as PublishedRun[];
}

export function writeScenarios(root = process.cwd()): string[] {
  const files = suiteFiles(readRuns(root));
  mkdirSync(join(root, RUNS_DIR), { recursive: true });
  const wanted = new Set([...files.keys()].map((path) => path.slice(RUNS_DIR.length + 1)));
  for (const name of readdirSync(join(root, RUNS_DIR))) {
    if (name.endsWith('.moesys') && !wanted.has(name)) rmSync(join(root, RUNS_DIR, name));
  }
  for (const [path, text] of files) writeFileSync(join(root, path), text);
  return [...files.keys()];
}

if (process.argv[1]?.endsWith('write-scenarios.js') || process.argv[1]?.endsWith('write-scenarios.ts')) {
  const written = writeScenarios();
  process.stdout.write(`wrote ${written.length} files under ${RUNS_DIR}\n`);
}
