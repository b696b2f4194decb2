/** The validation suite as text: the table, its legend, the summary, issue 8's targets and the runs not evaluated. */
import { textTable } from '../../cli/table.js';
import { SUMMARY_HEADER, summaryRows, TABLE_HEADER, tableRows, targetLines, type ValidationTable } from './harness.js';

const LEGEND = [
  'err %      predicted / measured − 1 of the measured quantity: + is too fast for a throughput, too slow for a time',
  'Δt %       step time over the measured one − 1: − is optimistic, whatever the unit',
  'compute … other  shares of the predicted step, %; the terms in other are named in docs/VALIDATION.md',
  'fits       NO: over HBM, its time still reported',
  'gaps       features of the run the language cannot express (docs/VALIDATION.md)',
];

/** Terminal units: the table's long names, short. */
const SHORT_UNIT: Readonly<Record<string, string>> = { 'TFLOP/s per GPU': 'TFLOP/s', 's per iteration': 's/iter', 'GPU-hours': 'GPU-h', '% MFU': 'MFU %' };
/** The markdown table's columns a terminal leaves out: the dominant terms repeat the share columns. */
const DOMINANT = TABLE_HEADER.indexOf('dominant terms');
const UNIT = TABLE_HEADER.indexOf('unit');

/** The table narrow enough for a terminal: short units, the shares without their prose, whether it fits, the gaps. */
function terminalTable(table: ValidationTable): string {
  const header = TABLE_HEADER.filter((_, i) => i !== DOMINANT).map((title, i) =>
    title === 'not modelled' ? 'gaps' : i > UNIT + 2 && title.endsWith(' %') ? title.slice(0, -2) : title,
  );
  header.splice(header.length - 1, 0, 'fits');
  const rows = tableRows(table.rows).map((cells, r) => {
    const kept = cells.map((cell, i) => (i === UNIT ? (SHORT_UNIT[cell] ?? cell) : cell)).filter((_, i) => i !== DOMINANT);
    kept.splice(kept.length - 1, 0, table.rows[r].feasible ? 'yes' : 'NO');
    return kept;
  });
  return textTable(header, rows);
}

export function validationText(table: ValidationTable): string {
  return [
    terminalTable(table),
    ...LEGEND,
    '',
    textTable(SUMMARY_HEADER, summaryRows(table.summary)),
    '',
    'Targets of the validated-predictor issue (reported, not enforced):',
    ...targetLines(table.summary).map((line) => `  ${line}`),
    ...table.failures.map((failure) => `not evaluated: ${failure.id}: ${failure.reason}`),
  ].join('\n');
}
