/**
 * The palette's export commands: a chart of the active preview as PNG or SVG (picked by its title
 * from the charts the webview announced) and the table as CSV. Each asks the webview, which sends the
 * file back as a card button would; the panel saves it through the save dialog (export-file.ts).
 */
import * as vscode from 'vscode';
import type { PreviewManager } from './manager.js';
import type { PreviewPanel } from './panel.js';

export const EXPORT_CHART_PNG_COMMAND = 'moesys.exportChartPng';
export const EXPORT_CHART_SVG_COMMAND = 'moesys.exportChartSvg';
export const EXPORT_TABLE_CSV_COMMAND = 'moesys.exportTableCsv';

export function registerExportCommands(previews: PreviewManager): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(EXPORT_CHART_PNG_COMMAND, () => exportChart(previews, 'png')),
    vscode.commands.registerCommand(EXPORT_CHART_SVG_COMMAND, () => exportChart(previews, 'svg')),
    vscode.commands.registerCommand(EXPORT_TABLE_CSV_COMMAND, () => previewToExport(previews)?.requestExport('csv')),
  ];
}

async function exportChart(previews: PreviewManager, format: 'png' | 'svg'): Promise<void> {
  const preview = previewToExport(previews);
  if (!preview) return;
  if (preview.charts.length === 0) {
    void vscode.window.showInformationMessage('moesys: the preview has no charts to export yet.');
    return;
  }
  const items = preview.charts.map((chart) => ({ label: chart.title, id: chart.id }));
  const picked = await vscode.window.showQuickPick(items, { title: `Export Chart as ${format.toUpperCase()}`, placeHolder: 'Which chart?' });
  if (picked) preview.requestExport(format, picked.id);
}

function previewToExport(previews: PreviewManager): PreviewPanel | undefined {
  const preview = previews.activePanel();
  if (!preview) void vscode.window.showInformationMessage('moesys: open a preview first (moesys: Open Preview to the Side).');
  return preview;
}
