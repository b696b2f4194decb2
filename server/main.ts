/** Language server entry for Node: LSP over IPC (VS Code) or stdio (`moesys lsp --stdio`). */
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { join } from 'node:path';
import { startMoesysServer } from './start-server.js';
import { nodeSearchExecutor } from './search/node-executor.js';

// The bundle is out/server/main.cjs; its search worker is out/server/search-worker.cjs.
startMoesysServer(createConnection(ProposedFeatures.all), NodeFileSystem as never, ['file'], nodeSearchExecutor(join(__dirname, 'search-worker.cjs')));
