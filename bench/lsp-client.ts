/**
 * A bare LSP client over stdio for tests and benchmarks: spawns the Node server bundle and speaks JSON-RPC to it,
 * as Neovim, Helix or Emacs would (no filtering by language, no retries).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

/** The bundle `npm test` builds; MOESYS_SERVER points a run at another build. */
export const SERVER_BUNDLE = process.env.MOESYS_SERVER ?? 'out/server/main.cjs';

export interface StdioServer {
  process: ChildProcess;
  connection: MessageConnection;
  /** Everything the server wrote to stderr. */
  stderr(): string;
  /** The exit code or signal, once the process has exited. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Diagnostics last published for a URI. */
  diagnostics(uri: string): Array<{ message: string; range: unknown; severity?: number }> | undefined;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  nextDiagnostics(
    uri: string,
    accept?: (diagnostics: Array<{ message: string }>) => boolean,
  ): Promise<Array<{ message: string; range: unknown; severity?: number }>>;
  dispose(): void;
}

export async function startStdioServer(): Promise<StdioServer> {
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 1_000_000) stderr += chunk.toString();
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on('exit', (code, signal) => {
    exit = { code, signal };
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, Array<{ message: string; range: unknown; severity?: number }>>();
  const waiting: Array<{
    uri: string;
    accept: (diagnostics: Array<{ message: string }>) => boolean;
    resolve: (d: Array<{ message: string; range: unknown }>) => void;
  }> = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Array<{ message: string; range: unknown }> }) => {
    published.set(params.uri, params.diagnostics);
    for (const waiter of [...waiting]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  await connection.sendNotification('initialized', {});
  return {
    process: child,
    connection,
    stderr: () => stderr,
    exited: () => exit,
    diagnostics: (uri) => published.get(uri),
    nextDiagnostics: (uri, accept = () => true) => new Promise((resolve) => waiting.push({ uri, accept, resolve })),
    dispose: () => {
      connection.dispose();
      child.kill();
    },
  };
}
