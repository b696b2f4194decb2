/**
 * The `moesys` command.
 *   moesys check FILE…                 diagnostics as file:line:col: severity: message; exit 1 on any error
 *   moesys eval FILE [--json] [--csv]  results table (or JSON / CSV); diagnostics and exit 1 when the file has errors
 *   moesys report FILE -o OUT.html     a self-contained HTML report with the preview's charts
 *   moesys search FILE SCENARIO        the fastest parallel splits of a scenario under its memory limit
 *   moesys lsp --stdio                 the language server over stdio
 */
import { relative } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { LangiumDocument } from 'langium';
import { BREAKDOWN_KEYS, type ScenarioResult } from '../engine/index.js';
import type { Declaration, Document } from '../language/generated/ast.js';
import { evaluateStudy, type StudyResult } from '../language/studies.js';
import { buildPreviewModel } from '../language/preview-model.js';
import { formatDiagnostic, loadFiles, type LoadedWorkspace } from './load.js';
import { csv, textTable } from './table.js';
import { searchCommand } from './search.js';
import { renderReportHtml } from '../webview/report.js';
import { isPreviewProblems } from '../webview/protocol.js';

const USAGE = `usage:
  moesys check FILE...
  moesys eval FILE [--json] [--csv]
  moesys report FILE -o OUT.html
  moesys search FILE SCENARIO [--top N]
  moesys lsp --stdio`;

class UsageError extends Error {}

function displayName(document: LangiumDocument): string {
    const path = relative(process.cwd(), document.uri.fsPath);
    return path.startsWith('..') ? document.uri.fsPath : path;
}

/** Prints every diagnostic of the loaded documents; returns the number of errors. */
function reportDiagnostics(workspace: LoadedWorkspace, stream: NodeJS.WritableStream, severities: number[] = [1, 2, 3]): number {
    let errors = 0;
    for (const document of workspace.all) {
        const diagnostics = [...(document.diagnostics ?? [])].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        for (const diagnostic of diagnostics) {
            if (diagnostic.severity === 1) errors++;
            if (severities.includes(diagnostic.severity ?? 1)) stream.write(formatDiagnostic(displayName(document), diagnostic) + '\n');
        }
    }
    return errors;
}

async function check(files: string[]): Promise<number> {
    if (files.length === 0) throw new UsageError('check needs at least one file');
    const workspace = await loadFiles(files);
    const errors = reportDiagnostics(workspace, process.stdout);
    const count = workspace.all.reduce((sum, document) => sum + (document.diagnostics?.length ?? 0), 0);
    if (count === 0) process.stderr.write(`${files.join(', ')}: no problems\n`);
    return errors > 0 ? 1 : 0;
}

interface EvaluatedScenario { name: string; file: string; result: ScenarioResult }

function scenariosOf(workspace: LoadedWorkspace): { scenarios: EvaluatedScenario[]; studies: StudyResult[]; failures: string[] } {
    const analysis = workspace.services.analysis.ScenarioAnalysis;
    const scenarios: EvaluatedScenario[] = [];
    const studies: StudyResult[] = [];
    const failures: string[] = [];
    for (const document of workspace.documents) {
        const declarations = (document.parseResult.value as Document).declarations;
        for (const declaration of declarations) {
            if (declaration.kind === 'scenario') {
                const outcome = analysis.analyse(declaration);
                if (outcome.result) scenarios.push({ name: declaration.name, file: displayName(document), result: outcome.result });
                else failures.push(`${displayName(document)}: scenario ${declaration.name} was not evaluated: ${outcome.loweringFailure ?? outcome.issues.map((issue) => issue.message).join('; ')}`);
            } else if (declaration.kind === 'compare' || declaration.kind === 'sweep') {
                const study = evaluateStudy(declaration as Declaration, (scenario) => analysis.analyse(scenario));
                if (study) studies.push(study);
            }
        }
    }
    return { scenarios, studies, failures };
}

