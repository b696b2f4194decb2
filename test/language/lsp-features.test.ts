/** Completion, hover, formatting, code actions, semantic tokens, symbols and rename through Langium's test helpers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import { expectCompletion, expectFormatting, expectHover } from 'langium/test';
import { type CodeAction, CodeActionKind, CompletionItemKind, type Diagnostic, InsertTextFormat } from 'vscode-languageserver';
import { errors, moesys, parse, readExample } from './helpers.js';

const completion = expectCompletion(moesys);
const hover = expectHover(moesys);
const formatting = expectFormatting(moesys);

const labels = (items: { label: string }[]) => items.map((item) => item.label);

/** The code actions the server offers for `diagnostics`, asked at the first one's range. */
async function codeActionsAt(document: LangiumDocument, diagnostics: Diagnostic[]) {
  const params = { textDocument: { uri: document.uri.toString() }, range: diagnostics[0].range, context: { diagnostics } };
  return (await moesys.lsp.CodeActionProvider!.getCodeActions(document, params)) ?? [];
}

describe('completion', () => {
  it('proposes the members of a declaration with details, required first', async () => {
    await completion({
      text: 'switch x {\n  <|>\n}',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(list.items)).toEqual(expect.arrayContaining(['radix', 'portBandwidth', 'link']));
        const port = list.items.find((item) => item.label === 'portBandwidth')!;
        expect(port.detail).toContain('Tb/s');
        expect(port.detail).toContain('typical');
        expect(labels(list.items)).not.toContain('gpu');
        expect(labels(list.items).filter((label) => label === 'radix')).toHaveLength(1);
      },
    });
  });

  it('leaves out members already written and offers blocks and tiers', async () => {
    await completion({
      text: 'system s {\n  gpuCount = 8\n  <|>\n}',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(list.items)).toContain('gpu');
        expect(labels(list.items)).toContain('tier');
        expect(labels(list.items)).not.toContain('gpuCount');
      },
    });
  });

  it('proposes units of the expected dimension after a number', async () => {
    await completion({
      text: 'switch x { radix = 64; portBandwidth = 400 <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(list.items)).toEqual(expect.arrayContaining(['Gb/s', 'Tb/s']));
        expect(labels(list.items)).not.toContain('pJ/bit');
        expect(labels(list.items)).not.toContain('GB');
      },
    });
  });

  it('replaces the whole unit typed so far, across its `/`', async () => {
    await completion({
      text: 'gpu g { hbmBandwidth = 8 TB/<|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        const item = list.items.find((candidate) => candidate.label === 'TB/s');
        expect(item?.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined).toEqual({
          start: { line: 0, character: 25 },
          end: { line: 0, character: 28 },
        });
        expect(item?.textEdit?.newText).toBe('TB/s');
      },
    });
  });

  it('proposes the allowed words of an enum member', async () => {
    await completion({
      text: 'link l { kind = <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(list.items)).toEqual(expect.arrayContaining(['electrical', 'lpo', 'cpo', 'optics3d', 'pluggable']));
        expect(labels(list.items)).not.toContain('bf16');
        expect(labels(list.items)).not.toContain('adam');
        expect(labels(list.items).filter((label) => label === 'lpo')).toHaveLength(1);
      },
    });
  });

  it('proposes references of the expected kind only', async () => {
    await completion({
      text: 'gpu g0 = preset "h100-sxm"\nlink l0 { kind = lpo }\nsystem s { gpu = <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(list.items)).toContain('g0');
        expect(labels(list.items)).not.toContain('l0');
      },
    });
  });

  it('proposes declaration keywords at the top level', async () => {
    await completion({
      text: '<|>',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => expect(labels(list.items)).toEqual(expect.arrayContaining(['gpu', 'link', 'scenario', 'compare', 'sweep', 'import'])),
    });
  });
});

/** The items as VS Code lists them before anything is typed: by sortText, then label. */
const shown = <T extends { label: string; sortText?: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));

