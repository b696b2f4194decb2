/**
 * The preview protocol, shared by the language server (which builds the model), the VS Code client
 * (which fetches it and relays it) and the webview (which draws it). Plain JSON, SI units throughout.
 *
 *   client ──LSP notification `moesys/preview/open` { uri }──▶ server   (and `…/close` when done)
 *   client ◀── `moesys/preview/model` PreviewModel | PreviewProblems ── server   after each validated build
 *   client ──LSP request `moesys/preview/baseline` { uri, text }──▶ server ──▶ PreviewResponse   ("compare with before")
 *   client ──postMessage HostMessage──▶ webview ──postMessage WebviewMessage──▶ client
 *
 * Only types and tiny pure validators live here, so every side can import this file.
 */
import type { ScenarioResult } from '../engine/results.js';
import type { RankedSplit } from '../engine/search-job.js';

/** Client → server notification: the client shows the preview of this document; push its models. */
export const PREVIEW_OPEN_NOTIFICATION = 'moesys/preview/open';
/** Client → server notification: the client no longer shows this document's preview. */
export const PREVIEW_CLOSE_NOTIFICATION = 'moesys/preview/close';
/**
 * Server → client notification, a `PreviewResponse`: sent for each open preview when its document
 * has been validated from its current text (once on open, then after every build that touched it).
 */
export const PREVIEW_MODEL_NOTIFICATION = 'moesys/preview/model';

/**
 * Client → server request, `PreviewBaselineParams` → `PreviewResponse` (null for bad params): the
 * model of another text of a document (its saved file, its git HEAD), built as that document so its
 * imports resolve, without touching the workspace, its diagnostics or its previews.
 */
export const PREVIEW_BASELINE_REQUEST = 'moesys/preview/baseline';

export interface PreviewBaselineParams {
  uri: string;
  text: string;
}

/**
 * LSP command (`workspace/executeCommand`) the server offers: write ranked split `rank` of the
 * `search` study `study` in document `uri` into its scenario (a `workspace/applyEdit` back to the
 * client). The client's preview posts `applySplit`, and the extension runs this command.
 */
export const APPLY_SPLIT_COMMAND = 'moesys.applySplit';

/** The key of the browser client's `initializationOptions` naming out/server/search-worker.js (the worker `search` studies run in). */
export const SEARCH_WORKER_URL_OPTION = 'searchWorkerUrl';

export interface ApplySplitArguments {
  uri: string;
  study: string;
  /** 1 = fastest. */
  rank: number;
}

/** What the command answers: whether the edit was applied, and if not why, for people. */
export interface ApplySplitAnswer {
  applied: boolean;
  message?: string;
}

export interface PreviewDocumentParams {
  /** Document URI as the client knows it (`TextDocument.uri.toString()`). */
  uri: string;
}

/** One evaluated scenario with where it is written. */
export interface PreviewScenario {
  name: string;
  /** Zero-based line of the scenario's name in the document (where "reveal" jumps to). */
  line: number;
  /** Zero-based last line of its declaration in this document (absent for one imported from another file). */
  endLine?: number;
  /** Engine result; absent when the engine refused the input (then `error` says why). */
  result?: ScenarioResult;
  /** Why there is no result (e.g. an engine input error), in the engine's words. */
  error?: string;
}

/** A `compare` study: scenarios set against a baseline, as in the paper's Figs. 10 and 11. */
export interface PreviewCompareStudy {
  kind: 'compare';
  name: string;
  line: number;
  endLine?: number;
  /** Name of the baseline scenario (one of `PreviewModel.scenarios`). */
  baseline: string;
  /** In the order written; `ratio` = entry time-to-train / baseline time-to-train. */
  entries: { scenario: string; ratio: number }[];
}

/** One point of a sweep: the property's value (SI) and the scenario evaluated there. */
export interface PreviewSweepPoint {
  value: number;
  /** Optional label as written, e.g. "32 Tb/s"; the webview formats `value` when absent. */
  label?: string;
  result?: ScenarioResult;
  error?: string;
}

/** A `sweep` study: one property varied over a list or range. */
export interface PreviewSweepStudy {
  kind: 'sweep';
  name: string;
  line: number;
  endLine?: number;
  /** Property path as written, e.g. "system.pod.bandwidthPerGpu". */
  property: string;
  /** SI unit of `value`: 'bit/s', 'J/bit', 'B', 's', 'FLOP/s', 'W', '' (a count). */
  unit?: string;
  /** Name of the scenario the sweep varies. */
  scenario?: string;
  points: PreviewSweepPoint[];
}

