/**
 * The main example encodes the reference paper's Section VI study; its lowered scenarios must
 * equal the engine's own presets, and its studies must show the published ratios.
 */
import { describe, expect, it } from 'vitest';
import { paperScenario, type PaperConfig } from '../../engine/index.js';
import { lowerScenario } from '../../language/semantics/lowering.js';
import type { CompareStudy } from '../../language/semantics/studies.js';
import { declaration, errors, moesys, parse, readExample, warnings } from './helpers.js';

/** Deep equality with a relative tolerance on numbers; a missing key equals `undefined`. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const tolerance = 1e-9 * Math.max(Math.abs(expected), Number.MIN_VALUE);
    expect(Math.abs((actual as number) - expected) <= tolerance, `${path}: ${actual} vs ${expected}`).toBe(true);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(actual !== null && typeof actual === 'object', `${path} is an object`).toBe(true);
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual as object)]);
  for (const key of keys) {
    expectClose((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  }
}

describe('examples/frontier-moe.moesys', async () => {
  const document = await parse(readExample('frontier-moe.moesys'), 'file:///examples/frontier-moe.moesys');

  it("has no errors, and one warning: the hypothetical copper 512-pod is beyond copper's reach", () => {
    expect(errors(document).map((diagnostic) => diagnostic.message)).toEqual([]);
    // 512 packages over 4 racks of 144 need about 1 m + 3 × 0.6 m of cable; copper reaches 1 m.
    expect(warnings(document).map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringMatching(
        /^tier 'scale-up' spreads 512 GPUs over 4 racks of 144 \(gpusPerRack\), so its cables run about 2\.8 m, but link 'copper-224g' reaches 1 m/,
      ),
    ]);
  });

  for (const system of ['passage512', 'electrical512', 'electrical144'] as const) {
    for (const config of [1, 2, 3, 4] as PaperConfig[]) {
      it(`lowers ${system}_c${config} to the engine preset`, () => {
        const lowered = lowerScenario(declaration(document, `${system}_c${config}`));
        expect(lowered.ok).toBe(true);
        if (lowered.ok) expectClose(lowered.lowered.scenario, paperScenario(system, config));
      });
    }
  }

  it('analyses every scenario to its preset, whatever the order (declarations lowered once are shared)', async () => {
    // Passage first: its switch declaration, shared with electrical512, must not keep Passage's link.
    const { evaluate } = await import('../../engine/index.js');
    for (const system of ['passage512', 'electrical512', 'electrical144'] as const) {
      for (const config of [1, 2, 3, 4] as PaperConfig[]) {
        const analysed = moesys.analysis.BuildAnalysis.scenario(declaration(document, `${system}_c${config}`));
        expectClose(analysed.lowered!.scenario, paperScenario(system, config));
        expect(analysed.result!.interconnectEnergyJoules).toBeCloseTo(evaluate(paperScenario(system, config)).interconnectEnergyJoules, -3);
      }
    }
  });

  it("reproduces Fig. 10 within ±10% and Fig. 11 within ±10% under the paper's placement (slower under the real one)", () => {
    const analysis = moesys.analysis.BuildAnalysis;
    const fig10 = analysis.study(declaration(document, 'fig10')) as CompareStudy;
    const fig11 = analysis.study(declaration(document, 'fig11')) as CompareStudy;
    const ratio = (study: CompareStudy, scenario: string) => study.rows.find((row) => row.scenario === scenario)!.timeRatio!;
    expect(ratio(fig10, 'passage512_c4')).toBeCloseTo(1.02, 1);
    [1.4, 1.4, 1.3, 1.3].forEach((published, index) => {
      const config = index + 1;
      const alternative = ratio(fig10, `electrical512_c${config}`) / ratio(fig10, `passage512_c${config}`);
      expect(Math.abs(alternative / published - 1), `Fig. 10 Config ${config}: ${alternative}`).toBeLessThanOrEqual(0.1);
    });
    const paperPlacement = analysis.study(declaration(document, 'fig11PaperPlacement')) as CompareStudy;
    for (const [config, published] of [
      [1, 1.6],
      [4, 2.7],
    ] as const) {
      const ideal = ratio(paperPlacement, `electrical144_c${config}_paperPlacement`) / ratio(paperPlacement, `passage512_c${config}`);
      expect(Math.abs(ideal / published - 1), `Fig. 11 Config ${config}, paper's placement: ${ideal}`).toBeLessThanOrEqual(0.1);
      const real = ratio(fig11, `electrical144_c${config}`) / ratio(fig11, `passage512_c${config}`);
      expect(real, `Fig. 11 Config ${config}, real placement`).toBeGreaterThan(ideal);
    }
  });

  it('compares interconnect energy of LPO, 2.5D CPO and Passage', () => {
    const study = moesys.analysis.BuildAnalysis.study(declaration(document, 'scale-up-optics-energy')) as CompareStudy;
    const energy = (name: string) => study.rows.find((row) => row.scenario === name)!.energyRatio!;
    expect(energy('passage512_c1')).toBe(1);
    expect(energy('passage512_c1_lpo')).toBeGreaterThan(energy('passage512_c1_cpo'));
    expect(energy('passage512_c1_cpo')).toBeGreaterThan(1.5);
  });
});
