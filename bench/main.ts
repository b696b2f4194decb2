/** `npm run bench`: every benchmark of moesys, one line each. Figures go into closing notes, not tests. */
import { runEngineBenchmarks } from './engine.js';
import { formatTable } from '../engine/format.js';

type Suite = () => Promise<Record<string, number>>;

/** Suites of other parts load lazily, so the engine benchmarks run even while they are absent. */
async function optionalSuite(path: string, name: string): Promise<Suite | undefined> {
  try {
    const mod = (await import(path)) as Record<string, Suite>;
    return mod[name];
  } catch (error) {
    console.error(`(skipping ${path}: ${(error as Error).message})`);
    return undefined;
  }
}

const suites: Suite[] = [runEngineBenchmarks];
for (const [path, name] of [
  ['./language.js', 'runLanguageBenchmarks'],
  ['./preview.js', 'runPreviewBenchmarks'],
  ['./search-typing.js', 'runSearchTypingBenchmarks'],
] as const) {
  const suite = await optionalSuite(path, name);
  if (suite) suites.push(suite);
}
const rows: string[][] = [];
for (const suite of suites) {
  for (const [name, value] of Object.entries(await suite())) rows.push([name, value.toLocaleString('en-US', { maximumFractionDigits: 2 })]);
}
console.log(formatTable(['benchmark', 'value'], rows));
