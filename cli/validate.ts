/**
 * `moesys validate [--json]`: the engine, defaults untouched, against the published measured runs of
 * the source repository's validation suite (test/validation), as `npm run validate` prints it, without
 * writing anything.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateSuite, jsonReport } from '../scripts/validation/harness.js';
import { validationText } from '../scripts/validation/text-report.js';
import { RUNS_JSON } from '../scripts/validation/write-scenarios.js';

/** The repository this command runs from: the bundle (out/cli/main.js) sits two folders below it, the source (cli/validate.ts) one. */
const REPOSITORY = ['../../', '../'].map((up) => fileURLToPath(new URL(up, import.meta.url))).find((root) => existsSync(join(root, RUNS_JSON)));

export async function validateCommand(json: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (REPOSITORY === undefined) {
    err.write(
      `moesys: the validation suite (${RUNS_JSON}) ships with the moesys source repository, not with this installation; run moesys validate from a clone\n`,
    );
    return 1;
  }
  const table = await evaluateSuite(REPOSITORY);
  out.write(json ? jsonReport(table) : `${validationText(table)}\n`);
  return table.failures.length > 0 ? 1 : 0;
}