const days = (seconds: number) => (seconds / 86400).toFixed(2);
const fixed = (value: number, digits = 3) => Number.isFinite(value) ? value.toFixed(digits) : String(value);

function scenarioJson({ name, file, result }: EvaluatedScenario): Record<string, unknown> {
    const { name: _name, stepSeconds, timeToTrainSeconds, interconnectEnergyJoules, breakdownSeconds, ...rest } = result;
    void _name;
    return { name, file, stepSeconds, timeToTrainSeconds, interconnectEnergyJoules, breakdownSeconds, ...rest };
}

function studyJson(study: StudyResult): Record<string, unknown> {
    if (study.kind === 'compare') return { ...study };
    return { ...study, points: study.points.map(({ result: _result, ...point }) => point) };
}

async function evalCommand(args: string[]): Promise<number> {
    const json = args.includes('--json');
    const asCsv = args.includes('--csv');
    const files = args.filter((arg) => !arg.startsWith('--'));
    if (files.length !== 1) throw new UsageError('eval takes one file');
    const workspace = await loadFiles(files);
    const errors = reportDiagnostics(workspace, process.stderr, [1, 2]);
    if (errors > 0) {
        process.stderr.write(`${files[0]}: ${errors} error${errors === 1 ? '' : 's'}; nothing evaluated\n`);
        return 1;
    }
    const { scenarios, studies, failures } = scenariosOf(workspace);
    if (failures.length > 0) {
        for (const failure of failures) process.stderr.write(`${failure}\n`);
        return 1;
    }
    // An empty result is worth saying: silence looks like success with numbers missing.
    if (scenarios.length === 0) process.stderr.write(`no scenarios in ${files[0]}\n`);
    if (json) {
        process.stdout.write(JSON.stringify({ scenarios: scenarios.map(scenarioJson), studies: studies.map(studyJson) }, null, 2) + '\n');
        return 0;
    }
    if (asCsv) {
        const header = ['scenario', 'stepSeconds', 'timeToTrainSeconds', ...BREAKDOWN_KEYS.map((key) => `${key}Seconds`), 'interconnectEnergyJoules', 'mfu', 'feasible'];
        const rows = scenarios.map(({ name, result }) => [name, result.stepSeconds, result.timeToTrainSeconds,
            ...BREAKDOWN_KEYS.map((key) => result.breakdownSeconds[key]), result.interconnectEnergyJoules, result.mfu, result.feasible]);
        process.stdout.write(csv(header, rows) + '\n');
        return 0;
    }
    const header = ['scenario', 'step s', 'days', ...BREAKDOWN_KEYS.map(shortKey), 'energy MWh', 'MFU', 'feasible'];
    const rows = scenarios.map(({ name, result }) => [name, fixed(result.stepSeconds), days(result.timeToTrainSeconds),
        ...BREAKDOWN_KEYS.map((key) => fixed(result.breakdownSeconds[key])), fixed(result.interconnectEnergyJoules / 3.6e9, 1),
        `${(result.mfu * 100).toFixed(1)}%`, result.feasible ? 'yes' : 'NO']);
    const out: string[] = scenarios.length > 0 ? [textTable(header, rows)] : [];
    for (const study of studies) {
        if (study.kind === 'compare') {
            if (out.length) out.push('');
            out.push(`compare ${study.name} (baseline ${study.baseline})`, textTable(['scenario', 'time ×', 'energy ×', 'days'],
                study.rows.map((row) => [row.scenario, row.timeRatio !== undefined ? fixed(row.timeRatio, 2) : '-', row.energyRatio !== undefined ? fixed(row.energyRatio, 2) : '-',
                    row.timeToTrainSeconds !== undefined ? days(row.timeToTrainSeconds) : '-'])));
        } else {
            if (out.length) out.push('');
            out.push(`sweep ${study.name}: ${study.scenario} over ${study.path}`, textTable([study.path, 'step s', 'days', 'energy MWh', 'MFU', 'feasible'],
                study.points.map((point) => [point.label, point.stepSeconds !== undefined ? fixed(point.stepSeconds) : '-',
                    point.timeToTrainSeconds !== undefined ? days(point.timeToTrainSeconds) : '-',
                    point.interconnectEnergyJoules !== undefined ? fixed(point.interconnectEnergyJoules / 3.6e9, 1) : '-',
                    point.mfu !== undefined ? `${(point.mfu * 100).toFixed(1)}%` : '-', point.feasible ? 'yes' : `NO${point.issues[0] ? ` (${point.issues[0].message})` : ''}`])));
        }
    }
    if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
    return 0;
}

