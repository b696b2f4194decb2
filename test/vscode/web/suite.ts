/** Extension tests module for the web workbench: @vscode/test-web loads it in the web extension host. */
import * as vscode from 'vscode';
import { runChecks } from '../shared-checks.js';
import { runShowcase } from './showcase.js';

export async function run(): Promise<void> {
  try {
    await runChecks();
  } finally {
    // The runner leaves this marker in the workspace when MOESYS_WEB_SHOWCASE=1 (screenshots for docs/images/).
    const folder = vscode.workspace.workspaceFolders?.[0];
    const marker = folder ? vscode.Uri.joinPath(folder.uri, '.moesys-showcase') : undefined;
    if (
      marker &&
      (await vscode.workspace.fs.stat(marker).then(
        () => true,
        () => false,
      ))
    )
      await runShowcase();
  }
}
