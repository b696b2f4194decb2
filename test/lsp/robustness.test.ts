/**
 * The stdio language server as an editor that does not filter by language meets it (Neovim,
 * Helix, Emacs): a document of another language never takes it down, and failures come back as
 * JSON-RPC errors with their codes, never as results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { SERVER_BUNDLE, startStdioServer, type StdioServer } from './stdio-server.js';
import { generate, random } from '../language/fuzz-generators.js';
import { looksInternal } from '../language/fuzz-harness.js';

const example = readFileSync('examples/frontier-moe.moesys', 'utf8');
const uri = pathToFileURL(resolve('examples/frontier-moe.moesys')).href;

/** The error a request rejected with (a failure if it answered with a result instead). */
async function rejection(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  let result: unknown;
  try {
    result = await request;
  } catch (error) {
    return error as ResponseError<unknown>;
  }
  throw new Error(`expected a JSON-RPC error, got the result ${JSON.stringify(result)}`);
}

describe.skipIf(!existsSync(SERVER_BUNDLE))('the stdio language server under documents it does not serve', () => {
  let server: StdioServer;
  beforeAll(async () => {
    server = await startStdioServer();
  });
  afterAll(() => server?.dispose());

  it('keeps running after a client opens a plain-text file, and goes on serving .moesys files', async () => {
    for (const [name, languageId] of [
      ['notes.txt', 'plaintext'],
      ['Makefile', 'makefile'],
      ['README', 'markdown'],
    ]) {
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: pathToFileURL(resolve(name)).href, languageId, version: 1, text: 'gpu x { }\nhello' },
      });
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: pathToFileURL(resolve(name)).href, version: 2 },
        contentChanges: [{ text: 'more text' }],
      });
    }
    const diagnostics = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text: example } });
    // The example's one diagnostic: its hypothetical copper 512-pod is beyond copper's reach.
    expect((await diagnostics).map((d) => d.message)).toEqual([
      expect.stringMatching(/^tier 'scale-up' spreads 512 GPUs over 4 racks of 144 .* 'copper-224g' reaches 1 m/),
    ]);
    const symbols = await server.connection.sendRequest<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((symbol) => symbol.name)).toContain('passage512');
    expect(server.exited()).toBeUndefined();
    expect(server.stderr()).not.toMatch(/no services for the extension/);
    // A request on the text file is answered, not a crash: null or an error, never a hang.
    const hover = server.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(resolve('notes.txt')).href }, position: { line: 0, character: 0 } })
      .then(
        (result) => result,
        (error: ResponseError<unknown>) => error.code,
      );
    expect((await hover) === null || typeof (await hover) === 'number').toBe(true);
    expect(server.exited()).toBeUndefined();
  });

  it("diagnoses 200 fuzzed documents over stdio in the user's words, with no stack trace on stderr", async () => {
    const next = random(13);
    const stderrBefore = server.stderr().length;
    for (let i = 0; i < 200; i++) {
      const { generator, text } = generate(i, next);
      const fuzzed = pathToFileURL(resolve(`fuzz/doc-${i}.moesys`)).href;
      const published = server.nextDiagnostics(fuzzed);
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fuzzed, languageId: 'moesys', version: 1, text } });
      const diagnostics = await Promise.race([published, new Promise<undefined>((done) => setTimeout(done, 10_000))]);
      expect(diagnostics, `document ${i} (${generator}) got no diagnostics within 10 s`).toBeDefined();
      for (const diagnostic of diagnostics!) {
        expect(looksInternal(diagnostic.message, text), `document ${i} (${generator}): ${diagnostic.message.slice(0, 200)}`).toBe(false);
        expect(diagnostic.range, `document ${i}: a diagnostic without a range`).toBeDefined();
      }
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fuzzed } });
    }
    expect(server.exited()).toBeUndefined();
    expect(server.stderr().length - stderrBefore).toBeLessThan(10_000);
  }, 300_000);

  it('answers a request about a document it does not know with the JSON-RPC error -32802', async () => {
    const error = await rejection(
      server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: pathToFileURL(resolve('never-opened.moesys')).href },
        position: { line: 0, character: 0 },
      }),
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.code).toBe(LSPErrorCodes.ServerCancelled);
  });

  it('answers a cancelled request with the JSON-RPC error -32800, not a result', async () => {
    // A request sent while a long build runs waits for it; cancel it while it waits.
    const big = Array.from({ length: 24 }, (_, copy) => example.replace(/\b(passage512|electrical144|electrical512)\w*/g, (name) => `${name}_${copy}`)).join(
      '\n',
    );
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: big }] });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the build has begun
    const source = new CancellationTokenSource();
    // Code actions wait for validation, the last phase of the build.
    const request = server.connection.sendRequest(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        context: { diagnostics: [] },
      },
      source.token,
    );
    source.cancel();
    const error = await rejection(request);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.code).toBe(LSPErrorCodes.RequestCancelled);
  });
});
