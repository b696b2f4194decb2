/** Saves an export from the webview (already validated) where the user chooses; works on the web too. */
import * as vscode from 'vscode';
import type { ExportFormat } from '../../protocol/preview.js';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  svg: { 'SVG image': ['svg'] },
  csv: { 'CSV table': ['csv'] },
  json: { JSON: ['json'] },
};

export async function saveExport(document: vscode.Uri, format: ExportFormat, fileName: string, data: string): Promise<void> {
  const folder = vscode.Uri.joinPath(document, '..');
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, fileName), filters: FILTERS[format] });
  if (!target) return;
  const bytes = format === 'png' ? decodeBase64(data.slice(data.indexOf(',') + 1)) : new TextEncoder().encode(data);
  await vscode.workspace.fs.writeFile(target, bytes);
}

function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
