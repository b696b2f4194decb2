/** Language server entry for Node: LSP over IPC (VS Code) or stdio (`moesys lsp --stdio`). */
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { join } from 'node:path';
import { startMoesysServer } from './start-server.js';
import { nodeSearchExecutor } from './search/node-executor.js';
import { inThreadExecutor } from './search/executor.js';

// The bundle is out/server/main.cjs; its search worker is out/server/search-worker.cjs. The
// benchmark sets MOESYS_SEARCH_ON_MAIN_THREAD to measure the browser's fallback against it.
const searches = process.env.MOESYS_SEARCH_ON_MAIN_THREAD ? inThreadExecutor() : nodeSearchExecutor(join(__dirname, 'search-worker.cjs'));
startMoesysServer(createConnection(ProposedFeatures.all), NodeFileSystem as never, ['file'], searches);
