/**
 * Activation shared by the desktop (Node) and web entries: the preview manager, the CodeLens and
 * the activation timing, around an already-created language client.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PreviewManager } from './preview/manager.js';
import { PreviewCodeLensProvider } from './preview/codelens.js';
import { registerExportCommands } from './preview/export-commands.js';
import { PreviewModels } from './preview/models.js';
import { PreviewBaselines } from './preview/baselines.js';
import { MoesysStatusBar } from './status-bar.js';
import { registerTemplateCommand } from './templates.js';

export interface ActivationStats {
  /** From entering `activate` to returning from it, ms. */
  activateMillis: number;
  /** From entering `activate` to the language server answering `initialize`, ms (undefined until then). */
  serverReadyMillis?: number;
}

export interface MoesysApi {
  stats: ActivationStats;
  previews: PreviewManager;
  baselines: PreviewBaselines;
  status: MoesysStatusBar;
  client: BaseLanguageClient;
}

export function activateWithClient(context: vscode.ExtensionContext, client: BaseLanguageClient, startedAt: number): MoesysApi {
  const log = vscode.window.createOutputChannel('moesys preview', { log: true });
  const models = new PreviewModels(client);
  const baselines = new PreviewBaselines(client);
  const previews = new PreviewManager(context.extensionUri, models, log, baselines);
  const stats: ActivationStats = { activateMillis: 0 };
  const codeLenses = new PreviewCodeLensProvider(models);
  context.subscriptions.push(
    log,
    baselines,
    previews,
    codeLenses,
    vscode.languages.registerCodeLensProvider({ language: 'moesys' }, codeLenses),
    vscode.commands.registerCommand('moesys.internal.activationStats', () => ({ ...stats })),
    registerTemplateCommand(context),
    ...registerExportCommands(previews),
  );
  // Why not await: activation returns at once; notifications wait for the server inside the client.
  const started = client.start();
  started.then(
    () => {
      stats.serverReadyMillis = performance.now() - startedAt;
    },
    (error: unknown) => log.error(`language server failed to start: ${String(error)}`),
  );
  const status = new MoesysStatusBar(models, started);
  context.subscriptions.push(status);
  stats.activateMillis = performance.now() - startedAt;
  return { stats, previews, baselines, status, client };
}