/** The parallel split a search varies, as the training block writes it (`rankMapping` as a file writes it: `podAligned`). */
export interface PreviewSplit {
  tensorParallel: number;
  pipelineParallel: number;
  dataParallel: number;
  /** Expert-parallel degree (experts / expertsPerDpRank); absent for a dense model. */
  expertParallel?: number;
  expertsPerDpRank: number;
  contextParallel: number;
  microbatchSize: number;
  virtualStages: number;
  recompute: string;
  rankMapping: string;
}

/** One ranked split of a search, with what it would take (SI units; the engine's `RankedSplit` without its training spec). */
export interface PreviewSearchCandidate extends Omit<RankedSplit, 'training'> {
  /** 1 = fastest. */
  rank: number;
  split: PreviewSplit;
  /** The split the scenario runs as written. */
  written: boolean;
}

/**
 * A `search` study: the fastest parallel splits of one scenario. It runs beside the editor: a
 * model may arrive while it is `pending` (not started) or `running` (with counts so far), and a
 * later one with the ranked splits (`done`), or why it could not run (`failed`).
 */
export interface PreviewSearchStudy {
  kind: 'search';
  name: string;
  line: number;
  endLine?: number;
  scenario: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Splits tried and timed so far (running) or in all (done). */
  tried: number;
  timed: number;
  /** Where it runs: 'worker thread', 'web worker' or 'main thread' (the fallback, in slices). */
  runsOn?: string;
  /** Why it failed, in the engine's words. */
  message?: string;
  /** The split as written, and what it takes when it could be evaluated. */
  written: PreviewSplit;
  writtenFigures?: PreviewWrittenFigures;
  candidates: PreviewSearchCandidate[];
}

/** What the split as written takes, for its row beside the ranked ones (SI units). */
export interface PreviewWrittenFigures {
  timeToTrainSeconds: number;
  mfu: number;
  interconnectEnergyJoules: number;
  memoryBytes: number;
  /** false when it is over HBM or host memory: its times are what it would take if it fit. */
  fits: boolean;
}

export type PreviewStudy = PreviewCompareStudy | PreviewSweepStudy | PreviewSearchStudy;

/** Everything the preview draws for one document version without errors. */
export interface PreviewModel {
  uri: string;
  /** `TextDocument.version` the model was built from. */
  version: number;
  /** Every scenario of the document, and every scenario a study names, in document order. */
  scenarios: PreviewScenario[];
  studies: PreviewStudy[];
  diagnostics: { errors: number; warnings: number; warningList?: PreviewWarning[] };
}

/** A warning of the document as the editor shows it, with its zero-based line: a report lists them. */
export interface PreviewWarning {
  message: string;
  line: number;
}

/** Warnings a model carries at most; the count says how many there are. */
export const MAX_PREVIEW_WARNINGS = 100;

/** The answer when the document has errors: no numbers, only how many problems. */
export interface PreviewProblems {
  uri: string;
  version: number;
  problems: number;
  /** The first error in the document (by position), in the user's words, and its zero-based line. */
  first?: FirstProblem;
}

export interface FirstProblem {
  message: string;
  line: number;
}

function parseFirstProblem(value: unknown): FirstProblem | undefined {
  if (!isRecord(value) || !isSafeString(value.message, 2000) || typeof value.line !== 'number' || !Number.isSafeInteger(value.line) || value.line < 0)
    return undefined;
  return { message: value.message, line: value.line };
}

export type PreviewResponse = PreviewModel | PreviewProblems;

export function isPreviewProblems(response: PreviewResponse): response is PreviewProblems {
  return !('scenarios' in response);
}

// ── Messages between the extension host and the webview ───────────────────────────────────────

/**
 * Host → webview. Every message names its document and version. The host posts only models of the
 * editor's current version, in order, so the webview draws whatever its document's last message is.
 */
export type HostMessage =
  | { type: 'update'; uri: string; version: number; model: PreviewModel }
  | { type: 'problems'; uri: string; version: number; problems: number; first?: FirstProblem }
  | { type: 'focus'; uri: string; version: number; target: PreviewFocus }
  /** The declaration under the editor's cursor (none: the cursor is outside every scenario and study). */
  | { type: 'select'; uri: string; version: number; target?: PreviewFocus }
  /** What the preview compares with (none: comparison off). */
  | { type: 'baseline'; uri: string; version: number; baseline?: PreviewBaseline }
  /** Save a chart (by its id from the `charts` message) as an image, or the table as CSV (the palette's export commands). */
  | { type: 'export'; uri: string; version: number; format: 'png' | 'svg' | 'csv'; chart?: string };

