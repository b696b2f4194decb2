/** Parameter and FLOP counts against published model sizes. */
import { describe, expect, it } from 'vitest';
import { countParameters, DEEPSEEK_V3, forwardFlopsPerToken, GPT3_175B, MIXTRAL_8X7B, paperMoe } from '../../engine/index.js';

describe('parameter counts', () => {
  it('GPT-3 175B has 175 B parameters (±1%)', () => {
    expect(countParameters(GPT3_175B).total / 1e9).toBeGreaterThan(175 * 0.99);
    expect(countParameters(GPT3_175B).total / 1e9).toBeLessThan(175 * 1.01);
  });

  it('Mixtral 8x7B has 46.7 B parameters, 12.9 B active (±1%)', () => {
    const p = countParameters(MIXTRAL_8X7B);
    expect(p.total / 46.7e9).toBeCloseTo(1, 1);
    expect(Math.abs(p.total / 46.7e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(p.active / 12.9e9 - 1)).toBeLessThan(0.01);
  });

  it('DeepSeek-V3 with MLA has 671 B parameters, 37 B active, its MTP module not counted (±0.5%, ±2%)', () => {
    const p = countParameters(DEEPSEEK_V3);
    expect(Math.abs(p.total / 671e9 - 1)).toBeLessThan(0.005);
    expect(Math.abs(p.active / 37e9 - 1)).toBeLessThan(0.02);
  });

  it('fine-grained experts keep the active parameters of the paper model constant', () => {
    const active = [1, 2, 3, 4].map((c) => countParameters(paperMoe(c as 1 | 2 | 3 | 4)).active);
    // Only the router grows (d × experts per layer): 0.15% more at 256 experts.
    for (const a of active) expect(Math.abs(a / active[0] - 1)).toBeLessThan(0.002);
  });

  it('forward FLOPs per token of GPT-3: 2 × 12 L h² for the matrices, 4 s h L for attention, 2 V h for the head', () => {
    const { layers: l, hiddenSize: h, sequenceLength: s, vocabularySize: v } = GPT3_175B;
    expect(forwardFlopsPerToken(GPT3_175B)).toBe(2 * 12 * l * h * h + 4 * s * h * l + 2 * v * h);
  });
});
