/** Web entry (VS Code for the web): the language server runs in a web worker from `out/server/browser.js`. */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { activateWithClient, type MoesysApi } from './activate.js';
import { serveWorkspaceFiles } from './workspace-fs.js';
import { SEARCH_WORKER_URL_OPTION } from '../protocol/preview.js';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): MoesysApi {
  const startedAt = performance.now();
  const serverUrl = vscode.Uri.joinPath(context.extensionUri, 'out', 'server', 'browser.js');
  const worker = new Worker(serverUrl.toString(true));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'moesys' }],
    // The server runs `search` studies in a worker of its own, from this script.
    initializationOptions: { [SEARCH_WORKER_URL_OPTION]: vscode.Uri.joinPath(context.extensionUri, 'out', 'server', 'search-worker.js').toString(true) },
    outputChannelName: 'moesys language server',
  };
  client = new LanguageClient('moesys', 'moesys language server', worker, clientOptions);
  // The worker reads the workspace (imports, the folder scan) through the editor's file system.
  context.subscriptions.push(...serveWorkspaceFiles(client));
  return activateWithClient(context, client, startedAt);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
