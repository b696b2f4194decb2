/**
 * The `moesys/preview` request as the VS Code client uses it, against the real Node server bundle
 * (out/server/main.cjs over stdio): a model for a clean document, a problem count for a broken
 * one, and the document version in every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { isPreviewProblems, PREVIEW_REQUEST, type PreviewResponse } from '../../webview/protocol.js';

const SERVER = 'out/server/main.cjs';
const uri = pathToFileURL(resolve('examples/frontier-moe.moesys')).href;
const text = existsSync('examples/frontier-moe.moesys') ? readFileSync('examples/frontier-moe.moesys', 'utf8') : '';

describe.skipIf(!existsSync(SERVER))('moesys/preview over LSP (Node server bundle)', () => {
  let server: ChildProcess;
  let connection: MessageConnection;

  beforeAll(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
  });
  afterAll(() => { connection?.dispose(); server?.kill(); });

  const preview = () => connection.sendRequest<PreviewResponse | null>(PREVIEW_REQUEST, { uri });

  it('answers with the model of the version it built', async () => {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text } });
    const response = await preview();
    expect(response).not.toBeNull();
    if (!response || isPreviewProblems(response)) throw new Error(`expected a model, got ${JSON.stringify(response)}`);
    expect(response.uri).toBe(uri);
    expect(response.version).toBe(1);
    expect(response.scenarios.length).toBeGreaterThanOrEqual(12);
    expect(response.scenarios.every((s) => Number.isInteger(s.line) && s.line >= 0)).toBe(true);
    expect(response.scenarios.find((s) => s.name === 'electrical144_c4')?.result?.timeToTrainSeconds).toBeGreaterThan(0);
    expect(response.studies.some((s) => s.kind === 'compare')).toBe(true);
  });

  it('answers with a problem count while the document has errors, then a model again', async () => {
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `gpu {\n${text}` }] });
    const broken = await preview();
    expect(broken && isPreviewProblems(broken) ? broken.problems : 0).toBeGreaterThan(0);
    expect(broken?.version).toBe(2);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    const fixed = await preview();
    expect(fixed && !isPreviewProblems(fixed)).toBe(true);
    expect(fixed?.version).toBe(3);
  });

  it('answers a request sent right behind an edit with the model of that edit, not the one before', async () => {
    // Written back to back: the request reaches the server before it has rebuilt the document.
    for (let round = 0; round < 5; round++) {
      const version = 10 + 2 * round;
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `gpu {\n${text}` }] });
      const broken = await connection.sendRequest<PreviewResponse | null>(PREVIEW_REQUEST, { uri, version });
      expect(broken?.version).toBe(version);
      expect(broken && isPreviewProblems(broken) ? broken.problems : 0, `round ${round}`).toBeGreaterThan(0);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: [{ text }] });
      const fixed = await connection.sendRequest<PreviewResponse | null>(PREVIEW_REQUEST, { uri, version: version + 1 });
      expect(fixed?.version).toBe(version + 1);
      expect(fixed && !isPreviewProblems(fixed), `round ${round}`).toBe(true);
    }
  });
});
