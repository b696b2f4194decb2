/**
 * `npm run validate`: evaluates the published-run suite (harness.ts) and prints the table, the
 * per-family and per-scale summary, issue 8's targets and the regression guard against
 * test/validation/baseline.json. Writes out/validation.json and docs/VALIDATION.md.
 * `npm run validate -- --write-baseline` also stores today's per-family mean |err| as the baseline.
 * Exit code 1 when a run file has errors or gives no finite prediction; targets never fail it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BASELINE_FILE, type Baseline, baselineOf, evaluateSuite, jsonReport, markdownReport, regressions } from './harness.js';
import { validationText } from './text-report.js';

const writeBaseline = process.argv.includes('--write-baseline');
const table = await evaluateSuite();
const out = process.stdout;
out.write(validationText(table) + '\n');

mkdirSync('out', { recursive: true });
writeFileSync('out/validation.json', jsonReport(table));
writeFileSync('docs/VALIDATION.md', markdownReport(table));
out.write('wrote out/validation.json and docs/VALIDATION.md\n');

if (writeBaseline) {
  writeFileSync(BASELINE_FILE, JSON.stringify(baselineOf(table), null, 2) + '\n');
  out.write(`wrote ${BASELINE_FILE}\n`);
} else if (existsSync(BASELINE_FILE)) {
  const found = regressions(table.summary, JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline);
  out.write(found.length ? `regression against ${BASELINE_FILE}:\n${found.map((f) => `  ${f}`).join('\n')}\n` : `no regression against ${BASELINE_FILE}\n`);
}
process.exitCode = table.failures.length > 0 ? 1 : 0;
