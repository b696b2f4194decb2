/**
 * The requests a language server without a file system sends its client for the workspace's files
 * (server/workspace-fs.ts asks, client/workspace-fs.ts answers). No imports: both bundles take it.
 */
/** Requests the client answers; params and results are plain JSON. */
export const WORKSPACE_FS_REQUESTS = {
  /** `{ uri }` → `{ isFile, isDirectory }`; an error when there is nothing there. */
  stat: 'moesys/workspaceFs/stat',
  /** `{ uri }` → the text of the file (UTF-8). */
  readFile: 'moesys/workspaceFs/readFile',
  /** `{ uri }` → `[{ uri, isFile, isDirectory }]`, the entries of a folder. */
  readDirectory: 'moesys/workspaceFs/readDirectory',
} as const;

export interface WorkspaceFsStat {
  isFile: boolean;
  isDirectory: boolean;
}
export interface WorkspaceFsEntry extends WorkspaceFsStat {
  uri: string;
}
