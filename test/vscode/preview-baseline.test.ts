/**
 * `moesys/preview/baseline` against the real Node server bundle (out/server/main.cjs over stdio):
 * another text of an open document (its saved file, its git HEAD) is evaluated as that document,
 * with its relative imports, by the same analysis and engine, and leaves the open document alone:
 * no diagnostics are published for it, the document's own diagnostics and pushed models stay, and
 * its declarations never become visible to the document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  isPreviewProblems,
  PREVIEW_BASELINE_REQUEST,
  PREVIEW_MODEL_NOTIFICATION,
  PREVIEW_OPEN_NOTIFICATION,
  type PreviewModel,
  type PreviewResponse,
} from '../../protocol/preview.js';

const SERVER = 'out/server/main.cjs';
const FILE = 'examples/mixtral-h100.moesys';
const uri = pathToFileURL(resolve(FILE)).href;
const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';

interface Published {
  uri: string;
  diagnostics: { message: string; range: { start: { line: number } } }[];
}

describe.skipIf(!existsSync(SERVER))('baseline models from the language server (Node server bundle)', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  const models: PreviewResponse[] = [];
  const published: Published[] = [];

  async function until<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const modelOf = (version: number) => until(() => models.find((m) => m.version === version), `the model of version ${version}`);
  const baseline = (params: unknown) => connection.sendRequest<PreviewResponse | null>(PREVIEW_BASELINE_REQUEST, params);
  const asModel = (response: PreviewResponse | null | undefined): PreviewModel => {
    if (!response || isPreviewProblems(response)) throw new Error(`expected a model, got ${JSON.stringify(response)}`);
    return response;
  };
  const days = (model: PreviewModel, name: string) => (model.scenarios.find((s) => s.name === name)?.result?.timeToTrainSeconds ?? NaN) / 86_400;

  beforeAll(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PREVIEW_MODEL_NOTIFICATION, (model: PreviewResponse) => void models.push(model));
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => void published.push(params));
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text } });
    await connection.sendNotification(PREVIEW_OPEN_NOTIFICATION, { uri });
  });
  afterAll(() => {
    connection?.dispose();
    server?.kill();
  });

  it('evaluates another text of the document with its imports, and publishes nothing for it', async () => {
    // The imported hardware library has loaded (the first build may not have had it) and the document has no errors.
    await until(() => (published.some((p) => p.uri === uri && p.diagnostics.length === 0) ? true : undefined), 'clean diagnostics of the document');
    const live = asModel(await until(() => [...models].reverse().find((m) => m.version === 1 && !isPreviewProblems(m)), 'a model without problems'));
    const before = { models: models.length, published: published.length };
    const started = performance.now();
    const same = asModel(await baseline({ uri, text }));
    const millis = performance.now() - started;
    expect(same.scenarios.map((s) => s.name)).toEqual(live.scenarios.map((s) => s.name));
    expect(days(same, 'mixtral-ep8-h100')).toBe(days(live, 'mixtral-ep8-h100'));
    // Half the tokens: half the steps, half the days, from the same engine.
    const halved = asModel(await baseline({ uri, text: text.replace('trainingTokens = 2 Ttokens', 'trainingTokens = 1 Ttokens') }));
    expect(days(halved, 'mixtral-ep8-h100')).toBeCloseTo(days(live, 'mixtral-ep8-h100') / 2, 6);
    await new Promise((r) => setTimeout(r, 500));
    expect(published.slice(before.published), 'no diagnostics published for a baseline').toEqual([]);
    expect(models.slice(before.models), 'no preview pushed for a baseline').toEqual([]);
    console.log(`baseline of ${FILE}: ${millis.toFixed(0)} ms`);
  });

  it('answers a text with errors by its first problem, and refuses what is not a text', async () => {
    const broken = await baseline({ uri, text: `${text}\nscenario late { system = no-such-system; model = mixtral-8x7b; training = mixtral-ep8 }\n` });
    expect(broken && isPreviewProblems(broken) ? broken.first?.message : undefined).toMatch(/no-such-system/);
    expect(await baseline({ uri })).toBeNull();
    expect(await baseline({ uri, text: 42 })).toBeNull();
  });

  it("never makes a baseline's declarations visible to the document, nor changes its diagnostics", async () => {
    await baseline({ uri, text: `${text}\nsystem ghost-system extends dgx-h100-256 {}\n` });
    published.length = 0;
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: `${text}\nscenario uses-ghost { system = ghost-system; model = mixtral-8x7b; training = mixtral-ep8 }\n` }],
    });
    const problems = await modelOf(2);
    expect(isPreviewProblems(problems) && problems.first?.message).toMatch(/ghost-system/);
    const diagnostics = await until(() => published.find((p) => p.uri === uri)?.diagnostics, 'diagnostics of version 2');
    expect(diagnostics.map((d) => d.range.start.line)).toEqual([text.split('\n').length]);
    expect(published.every((p) => p.uri === uri)).toBe(true);
  });
});
