/** The validation suite as text: the table, its legend, the summary, issue 8's targets and the runs not evaluated. */
import { textTable } from '../../cli/table.js';
import { SUMMARY_HEADER, summaryRows, TABLE_HEADER, tableRows, targetLines, type ValidationTable } from './harness.js';

const LEGEND = [
  'err %      predicted / measured − 1 of the measured quantity: + is too fast for a throughput, too slow for a time',
  'Δt %       step time over the measured one − 1: − is optimistic, whatever the unit',
  'compute %  … other %: shares of the predicted step',
  'not modelled  features of the run the language cannot express (docs/VALIDATION.md)',
];

export function validationText(table: ValidationTable): string {
  return [
    textTable(TABLE_HEADER, tableRows(table.rows)),
    ...LEGEND,
    '',
    textTable(SUMMARY_HEADER, summaryRows(table.summary)),
    '',
    'Targets of the validated-predictor issue (reported, not enforced):',
    ...targetLines(table.summary).map((line) => `  ${line}`),
    ...table.failures.map((failure) => `not evaluated: ${failure.id}: ${failure.reason}`),
  ].join('\n');
}
