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
/** Terminal titles of the markdown table's columns; the legend gives the shares' unit. */
const TERMINAL_TITLE: Readonly<Record<string, string>> = {
  'compute %': 'compute',
  'host %': 'host',
  'TP %': 'TP',
  'EP a2a %': 'EP a2a',
  'bubble %': 'bubble',
  'DP %': 'DP',
  'other %': 'other',
  'not modelled': 'gaps',
};
/** The markdown table's columns a terminal leaves out: the dominant terms repeat the share columns. */
const DOMINANT = TABLE_HEADER.indexOf('dominant terms');
const UNIT = TABLE_HEADER.indexOf('unit');
const GAPS = TABLE_HEADER.indexOf('not modelled');

/** The table narrow enough for a terminal: short units, the shares without their prose, whether it fits (before the gaps). */
function terminalTable(table: ValidationTable): string {
  const terminalRow = (cells: readonly string[], fits: string) => cells.flatMap((cell, i) => (i === DOMINANT ? [] : i === GAPS ? [fits, cell] : [cell]));
  const header = terminalRow(
    TABLE_HEADER.map((title) => TERMINAL_TITLE[title] ?? title),
    'fits',
  );
  const rows = tableRows(table.rows).map((cells, r) =>
    terminalRow(
      cells.map((cell, i) => (i === UNIT ? (SHORT_UNIT[cell] ?? cell) : cell)),
      table.rows[r].feasible ? 'yes' : 'NO',
    ),
  );
  return textTable(header, rows);
}

export function validationText(table: ValidationTable): string {
  return [
    terminalTable(table),
    ...LEGEND,
    '',
    textTable(SUMMARY_HEADER, summaryRows(table.summary)),
    '',
    'Accuracy targets of this suite (reported, not enforced):',
    ...targetLines(table.summary).map((line) => `  ${line}`),
    ...table.failures.map((failure) => `not evaluated: ${failure.id}: ${failure.reason}`),
  ].join('\n');
}
