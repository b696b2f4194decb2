/** Language server entry for a web worker (VS Code for the web). */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startMoesysServer } from './start-server.js';

/** The worker's global scope, typed as the port the message reader and writer expect. */
const worker = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
startMoesysServer(connection, EmptyFileSystem as never);
