/**
 * Starts the moesys language server on a connection (Node stdio/IPC or a browser worker), which
 * pushes preview models to the client for the documents it previews (`preview-push.ts`).
 */
import type { FileSystemProvider } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { createMoesysServices } from '../language/moesys-module.js';
import { loadImportsOnDemand } from '../language/semantics/import-loader.js';
import { addStaleWhileBuildingHandlers } from '../language/langium-overrides/stale-while-building.js';
import { pushPreviewModels } from './preview-push.js';
import { answerBaselineRequests } from './preview-baseline.js';
import { inThreadExecutor, type SearchExecutor } from './search/executor.js';

type FileSystemModule = { fileSystemProvider: (services: never) => FileSystemProvider };

/**
 * The file system with reads limited to URIs of the given schemes. Why: Node's provider reads
 * `uri.fsPath` whatever the scheme, so an import in a `vscode-vfs:` document (a GitHub repository
 * opened in VS Code) would read the local file at the same path. A document's imports resolve in
 * its own file system; one the server cannot reach stays unresolved and is reported.
 */
export function restrictToSchemes(fileSystem: FileSystemModule, schemes: readonly string[]): FileSystemModule {
  return {
    fileSystemProvider: (services: never) => {
      const provider = fileSystem.fileSystemProvider(services);
      return new Proxy(provider, {
        get(target, property, receiver) {
          const member = Reflect.get(target, property, receiver) as unknown;
          if (typeof member !== 'function') return member;
          return (uri: unknown, ...rest: unknown[]) => {
            const scheme = (uri as { scheme?: unknown } | undefined)?.scheme;
            if (typeof scheme === 'string' && !schemes.includes(scheme)) {
              // A foreign workspace folder has nothing to scan here; its open documents still come from the client.
              if (property === 'readDirectorySync') return [];
              if (property === 'readDirectory') return Promise.resolve([]);
              const refusal = new Error(`moesys: no file system for '${scheme}:' here`);
              if (/Sync$/.test(String(property))) throw refusal;
              return Promise.reject(refusal);
            }
            return (member as (...args: unknown[]) => unknown).call(target, uri, ...rest);
          };
        },
      });
    },
  };
}

/**
 * `servedSchemes`: the URI schemes the file system may read (Node: `file` only). Requests for
 * documents of other schemes are still answered from the text the client sends. `searchExecutor`:
 * where `search` studies run (a worker, so that typing is never queued behind one).
 */
export function startMoesysServer(
  connection: Connection,
  fileSystem: FileSystemModule,
  servedSchemes: readonly string[] = ['file'],
  searchExecutor: SearchExecutor = inThreadExecutor(),
  onInitialize?: (params: InitializeParams) => void,
): void {
  fileSystem = restrictToSchemes(fileSystem, servedSchemes);
  // A server never exits because of one document: a failure inside a build that nothing awaits
  // is logged in one line (not a stack trace per edit) and the server goes on answering.
  (globalThis as { process?: { on(event: string, listener: (reason: unknown) => void): void } }).process?.on('unhandledRejection', (reason) => {
    console.error(`moesys language server: ${reason instanceof Error ? reason.message : String(reason)}`);
  });
  const { shared, moesys } = createMoesysServices({ connection, ...fileSystem } as never);
  if (onInitialize) shared.lsp.LanguageServer.onInitialize(onInitialize);
  pushPreviewModels(connection, shared, moesys.analysis, searchExecutor);
  // A baseline text gets services of its own, on the same (restricted) file system and no connection.
  answerBaselineRequests(connection, shared, () => createMoesysServices(fileSystem as never).moesys);
  loadImportsOnDemand(shared);
  startLanguageServer(shared);
  // Completion and hover answer from the last linked analysis while a build runs.
  addStaleWhileBuildingHandlers(connection, shared);
}
