/** Sliding-window attention: a windowed layer's causal scores are a band, not the sequence's triangle. */
import { describe, expect, it } from 'vitest';
import { evaluate, forwardFlopsPerToken, MIXTRAL_8X7B, type ModelSpec, type Scenario } from '../../engine/index.js';
import { attentionWorkShare } from '../../engine/parameters.js';
import { layerOperations } from '../../engine/compute.js';
import { degreesOf } from '../../engine/placement.js';
import { gpt3OnH100 } from './training-fixture.js';

const s = 4096;
const windowed = (attentionWindow?: number, fullAttentionInterval?: number): ModelSpec => ({
  ...MIXTRAL_8X7B,
  sequenceLength: s,
  attentionWindow,
  fullAttentionInterval,
});

describe('sliding-window attention', () => {
  it('computes w − w(w − 1)/2s keys per query in a windowed layer, half the triangle in a full one', () => {
    const band = (128 - (128 * 127) / (2 * s)) / s;
    expect(attentionWorkShare(windowed(128), 0.5, false)).toBeCloseTo(band, 12);
    // GPT-OSS: every other layer full.
    expect(attentionWorkShare(windowed(128, 2), 0.5, false)).toBeCloseTo(band / 2 + 0.25, 12);
    // Gemma 3: one layer in six full.
    expect(attentionWorkShare(windowed(1024, 6), 0.5, false)).toBeCloseTo((5 / 6) * ((1024 - (1024 * 1023) / (2 * s)) / s) + 0.5 / 6, 12);
  });

  it('changes nothing when the window covers the sequence, or for an unfused kernel, which computes the whole square', () => {
    expect(attentionWorkShare(windowed(s), 0.5, false)).toBe(0.5);
    expect(attentionWorkShare(windowed(128, 2), 0.5, true)).toBe(1);
  });

  it("shrinks the attention core's time, not the model FLOPs that MFU counts", () => {
    // Mixtral's layers on the 256-H100 TP 8 × PP 8 job, 8 experts over its 4 DP ranks.
    const on = (model: ModelSpec): Scenario => ({ ...gpt3OnH100({ expertsPerDpRank: 2 }), model });
    const full = on(windowed());
    const gptOssLike = on(windowed(128, 2));
    const core = (scenario: Scenario) => layerOperations(scenario, degreesOf(scenario), true).find((op) => op.name === 'attention core')!.flops;
    expect(core(gptOssLike) / core(full)).toBeCloseTo(attentionWorkShare(windowed(128, 2), 0.5, false) / 0.5, 9);
    expect(evaluate(gptOssLike).stepSeconds).toBeLessThan(evaluate(full).stepSeconds);
    expect(forwardFlopsPerToken(gptOssLike.model)).toBe(forwardFlopsPerToken(full.model));
  });
});
