/**
 * Activation shared by the desktop (Node) and web entries: the preview manager, the CodeLens and
 * the activation timing, around an already-created language client.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PreviewManager } from './preview/manager.js';
import { PreviewCodeLensProvider } from './preview/codelens.js';
import { languageServerSource, sharedSource } from './preview/source.js';
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
  client: BaseLanguageClient;
}

export function activateWithClient(context: vscode.ExtensionContext, client: BaseLanguageClient, startedAt: number): MoesysApi {
  const log = vscode.window.createOutputChannel('moesys preview', { log: true });
  const documentVersion = (uri: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version;
  const source = sharedSource(languageServerSource(client, documentVersion), documentVersion);
  const previews = new PreviewManager(context.extensionUri, source, log);
  const stats: ActivationStats = { activateMillis: 0 };
  context.subscriptions.push(
    log, previews,
    vscode.languages.registerCodeLensProvider({ language: 'moesys' }, new PreviewCodeLensProvider(source)),
    vscode.commands.registerCommand('moesys.internal.activationStats', () => ({ ...stats })),
    registerTemplateCommand(context),
  );
  // Why not await: activation returns at once; requests wait for the server inside the client.
  client.start().then(
    () => { stats.serverReadyMillis = performance.now() - startedAt; },
    (error: unknown) => log.error(`language server failed to start: ${String(error)}`),
  );
  stats.activateMillis = performance.now() - startedAt;
  return { stats, previews, client };
}
