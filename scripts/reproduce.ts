/** Prints the reproduction table: every figure of the reference paper, the engine's value and the error. */
import { paperBestMappings, reproduceFigures } from '../engine/reproduction.js';
import { formatNumber, formatTable } from '../engine/format.js';
import { writtenSplitValue } from '../language/semantics/search-study.js';

const figures = reproduceFigures();
const rows = figures.map((f) => [
  `${f.figure}  ${f.quantity}`,
  f.kind,
  formatNumber(f.published),
  formatNumber(f.engine),
  // A row held to its sign has no error size to report; a rounded −0.0 reads as 0.0.
  f.toleranceNote === 'same sign' ? '—' : `${(100 * f.relativeError).toFixed(1).replace(/^-(0\.0)$/, '$1')} %`,
  f.toleranceNote,
  f.pass ? 'yes' : f.deviation ? 'NO (see note)' : 'NO',
]);
console.log('Reproduction of "Accelerating Frontier MoE Training with 3D Integrated Optics" (HOTI 2025)\n');
console.log(formatTable(['figure', 'kind', 'published', 'engine', 'error', 'tolerance', 'within'], rows));
for (const f of figures.filter((x) => x.note)) console.log(`\nnote (${f.figure}, ${f.quantity}): ${f.note}`);
const deviations = new Set(figures.filter((x) => x.deviation).map((x) => x.deviation!.reason));
for (const reason of deviations) console.log(`\nnote (Fig. 11, real placement): ${reason}`);
const failed = figures.filter((f) => !f.pass).length;
const predictions = figures.filter((f) => f.kind === 'prediction');
console.log(
  `\n${figures.length - failed} of ${figures.length} figures within tolerance; ${predictions.filter((f) => f.pass).length} of ${predictions.length} model predictions.`,
);

const best = paperBestMappings();
console.log("\nEach system at the paper's mapping (TP16 × PP8 × DP256) and at its own best one (moesys search)\n");
console.log(
  formatTable(
    ['scenario', 'paper mapping [days]', 'best mapping [days]', 'best: TP × PP × DP, EP, mbs, v, recompute, mapping', 'idle GPUs'],
    best.map((b) => {
      const t = b.best;
      return [
        `${b.system}_c${b.config}`,
        b.paperDays.toFixed(2),
        b.bestDays.toFixed(2),
        `${t.tensorParallel} × ${t.pipelineParallel} × ${t.dataParallel}, EP ${Math.round((b.config === 1 ? 32 : 256) / t.expertsPerDpRank)}, ${t.microbatchSize}, ${t.virtualStages}, ${t.recompute}, ${writtenSplitValue(t, 'rankMapping')}`,
        String(b.idleGpus),
      ];
    }),
  ),
);
const days = (name: string, key: 'paperDays' | 'bestDays') => best.find((b) => `${b.system}_c${b.config}` === name)![key];
console.log(
  `\nFig. 11 Config 4 at each system's best mapping: electrical 144 over Passage = ${(days('electrical144_c4', 'bestDays') / days('passage512_c4', 'bestDays')).toFixed(2)} ` +
    `(at the paper's mapping ${(days('electrical144_c4', 'paperDays') / days('passage512_c4', 'paperDays')).toFixed(2)}).`,
);