/** What "Compare with before" compares the document with. */
export type BaselineSource = 'saved' | 'head' | 'pinned';
export const BASELINE_SOURCES: readonly BaselineSource[] = ['saved', 'head', 'pinned'];

/** The baseline of a comparison: its model, or why there is none ("not in a git repository"). */
export interface PreviewBaseline {
  source: BaselineSource;
  /** Says what it is, for the delta view: "the saved file", "git HEAD (a1b2c3d)", "pinned at 14:02". */
  label: string;
  model?: PreviewModel;
  /** Why there is nothing to compare with, in the user's words. */
  unavailable?: string;
}

/** What a CodeLens asks the preview to show: one study (its chart or selection) or one scenario. */
export interface PreviewFocus {
  kind: 'study' | 'scenario';
  name: string;
}

export function isPreviewFocus(value: unknown): value is PreviewFocus {
  return isRecord(value) && (value.kind === 'study' || value.kind === 'scenario') && isSafeString(value.name, 1024);
}

/** Webview → host. Validate with `parseWebviewMessage` before acting on one. */
export type WebviewMessage =
  | { type: 'ready' }
  /** Write the search's ranked split `rank` (1 = fastest) into its scenario. */
  | { type: 'applySplit'; uri: string; study: string; rank: number }
  | { type: 'reveal'; uri: string; line: number }
  | { type: 'openProblems' }
  | { type: 'export'; format: ExportFormat; fileName: string; data: string }
  | { type: 'rendered'; version: number; millis: number }
  /** The user chose what to compare with in the toolbar ('off': stop comparing; 'pinned': pin the results shown now). */
  | { type: 'compare'; source: BaselineSource | 'off' }
  /** The charts the page can export, in the order shown (sent when they change). */
  | { type: 'charts'; charts: ExportedChart[] };

export type ExportFormat = 'png' | 'svg' | 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'svg', 'csv', 'json'];

/** A chart the palette can offer: the id the webview knows it by, and the title on its card. */
export interface ExportedChart {
  id: string;
  title: string;
}

/** Most charts a page announces (4 fixed, 4 decision charts and the sweeps). */
const MAX_CHARTS = 200;

/** State the webview keeps across reloads (VS Code `setState`), read by the panel serializer. */
export interface PreviewWebviewState {
  uri: string;
  view?: 'charts' | 'table';
  study?: string;
}

/** Start-up data a page embeds as `<script type="application/json" id="moesys-config">`. */
export interface PreviewPageConfig {
  title: string;
  uri?: string;
  /** A model to draw at once (the report). */
  model?: PreviewModel;
}

/** Largest export the host accepts (a PNG of a big chart is ~1 MB as a data URL). */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSafeString = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
const isRank = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1000;
const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000;

/** A file name without directories, hidden-file dots or odd characters. */
export function isSafeFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}$/.test(name) && !name.includes('..');
}

/** Longest base name of an export; the suffix (`-sweep-<name>.png`) is cut to fit the rest. */
const MAX_EXPORT_BASE = 60;
const MAX_EXPORT_NAME = 100;

/**
 * The file name of an export of the document `title` (e.g. `_draft.moesys`) with a `suffix` (e.g.
 * `-training-time`, may be empty) and extension, always accepted by `isSafeFileName`: odd characters
 * become `-`, leading ones that are not a letter or digit are dropped (`moesys` if nothing is left),
 * and the whole is cut to about 100 characters.
 */
export function exportFileName(title: string, suffix: string, extension: ExportFormat): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.');
  const base =
    clean(title.replace(/\.moesys$/i, ''))
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, MAX_EXPORT_BASE) || 'moesys';
  const room = MAX_EXPORT_NAME - base.length - extension.length - 1;
  const tail = clean(suffix).slice(0, Math.max(0, room)).replace(/\.+$/, '');
  return `${base}${tail}.${extension}`.replace(/\.{2,}/g, '.');
}

