/**
 * The `moesys` command. `moesys help` lists the commands, `moesys help CMD` (or `moesys CMD --help`)
 * gives a command's options and examples. Exit codes: 0 done, 1 a file has errors or could not be
 * read or written, 2 the command line itself is wrong.
 */
import { dirname, extname, relative } from 'node:path';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { BREAKDOWN_KEYS, type ScenarioResult } from '../engine/index.js';
import { type Declaration, type Document, isDeclaration, isProperty, isReferenceValue } from '../language/generated/ast.js';
import type { StudyResult } from '../language/semantics/studies.js';
import { buildPreviewModel } from '../language/analysis/preview-model.js';
import { userSeverity } from '../language/semantics/issue-severity.js';
import { formatDiagnostic, loadFiles, type LoadedWorkspace } from './load.js';
import { BREAKDOWN_TITLES, fixed, textTable } from './table.js';
import { decisionTable } from './decision-table.js';
import { runSearchStudies, searchCommand, searchTarget } from './search.js';
import { renderReportHtml } from '../webview/report.js';
import { isPreviewProblems } from '../protocol/preview.js';
import { modelDelta } from '../webview/baseline-delta.js';
import { deltaLines } from './against.js';
import { toCsv } from '../webview/table-data.js';

/** Version of the `moesys eval --json` document; docs/eval.schema.json describes it. */
export const EVAL_SCHEMA_VERSION = 1;

interface CommandHelp {
  usage: string;
  summary: string;
  /** What the command does, a few lines. */
  description: string;
  options: readonly (readonly [string, string])[];
  examples: readonly string[];
}

const COMMANDS: Readonly<Record<string, CommandHelp>> = {
  check: {
    usage: 'moesys check FILE.moesys...',
    summary: 'report the problems of .moesys files',
    description:
      'Checks each file and everything it imports: syntax, units, references and the physics of\n' +
      'every scenario. Prints one line per problem, file:line:col: severity: message, like a compiler.\n' +
      'Exits 1 when any problem is an error; warnings (e.g. a scenario over its HBM) keep exit 0.',
    options: [['-h, --help', 'show this help']],
    examples: ['moesys check examples/frontier-moe.moesys', 'moesys check examples/*.moesys'],
  },
  eval: {
    usage: 'moesys eval FILE.moesys [--json | --csv]',
    summary: 'evaluate the scenarios and studies of a file',
    description:
      'Runs the analytical engine on every scenario, compare and sweep of the file and prints a\n' +
      'table. Problems go to stderr as in `moesys check`, with the same exit codes: on any error it\n' +
      'prints no numbers and exits 1; a warning (e.g. a scenario over its HBM, shown as infeasible)\n' +
      'keeps exit 0.',
    options: [
      ['--json', 'one JSON document, SI units (schema: docs/eval.schema.json)'],
      ['--csv', "one row per scenario, SI units, the same CSV as the preview's CSV button"],
      ['--against OLD.moesys', "after the table, what changed from OLD (e.g. `git show HEAD:FILE`), as the preview's Compare with before"],
      ['-h, --help', 'show this help'],
    ],
    examples: [
      'moesys eval examples/frontier-moe.moesys',
      "moesys eval examples/frontier-moe.moesys --json | jq '.scenarios[] | {name, timeToTrainSeconds}'",
      'moesys eval examples/pod-size-sweep.moesys --csv > sweep.csv',
      'git show HEAD:plan.moesys > plan-head.moesys && moesys eval plan.moesys --against plan-head.moesys',
    ],
  },
  report: {
    usage: 'moesys report FILE.moesys -o OUT.html',
    summary: 'write a self-contained HTML report',
    description:
      "Writes one HTML file with the preview's charts and tables. It needs no network, so it can\n" +
      'be mailed or attached to a CI run. Refuses (exit 1) when the file has errors.',
    options: [
      ['-o, --output OUT.html', 'the file to write (its folder must exist)'],
      ['-h, --help', 'show this help'],
    ],
    examples: ['moesys report examples/frontier-moe.moesys -o report.html'],
  },
  search: {
    usage: 'moesys search FILE.moesys [SCENARIO | SEARCH] [--top N]',
    summary: 'find the fastest parallel splits of a scenario',
    description:
      "Times every valid TP/PP/DP/EP/microbatch/recompute split of the scenario's system and model\n" +
      'and prints the fastest ones that fit in HBM, beside the split as written. Named by a `search`\n' +
      "study (or, without a name, the file's only one), it searches that study's scenario under the\n" +
      "study's own limits, as the preview and the report do.",
    options: [
      ['--top N', "how many splits to print (default 10, or the study's top)"],
      ['-h, --help', 'show this help'],
    ],
    examples: [
      'moesys search examples/frontier-moe.moesys electrical144_c4',
      'moesys search examples/mixtral-h100.moesys mixtral-ep8-h100 --top 3',
      'moesys search examples/search.moesys',
    ],
  },
  validate: {
    usage: 'moesys validate [--json]',
    summary: 'compare the engine with published measured training runs',
    description:
      "Evaluates, with the engine's defaults untouched, the published measured runs of the source\n" +
      "repository's validation suite (test/validation: dense and MoE runs, A100 to GB300, 8 to 16,384\n" +
      'GPUs) and prints measured against predicted, the error, where the time goes, and each\n' +
      "family's mean and bias. Runs from a clone; `npm run validate` also writes docs/VALIDATION.md.",
    options: [
      ['--json', 'the rows and the summary as one JSON document'],
      ['-h, --help', 'show this help'],
    ],
    examples: ['moesys validate', "moesys validate --json | jq '.summary'"],
  },
  lsp: {
    usage: 'moesys lsp --stdio',
    summary: 'run the language server (for Neovim, Helix, Emacs...)',
    description: 'Speaks the Language Server Protocol on stdin and stdout until the editor ends it.',
    options: [
      ['--stdio', 'talk over stdin/stdout (required)'],
      ['-h, --help', 'show this help'],
    ],
    examples: ['moesys lsp --stdio'],
  },
};

