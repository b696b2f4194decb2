/** Prints the reproduction table: every figure of the reference paper, the engine's value and the error. */
import { reproduceFigures } from '../engine/reproduction.js';
import { formatNumber, formatTable } from '../engine/format.js';

const figures = reproduceFigures();
const rows = figures.map((f) => [
  `${f.figure}  ${f.quantity}`, f.kind, formatNumber(f.published), formatNumber(f.engine), `${(100 * f.relativeError).toFixed(1)} %`,
  f.toleranceNote, f.pass ? 'yes' : f.deviation ? 'NO (see note)' : 'NO',
]);
console.log('Reproduction of "Accelerating Frontier MoE Training with 3D Integrated Optics" (HOTI 2025)\n');
console.log(formatTable(['figure', 'kind', 'published', 'engine', 'error', 'tolerance', 'within'], rows));
for (const f of figures.filter((x) => x.note)) console.log(`\nnote (${f.figure}, ${f.quantity}): ${f.note}`);
const deviations = new Set(figures.filter((x) => x.deviation).map((x) => x.deviation!.reason));
for (const reason of deviations) console.log(`\nnote (Fig. 11, real placement): ${reason}`);
const failed = figures.filter((f) => !f.pass).length;
const predictions = figures.filter((f) => f.kind === 'prediction');
console.log(`\n${figures.length - failed} of ${figures.length} figures within tolerance; ${predictions.filter((f) => f.pass).length} of ${predictions.length} model predictions.`);
