/**
 * The preview protocol, shared by the language server (which builds the model), the VS Code client
 * (which fetches it and relays it) and the webview (which draws it). Plain JSON, SI units throughout.
 *
 *   client ──LSP request `moesys/preview` { uri }──▶ server
 *   client ◀── PreviewModel | PreviewProblems ────── server
 *   client ──postMessage HostMessage──▶ webview ──postMessage WebviewMessage──▶ client
 *
 * Only types and tiny pure validators live here, so every side can import this file.
 */
import type { ScenarioResult } from '../engine/results.js';

/** Custom LSP request: build the preview model of one document. */
export const PREVIEW_REQUEST = 'moesys/preview';

export interface PreviewParams {
  /** Document URI as the client knows it (`TextDocument.uri.toString()`). */
  uri: string;
  /**
   * The editor's version of the document when the client asked. Optional. A server that honours it
   * answers only once it has built (at least) this version, so the client need not ask again
   * when its request overtook the `didChange` being processed.
   */
  version?: number;
}

/** One evaluated scenario with where it is written. */
export interface PreviewScenario {
  name: string;
  /** Zero-based line of the scenario's name in the document (where "reveal" jumps to). */
  line: number;
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
  /** Property path as written, e.g. "system.pod.bandwidthPerGpu". */
  property: string;
  /** SI unit of `value`: 'bit/s', 'J/bit', 'B', 's', 'FLOP/s', 'W', '' (a count). */
  unit?: string;
  /** Name of the scenario the sweep varies. */
  scenario?: string;
  points: PreviewSweepPoint[];
}

export type PreviewStudy = PreviewCompareStudy | PreviewSweepStudy;

/** Everything the preview draws for one document version without errors. */
export interface PreviewModel {
  uri: string;
  /** `TextDocument.version` the model was built from. */
  version: number;
  /** Every scenario of the document, and every scenario a study names, in document order. */
  scenarios: PreviewScenario[];
  studies: PreviewStudy[];
  diagnostics: { errors: number; warnings: number };
}

/** The answer when the document has errors: no numbers, only how many problems. */
export interface PreviewProblems {
  uri: string;
  version: number;
  problems: number;
}

export type PreviewResponse = PreviewModel | PreviewProblems;

export function isPreviewProblems(response: PreviewResponse): response is PreviewProblems {
  return !('scenarios' in response);
}

// ── Messages between the extension host and the webview ───────────────────────────────────────

/** Host → webview. Every message names its document and version; the webview drops older ones. */
export type HostMessage =
  | { type: 'update'; uri: string; version: number; model: PreviewModel }
  | { type: 'problems'; uri: string; version: number; problems: number };

/** Webview → host. Validate with `parseWebviewMessage` before acting on one. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; uri: string; line: number }
  | { type: 'openProblems' }
  | { type: 'export'; format: ExportFormat; fileName: string; data: string }
  | { type: 'rendered'; version: number; millis: number };

export type ExportFormat = 'png' | 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'csv', 'json'];

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
const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000;

/** A file name without directories, hidden-file dots or odd characters. */
export function isSafeFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}$/.test(name) && !name.includes('..');
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
    case 'export': {
      const format = raw.format;
      if (!EXPORT_FORMATS.includes(format as ExportFormat)) return undefined;
      if (!isSafeString(raw.fileName, 128) || !isSafeFileName(raw.fileName)) return undefined;
      if (!isSafeString(raw.data, MAX_EXPORT_CHARS)) return undefined;
      if (format === 'png' && !raw.data.startsWith('data:image/png;base64,')) return undefined;
      return { type: 'export', format: format as ExportFormat, fileName: raw.fileName, data: raw.data };
    }
    case 'rendered':
      return typeof raw.version === 'number' && Number.isFinite(raw.version) && typeof raw.millis === 'number' && Number.isFinite(raw.millis)
        ? { type: 'rendered', version: raw.version, millis: raw.millis }
        : undefined;
    default:
      return undefined;
  }
}

/** Checks a host message on the webview side (messages may also come from other frames). */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isRecord(raw) || typeof raw.uri !== 'string' || typeof raw.version !== 'number') return undefined;
  if (raw.type === 'update' && isRecord(raw.model) && Array.isArray(raw.model.scenarios) && Array.isArray(raw.model.studies)) {
    return raw as unknown as HostMessage;
  }
  if (raw.type === 'problems' && typeof raw.problems === 'number') return raw as unknown as HostMessage;
  return undefined;
}