describe('completion offers what fits the slot, best first', () => {
  it('an enum slot lists its words, the default first, and no declarations', async () => {
    await completion({
      text: 'model m { ffnKind = <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(shown(list.items))).toEqual(['gelu', 'swiglu']);
        expect(list.items.some((item) => item.preselect)).toBe(false);
      },
    });
    await completion({
      text: 'training t { datatype = <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(shown(list.items)[0]).toMatchObject({ label: 'bf16', detail: 'datatype · the default' });
        expect(labels(list.items)).not.toContain('t');
      },
    });
    await completion({
      text: 'training t { cudaGraphs = <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(labels(shown(list.items))).toEqual(['none', 'moeRouter', 'attentionAndRouter', 'wholeLayers']);
        expect(shown(list.items)[0].detail).toBe('cudaGraphs · the default');
      },
    });
  });

  it('a reference slot lists declarations of the expected kind with their figures, this file first', async () => {
    await completion({
      text: 'gpu big = preset "h100-sxm"\nlink l0 { kind = lpo }\nmodel m0 = preset "mixtral-8x7b"\nsystem s { gpu = <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        const first = shown(list.items)[0];
        // Declarations of the kind (presets to declare follow them), none of another kind.
        expect(labels(list.items.filter((item) => !item.labelDetails))).toEqual(['big']);
        expect(labels(list.items)).not.toContain('l0');
        expect(labels(list.items)).not.toContain('m0');
        expect(first.detail).toBe('gpu · 989 TFLOPS bf16 · 85.5 GB HBM · 3.35 TB/s · I/O 3.6 Tb/s · matmul ceiling 80.3 %');
        expect(first.documentation).toMatchObject({ value: expect.stringContaining('From preset `h100-sxm`.') });
      },
    });
    await completion({
      text: 'link cu { kind = electrical; serdesEnergy = 5 pJ/bit }\nsystem s { tier t { link = <|> } }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => expect(shown(list.items)[0]).toMatchObject({ label: 'cu', detail: 'link · electrical · 5 pJ/bit per end · reach 1 m' }),
    });
  });

  it('a reference slot also offers the presets of its kind, declared on acceptance, after the declarations', async () => {
    await completion({
      text: 'system mine = preset "h100-cluster"\nmodel m = preset "mixtral-8x7b"\nscenario s {\n    system = <|>\n}',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        const items = shown(list.items);
        expect(items[0].label).toBe('mine');
        const preset = items.find((item) => item.label === 'gb200-nvl72')!;
        expect(preset.detail).toBe('system preset · 1152 × gb200 · nvlink 72 × 7.2 Tb/s · scale-out 1152 × 400 Gb/s');
        expect(preset.additionalTextEdits).toEqual([
          { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'system gb200-nvl72 = preset "gb200-nvl72"\n' },
        ]);
        expect(labels(items).filter((label) => label === 'mixtral-8x7b')).toEqual([]);
      },
    });
  });

  it('after a number only units of the expected dimension, the usual one first', async () => {
    await completion({
      text: 'switch x { radix = 64; portBandwidth = 400 <|> }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(shown(list.items)[0].label).toBe('Tb/s');
        expect(list.items.every((item) => item.kind === CompletionItemKind.Unit)).toBe(true);
        expect(labels(list.items)).not.toContain('link');
        expect(labels(list.items)).not.toContain('tier');
      },
    });
    await completion({
      text: 'system s { tier t { latency = 2<|> } }',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => expect(labels(shown(list.items)).slice(0, 3)).toEqual(['ns', 'us', 'ms']),
    });
  });

  it('grammar keywords never lead a block: required members first, `tier` as a snippet after them', async () => {
    await completion({
      text: 'system s {\n  <|>\n}',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        const items = shown(list.items);
        expect(labels(items)).toEqual(['gpu', 'gpuCount', 'tier']);
        expect(items[2]).toMatchObject({ kind: CompletionItemKind.Module, insertTextFormat: InsertTextFormat.Snippet });
        expect(labels(list.items)).not.toContain('vary');
      },
    });
  });

  it('accepting a member whose value is a word or a name opens completion for the value', async () => {
    await completion({
      text: 'model m {\n  <|>\n}',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        expect(list.items.find((item) => item.label === 'ffnKind')?.command).toEqual({ title: 'Suggest a value', command: 'editor.action.triggerSuggest' });
        expect(list.items.find((item) => item.label === 'layers')?.command).toBeUndefined();
      },
    });
  });

  it('documents presets with their figures', async () => {
    await completion({
      text: 'link l = preset <|>',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) =>
        expect(list.items.find((item) => item.label === '"passage-56g-8l"')?.detail).toBe('link preset · optics3d · 4.3 pJ/bit per end · reach 500 m'),
    });
    await completion({
      text: 'gpu g = preset <|>',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) =>
        expect(list.items.find((item) => item.label === '"h100-sxm"')?.detail).toBe(
          'gpu preset · 989 TFLOPS bf16 · 85.5 GB HBM · 3.35 TB/s · I/O 3.6 Tb/s · matmul ceiling 80.3 %',
        ),
    });
  });

  it('an empty file offers a whole first scenario first, then declaration skeletons', async () => {
    await completion({
      text: '<|>',
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => {
        const items = shown(list.items);
        expect(items[0]).toMatchObject({ label: 'first scenario', kind: CompletionItemKind.Snippet });
        expect(labels(items).slice(1, 4)).toEqual(['gpu …', 'link …', 'switch …']);
        const gpu = items.find((item) => item.label === 'gpu …')!;
        expect(gpu.textEdit?.newText).toBe(
          'gpu ${1:my-gpu} {\n\thbmCapacity = ${2:80} GB\n\thbmBandwidth = ${3:2} TB/s\n\tpackageArea = ${4:1500} mm2\n\tpeakFlops { bf16 = ${5:1} PFLOPS }\n}$0',
        );
      },
    });
  });

  it('the first scenario snippet, expanded, is a file without errors', async () => {
    const { FIRST_SCENARIO_SNIPPET } = await import('../../language/lsp/skeletons.js');
    const expanded = FIRST_SCENARIO_SNIPPET.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
    const document = await parse(expanded);
    await moesys.shared.workspace.DocumentBuilder.update([], [document.uri]); // its names must not meet other tests'
    expect((document.diagnostics ?? []).filter((d) => d.severity === 1).map((d) => d.message)).toEqual([]);
  });
});

