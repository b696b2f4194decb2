/** Language server entry for a web worker (VS Code for the web). */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startMoesysServer } from './start-server.js';
import { browserSearchExecutor } from './search/browser-executor.js';
import { SEARCH_WORKER_URL_OPTION } from '../protocol/preview.js';
import { CLIENT_SERVED_SCHEMES, clientFileSystem } from './workspace-fs.js';

/** The worker's global scope, typed as the port the message reader and writer expect. */
const worker = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
// The worker has no file system: the client serves the workspace's files (imports, the folder scan).
// Searches run in a Web Worker nested in this one, from out/server/search-worker.js, which the client names.
let searchWorkerUrl: string | undefined;
startMoesysServer(
  connection,
  clientFileSystem(connection),
  CLIENT_SERVED_SCHEMES,
  browserSearchExecutor(() => searchWorkerUrl),
  (params) => {
    const url = (params.initializationOptions as Record<string, unknown> | undefined)?.[SEARCH_WORKER_URL_OPTION];
    if (typeof url === 'string') searchWorkerUrl = url;
  },
);