function shortKey(key: string): string {
    const names: Record<string, string> = {
        compute: 'compute', tensorParallel: 'TP', expertAllToAll: 'EP a2a', expertTensorParallel: 'ETP', dataParallel: 'DP',
        pipelineBubble: 'bubble', pipelineP2p: 'PP p2p', optimizer: 'optim', latency: 'latency',
    };
    return names[key] ?? key;
}

async function report(args: string[]): Promise<number> {
    const outIndex = args.indexOf('-o');
    const output = outIndex >= 0 ? args[outIndex + 1] : undefined;
    const files = args.filter((arg, index) => index !== outIndex && index !== outIndex + 1 && !arg.startsWith('-'));
    if (!output || files.length !== 1) throw new UsageError('report takes one file and -o OUT.html');
    const workspace = await loadFiles(files);
    const errors = reportDiagnostics(workspace, process.stderr, [1, 2]);
    if (errors > 0) {
        process.stderr.write(`${files[0]}: ${errors} error${errors === 1 ? '' : 's'}; no report written\n`);
        return 1;
    }
    const model = buildPreviewModel(workspace.documents[0], workspace.services.analysis.ScenarioAnalysis);
    // Errors were reported above, so the preview answers with a model, not a problem count.
    if (isPreviewProblems(model)) return 1;
    writeFileSync(output, renderReportHtml({ title: files[0], model }));
    process.stderr.write(`wrote ${output}\n`);
    return 0;
}

async function search(args: string[]): Promise<number> {
    const topIndex = args.indexOf('--top');
    const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 10;
    const positional = args.filter((arg, index) => !arg.startsWith('--') && (topIndex < 0 || index !== topIndex + 1));
    if (positional.length !== 2 || !Number.isInteger(top) || top < 1) throw new UsageError('search takes one file, one scenario name and optionally --top N (N ≥ 1)');
    const workspace = await loadFiles([positional[0]]);
    const errors = reportDiagnostics(workspace, process.stderr, [1]);
    if (errors > 0) {
        process.stderr.write(`${positional[0]}: ${errors} error${errors === 1 ? '' : 's'}; nothing searched\n`);
        return 1;
    }
    return searchCommand(workspace, positional[1], top, process.stdout, process.stderr);
}

async function lsp(args: string[]): Promise<number> {
    if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio');
    const { NodeFileSystem } = await import('langium/node');
    const { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver/node');
    const { startMoesysServer } = await import('../server/start-server.js');
    const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
    startMoesysServer(connection, NodeFileSystem as never);
    return new Promise<number>(() => { /* runs until the client exits it */ });
}

export async function main(argv: string[]): Promise<number> {
    const [command, ...args] = argv;
    try {
        switch (command) {
            case 'check': return await check(args);
            case 'eval': return await evalCommand(args);
            case 'report': return await report(args);
            case 'search': return await search(args);
            case 'lsp': return await lsp(args);
            case '--help': case '-h': case 'help': process.stdout.write(USAGE + '\n'); return 0;
            default: throw new UsageError(command ? `unknown command '${command}'` : 'no command');
        }
    } catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`moesys: ${error.message}\n${USAGE}\n`);
            return 2;
        }
        process.stderr.write(`moesys: ${(error as Error).message}\n`);
        return 1;
    }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
