/**
 * The preview push as the VS Code client meets it, against the real Node server bundle
 * (out/server/main.cjs over stdio): once the client says it previews a document, every validated
 * build of it sends a model (or a problem count) of the version it built, never one of another text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  isPreviewProblems,
  PREVIEW_CLOSE_NOTIFICATION,
  PREVIEW_MODEL_NOTIFICATION,
  PREVIEW_OPEN_NOTIFICATION,
  type PreviewResponse,
} from '../../protocol/preview.js';

const SERVER = 'out/server/main.cjs';
const uri = pathToFileURL(resolve('examples/frontier-moe.moesys')).href;
const text = existsSync('examples/frontier-moe.moesys') ? readFileSync('examples/frontier-moe.moesys', 'utf8') : '';

describe.skipIf(!existsSync(SERVER))('preview models pushed over LSP (Node server bundle)', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  const received: PreviewResponse[] = [];
  let arrived: (() => void) | undefined;

  /** The next pushed model with this version. */
  async function modelOf(version: number, timeoutMs = 10_000): Promise<PreviewResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find((model) => model.version === version);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no model of version ${version}; got ${received.map((m) => m.version).join(', ')}`);
      await new Promise<void>((resolve) => {
        arrived = resolve;
        setTimeout(resolve, 100);
      });
    }
  }

  beforeAll(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PREVIEW_MODEL_NOTIFICATION, (model: PreviewResponse) => {
      received.push(model);
      arrived?.();
    });
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
  });
  afterAll(() => {
    connection?.dispose();
    server?.kill();
  });

  it('pushes nothing for a document nobody previews, then the model of the version built once it is previewed', async () => {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(received).toEqual([]);
    await connection.sendNotification(PREVIEW_OPEN_NOTIFICATION, { uri });
    const model = await modelOf(1);
    if (isPreviewProblems(model)) throw new Error(`expected a model, got ${JSON.stringify(model)}`);
    expect(model.uri).toBe(uri);
    expect(model.scenarios.length).toBeGreaterThanOrEqual(12);
    expect(model.scenarios.every((s) => Number.isInteger(s.line) && s.line >= 0)).toBe(true);
    expect(model.scenarios.find((s) => s.name === 'electrical144_c4')?.result?.timeToTrainSeconds).toBeGreaterThan(0);
    expect(model.studies.some((s) => s.kind === 'compare')).toBe(true);
  });

  it('pushes a problem count while the document has errors, then a model again', async () => {
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `gpu {\n${text}` }] });
    const broken = await modelOf(2);
    expect(isPreviewProblems(broken) ? broken.problems : 0).toBeGreaterThan(0);
    // The first problem, by position, with its line: the `gpu {` inserted on line 0 is never closed as written.
    expect(isPreviewProblems(broken) && broken.first?.line).toBe(0);
    expect(isPreviewProblems(broken) && broken.first?.message.length).toBeGreaterThan(10);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    expect(isPreviewProblems(await modelOf(3))).toBe(false);
  });

  it('under edits sent back to back, pushes the last version, and each model describes the text of its own version', async () => {
    received.length = 0;
    for (let version = 10; version < 30; version++) {
      // Even versions are broken, odd ones clean.
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: version % 2 === 0 ? `gpu {\n${text}` : text }],
      });
    }
    await modelOf(29);
    for (const model of received) expect(isPreviewProblems(model), `version ${model.version}`).toBe(model.version % 2 === 0);
  });

  it('stops pushing once the client closes the preview', async () => {
    await connection.sendNotification(PREVIEW_CLOSE_NOTIFICATION, { uri });
    received.length = 0;
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 40 }, contentChanges: [{ text: `${text}\n` }] });
    await new Promise((r) => setTimeout(r, 1500));
    expect(received).toEqual([]);
  });
});
