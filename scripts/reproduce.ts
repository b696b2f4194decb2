/** Prints the reproduction table: every figure of the reference paper, the engine's value and the error. */
import { reproduceFigures } from '../engine/reproduction.js';
import { formatNumber, formatTable } from '../engine/format.js';

const figures = reproduceFigures();
const rows = figures.map((f) => [
  `${f.figure}  ${f.quantity}`, formatNumber(f.published), formatNumber(f.engine), `${(100 * f.relativeError).toFixed(1)} %`,
  f.toleranceNote, f.pass ? 'yes' : 'NO',
]);
console.log('Reproduction of "Accelerating Frontier MoE Training with 3D Integrated Optics" (HOTI 2025)\n');
console.log(formatTable(['figure', 'published', 'engine', 'error', 'tolerance', 'within'], rows));
for (const f of figures.filter((x) => x.note)) console.log(`\nnote (${f.figure}, ${f.quantity}): ${f.note}`);
const failed = figures.filter((f) => !f.pass).length;
console.log(`\n${figures.length - failed} of ${figures.length} figures within tolerance.`);
