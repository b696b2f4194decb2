/**
 * Serves the workspace's files to a language server without a file system of its own (the web
 * worker of VS Code for the web) through `workspace.fs`: stat, read and list, for URIs inside a
 * workspace folder only. The requests are those of server/workspace-fs.ts.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { WORKSPACE_FS_REQUESTS, type WorkspaceFsEntry, type WorkspaceFsStat } from '../server/workspace-fs-protocol.js';

/** The URI, if it lies in a workspace folder; else an error the server sees as "not there". */
function insideWorkspace(text: string): vscode.Uri {
  const uri = vscode.Uri.parse(text, true);
  if (!vscode.workspace.getWorkspaceFolder(uri)) throw new Error(`${text} is outside the workspace folders`);
  return uri;
}

const kind = (type: vscode.FileType): WorkspaceFsStat => ({
  isFile: (type & vscode.FileType.File) !== 0,
  isDirectory: (type & vscode.FileType.Directory) !== 0,
});

export function serveWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(WORKSPACE_FS_REQUESTS.stat, async ({ uri }: { uri: string }): Promise<WorkspaceFsStat> =>
      kind((await vscode.workspace.fs.stat(insideWorkspace(uri))).type),
    ),
    client.onRequest(WORKSPACE_FS_REQUESTS.readFile, async ({ uri }: { uri: string }): Promise<string> =>
      new TextDecoder().decode(await vscode.workspace.fs.readFile(insideWorkspace(uri))),
    ),
    client.onRequest(WORKSPACE_FS_REQUESTS.readDirectory, async ({ uri }: { uri: string }): Promise<WorkspaceFsEntry[]> => {
      const folder = insideWorkspace(uri);
      const entries = await vscode.workspace.fs.readDirectory(folder);
      return entries.map(([name, type]) => ({ uri: vscode.Uri.joinPath(folder, name).toString(), ...kind(type) }));
    }),
  ];
}
