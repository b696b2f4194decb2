/**
 * The one fitted assumption, scaleUpAllToAllEfficiency, is fitted on Fig. 10 alone (Passage Config 4
 * takes 1.02× Config 1); this test re-derives the fit and shows how Fig. 11 then follows.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, evaluate, paperScenario, type PaperConfig } from '../../engine/index.js';
import { fitScaleUpAllToAll, passageC4OverC1 } from '../../engine/calibration.js';

describe('calibration', () => {
  const fitted = fitScaleUpAllToAll();

  it("the fit is a real solution, not the clamp at a perfect all-to-all (the model's floor stays below 1.02)", () => {
    expect(passageC4OverC1(1)).toBeLessThan(1.02);
    expect(fitted).toBeLessThan(1);
  });

  it('the default scaleUpAllToAllEfficiency is the Fig. 10 fit, rounded to two digits', () => {
    expect(Math.abs(DEFAULT_ASSUMPTIONS.scaleUpAllToAllEfficiency - fitted)).toBeLessThan(0.01);
    expect(passageC4OverC1(DEFAULT_ASSUMPTIONS.scaleUpAllToAllEfficiency)).toBeCloseTo(1.02, 2);
  });

  it('the scale-out all-to-all efficiency is not fitted: changing it leaves the Fig. 10 fit alone', () => {
    const at = (scaleOutAllToAllEfficiency: number) => {
      const s = (c: PaperConfig) => {
        const base = paperScenario('passage512', c);
        return evaluate({ ...base, assumptions: { ...base.assumptions, scaleOutAllToAllEfficiency } }).stepSeconds;
      };
      return s(4) / s(1);
    };
    expect(at(0.3)).toBeCloseTo(at(1), 9);
  });

  it('a less efficient in-pod all-to-all would make Passage Config 4 slower than published', () => {
    expect(passageC4OverC1(0.67)).toBeGreaterThan(1.02 * 1.02);
  });
});
