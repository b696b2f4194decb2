/** The extension's settings, read fresh each time (they can change while the panel is open). */
import * as vscode from 'vscode';

/** Upper bound of the typing throttle (setting `debounceMs`): the issue asks for a debounce of at most 150 ms. */
export const MAX_DEBOUNCE_MS = 150;
/** Leaves room for the server (~35 ms p95) and the redraw (~25 ms p95) within 150 ms while typing. */
export const DEFAULT_DEBOUNCE_MS = 75;

export function previewDebounceMs(): number {
  const value = vscode.workspace.getConfiguration('moesys.preview').get<number>('debounceMs', DEFAULT_DEBOUNCE_MS);
  return Number.isFinite(value) ? Math.min(Math.max(0, value), MAX_DEBOUNCE_MS) : DEFAULT_DEBOUNCE_MS;
}

export function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration('moesys.preview').get<boolean>('codeLens', true);
}