function version(): string {
  try {
    // out/cli/main.js and cli/main.ts both sit two folders below package.json.
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    `moesys ${version()}: plan Mixture-of-Experts training on GPU pods`,
    '',
    'usage: moesys COMMAND [OPTIONS] FILE...',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, help]) => `  ${name.padEnd(width)}  ${help.summary}`),
    `  ${'help'.padEnd(width)}  show this help, or a command's: moesys help eval`,
    '',
    'options:',
    '  -h, --help     show help',
    '  -V, --version  print the version',
    '',
    'exit codes: 0 done; 1 a file has errors or cannot be read or written; 2 a wrong command line.',
    "Run 'moesys COMMAND --help' for its options and examples.",
  ].join('\n');
}

function commandHelp(name: string): string {
  const help = COMMANDS[name];
  const width = Math.max(...help.options.map(([flag]) => flag.length));
  return [
    `usage: ${help.usage}`,
    '',
    help.description,
    '',
    'options:',
    ...help.options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    'examples:',
    ...help.examples.map((example) => `  ${example}`),
  ].join('\n');
}

/** A wrong command line: exit 2 with the command's usage line. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A file that cannot be read or written, in plain words: exit 1. */
class InputError extends Error {}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/**
 * Splits the arguments of `command`: `spec` maps each option (and its aliases) to its canonical
 * name and whether it takes a value. Unknown options are a usage error, not silently ignored.
 */
function parseArgs(command: string, args: readonly string[], spec: Record<string, { name: string; value: boolean }>): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: new Map() };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--') {
      parsed.positional.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const option = spec[flag];
    if (!option) throw new UsageError(`${command}: unknown option '${flag}'`, command);
    if (!option.value) {
      parsed.options.set(option.name, true);
      continue;
    }
    const value = inline ?? args[++index];
    if (value === undefined) throw new UsageError(`${command}: ${flag} needs a value`, command);
    parsed.options.set(option.name, value);
  }
  return parsed;
}

/** Refuses, in plain words, what is not a readable .moesys file. */
function checkInputFile(file: string): void {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new InputError(`${file} is a folder; name the .moesys files in it, e.g. ${file.replace(/\/$/, '')}/*.moesys`);
  if (extname(file) !== '.moesys') throw new InputError(`${file} is not a .moesys file`);
}