describe('structure diagnostics', () => {
  it('flags a tier written twice in a system, on the second, pointing at the first', async () => {
    const document = await parse(
      'gpu g = preset "h100-sxm"\nlink l { kind = electrical }\nsystem s {\n    gpu = g\n    gpuCount = 16\n' +
        '    tier scale-up { domainSize = 8; bandwidth = 1 Tb/s; latency = 1 us; link = l }\n' +
        '    tier scale-up { domainSize = 16; bandwidth = 1 Tb/s; latency = 1 us; link = l }\n}\n',
    );
    const found = (document.diagnostics ?? []).filter((d) => d.code === 'duplicate-tier');
    expect(found.map((d) => [d.message, d.range.start, d.severity])).toEqual([
      [
        "Tier 'scale-up' is written twice in system 's' (first on line 6); merge the two into one block, or give this tier another name.",
        { line: 6, character: 9 },
        1,
      ],
    ]);
    expect(found[0].relatedInformation?.[0]).toMatchObject({ message: 'First written here', location: { range: { start: { line: 5, character: 9 } } } });
  });

  it('flags a block written twice', async () => {
    const document = await parse('model m {\n    moe { experts = 8 }\n    moe { activeExperts = 2 }\n}');
    expect((document.diagnostics ?? []).filter((d) => d.code === 'duplicate-block').map((d) => d.message)).toEqual([
      "'moe { … }' is written twice in model 'm' (first on line 2); merge the two into one.",
    ]);
  });

  it('names the `{` left open, what it opens and where its `}` belongs', async () => {
    const text = 'link l { kind = electrical }\nswitch x {\n    radix = 64\n    portBandwidth = 400 Gb/s\n\nmodel m {\n    layers = 2\n}\n';
    const document = await parse(text);
    const unclosed = (document.diagnostics ?? []).filter((d) => d.code === 'unclosed-brace');
    expect(unclosed.map((d) => [d.message, d.range])).toEqual([
      [
        "The '{' of switch 'x' on line 2 is never closed; add '}' before line 6 (`model m {`).",
        { start: { line: 1, character: 9 }, end: { line: 1, character: 10 } },
      ],
    ]);
    // A file that parses has no such finding, even with a `{` inside a string or comment.
    const fine = await parse('/* { */ link l { kind = electrical } // {\n');
    expect((fine.diagnostics ?? []).filter((d) => d.code === 'unclosed-brace')).toEqual([]);
  });
});

