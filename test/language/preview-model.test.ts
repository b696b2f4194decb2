/** The preview model the server pushes (`moesys/preview/model`), and study hovers. */
import { describe, expect, it } from 'vitest';
import { expectHover } from 'langium/test';
import { buildPreviewModel } from '../../language/analysis/preview-model.js';
import { isPreviewProblems, type PreviewModel } from '../../protocol/preview.js';
import { moesys, parse, readExample } from './helpers.js';

describe('preview model', () => {
  it('carries every scenario with its result and the compare studies', async () => {
    const document = await parse(readExample('frontier-moe.moesys'));
    const response = buildPreviewModel(document, moesys.analysis.BuildAnalysis);
    expect(isPreviewProblems(response)).toBe(false);
    const model = response as PreviewModel;
    expect(model.scenarios).toHaveLength(16);
    expect(model.scenarios.every((scenario) => scenario.result && scenario.result.stepSeconds > 0)).toBe(true);
    const fig11 = model.studies.find((study) => study.name === 'fig11');
    expect(fig11?.kind).toBe('compare');
    if (fig11?.kind === 'compare') {
      expect(fig11.baseline).toBe('passage512_c1');
      expect(fig11.entries.find((entry) => entry.scenario === 'electrical144_c4')!.ratio).toBeGreaterThan(2);
    }
    // The one warning: the paper's hypothetical copper 512-pod spans 4 racks, beyond copper's reach.
    expect(model.diagnostics).toMatchObject({ errors: 0, warnings: 1 });
    // Listed with its line, as the editor shows it: the report has no other place for it.
    expect(model.diagnostics.warningList).toEqual([
      {
        line: 116,
        message: expect.stringMatching(
          /^tier 'scale-up' spreads 512 GPUs over 4 racks of 144 .*\(scenarios electrical512_c1, electrical512_c2, electrical512_c3, electrical512_c4\)$/,
        ),
      },
    ]);
  });

  it('answers with a problem count and no numbers when the document has errors', async () => {
    const document = await parse('switch x { radix = 4 TB/s }');
    const response = buildPreviewModel(document, moesys.analysis.BuildAnalysis);
    expect(isPreviewProblems(response)).toBe(true);
  });

  it('evaluates sweeps over imported scenarios', async () => {
    await parse(readExample('frontier-moe.moesys'), 'file:///preview/frontier-moe.moesys');
    const document = await parse(readExample('pod-size-sweep.moesys'), 'file:///preview/pod-size-sweep.moesys');
    const model = buildPreviewModel(document, moesys.analysis.BuildAnalysis) as PreviewModel;
    const sweep = model.studies.find((study) => study.name === 'scale-up-bandwidth');
    expect(sweep?.kind).toBe('sweep');
    if (sweep?.kind === 'sweep') {
      expect(sweep.unit).toBe('bit/s');
      expect(sweep.points.map((point) => point.value)).toEqual([2e12, 4e12, 8e12, 16e12, 32e12]);
      const times = sweep.points.map((point) => point.result!.timeToTrainSeconds);
      expect(times[0]).toBeGreaterThan(times[4]);
    }
    expect(model.scenarios.map((scenario) => scenario.name)).toContain('passage512_c4');
  });

  it('reveals an imported scenario where this document mentions it, not at its line in the other file', async () => {
    await parse(readExample('frontier-moe.moesys'), 'file:///imports/frontier-moe.moesys');
    const main = 'import "frontier-moe.moesys"\n\ncompare mine {\n    baseline = passage512_c1\n    scenarios = [passage512_c1, electrical144_c4]\n}\n';
    const document = await parse(main, 'file:///imports/main.moesys');
    const model = buildPreviewModel(document, moesys.analysis.BuildAnalysis) as PreviewModel;
    expect(model.scenarios.map((scenario) => [scenario.name, scenario.line])).toEqual([
      ['passage512_c1', 2],
      ['electrical144_c4', 2],
    ]);
    const compare = model.studies[0];
    expect(compare.kind === 'compare' && compare.entries.map((entry) => entry.scenario)).toEqual(['passage512_c1', 'electrical144_c4']);
  });

  it("shows a study's ratios on hover", async () => {
    const text = readExample('frontier-moe.moesys');
    const offset = text.indexOf('compare fig10') + 'compare '.length;
    await expectHover(moesys)({
      text: `${text.slice(0, offset)}<|>${text.slice(offset)}`,
      index: 0,
      disposeAfterCheck: true,
      hover: /Relative to `passage512_c1`[\s\S]*electrical512_c1 \| 1\.3/,
    });
  });
});

describe('imports outside the workspace', () => {
  it('are loaded on demand and the importer is rebuilt', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { NodeFileSystem } = await import('langium/node');
    const { URI } = await import('langium');
    const { createMoesysServices } = await import('../../language/moesys-module.js');
    const { loadImportsOnDemand } = await import('../../language/semantics/import-loader.js');
    const dir = mkdtempSync(join(tmpdir(), 'moesys-imports-'));
    writeFileSync(join(dir, 'hardware.moesys'), 'link nv { kind = electrical }\n');
    writeFileSync(join(dir, 'main.moesys'), 'import "hardware.moesys"\nswitch x { radix = 8; portBandwidth = 1 Tb/s; link = nv }\n');
    const { shared } = createMoesysServices(NodeFileSystem);
    loadImportsOnDemand(shared);
    const main = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(join(dir, 'main.moesys')));
    await shared.workspace.DocumentBuilder.build([main], { validation: true });
    expect((main.diagnostics ?? []).length).toBeGreaterThan(0); // not loaded yet
    // While the importer is rebuilt its diagnostics are unset: wait for the rebuilt ones (up to 10 s on a loaded machine).
    for (let attempt = 0; attempt < 500 && (main.diagnostics === undefined || main.diagnostics.length > 0); attempt++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(main.diagnostics).toEqual([]);
  });
});
