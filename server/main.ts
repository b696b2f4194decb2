/** Language server entry for Node: LSP over IPC (VS Code) or stdio (`moesys lsp --stdio`). */
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startMoesysServer } from './start-server.js';

startMoesysServer(createConnection(ProposedFeatures.all), NodeFileSystem as never);