describe('hover', () => {
  it('documents a property with its dimension, typical range and SI value', async () => {
    await hover({
      text: 'switch x { radix = 64; <|>portBandwidth = 400 Gb/s }',
      index: 0,
      disposeAfterCheck: true,
      hover: /bit rate[\s\S]*Typical: 200 Gb\/s[\s\S]*400 Gb\/s = 4e11 in SI/,
    });
  });

  it("derives a tier's I/O power from a byte rate at 8 bits a byte, and nothing from a value in the wrong dimension", async () => {
    const tier = (bandwidth: string) =>
      `link nv { kind = electrical; serdesEnergy = 5 pJ/bit }\nsystem s { gpuCount = 8\n  tier node { domainSize = 8; <|>bandwidth = ${bandwidth}; link = nv } }`;
    await hover({ text: tier('450 GB/s'), index: 0, disposeAfterCheck: true, hover: /over `nv`: \*\*18 W\*\* \(3\.6 Tb\/s × 5 pJ\/bit\)/ });
    await hover({ text: tier('450 GB'), index: 0, disposeAfterCheck: true, hover: /^(?![\s\S]*(Aggregate|I\/O power))[\s\S]*Written: 450 GB/ });
  });

  it("shows an assumption's documented default", async () => {
    await hover({
      text: 'scenario y { assumptions { <|>computeEfficiency = 0.6 } }',
      index: 0,
      disposeAfterCheck: true,
      hover: /Megatron-LM[\s\S]*Default: `0.875`/,
    });
  });

  it('shows the value of a quantity literal and of the whole expression', async () => {
    await hover({
      text: 'gpu g { hbmCapacity = 16 * <|>36 GB }',
      index: 0,
      disposeAfterCheck: true,
      hover: /This literal: 36 GB[\s\S]*Value of `hbmCapacity`: 576 GB/,
    });
  });

  it('shows the headline figures of a GPU or a cluster on its declaration', async () => {
    await hover({
      text: 'system <|>racks = preset "gb200-nvl72"',
      index: 0,
      disposeAfterCheck: true,
      hover: /from preset `gb200-nvl72`\n\n1152 × gb200 · nvlink 72 × 7\.2 Tb\/s · scale-out 1152 × 400 Gb\/s/,
    });
    await hover({
      text: 'gpu <|>g = preset "mi355x"',
      index: 0,
      disposeAfterCheck: true,
      hover: /2\.5 PFLOPS bf16 · 309 GB HBM · 8 TB\/s · I\/O 4\.3 Tb\/s · matmul ceiling 62\.6 %/,
    });
    await hover({
      text: 'gpu <|>g = preset "gb200"',
      index: 0,
      disposeAfterCheck: true,
      hover: /matmul ceiling 72\.9 % · host 37\.1 µs per launch · block-scaled FP8\/FP4/,
    });
  });

  it('gives the SI value of a number once', async () => {
    const contents = async (text: string) => {
      const document = await parse(text.replace('<|>', ''));
      const result = await moesys.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(text.indexOf('<|>')),
      });
      return (result?.contents as { value: string }).value;
    };
    const single = await contents('switch x { radix = 64; portBandwidth = <|>400 Gb/s }');
    expect(single.match(/in SI/g)).toHaveLength(1);
    expect(single).toMatch(/^Value of `portBandwidth`: 400 Gb\/s = 4e11 in SI, a bit rate \(bit\/s\)\n\n\*\*portBandwidth\*\*/);
    const product = await contents('gpu g { hbmCapacity = 16 * <|>36 GB }');
    expect(product.match(/in SI/g)).toHaveLength(1);
    expect(product).toMatch(/^This literal: 36 GB\n\nValue of `hbmCapacity`: 576 GB = 5\.76e11 in SI/);
  });

  it('shows headline results on a scenario and power per GPU on a tier bandwidth', async () => {
    const text = readExample('frontier-moe.moesys');
    const scenarioOffset = text.indexOf('scenario passage512_c1 {') + 'scenario '.length;
    await hover({
      text: `${text.slice(0, scenarioOffset)}<|>${text.slice(scenarioOffset)}`,
      index: 0,
      disposeAfterCheck: true,
      hover: /time to train[\s\S]*days[\s\S]*MFU/,
    });
    const bandwidthOffset = text.indexOf('bandwidth = 32 Tb/s');
    await hover({
      text: `${text.slice(0, bandwidthOffset)}<|>${text.slice(bandwidthOffset)}`,
      index: 0,
      disposeAfterCheck: true,
      hover: /I\/O power per GPU[\s\S]*137\.6 W[\s\S]*4\.3 pJ\/bit/,
    });
  });
});

describe('formatting', () => {
  it('indents members, spaces assignments and glues units', async () => {
    await formatting({
      before: 'switch x{radix=64\nportBandwidth=400   Gb / s}',
      after: 'switch x {\n    radix = 64\n    portBandwidth = 400 Gb/s\n}',
    });
  });

  it('keeps one-line blocks on one line', async () => {
    await formatting({
      before: 'scenario a {system=s;   model=m;training=t}',
      after: 'scenario a { system = s; model = m; training = t }',
    });
  });

  it('drops a `;` that ends up at the end of a line or before `}`, and keeps one between members of a one-line block', async () => {
    await formatting({
      before: 'switch x {\n    radix = 64;\n    portBandwidth = 400 Gb/s ; // per port\n}\nscenario a { system = s; model = m; training = t; }',
      after: 'switch x {\n    radix = 64\n    portBandwidth = 400 Gb/s // per port\n}\nscenario a { system = s; model = m; training = t }',
    });
    await formatting({
      before: 'model m {\n    moe { experts = 8; activeExperts = 2 };\n    layers = 2;   layers = 3\n}',
      after: 'model m {\n    moe { experts = 8; activeExperts = 2 }\n    layers = 2\n    layers = 3\n}',
    });
  });

  it('spaces a one-line list after its commas and keeps a multi-line list as written', async () => {
    await formatting({
      before: 'compare c { baseline = a; scenarios = [ a,b,  c ] }',
      after: 'compare c { baseline = a; scenarios = [a, b, c] }',
    });
    const multiLine = 'compare c {\n    baseline = a\n    scenarios = [\n        a, // first\n        b,\n        c\n    ]\n}';
    await formatting({ before: multiLine, after: multiLine });
  });

  it('is idempotent on the main example', async () => {
    const text = readExample('frontier-moe.moesys');
    const document = await parse(text);
    const edits = await moesys.lsp.Formatter!.formatDocument(document, {
      textDocument: { uri: document.uri.toString() },
      options: { tabSize: 4, insertSpaces: true },
    });
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const once = TextDocument.applyEdits(document.textDocument, edits);
    const second = await parse(once);
    const edits2 = await moesys.lsp.Formatter!.formatDocument(second, {
      textDocument: { uri: second.uri.toString() },
      options: { tabSize: 4, insertSpaces: true },
    });
    expect(TextDocument.applyEdits(second.textDocument, edits2)).toBe(once);
  });
});