/** Refuses, before any work, an output path that cannot be written. */
function checkOutputPath(output: string): void {
  const folder = dirname(output);
  if (!existsSync(folder)) throw new InputError(`cannot write ${output}: the folder ${folder} does not exist`);
  if (existsSync(output) && statSync(output).isDirectory())
    throw new InputError(`cannot write ${output}: it is a folder; name a file, e.g. ${output.replace(/\/$/, '')}/report.html`);
}

/** Writes `text` to `output`, saying in plain words why it cannot. */
function writeOutput(output: string, text: string): void {
  checkOutputPath(output);
  try {
    writeFileSync(output, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot write ${output}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message}`);
  }
}

function displayName(document: LangiumDocument): string {
  const path = relative(process.cwd(), document.uri.fsPath);
  return path.startsWith('..') ? document.uri.fsPath : path;
}

/**
 * The diagnostics to show of the loaded documents, in order: every error (an imported file's blocks
 * the named ones), and the warnings and hints of the files named on the command line only; an
 * imported file's warnings are about its own scenarios, not the ones asked for.
 */
function shownDiagnostics(workspace: LoadedWorkspace): { document: LangiumDocument; diagnostic: Diagnostic }[] {
  const named = new Set(workspace.documents);
  return workspace.all.flatMap((document) =>
    [...(document.diagnostics ?? [])]
      .filter((diagnostic) => (diagnostic.severity ?? 1) === 1 || named.has(document))
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
      .map((diagnostic) => ({ document, diagnostic })),
  );
}

/** Prints the diagnostics to show (`shownDiagnostics`) of the given severities; returns the number of errors. */
function reportDiagnostics(workspace: LoadedWorkspace, stream: NodeJS.WritableStream, severities: number[] = [1, 2, 3]): number {
  let errors = 0;
  for (const { document, diagnostic } of shownDiagnostics(workspace)) {
    if (diagnostic.severity === 1) errors++;
    if (severities.includes(diagnostic.severity ?? 1)) stream.write(formatDiagnostic(displayName(document), diagnostic) + '\n');
  }
  return errors;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

async function check(args: string[]): Promise<number> {
  const { positional: files } = parseArgs('check', args, {});
  if (files.length === 0) throw new UsageError('check needs at least one file', 'check');
  files.forEach(checkInputFile);
  const workspace = await loadFiles(files);
  const errors = reportDiagnostics(workspace, process.stdout);
  if (shownDiagnostics(workspace).length === 0) process.stderr.write(`${files.join(', ')}: no problems\n`);
  return errors > 0 ? 1 : 0;
}

interface EvaluatedScenario {
  name: string;
  file: string;
  result: ScenarioResult;
}

function scenariosOf(workspace: LoadedWorkspace): { scenarios: EvaluatedScenario[]; studies: StudyResult[]; failures: string[] } {
  const analysis = workspace.services.analysis.BuildAnalysis;
  const scenarios: EvaluatedScenario[] = [];
  const studies: StudyResult[] = [];
  const failures: string[] = [];
  for (const document of workspace.documents) {
    const declarations = (document.parseResult.value as Document).declarations;
    for (const declaration of declarations) {
      if (declaration.kind === 'scenario') {
        const outcome = analysis.scenario(declaration);
        if (outcome.result) scenarios.push({ name: declaration.name, file: displayName(document), result: outcome.result });
        else
          failures.push(
            `${displayName(document)}: scenario ${declaration.name} was not evaluated: ${outcome.loweringFailure ?? outcome.issues.map((issue) => issue.message).join('; ')}`,
          );
      } else if (declaration.kind === 'compare' || declaration.kind === 'sweep') {
        const study = analysis.study(declaration as Declaration);
        if (study) studies.push(study);
      }
    }
  }
  return { scenarios, studies, failures };
}

const days = (seconds: number) => (seconds / 86400).toFixed(2);
const percent = (ratio: number) => (ratio * 100).toFixed(1);
const megawattHours = (joules: number) => fixed(joules / 3.6e9, 1);

function scenarioJson({ name, file, result }: EvaluatedScenario): Record<string, unknown> {
  const { name: _name, stepSeconds, timeToTrainSeconds, interconnectEnergyJoules, breakdownSeconds, ...rest } = result;
  void _name;
  // Issues carry the severity `check` prints (over HBM is a warning; `feasible` says it does not fit).
  const issues = rest.issues.map((issue) => ({ ...issue, severity: userSeverity(issue) }));
  return { name, file, stepSeconds, timeToTrainSeconds, interconnectEnergyJoules, breakdownSeconds, ...rest, issues };
}

function studyJson(study: StudyResult): Record<string, unknown> {
  if (study.kind === 'compare') return { ...study };
  return { ...study, points: study.points.map(({ result: _result, ...point }) => point) };
}

function resultsTables(scenarios: EvaluatedScenario[], studies: StudyResult[]): string[] {
  // A term no scenario spends time on is a column of zeros: left out, and named below the table.
  const spent = BREAKDOWN_KEYS.filter((key) => scenarios.some(({ result }) => result.breakdownSeconds[key] !== 0));
  const unspent = BREAKDOWN_KEYS.filter((key) => !spent.includes(key));
  const header = [
    'scenario',
    'step [s]',
    'train [days]',
    ...spent.map((key) => `${BREAKDOWN_TITLES[key] ?? key} [s]`),
    'interconnect [MWh]',
    'MFU [%]',
    'memory [GB]',
    'feasible',
  ];
  const rows = scenarios.map(({ name, result }) => [
    name,
    fixed(result.stepSeconds),
    days(result.timeToTrainSeconds),
    ...spent.map((key) => fixed(result.breakdownSeconds[key])),
    megawattHours(result.interconnectEnergyJoules),
    percent(result.mfu),
    // The fullest pipeline rank's footprint over the HBM it may use.
    `${fixed(result.memory.totalBytes / 1e9, 1)}/${fixed(result.memory.usableBytes / 1e9, 0)}`,
    // Over host memory the HBM column looks fine: say why.
    result.feasible ? 'yes' : result.memory.fits && !result.memory.hostFits ? 'NO (host memory)' : 'NO',
  ]);
  const zeros = unspent.length > 0 ? [`zero in every scenario, left out: ${unspent.map((key) => BREAKDOWN_TITLES[key] ?? key).join(', ')} [s]`] : [];
  const out: string[] = scenarios.length > 0 ? [textTable(header, rows), ...zeros, '', 'decision metrics', decisionTable(scenarios)] : [];
  const dash = <T>(value: T | undefined, show: (value: T) => string) => (value !== undefined ? show(value) : '-');
  for (const study of studies) {
    if (out.length) out.push('');
    if (study.kind === 'compare') {
      out.push(
        `compare ${study.name} (baseline ${study.baseline})`,
        textTable(
          ['scenario', 'time [× baseline]', 'interconnect energy [× baseline]', 'train [days]'],
          study.rows.map((row) => [
            row.scenario,
            dash(row.timeRatio, (v) => fixed(v, 2)),
            dash(row.energyRatio, (v) => fixed(v, 2)),
            dash(row.timeToTrainSeconds, days),
          ]),
        ),
      );
    } else {
      out.push(
        `sweep ${study.name}: ${study.scenario} over ${study.path}`,
        textTable(
          [study.path, 'step [s]', 'train [days]', 'interconnect [MWh]', 'MFU [%]', 'feasible (why not)'],
          study.points.map((point) => [
            point.label,
            dash(point.stepSeconds, fixed),
            dash(point.timeToTrainSeconds, days),
            dash(point.interconnectEnergyJoules, megawattHours),
            dash(point.mfu, percent),
            point.feasible ? 'yes' : `NO${point.issues[0] ? ` (${point.issues[0].message})` : ''}`,
          ]),
        ),
      );
    }
  }
  return out;
}

async function evalCommand(args: string[]): Promise<number> {
  const { positional: files, options } = parseArgs('eval', args, {
    '--json': { name: 'json', value: false },
    '--csv': { name: 'csv', value: false },
    '--against': { name: 'against', value: true },
  });
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'eval needs a file' : 'eval takes one file', 'eval');
  if (options.has('json') && options.has('csv')) throw new UsageError('eval: choose --json or --csv, not both', 'eval');
  const against = options.get('against');
  if (typeof against === 'string' && (options.has('json') || options.has('csv')))
    throw new UsageError('eval: --against adds its changes to the table; leave out --json and --csv', 'eval');
  checkInputFile(files[0]);
  if (typeof against === 'string') checkInputFile(against);
  const workspace = await loadFiles(files);
  const errors = reportDiagnostics(workspace, process.stderr, [1, 2]);
  if (errors > 0) {
    process.stderr.write(`${files[0]}: ${plural(errors, 'error')}; nothing evaluated\n`);
    return 1;
  }
  const { scenarios, studies, failures } = scenariosOf(workspace);
  if (failures.length > 0) {
    for (const failure of failures) process.stderr.write(`${failure}\n`);
    return 1;
  }
  // An empty result is worth saying: silence looks like success with numbers missing.
  if (scenarios.length === 0) process.stderr.write(`no scenarios in ${files[0]}\n`);
  // A search takes seconds to minutes: eval leaves it out, and says which command runs it.
  const root = workspace.documents[0].parseResult.value as Document;
  for (const search of root.declarations.filter((d): d is Declaration => isDeclaration(d) && d.kind === 'search')) {
    const written = search.members.find((m) => isProperty(m) && m.name === 'scenario');
    const scenario = isProperty(written) && isReferenceValue(written.value) ? written.value.ref.$refText : undefined;
    process.stderr.write(
      `search '${search.name}' is not run by eval: moesys report runs it${scenario ? `, and moesys search ${files[0]} ${search.name} prints its splits of ${scenario}` : ''}\n`,
    );
  }
  if (options.has('json')) {
    const document = { schemaVersion: EVAL_SCHEMA_VERSION, scenarios: scenarios.map(scenarioJson), studies: studies.map(studyJson) };
    process.stdout.write(JSON.stringify(document, null, 2) + '\n');
    return 0;
  }
  if (options.has('csv')) {
    const model = buildPreviewModel(workspace.documents[0], workspace.services.analysis.BuildAnalysis);
    if (isPreviewProblems(model)) return 1;
    process.stdout.write(toCsv(model));
    return 0;
  }
  const out = resultsTables(scenarios, studies);
  if (typeof against === 'string') {
    const changes = await changesAgainst(workspace, against);
    if (!changes) return 1;
    out.push(...(out.length ? [''] : []), ...changes);
  }
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
  return 0;
}

/** The lines of `eval --against`: OLD evaluated on its own, then the delta of FILE against it (undefined: OLD has errors, reported). */
async function changesAgainst(workspace: LoadedWorkspace, against: string): Promise<string[] | undefined> {
  const old = await loadFiles([against]);
  const errors = reportDiagnostics(old, process.stderr, [1]);
  const baseline = buildPreviewModel(old.documents[0], old.services.analysis.BuildAnalysis);
  const current = buildPreviewModel(workspace.documents[0], workspace.services.analysis.BuildAnalysis);
  if (errors > 0 || isPreviewProblems(baseline) || isPreviewProblems(current)) {
    process.stderr.write(`${against}: ${plural(Math.max(errors, 1), 'error')}; nothing to compare with\n`);
    return undefined;
  }
  return deltaLines(modelDelta(baseline, current), against);
}

async function report(args: string[]): Promise<number> {
  const { positional: files, options } = parseArgs('report', args, { '-o': { name: 'output', value: true }, '--output': { name: 'output', value: true } });
  const output = options.get('output');
  if (typeof output !== 'string') throw new UsageError('report needs -o OUT.html', 'report');
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'report needs a file' : 'report takes one file', 'report');
  checkInputFile(files[0]);
  checkOutputPath(output);
  const workspace = await loadFiles(files);
  const errors = reportDiagnostics(workspace, process.stderr, [1, 2]);
  if (errors > 0) {
    process.stderr.write(`${files[0]}: ${plural(errors, 'error')}; no report written\n`);
    return 1;
  }
  // The report is a page without a server: its searches run now, so it shows their ranked splits.
  runSearchStudies(workspace);
  const model = buildPreviewModel(workspace.documents[0], workspace.services.analysis.BuildAnalysis, workspace.services.analysis.SearchResults);
  // Errors were reported above, so the preview answers with a model, not a problem count.
  if (isPreviewProblems(model)) return 1;
  writeOutput(output, renderReportHtml({ title: files[0], model }));
  process.stderr.write(`wrote ${output}\n`);
  return 0;
}

async function search(args: string[]): Promise<number> {
  const { positional, options } = parseArgs('search', args, { '--top': { name: 'top', value: true } });
  const top = options.has('top') ? Number(options.get('top')) : undefined;
  if (positional.length < 1 || positional.length > 2)
    throw new UsageError('search takes one file and, unless the file has one search study, a scenario or search name', 'search');
  if (top !== undefined && (!Number.isInteger(top) || top < 1))
    throw new UsageError(`search: --top takes a whole number of at least 1, got '${String(options.get('top'))}'`, 'search');
  checkInputFile(positional[0]);
  const workspace = await loadFiles([positional[0]]);
  const errors = reportDiagnostics(workspace, process.stderr, [1]);
  if (errors > 0) {
    process.stderr.write(`${positional[0]}: ${plural(errors, 'error')}; nothing searched\n`);
    return 1;
  }
  const target = searchTarget(workspace, positional[1]);
  if (typeof target === 'string') {
    process.stderr.write(`${target}\n`);
    return 1;
  }
  // Ctrl-C stops the search and prints the best splits found so far; a second one exits.
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  return searchCommand(workspace, target, top, process.stdout, process.stderr, stop.signal);
}

async function lsp(args: string[]): Promise<number> {
  const { options } = parseArgs('lsp', args, { '--stdio': { name: 'stdio', value: false } });
  if (!options.has('stdio')) throw new UsageError('lsp needs --stdio', 'lsp');
  const { NodeFileSystem } = await import('langium/node');
  const { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver/node');
  const { startMoesysServer } = await import('../server/start-server.js');
  const { nodeSearchExecutor } = await import('../server/search/node-executor.js');
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  // This bundle is out/cli/main.js; the search worker is the server's, out/server/search-worker.cjs.
  const worker = fileURLToPath(new URL('../server/search-worker.cjs', import.meta.url));
  startMoesysServer(connection, NodeFileSystem as never, ['file'], nodeSearchExecutor(worker));
  return new Promise<number>(() => {
    /* runs until the client exits it */
  });
}

async function validate(args: string[]): Promise<number> {
  const { positional, options } = parseArgs('validate', args, { '--json': { name: 'json', value: false } });
  if (positional.length > 0) throw new UsageError('validate takes no files: it evaluates the suite of test/validation', 'validate');
  const { validateCommand } = await import('./validate.js');
  return validateCommand(options.has('json'), process.stdout, process.stderr);
}

const RUN: Readonly<Record<string, (args: string[]) => Promise<number>>> = { check, eval: evalCommand, report, search, validate, lsp };

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined) {
      process.stderr.write(overview() + '\n');
      return 2;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      process.stdout.write(`moesys ${version()}\n`);
      return 0;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      const topic = args[0];
      if (topic !== undefined && !COMMANDS[topic]) throw new UsageError(`no command '${topic}'; the commands are ${Object.keys(COMMANDS).join(', ')}`);
      process.stdout.write((topic ? commandHelp(topic) : overview()) + '\n');
      return 0;
    }
    const run = RUN[command];
    if (!run) throw new UsageError(`unknown command '${command}'; the commands are ${Object.keys(COMMANDS).join(', ')}`);
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(commandHelp(command) + '\n');
      return 0;
    }
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.command
        ? `usage: ${COMMANDS[error.command].usage}\nRun 'moesys ${error.command} --help' for its options and examples.`
        : "Run 'moesys help' for the commands.";
      process.stderr.write(`moesys: ${error.message}\n${hint}\n`);
      return 2;
    }
    process.stderr.write(`moesys: ${(error as Error).message}\n`);
    return 1;
  }
}

/**
 * A reader that stops early (`moesys eval … | head`) closes the pipe: stop quietly, as Unix tools
 * do, instead of dying with an EPIPE stack trace.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

const code = await main(process.argv.slice(2));
process.exitCode = code;
