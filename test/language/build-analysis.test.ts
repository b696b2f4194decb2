/**
 * The analysis of a build is computed once: every reader (validator, hover, inlay hints,
 * completion, the preview) gets the same result, and each scenario and each sweep is lowered at
 * most once per build — not at all when nothing it depends on changed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Declaration, Document } from '../../language/generated/ast.js';
import * as lowering from '../../language/semantics/lowering.js';
import { createMoesysServices } from '../../language/moesys-module.js';
import { buildPreviewModel } from '../../language/analysis/preview-model.js';
import { SMALL_MOE_PARTS } from './helpers.js';

vi.mock('../../language/semantics/lowering.js', { spy: true });

const TEXT = `${SMALL_MOE_PARTS}training t { globalBatch = 512; trainingTokens = 1 Ttokens; tensorParallel = 4; cudaGraphs = wholeLayers; capacityFactor = 1 }
scenario a { system = s; model = m; training = t }
scenario b { system = s; model = m; training = t; training { tensorParallel = 8 } }
scenario tooBig { system = s; model = m; training = t; training { tensorParallel = 3 } }
compare ab { baseline = a; scenarios = [a, b] }
sweep pods { scenario = b; vary system.node.domainSize in [8, 16] }
`;
const uri = 'file:///analysis/once.moesys';

async function setUp() {
  const { shared, moesys } = createMoesysServices({ ...EmptyFileSystem });
  const build = async (text: string, version: number) => {
    shared.workspace.TextDocuments.set(TextDocument.create(uri, 'moesys', version, text));
    await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    return shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
  };
  return { moesys, build };
}

/** Names of the scenarios lowered since the last call. */
function lowered(): string[] {
  const names = vi.mocked(lowering.lowerScenario).mock.calls.map(([declaration]) => (declaration as Declaration).name);
  vi.mocked(lowering.lowerScenario).mockClear();
  return names.sort();
}

/** Every reader of the analysis, as the server would call them after a build. */
async function readEverything(moesys: Awaited<ReturnType<typeof setUp>>['moesys'], document: import('langium').LangiumDocument) {
  const text = document.textDocument.getText();
  const at = (needle: string) => document.textDocument.positionAt(text.indexOf(needle));
  const textDocument = { uri };
  buildPreviewModel(document, moesys.analysis.BuildAnalysis);
  await moesys.lsp.HoverProvider!.getHoverContent(document, { textDocument, position: at('scenario a') });
  await moesys.lsp.HoverProvider!.getHoverContent(document, { textDocument, position: at('sweep pods') });
  await moesys.lsp.HoverProvider!.getHoverContent(document, { textDocument, position: at('vary') });
  await moesys.lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: { start: { line: 0, character: 0 }, end: at('compare ab') } });
  await moesys.lsp.CompletionProvider!.getCompletion(document, { textDocument, position: at('domainSize in') });
}

function declarationNamed(document: import('langium').LangiumDocument, name: string): Declaration {
  return (document.parseResult.value as Document).declarations.find((candidate) => candidate.name === name)!;
}

afterEach(() => vi.mocked(lowering.lowerScenario).mockClear());

describe('the analysis of a build', () => {
  it('lowers each scenario once per build, whatever reads it: validation, preview, hover, inlay hints, completion', async () => {
    const { moesys, build } = await setUp();
    const document = await build(TEXT, 1);
    await readEverything(moesys, document);
    // The sweep evaluates b's points from b's one lowering, with its derived defaults unset.
    expect(lowered()).toEqual(['a', 'b', 'tooBig']);
    const studies = ['ab', 'pods'].map((name) => moesys.analysis.BuildAnalysis.study(declarationNamed(document, name)));
    expect(studies.map((study) => study?.kind)).toEqual(['compare', 'sweep']);
    expect(lowered()).toEqual([]);
  });

  it('lowers nothing again when a rebuild changed nothing a scenario depends on, and only the edited one otherwise', async () => {
    const { moesys, build } = await setUp();
    const first = await build(TEXT, 1);
    const stepsOf = (document: import('langium').LangiumDocument) => {
      const study = moesys.analysis.BuildAnalysis.study(declarationNamed(document, 'pods'));
      return study?.kind === 'sweep' ? study.points.map((point) => point.stepSeconds) : [];
    };
    const before = stepsOf(first);
    lowered();
    const same = await build(`${TEXT}\n// a comment\n`, 2);
    await readEverything(moesys, same);
    // tooBig has an issue: it is lowered again to report it where it was written, in this build's nodes.
    expect(lowered()).toEqual(['tooBig']);
    const edited = await build(`${TEXT.replace('tensorParallel = 8 }', 'tensorParallel = 2 }')}\n// a comment\n`, 3);
    await readEverything(moesys, edited);
    expect(lowered()).toEqual(['b', 'tooBig']);
    // The edit reaches the sweep: its points follow b's new training block (TP 8 → 2).
    const after = stepsOf(edited);
    expect(after).toHaveLength(2);
    after.forEach((step, index) => expect(step).not.toBeCloseTo(before[index]!, 6));
  });

  it('reports an issue of a remembered scenario on the value as written in the current build', async () => {
    const { build } = await setUp();
    await build(TEXT, 1);
    const again = await build(`\n\n${TEXT}`, 2);
    const diagnostic = (again.diagnostics ?? []).find((candidate) => /not divisible|divide/.test(String(candidate.message)));
    expect(diagnostic, JSON.stringify(again.diagnostics?.map((d) => d.message))).toBeDefined();
    const line = again.textDocument.getText({ start: { line: diagnostic!.range.start.line, character: 0 }, end: diagnostic!.range.end });
    expect(line).toBe('scenario tooBig { system = s; model = m; training = t; training { tensorParallel = 3');
  });
});