describe('code actions', () => {
  async function fixes(text: string) {
    const document = await parse(text);
    const diagnostics = (document.diagnostics ?? []) as Diagnostic[];
    const actions =
      (await moesys.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics },
      })) ?? [];
    return actions.map((action) => ('edit' in action ? action : undefined)).filter((action) => !!action);
  }

  it('adds all required members at once, with values to edit and names of this file', async () => {
    const apply = async (text: string) => {
      const document = await parse(text);
      const diagnostics = (document.diagnostics ?? []) as Diagnostic[];
      const actions =
        (await moesys.lsp.CodeActionProvider!.getCodeActions(document, {
          textDocument: { uri: document.uri.toString() },
          range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics },
        })) ?? [];
      const action = actions.find((candidate) => 'title' in candidate && candidate.title.startsWith('Add all required members')) as CodeAction | undefined;
      const { TextDocument } = await import('vscode-languageserver-textdocument');
      return { title: action?.title, text: action ? TextDocument.applyEdits(document.textDocument, Object.values(action.edit!.changes!)[0]) : undefined };
    };
    expect(await apply('switch w { }')).toEqual({
      title: "Add all required members to switch 'w' (radix, portBandwidth)",
      text: 'switch w { radix = 64; portBandwidth = 200 Gb/s }',
    });
    const system = await apply('gpu g = preset "h100-sxm"\nlink cu { kind = electrical }\nsystem s {\n    gpuCount = 8\n}');
    expect(system).toEqual({
      title: "Add all required members to system 's' (gpu) and a first tier",
      text:
        'gpu g = preset "h100-sxm"\nlink cu { kind = electrical }\nsystem s {\n    gpuCount = 8\n    gpu = g\n' +
        '    tier scale-up { domainSize = 8; bandwidth = 0.4 Tb/s; latency = 100 ns; link = cu }\n}',
    });
    expect(errors(await parse(system.text!)).map((d) => d.message)).toEqual([]);
    // A member inherited through `extends` or a preset is not missing.
    expect((await apply('switch a { radix = 64; portBandwidth = 400 Gb/s }\nswitch b extends a { }')).title).toBeUndefined();
  });

  it('makes a size written for a rate a rate', async () => {
    const [action] = await fixes('switch x { radix = 64; portBandwidth = 4 TB }');
    expect(action.title).toBe('Convert to 4 TB/s');
    expect(action.kind).toBe(CodeActionKind.QuickFix);
    const edit = Object.values(action.edit!.changes!)[0][0];
    expect(edit.newText).toBe('4 TB/s');
    expect(edit.range.start.character).toBe(39);
  });

  it('fixes a misspelt property and unit', async () => {
    const titles = (await fixes('link l { kind = lpo; serdesEnergi = 5 pJ/bt }')).map((action) => action.title);
    expect(titles).toEqual(expect.arrayContaining(["Change to 'serdesEnergy'"]));
    const unitTitles = (await fixes('link l { kind = lpo; serdesEnergy = 5 pJ/bt }')).map((action) => action.title);
    expect(unitTitles).toEqual(["Change unit to 'pJ/bit'"]);
  });
});

