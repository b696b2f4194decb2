/**
 * The engine's one fitted value: `scaleUpAllToAllEfficiency`, fitted on Fig. 10 alone (Passage
 * Config 4 takes 1.02× Config 1, where all expert traffic stays in the 512-GPU pod). Nothing else in
 * the reference is used for fitting; `test/engine/calibration.test.ts` re-derives the fit.
 */
import type { Scenario } from './types.js';
import { evaluate } from './evaluate.js';
import { paperScenario } from './presets/paper-study.js';

/** The published Fig. 10 ratio the fit targets. */
export const FIG10_PASSAGE_C4_OVER_C1 = 1.02;

function withScaleUpAllToAll(s: Scenario, efficiency: number): Scenario {
  return { ...s, assumptions: { ...s.assumptions, scaleUpAllToAllEfficiency: efficiency } };
}

/** Passage Config 4 over Config 1 at a given scale-up all-to-all efficiency. */
export function passageC4OverC1(efficiency: number): number {
  const step = (c: 1 | 4) => evaluate(withScaleUpAllToAll(paperScenario('passage512', c), efficiency)).stepSeconds;
  return step(4) / step(1);
}

/**
 * Bisection for the efficiency at which Passage C4 / C1 = 1.02 (the ratio falls as the all-to-all
 * gets more efficient). Returns 1 when even a perfect all-to-all leaves the ratio above the target.
 */
export function fitScaleUpAllToAll(): number {
  if (passageC4OverC1(1) > FIG10_PASSAGE_C4_OVER_C1) return 1;
  let lo = 0.05;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (passageC4OverC1(mid) > FIG10_PASSAGE_C4_OVER_C1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
