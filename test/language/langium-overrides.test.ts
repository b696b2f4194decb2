/**
 * Contract of language/langium-overrides/: the behaviour pinned to Langium's (4.4). When Langium
 * is upgraded, this fails first if the replaced method changed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createRequestHandler, type LangiumServices } from 'langium/lsp';
import { CancellationToken, CancellationTokenSource, type CompletionParams, type HoverParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMoesysServices } from '../../language/moesys-module.js';
import {
  LANGIUM_VERSION_OVERRIDDEN,
  lineMapper,
  StaleWhileBuildingDocumentBuilder,
  staleWhileBuilding,
  type StaleWhileBuildingStats,
} from '../../language/langium-overrides/stale-while-building.js';

const example = readFileSync('examples/frontier-moe.moesys', 'utf8');
const uri = 'file:///contract/frontier-moe.moesys';
const valueAt = example.indexOf('hbmBandwidth = 26 TB/s') + 'hbmBandwidth = '.length;
const withValue = (value: string) => `${example.slice(0, valueAt)}${value}${example.slice(valueAt + '26'.length)}`;

type Call<P> = (services: LangiumServices, document: import('langium').LangiumDocument, params: P, token: CancellationToken) => unknown;
const hover: Call<HoverParams> = (services, document, params, token) => services.lsp.HoverProvider?.getHoverContent(document, params, token);
const completion: Call<CompletionParams> = (services, document, params, token) => services.lsp.CompletionProvider?.getCompletion(document, params, token);

async function setUp() {
  const { shared } = createMoesysServices({ ...EmptyFileSystem });
  // Langium's handlers wait for the workspace to be initialised, as a client would do it.
  await shared.workspace.WorkspaceManager.initialize({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: [] });
  await shared.workspace.WorkspaceManager.initialized({});
  const stats: StaleWhileBuildingStats = { fresh: 0, stale: 0, waited: 0, cancelled: 0 };
  const handlers = {
    hover: { override: staleWhileBuilding(shared, hover as never, false, stats), langium: createRequestHandler(hover as never, shared, DocumentState.Linked) },
    completion: {
      override: staleWhileBuilding(shared, completion as never, true, stats),
      langium: createRequestHandler(completion as never, shared, DocumentState.Linked),
    },
  };
  const edit = async (text: string, version: number, build = true) => {
    shared.workspace.TextDocuments.set(TextDocument.create(uri, 'moesys', version, text));
    const building = shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    if (build) await building;
    return building;
  };
  await edit(example, 1);
  return { shared, stats, handlers, edit };
}

function positionOf(text: string, offset: number) {
  return TextDocument.create(uri, 'moesys', 0, text).positionAt(offset);
}
const hoverParams = (text: string): HoverParams => ({ textDocument: { uri }, position: positionOf(text, text.indexOf('serdesEnergy') + 3) });
const completionParams = (text: string): CompletionParams => ({
  textDocument: { uri },
  position: positionOf(text, text.indexOf('bandwidth = 32 Tb/s') + 'bandwidth = 32 '.length),
});

describe('langium-overrides/stale-while-building', () => {
  it(`is written against the installed langium (${LANGIUM_VERSION_OVERRIDDEN})`, () => {
    const langium = JSON.parse(readFileSync('node_modules/langium/package.json', 'utf8')) as { version: string };
    expect(langium.version).toBe(LANGIUM_VERSION_OVERRIDDEN);
  });

  it('is the document builder the services use', async () => {
    const { shared } = await setUp();
    expect(shared.workspace.DocumentBuilder).toBeInstanceOf(StaleWhileBuildingDocumentBuilder);
  });

  it('answers a document that is not being rebuilt exactly as Langium does', async () => {
    const { handlers, stats } = await setUp();
    for (const [name, params] of [
      ['hover', hoverParams(example)],
      ['completion', completionParams(example)],
    ] as const) {
      const ours = await handlers[name].override(params as never, CancellationToken.None);
      const theirs = await handlers[name].langium(params as never, CancellationToken.None);
      expect(ours).toBeTruthy();
      expect(ours).toEqual(theirs);
    }
    expect(stats).toMatchObject({ fresh: 2, stale: 0, waited: 0 });
  });

  it('while a rebuild is pending (here cancelled before it links), answers from the last analysis where the position is unchanged; Langium waits for a build', async () => {
    const { shared, handlers, stats } = await setUp();
    const before = {
      hover: await handlers.hover.langium(hoverParams(example), CancellationToken.None),
      completion: await handlers.completion.langium(completionParams(example), CancellationToken.None),
    };
    const next = withValue('27.5');
    // The new build is superseded (cancelled) right after the reset, as the next keystroke does.
    shared.workspace.TextDocuments.set(TextDocument.create(uri, 'moesys', 2, next));
    const source = new CancellationTokenSource();
    const once = shared.workspace.DocumentBuilder.onUpdate(() => {
      once.dispose();
      source.cancel();
    });
    await shared.workspace.DocumentBuilder.update([URI.parse(uri)], [], source.token).catch(() => undefined);
    const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
    expect(document.state).toBe(DocumentState.Changed);
    const answers: Record<string, unknown> = {};
    const asked: Array<Promise<void>> = [];
    for (const name of ['hover', 'completion'] as const) {
      const params = name === 'hover' ? hoverParams(next) : completionParams(next);
      for (const kind of ['override', 'langium'] as const) {
        asked.push(
          Promise.resolve(handlers[name][kind](params as never, CancellationToken.None)).then((answer) => {
            answers[`${kind} ${name}`] = answer;
          }),
        );
      }
    }
    await new Promise((done) => setTimeout(done, 100));
    // The hover answers from the last analysis; the stale answer is the answer for the analysed
    // text (the edit is on another line). Completion waits until the new parse is indexed.
    expect(answers['override hover']).toEqual(before.hover);
    expect(Object.keys(answers)).toEqual(['override hover']);
    // The next build: everything answers.
    await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    await Promise.all(asked);
    expect(answers['langium hover']).toEqual(before.hover);
    expect(answers['override completion']).toEqual(answers['langium completion']);
    expect(answers['override completion']).toEqual(before.completion);
    expect(stats).toMatchObject({ stale: 1, waited: 1 });
  });

  it('while the rebuild has parsed and indexed but not yet linked, completion answers from the last analysis', async () => {
    const { shared, handlers, stats } = await setUp();
    const before = await handlers.completion.langium(completionParams(example), CancellationToken.None);
    const next = withValue('27.5');
    shared.workspace.TextDocuments.set(TextDocument.create(uri, 'moesys', 2, next));
    const source = new CancellationTokenSource();
    const once = shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.IndexedContent, () => {
      once.dispose();
      source.cancel();
    });
    await shared.workspace.DocumentBuilder.update([URI.parse(uri)], [], source.token).catch(() => undefined);
    expect(shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.state).toBeLessThan(DocumentState.Linked);
    const answer = await handlers.completion.override(completionParams(next), CancellationToken.None);
    expect(answer).toEqual(before);
    expect(stats.stale).toBe(1);
  });

  it('waits as Langium does when the position is on the edited line', async () => {
    const { shared, handlers, stats, edit } = await setUp();
    const next = withValue('27.5');
    const params: HoverParams = { textDocument: { uri }, position: positionOf(next, valueAt + 1) };
    let answered: unknown;
    let linkedFirst = false;
    const once = shared.workspace.DocumentBuilder.onUpdate(() => {
      once.dispose();
      void Promise.resolve(handlers.hover.override(params, CancellationToken.None)).then((answer) => {
        answered = answer;
        linkedFirst = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.state >= DocumentState.Linked;
      });
    });
    await edit(next, 2);
    await new Promise((done) => setTimeout(done, 20));
    expect(linkedFirst).toBe(true);
    expect(answered).toEqual(await handlers.hover.langium(params, CancellationToken.None));
    expect(stats.waited).toBe(1);
  });

  it('a position is valid in the stale text only outside the edited lines, and after them only if no line was added or removed', () => {
    const stale = 'a\nb = 1\nc\nd';
    const sameLines = lineMapper('a\nb = 22\nc\nd', stale);
    expect([0, 1, 2, 3].map(sameLines)).toEqual([true, false, true, true]);
    const moreLines = lineMapper('a\nb = 1\nx\nc\nd', stale);
    expect([0, 1, 2, 3, 4].map(moreLines)).toEqual([true, true, false, false, false]);
    expect(lineMapper(stale, stale)(3)).toBe(true);
  });
});