describe('symbols, tokens and rename', () => {
  it('outlines declarations and tiers', async () => {
    const document = await parse(readExample('frontier-moe.moesys'));
    const symbols = await moesys.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
    const names = symbols.map((symbol) => symbol.name);
    expect(names).toEqual(expect.arrayContaining(['paper-gpu-2028', 'passage512', 'passage512_c1', 'fig10']));
    const system = symbols.find((symbol) => symbol.name === 'passage512')!;
    expect(system.detail).toBe('system');
    expect(system.children?.map((child) => child.name)).toEqual(['scale-up', 'scale-out']);
  });

  it('highlights numbers and units', async () => {
    const document = await parse('switch x { radix = 64; portBandwidth = 400 Gb/s }');
    const provider = moesys.lsp.SemanticTokenProvider!;
    const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    // Decode the relative encoding: [deltaLine, deltaStart, length, type, modifiers] per token.
    const typeNames = Object.fromEntries(Object.entries(provider.tokenTypes).map(([name, index]) => [index, name]));
    const decoded: Array<[string, string]> = [];
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
      decoded.push([document.textDocument.getText().slice(character, character + tokens.data[i + 2]), typeNames[tokens.data[i + 3]]]);
    }
    expect(decoded).toEqual(
      expect.arrayContaining([
        ['64', 'number'],
        ['400', 'number'],
        ['Gb/s', 'type'],
        ['radix', 'property'],
        ['x', 'class'],
      ]),
    );
  });

  it('draws a reference as the declaration it names and every member name, keyword-named ones too', async () => {
    const document = await parse('gpu g = preset "h100-sxm"\nsystem s {\n    gpu = g\n    gpuCount = 8\n}');
    const provider = moesys.lsp.SemanticTokenProvider!;
    const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    const typeNames = Object.fromEntries(Object.entries(provider.tokenTypes).map(([name, index]) => [index, name]));
    const lines = document.textDocument.getText().split('\n');
    const decoded: string[] = [];
    for (let i = 0, line = 0, character = 0; i < tokens.data.length; i += 5) {
      if (tokens.data[i] === 0) character += tokens.data[i + 1];
      else {
        line += tokens.data[i];
        character = tokens.data[i + 1];
      }
      decoded.push(`${lines[line].slice(character, character + tokens.data[i + 2])} ${typeNames[tokens.data[i + 3]]}`);
    }
    expect(decoded).toEqual(['g class', 's class', 'gpu property', 'g class', 'gpuCount property', '8 number']);
    // Themes colour `property` barely or not at all; the extension maps it to the scope of JSON keys, which every theme colours.
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { semanticTokenScopes: Array<{ language: string; scopes: Record<string, string[]> }> };
    };
    expect(manifest.contributes.semanticTokenScopes).toEqual([{ language: 'moesys', scopes: { property: ['support.type.property-name.json'] } }]);
  });

  it('folds multi-line declarations', async () => {
    const document = await parse(readExample('frontier-moe.moesys'));
    const ranges = await moesys.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
    const start = document.textDocument
      .getText()
      .split('\n')
      .findIndex((line) => line.startsWith('system passage512 {'));
    expect(ranges.some((range) => range.startLine === start && range.endLine > start + 10)).toBe(true);
  });

  it('renames a declaration and its references', async () => {
    const document = await parse('link nv { kind = electrical }\nswitch x { radix = 8; portBandwidth = 1 Tb/s; link = nv }');
    const edit = await moesys.lsp.RenameProvider!.rename(document, {
      textDocument: { uri: document.uri.toString() },
      position: { line: 0, character: 6 },
      newName: 'nvlink',
    });
    const edits = Object.values(edit!.changes!)[0];
    expect(edits).toHaveLength(2);
    expect(edits.every((textEdit) => textEdit.newText === 'nvlink')).toBe(true);
  });

  it('refuses a new name the language could not read back', async () => {
    const document = await parse('link nv { kind = electrical }\nlink ib { kind = pluggable }\nswitch x { radix = 8; portBandwidth = 1 Tb/s; link = nv }');
    const rename = (newName: string) =>
      moesys.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position: { line: 0, character: 6 }, newName });
    await expect(rename('')).rejects.toThrow(/'' is not a name/);
    await expect(rename('has space')).rejects.toThrow(/is not a name/);
    await expect(rename('1abc')).rejects.toThrow(/is not a name/);
    await expect(rename('link')).rejects.toThrow(/'link' is a keyword/);
    await expect(rename('ib')).rejects.toThrow(/a declaration named 'ib' already exists/);
    await expect(rename('nv-link_2')).resolves.toBeDefined();
  });
});

describe('navigation across files', () => {
  it('goes to a definition in an imported file and finds references', async () => {
    const hardware = await parse('link nv { kind = electrical }', 'file:///nav/hardware.moesys');
    const system = await parse('import "hardware.moesys"\nswitch x { radix = 8; portBandwidth = 1 Tb/s; link = nv }', 'file:///nav/system.moesys');
    const offset = system.textDocument.getText().lastIndexOf('nv');
    const links = await moesys.lsp.DefinitionProvider!.getDefinition(system, {
      textDocument: { uri: system.uri.toString() },
      position: system.textDocument.positionAt(offset),
    });
    expect(links?.[0].targetUri).toBe(hardware.uri.toString());
    expect(hardware.textDocument.getText(links![0].targetSelectionRange)).toBe('nv');
    const references = await moesys.lsp.ReferencesProvider!.findReferences(hardware, {
      textDocument: { uri: hardware.uri.toString() },
      position: { line: 0, character: 6 },
      context: { includeDeclaration: false },
    });
    expect(references.map((reference) => reference.uri)).toEqual([system.uri.toString()]);
  });
});

describe('document links', () => {
  it('links an import path to the imported file', async () => {
    const document = await parse('import "lib/hardware.moesys"\n', 'file:///links/main.moesys');
    const links = await moesys.lsp.DocumentLinkProvider!.getDocumentLinks(document, { textDocument: { uri: document.uri.toString() } });
    expect(links).toHaveLength(1);
    expect(links[0].target).toBe('file:///links/lib/hardware.moesys');
    expect(document.textDocument.getText(links[0].range)).toBe('"lib/hardware.moesys"');
  });
});