/**
 * Checks an untrusted message from the webview; returns a clean copy or undefined.
 * Why: the webview renders document data, so treat whatever it sends as hostile.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'openProblems':
      return { type: raw.type };
    case 'reveal':
      return isSafeString(raw.uri) && isLine(raw.line) ? { type: 'reveal', uri: raw.uri, line: raw.line } : undefined;
    case 'applySplit':
      return isSafeString(raw.uri) && isSafeString(raw.study, 1024) && isRank(raw.rank)
        ? { type: 'applySplit', uri: raw.uri, study: raw.study, rank: raw.rank }
        : undefined;
    case 'export': {
      const format = raw.format;
      if (!EXPORT_FORMATS.includes(format as ExportFormat)) return undefined;
      if (!isSafeString(raw.fileName, 128) || !isSafeFileName(raw.fileName)) return undefined;
      if (!isSafeString(raw.data, MAX_EXPORT_CHARS)) return undefined;
      if (format === 'png' && !raw.data.startsWith('data:image/png;base64,')) return undefined;
      if (format === 'svg' && !raw.data.startsWith('<?xml')) return undefined;
      return { type: 'export', format: format as ExportFormat, fileName: raw.fileName, data: raw.data };
    }
    case 'compare':
      return raw.source === 'off' || BASELINE_SOURCES.includes(raw.source as BaselineSource)
        ? { type: 'compare', source: raw.source as BaselineSource | 'off' }
        : undefined;
    case 'rendered':
      return typeof raw.version === 'number' && Number.isFinite(raw.version) && typeof raw.millis === 'number' && Number.isFinite(raw.millis)
        ? { type: 'rendered', version: raw.version, millis: raw.millis }
        : undefined;
    case 'charts': {
      if (!Array.isArray(raw.charts) || raw.charts.length > MAX_CHARTS) return undefined;
      const charts = raw.charts.filter((c): c is ExportedChart => isRecord(c) && isSafeString(c.id, 1100) && isSafeString(c.title, 1100));
      return charts.length === raw.charts.length ? { type: 'charts', charts: charts.map((c) => ({ id: c.id, title: c.title })) } : undefined;
    }
    default:
      return undefined;
  }
}

/** Checks a host message on the webview side (messages may also come from other frames). */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isRecord(raw) || !isSafeString(raw.uri) || typeof raw.version !== 'number' || !Number.isFinite(raw.version)) return undefined;
  if (raw.type === 'update' && isPreviewModelShape(raw.model)) {
    return { type: 'update', uri: raw.uri, version: raw.version, model: raw.model };
  }
  if (raw.type === 'problems' && typeof raw.problems === 'number' && Number.isSafeInteger(raw.problems) && raw.problems >= 0) {
    const first = parseFirstProblem(raw.first);
    return { type: 'problems', uri: raw.uri, version: raw.version, problems: raw.problems, ...(first ? { first } : {}) };
  }
  if (raw.type === 'select' && (raw.target === undefined || isPreviewFocus(raw.target))) {
    return { type: 'select', uri: raw.uri, version: raw.version, ...(raw.target ? { target: { kind: raw.target.kind, name: raw.target.name } } : {}) };
  }
  if (raw.type === 'baseline') {
    if (raw.baseline === undefined) return { type: 'baseline', uri: raw.uri, version: raw.version };
    const baseline = parseBaseline(raw.baseline);
    return baseline ? { type: 'baseline', uri: raw.uri, version: raw.version, baseline } : undefined;
  }
  if (raw.type === 'export' && (raw.format === 'png' || raw.format === 'svg' || raw.format === 'csv') && isOptional(raw.chart, (c) => isSafeString(c, 1100))) {
    return { type: 'export', uri: raw.uri, version: raw.version, format: raw.format, ...(typeof raw.chart === 'string' ? { chart: raw.chart } : {}) };
  }
  if (raw.type === 'focus' && isPreviewFocus(raw.target)) {
    return { type: 'focus', uri: raw.uri, version: raw.version, target: { kind: raw.target.kind, name: raw.target.name } };
  }
  return undefined;
}

