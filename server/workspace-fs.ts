/**
 * The workspace's files for a language server that has no file system of its own (a web worker in
 * VS Code for the web): every read is a request to the client, which answers from `workspace.fs`
 * (client/workspace-fs.ts). So the server scans the workspace folders, and `import "hardware.moesys"`
 * resolves, with go-to-definition and diagnostics across files, as on the desktop.
 */
import type { FileSystemNode, FileSystemProvider } from 'langium';
import { URI } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { WORKSPACE_FS_REQUESTS, type WorkspaceFsEntry, type WorkspaceFsStat } from './workspace-fs-protocol.js';

export { WORKSPACE_FS_REQUESTS } from './workspace-fs-protocol.js';

/** The URI schemes the client's workspace file system serves (every scheme but the editor's own buffers). */
export const CLIENT_SERVED_SCHEMES: readonly string[] = [
  'file',
  'vscode-vfs',
  'vscode-test-web',
  'vscode-remote',
  'vscode-userdata',
  'memfs',
  'vsls',
  'github',
  'azurerepos',
];

const SYNC_UNSUPPORTED = 'moesys: the workspace file system answers asynchronously only';

/** A Langium file system whose reads are requests to the language client. */
export class ClientFileSystemProvider implements FileSystemProvider {
  constructor(private readonly connection: Connection) {}

  async stat(uri: URI): Promise<FileSystemNode> {
    const stat = await this.connection.sendRequest<WorkspaceFsStat>(WORKSPACE_FS_REQUESTS.stat, { uri: uri.toString() });
    return { uri, isFile: stat.isFile, isDirectory: stat.isDirectory };
  }

  async exists(uri: URI): Promise<boolean> {
    try {
      await this.stat(uri);
      return true;
    } catch {
      return false;
    }
  }

  async readFile(uri: URI): Promise<string> {
    return this.connection.sendRequest<string>(WORKSPACE_FS_REQUESTS.readFile, { uri: uri.toString() });
  }

  async readBinary(uri: URI): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.readFile(uri));
  }

  async readDirectory(uri: URI): Promise<FileSystemNode[]> {
    const entries = await this.connection.sendRequest<WorkspaceFsEntry[]>(WORKSPACE_FS_REQUESTS.readDirectory, { uri: uri.toString() });
    return entries.map((entry) => ({ uri: URI.parse(entry.uri), isFile: entry.isFile, isDirectory: entry.isDirectory }));
  }

  // Langium's workspace code uses the asynchronous calls; a synchronous one cannot wait for the client.
  statSync(): FileSystemNode {
    throw new Error(SYNC_UNSUPPORTED);
  }
  existsSync(): boolean {
    return false;
  }
  readFileSync(): string {
    throw new Error(SYNC_UNSUPPORTED);
  }
  readBinarySync(): Uint8Array {
    throw new Error(SYNC_UNSUPPORTED);
  }
  readDirectorySync(): FileSystemNode[] {
    return [];
  }
}

/** The file-system module `startMoesysServer` takes, served by the client over `connection`. */
export function clientFileSystem(connection: Connection): { fileSystemProvider: () => FileSystemProvider } {
  return { fileSystemProvider: () => new ClientFileSystemProvider(connection) };
}