describe('inlay hints and parser messages', () => {
  it('shows headline results after a scenario name and the value of arithmetic', async () => {
    const document = await parse(readExample('frontier-moe.moesys'));
    const hints =
      (await moesys.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: { line: document.textDocument.lineCount, character: 0 } },
      })) ?? [];
    const labels = hints.map((hint) => String(hint.label));
    expect(labels.some((label) => /days to train · step [\d.]+ (s|ms) · MFU [\d.]+%/.test(label))).toBe(true);
    expect(labels).toContain('= 576 GiB');
  });

  it('writes arithmetic in the unit its literals share, and in the best SI unit when they mix', async () => {
    const document = await parse('gpu a { hbmCapacity = 2 * 96 GiB }\ngpu b { hbmCapacity = 1 GiB + 1 GB }');
    const hints =
      (await moesys.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      })) ?? [];
    expect(hints.map((hint) => String(hint.label))).toEqual(['= 192 GiB', '= 2.07374 GB']);
  });

  it('can be turned off with moesys.inlayHints.enabled', async () => {
    const document = await parse(readExample('frontier-moe.moesys'));
    const params = {
      textDocument: { uri: document.uri.toString() },
      range: { start: { line: 0, character: 0 }, end: { line: document.textDocument.lineCount, character: 0 } },
    };
    const configuration = moesys.shared.workspace.ConfigurationProvider;
    try {
      configuration.updateConfiguration({ settings: { moesys: { inlayHints: { enabled: false } } } });
      expect(await moesys.lsp.InlayHintProvider!.getInlayHints(document, params)).toEqual([]);
    } finally {
      configuration.updateConfiguration({ settings: { moesys: { inlayHints: { enabled: true } } } });
    }
    expect((await moesys.lsp.InlayHintProvider!.getInlayHints(document, params))!.length).toBeGreaterThan(10);
  });

  it("explains a parse error in the language's terms", async () => {
    const document = await parse('switch s { radix = }');
    const messages = (document.diagnostics ?? []).map((diagnostic) => String(diagnostic.message));
    expect(messages).toContain("Expected a value: a quantity (`32 Tb/s`), a word (`bf16`), a name or a list `[…]`, but found '}'.");
  });

  it('reports a stray word once, not again for the `}` the parser then wanted', async () => {
    const document = await parse('switch s { radix = 64; portBandwidth = 400 Gb/s; oops }');
    expect((document.diagnostics ?? []).map((diagnostic) => String(diagnostic.message))).toEqual([
      "Expected a member (`name = value`), a block (`name { … }`), `tier`, `vary` or `}`, but found 'oops'.",
    ]);
  });

  it('takes a unit only on the line of its number: a word on the next line starts the next member', async () => {
    // Half-typed: `reco` is the start of the next member, not an unknown unit of `layers`.
    const typing = await parse('model m {\n  layers = 61\n  reco\n}');
    const messages = (typing.diagnostics ?? []).map((diagnostic) => String(diagnostic.message));
    expect(
      messages.some((message) => /unit/i.test(message)),
      messages.join(' | '),
    ).toBe(false);
    expect(messages).toEqual(["Expected a member (`name = value`), a block (`name { … }`), `tier`, `vary` or `}`, but found 'reco'."]);
    // `141` then `GB` on the next line: the number has no unit, as the language documents.
    const split = await parse('switch s {\n  radix = 64\n  portBandwidth = 400\n  Gb/s\n}');
    expect((split.diagnostics ?? []).map((diagnostic) => String(diagnostic.message))).toContain(
      "'portBandwidth' needs a unit of bit rate (bit/s), e.g. 400 Gb/s (typical: 200 Gb/s … 800 Gb/s).",
    );
  });

  it("says what a character of another notation meant, once for its line, and the quick fix writes moesys's", async () => {
    const text = 'switch s {\n    radix: 64\n    portBandwidth = 400 Gb/s # NDR\n}';
    const document = await parse(text);
    const diagnostics = (document.diagnostics ?? []) as Diagnostic[];
    // No parse error for the line the lexer broke, and no 'missing radix' for the member it hid.
    expect(diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.range.start.character, String(diagnostic.message)])).toEqual([
      [1, 9, "':' does not assign in moesys; a member is written `name = value`: `radix = 64`."],
      [2, 29, "'#' does not start a comment in moesys; write `//` (to the end of the line) or `/* … */`: `portBandwidth = 400 Gb/s // NDR`."],
    ]);
    const actions = await codeActionsAt(document, diagnostics);
    expect(actions.map((action) => action.title)).toEqual(["Write '=' for ':'", "Write '//' for '#'"]);
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const edits = actions.flatMap((action) => ('edit' in action ? Object.values(action.edit!.changes!)[0] : []));
    const fixed = TextDocument.applyEdits(document.textDocument, edits);
    expect(fixed).toBe('switch s {\n    radix = 64\n    portBandwidth = 400 Gb/s // NDR\n}');
    expect((await parse(fixed)).diagnostics).toEqual([]);
    // A character with no meaning elsewhere is named, with no fix to guess.
    const stray = await parse('switch s { radix = 64 § ; portBandwidth = 400 Gb/s }');
    expect((stray.diagnostics ?? []).map((diagnostic) => String(diagnostic.message))).toEqual([
      "'§' is not part of the moesys language; delete it, or move it into a comment or a string.",
    ]);
  });
});

