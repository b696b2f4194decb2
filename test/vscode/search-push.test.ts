/**
 * A `search` study against the real Node server bundle (out/server/main.cjs over stdio): the
 * model arrives at once with the search running, later models carry its progress and then its
 * ranked splits; the search runs on a worker thread, so the server answers requests meanwhile; an
 * edit of its constraints cancels it for the new one; and `moesys.applySplit` sends the client a
 * `workspace/applyEdit` that writes the chosen split into the scenario's training block.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ApplyWorkspaceEditParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  APPLY_SPLIT_COMMAND,
  type ApplySplitAnswer,
  isPreviewProblems,
  PREVIEW_MODEL_NOTIFICATION,
  PREVIEW_OPEN_NOTIFICATION,
  type PreviewModel,
  type PreviewResponse,
  type PreviewSearchStudy,
} from '../../protocol/preview.js';

const SERVER = 'out/server/main.cjs';
const WORKER = 'out/server/search-worker.cjs';
const FILE = 'examples/search.moesys';
const uri = pathToFileURL(resolve(FILE)).href;
const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';

describe.skipIf(!existsSync(SERVER) || !existsSync(WORKER))('search studies run beside the Node server', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  const received: PreviewResponse[] = [];
  const edits: ApplyWorkspaceEditParams[] = [];

  const searchOf = (model: PreviewResponse | undefined): PreviewSearchStudy | undefined =>
    model && !isPreviewProblems(model) ? (model.studies.find((s) => s.kind === 'search') as PreviewSearchStudy | undefined) : undefined;

  /** The first pushed model of `version` whose search satisfies `accept`. */
  async function searchWhen(version: number, accept: (study: PreviewSearchStudy) => boolean, timeoutMs = 30_000): Promise<PreviewSearchStudy> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const study = received
        .filter((model) => model.version === version)
        .map(searchOf)
        .find((s) => s && accept(s));
      if (study) return study;
      if (Date.now() > deadline)
        throw new Error(`no such search in version ${version}: ${JSON.stringify(received.map((m) => [m.version, searchOf(m)?.status]))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PREVIEW_MODEL_NOTIFICATION, (model: PreviewResponse) => void received.push(model));
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      edits.push(params);
      return { applied: true };
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { applyEdit: true } },
      workspaceFolders: null,
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moesys', version: 1, text } });
    await connection.sendNotification(PREVIEW_OPEN_NOTIFICATION, { uri });
  });
  afterAll(() => {
    connection?.dispose();
    server?.kill();
  });

  it('pushes the search running, answers requests while it runs, then pushes its ranked splits', async () => {
    const running = await searchWhen(1, (s) => s.status === 'running');
    expect(running.candidates).toEqual([]);
    expect(running.runsOn).toBe('worker thread');
    // The search runs on a worker thread: the server's own thread answers at once.
    const started = performance.now();
    const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 18, character: 6 } });
    const hoverMillis = performance.now() - started;
    const done = await searchWhen(1, (s) => s.status === 'done');
    expect(hover).toBeTruthy();
    expect(hoverMillis).toBeLessThan(500);
    expect(done.tried).toBeGreaterThan(10_000);
    expect(done.candidates).toHaveLength(10);
    expect(done.candidates.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const times = done.candidates.map((c) => c.timeToTrainSeconds);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Faster than the split as written, with the numbers of a full evaluation.
    expect(times[0]).toBeLessThan(done.writtenFigures!.timeToTrainSeconds);
    expect(done.candidates[0].mfu).toBeGreaterThan(0);
    expect(done.candidates[0].mfu).toBeLessThan(1);
    expect(done.candidates[0].interconnectEnergyJoules).toBeGreaterThan(0);
    expect(done.written).toMatchObject({ tensorParallel: 16, pipelineParallel: 8, dataParallel: 256 });
  });

  it('cancels the search when its constraints change, and ranks the new one', async () => {
    const editedTo = (top: number) => text.replace('top = 10', `top = ${top}`).replace('maxVirtualStages = 8', 'maxVirtualStages = 4');
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: editedTo(5) }] });
    // The finished search of version 1 is not the one version 2 asks for.
    expect((await searchWhen(2, () => true)).status).toBe('running');
    // Edited again while it runs: its search is dropped for version 3's, which alone finishes.
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: editedTo(3) }] });
    const done = await searchWhen(3, (s) => s.status === 'done');
    expect(done.candidates).toHaveLength(3);
    expect(done.candidates.every((c) => c.split.virtualStages <= 4)).toBe(true);
    expect(received.some((m) => m.version === 2 && searchOf(m)?.status === 'done')).toBe(false);
  });

  it('applies ranked split #1 with a workspace edit of the scenario training block', async () => {
    const model = received.filter((m) => m.version === 3 && searchOf(m)?.status === 'done').at(-1) as PreviewModel;
    const best = searchOf(model)!.candidates[0].split;
    const answer: ApplySplitAnswer = await connection.sendRequest('workspace/executeCommand', {
      command: APPLY_SPLIT_COMMAND,
      arguments: [{ uri, study: 'passage512_c4_batch16k-splits', rank: 1 }],
    });
    expect(answer).toEqual({ applied: true });
    expect(edits).toHaveLength(1);
    expect(edits[0].label).toMatch(/^Apply split #1 \(TP=\d+, PP=\d+, DP=\d+, EP=\d+, mbs=\d+, v=\d+, recompute=\w+, \w+\) to passage512_c4_batch16k$/);
    const document = TextDocument.create(uri, 'moesys', 3, text.replace('top = 10', 'top = 3').replace('maxVirtualStages = 8', 'maxVirtualStages = 4'));
    const after = TextDocument.applyEdits(document, edits[0].edit.changes![uri]);
    const block = /scenario passage512_c4_batch16k extends passage512_c4 \{\n {4}training \{\n([\s\S]*?)\n {4}\}\n\}/.exec(after)?.[1];
    expect(block?.split('\n')).toEqual(
      [
        '        globalBatch = 16384',
        best.tensorParallel === 16 ? undefined : `        tensorParallel = ${best.tensorParallel}`,
        best.pipelineParallel === 8 ? undefined : `        pipelineParallel = ${best.pipelineParallel}`,
        best.dataParallel === 256 ? undefined : `        dataParallel = ${best.dataParallel}`,
        best.expertsPerDpRank === 8 ? undefined : `        expertsPerDpRank = ${best.expertsPerDpRank}`,
        best.microbatchSize === 1 ? undefined : `        microbatchSize = ${best.microbatchSize}`,
        best.virtualStages === 1 ? undefined : `        virtualStages = ${best.virtualStages}`,
        best.recompute === 'none' ? undefined : `        recompute = ${best.recompute}`,
        best.rankMapping === 'linear' ? undefined : `        rankMapping = ${best.rankMapping === 'pod-aligned' ? 'podAligned' : best.rankMapping}`,
      ].filter((line) => line !== undefined),
    );
    // The editor applies it: the search of the edited scenario marks that split as the one written.
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: after }] });
    const again = await searchWhen(4, (s) => s.status === 'done');
    expect(again.written).toEqual(best);
    expect(again.candidates.filter((c) => c.written).map((c) => c.rank)).toEqual([1]);
    // The rest of the file is untouched.
    expect(after.replace(/ {4}training \{[\s\S]*?\n {4}\}/, '')).toBe(document.getText().replace(/ {4}training \{[\s\S]*?\n {4}\}/, ''));
  });

  it('refuses a rank the search did not find, in words', async () => {
    const answer: ApplySplitAnswer = await connection.sendRequest('workspace/executeCommand', {
      command: APPLY_SPLIT_COMMAND,
      arguments: [{ uri, study: 'passage512_c4_batch16k-splits', rank: 7 }],
    });
    expect(answer).toEqual({ applied: false, message: "Search 'passage512_c4_batch16k-splits' ranked 3 splits; there is no #7." });
  });
});