function parseBaseline(raw: unknown): PreviewBaseline | undefined {
  if (!isRecord(raw) || !BASELINE_SOURCES.includes(raw.source as BaselineSource) || !isSafeString(raw.label, 200)) return undefined;
  if (raw.model !== undefined && !isPreviewModelShape(raw.model)) return undefined;
  if (raw.unavailable !== undefined && !isSafeString(raw.unavailable, 2000)) return undefined;
  return {
    source: raw.source as BaselineSource,
    label: raw.label,
    ...(raw.model ? { model: raw.model as PreviewModel } : {}),
    ...(typeof raw.unavailable === 'string' ? { unavailable: raw.unavailable } : {}),
  };
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isOptional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

/**
 * The shape the webview draws from, checked to the fields it reads: a malformed model is
 * dropped, never half drawn (a scenario without a name, a ratio that is a string, a point
 * without a value would throw inside a chart).
 */
function isPreviewModelShape(raw: unknown): raw is PreviewModel {
  if (!isRecord(raw) || !isOptional(raw.uri, (u) => isSafeString(u)) || !isOptional(raw.version, isFiniteNumber)) return false;
  if (!Array.isArray(raw.scenarios) || !Array.isArray(raw.studies)) return false;
  const scenarioOk = (s: unknown) =>
    isRecord(s) && isSafeString(s.name) && isLine(s.line) && isOptional(s.result, isRecord) && isOptional(s.error, (e) => typeof e === 'string');
  const entryOk = (e: unknown) => isRecord(e) && isSafeString(e.scenario) && isFiniteNumber(e.ratio);
  const pointOk = (p: unknown) =>
    isRecord(p) &&
    isFiniteNumber(p.value) &&
    isOptional(p.label, (l) => isSafeString(l)) &&
    isOptional(p.result, isRecord) &&
    isOptional(p.error, (e) => typeof e === 'string');
  const studyOk = (s: unknown) =>
    isRecord(s) &&
    isSafeString(s.name) &&
    isLine(s.line) &&
    (isSearchStudyShape(s) ||
      (s.kind === 'compare' && isSafeString(s.baseline) && Array.isArray(s.entries) && s.entries.every(entryOk)) ||
      (s.kind === 'sweep' &&
        isSafeString(s.property) &&
        isOptional(s.unit, (u) => isSafeString(u)) &&
        isOptional(s.scenario, (n) => isSafeString(n)) &&
        Array.isArray(s.points) &&
        s.points.every(pointOk)));
  const warningOk = (w: unknown) => isRecord(w) && isSafeString(w.message) && isLine(w.line);
  const diagnosticsOk =
    raw.diagnostics === undefined ||
    (isRecord(raw.diagnostics) &&
      isFiniteNumber(raw.diagnostics.errors) &&
      isFiniteNumber(raw.diagnostics.warnings) &&
      isOptional(raw.diagnostics.warningList, (list) => Array.isArray(list) && list.length <= MAX_PREVIEW_WARNINGS && list.every(warningOk)));
  return raw.scenarios.every(scenarioOk) && raw.studies.every(studyOk) && diagnosticsOk;
}

const SEARCH_STATUSES: readonly unknown[] = ['pending', 'running', 'done', 'failed'];
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function isSplitShape(raw: unknown): raw is PreviewSplit {
  return (
    isRecord(raw) &&
    [raw.tensorParallel, raw.pipelineParallel, raw.dataParallel, raw.expertsPerDpRank, raw.contextParallel, raw.microbatchSize, raw.virtualStages].every(
      isCount,
    ) &&
    isOptional(raw.expertParallel, isFiniteNumber) &&
    isSafeString(raw.recompute, 64) &&
    isSafeString(raw.rankMapping, 64)
  );
}

function isWrittenFiguresShape(raw: unknown): raw is PreviewWrittenFigures {
  return (
    isRecord(raw) && [raw.timeToTrainSeconds, raw.mfu, raw.interconnectEnergyJoules, raw.memoryBytes].every(isFiniteNumber) && typeof raw.fits === 'boolean'
  );
}

function isSearchCandidateShape(raw: unknown): raw is PreviewSearchCandidate {
  return (
    isRecord(raw) &&
    isRank(raw.rank) &&
    isSplitShape(raw.split) &&
    [raw.stepSeconds, raw.timeToTrainSeconds, raw.memoryBytes, raw.idleGpus].every(isFiniteNumber) &&
    isOptional(raw.mfu, isFiniteNumber) &&
    isOptional(raw.interconnectEnergyJoules, isFiniteNumber) &&
    typeof raw.written === 'boolean'
  );
}

/** A search study as the webview draws it: every number it prints is finite. */
function isSearchStudyShape(raw: Record<string, unknown>): boolean {
  return (
    raw.kind === 'search' &&
    isSafeString(raw.scenario) &&
    SEARCH_STATUSES.includes(raw.status) &&
    isCount(raw.tried) &&
    isCount(raw.timed) &&
    isOptional(raw.message, (m) => isSafeString(m, 2000)) &&
    isOptional(raw.runsOn, (w) => isSafeString(w, 64)) &&
    isSplitShape(raw.written) &&
    isOptional(raw.writtenFigures, isWrittenFiguresShape) &&
    Array.isArray(raw.candidates) &&
    raw.candidates.length <= 1000 &&
    raw.candidates.every(isSearchCandidateShape)
  );
}
