/**
 * The one fitted assumption, allToAllEfficiency, is fitted on Fig. 10 alone (Passage Config 4 takes
 * 1.02× Config 1); this test re-derives the fit and shows how well Fig. 11 then follows.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, evaluate, paperScenario, type PaperConfig, type Scenario } from '../../engine/index.js';

const withA2a = (s: Scenario, allToAllEfficiency: number): Scenario => ({ ...s, assumptions: { ...s.assumptions, allToAllEfficiency } });
const step = (system: 'passage512' | 'electrical144', c: PaperConfig, eff: number) => evaluate(withA2a(paperScenario(system, c), eff)).stepSeconds;

/** Bisection on Passage C4 / C1 = 1.02: the ratio falls as the all-to-all gets more efficient. */
function fitOnFig10(): number {
  let lo = 0.2;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const ratio = step('passage512', 4, mid) / step('passage512', 1, mid);
    if (ratio > 1.02) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('calibration', () => {
  const fitted = fitOnFig10();

  it('the default allToAllEfficiency is the Fig. 10 fit, rounded to two digits', () => {
    expect(Math.abs(DEFAULT_ASSUMPTIONS.allToAllEfficiency - fitted)).toBeLessThan(0.01);
  });

  it('with that fit, Fig. 11 (never used for fitting) lands within ±10% at Configs 1 and 4', () => {
    const ratio = (c: PaperConfig) => step('electrical144', c, fitted) / step('passage512', c, fitted);
    expect(ratio(1)).toBeGreaterThan(1.6 * 0.9);
    expect(ratio(1)).toBeLessThan(1.6 * 1.1);
    expect(ratio(4)).toBeGreaterThan(2.7 * 0.9);
    expect(ratio(4)).toBeLessThan(2.7 * 1.1);
  });

  it('without the all-to-all penalty Fig. 11 Config 4 would miss by more than 10%', () => {
    const ratio = step('electrical144', 4, 1) / step('passage512', 4, 1);
    expect(ratio).toBeLessThan(2.7 * 0.9);
  });
});
