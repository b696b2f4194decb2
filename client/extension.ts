/** Desktop entry: the language server runs in Node over IPC from the bundled `out/server/main.cjs`. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { activateWithClient, type MoesysApi } from './activate.js';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): MoesysApi {
  const startedAt = performance.now();
  const module = context.asAbsolutePath('out/server/main.cjs');
  const debugBreak = process.env.DEBUG_BREAK ? '--inspect-brk=6009' : '--inspect=6009';
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', debugBreak] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'moesys' }],
    outputChannelName: 'moesys language server',
  };
  client = new LanguageClient('moesys', 'moesys language server', serverOptions, clientOptions);
  return activateWithClient(context, client, startedAt);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