describe('adding missing members', () => {
  async function apply(text: string): Promise<string[]> {
    const document = await parse(text);
    const diagnostics = (document.diagnostics ?? []).filter(
      (diagnostic) => (diagnostic.data as { code?: string })?.code === 'missing-property',
    ) as Diagnostic[];
    const actions = await codeActionsAt(document, diagnostics);
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    return actions.map((action) => ('edit' in action ? TextDocument.applyEdits(document.textDocument, Object.values(action.edit!.changes!)[0]) : ''));
  }

  it('inserts a missing member with a typical value into a multi-line block', async () => {
    const [fixed] = await apply('switch x {\n    radix = 64\n}\n');
    expect(fixed).toBe('switch x {\n    radix = 64\n    portBandwidth = 200 Gb/s\n}\n');
    expect((await parse(fixed)).diagnostics).toEqual([]);
  });

  it('inserts into a one-line block', async () => {
    const [fixed] = await apply('switch x { radix = 64 }');
    expect(fixed).toBe('switch x { radix = 64; portBandwidth = 200 Gb/s }');
  });
});

describe('derived figures in hover', () => {
  it('counts the parameters of the paper model (4.7 T)', async () => {
    const text = readExample('frontier-moe.moesys');
    const offset = text.indexOf('model paper-moe-c1') + 'model '.length;
    await hover({ text: `${text.slice(0, offset)}<|>${text.slice(offset)}`, index: 0, disposeAfterCheck: true, hover: /Parameters: \*\*4\.7\d* T\*\* total/ });
  });

  it("gives a link's power per GPU at the tier that uses it (72 W at 14.4 Tb/s and 5 pJ/bit)", async () => {
    const text =
      'link copper { kind = electrical; serdesEnergy = 5 pJ/bit }\nsystem s { tier up { domainSize = 144; bandwidth = 14.4 Tb/s; latency = 250 ns; link = copper } }';
    const offset = text.lastIndexOf('copper');
    await hover({
      text: `${text.slice(0, offset)}<|>${text.slice(offset)}`,
      index: 0,
      disposeAfterCheck: true,
      hover: /At this tier's 14\.4 Tb\/s per GPU: \*\*72 W\*\*/,
    });
  });

  it('gives the aggregate bandwidth of a pod', async () => {
    const text = readExample('frontier-moe.moesys');
    const offset = text.indexOf('bandwidth = 32 Tb/s');
    await hover({
      text: `${text.slice(0, offset)}<|>${text.slice(offset)}`,
      index: 0,
      disposeAfterCheck: true,
      hover: /512 × 32 Tb\/s = \*\*16\.38 Pb\/s\*\*/,
    });
  });

  it('explains what a sweep varies', async () => {
    const frontier = readExample('frontier-moe.moesys');
    await parse(frontier, 'file:///hover/frontier-moe.moesys');
    const sweep = readExample('pod-size-sweep.moesys');
    const offset = sweep.indexOf('vary system.scale-up.bandwidth') + 2;
    const document = await parse(`${sweep.slice(0, offset)}${sweep.slice(offset)}`, 'file:///hover/pod-size-sweep.moesys');
    const result = await moesys.lsp.HoverProvider!.getHoverContent(document, {
      textDocument: { uri: document.uri.toString() },
      position: document.textDocument.positionAt(offset),
    });
    expect((result?.contents as { value: string }).value).toMatch(/Sweeps `system\.scale-up\.bandwidth` of `passage512_c4`[\s\S]*bit rate/);
  });
});

describe('sweep path completion', () => {
  const base = `${readExample('frontier-moe.moesys')}\n`;
  it('proposes the scenario parts, then tiers and members', async () => {
    await completion({
      text: `${base}sweep s { scenario = passage512_c1\n vary <|> }`,
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => expect(labels(list.items)).toEqual(expect.arrayContaining(['system', 'model', 'training', 'assumptions'])),
    });
    await completion({
      text: `${base}sweep s { scenario = passage512_c1\n vary system.<|> }`,
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => expect(labels(list.items)).toEqual(expect.arrayContaining(['gpuCount', 'gpu', 'scale-up', 'scale-out'])),
    });
    await completion({
      text: `${base}sweep s { scenario = passage512_c1\n vary system.scale-up.<|> }`,
      index: 0,
      disposeAfterCheck: true,
      assert: (list) => expect(labels(list.items)).toEqual(expect.arrayContaining(['bandwidth', 'domainSize', 'link'])),
    });
  });
});
