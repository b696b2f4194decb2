/**
 * The package power budget (paper §II-C3): a 2028 GPU whose 32 Tb/s of scale-up I/O comes out of
 * its package budget. In-package I/O at line rate: LPO 5 pJ/bit (SerDes; module on the board) = 160 W,
 * 2.5D CPO 5 + 4.7 = 9.7 pJ/bit = 310.4 W, Passage 2 + 1.2 = 3.2 pJ/bit = 102.4 W.
 */
import { describe, expect, it } from 'vitest';
import {
  CPO_224G_25D,
  evaluate,
  LPO_1600G_DR8,
  paperScenario,
  PASSAGE_56G_8L,
  searchParallelism,
  validateScenario,
  type LinkTechnology,
} from '../../engine/index.js';
import { podOnLink } from './budget-scenarios.js';

/** An illustrative budget: the 2,000 W of compute (assumed) plus 150 W for I/O. Not a vendor figure. */
const BUDGET = 2150;

const onLink = (link: LinkTechnology, budget?: number) => podOnLink(link, { budget });

describe('package power budget', () => {
  it('counts the in-package part of the scale-up I/O at line rate', () => {
    expect(evaluate(onLink(LPO_1600G_DR8, BUDGET)).packagePower.ioWatts).toBeCloseTo(32e12 * 5e-12, 6);
    expect(evaluate(onLink(CPO_224G_25D, BUDGET)).packagePower.ioWatts).toBeCloseTo(32e12 * 9.7e-12, 6);
    expect(evaluate(onLink(PASSAGE_56G_8L, BUDGET)).packagePower.ioWatts).toBeCloseTo(32e12 * 3.2e-12, 6);
  });

  it('clocks compute down to f = ((B − P_io) / P_busy)^(1/3) over budget: LPO and CPO at 32 Tb/s slow, Passage does not', () => {
    const lpo = evaluate(onLink(LPO_1600G_DR8, BUDGET));
    const cpo = evaluate(onLink(CPO_224G_25D, BUDGET));
    const passage = evaluate(onLink(PASSAGE_56G_8L, BUDGET));
    expect(lpo.packagePower.clockFactor).toBeCloseTo(((BUDGET - 160) / 2000) ** (1 / 3), 9); // 0.9983
    expect(cpo.packagePower.clockFactor).toBeCloseTo(((BUDGET - 310.4) / 2000) ** (1 / 3), 9); // 0.9725
    expect(passage.packagePower.clockFactor).toBe(1);
    // Throttled compute draws exactly what is left: B − P_io.
    expect(cpo.packagePower.computeWatts).toBeCloseTo(BUDGET - 310.4, 6);
    const unlimited = (link: LinkTechnology) => evaluate(onLink(link));
    expect(passage.stepSeconds).toBe(unlimited(PASSAGE_56G_8L).stepSeconds);
    expect(cpo.stepSeconds).toBeGreaterThan(unlimited(CPO_224G_25D).stepSeconds);
    expect(lpo.stepSeconds).toBeGreaterThan(unlimited(LPO_1600G_DR8).stepSeconds);
    // Only compute slows, by 1/f at most: the step grows by less than the compute's 1/f − 1.
    const cpoFree = unlimited(CPO_224G_25D);
    expect(cpo.breakdownSeconds.compute).toBeGreaterThan(cpoFree.breakdownSeconds.compute);
    expect(cpo.breakdownSeconds.compute).toBeLessThanOrEqual((cpoFree.breakdownSeconds.compute / cpo.packagePower.clockFactor) * (1 + 1e-12));
    expect(cpo.issues.find((i) => i.code === 'package-power-throttles')?.message).toMatch(
      /2000 W of compute and 310 W .* 2150 W budget: compute clocks down to 97\.3%/,
    );
  });

  it('times the splits of a parallelism search at the clock the budget leaves, as evaluate does', () => {
    const cpo = onLink(CPO_224G_25D, BUDGET);
    const [best] = searchParallelism(cpo, { keep: 1, recompute: ['none'], virtualStages: [1] }).best;
    const evaluated = evaluate({ ...cpo, training: best.training });
    expect(evaluated.packagePower.clockFactor).toBeLessThan(1);
    expect(best.stepSeconds).toBeCloseTo(evaluated.stepSeconds, 12);
  });

  it('leaves the paper study untouched: its GPU sets no budget', () => {
    for (const system of ['passage512', 'electrical512', 'electrical144'] as const) {
      expect(evaluate(paperScenario(system, 1)).packagePower).toMatchObject({ budgetWatts: 0, clockFactor: 1 });
    }
  });

  it('rejects a budget the I/O alone fills, naming the numbers', () => {
    const issues = validateScenario(onLink(CPO_224G_25D, 300));
    expect(issues.find((i) => i.code === 'budget-below-io')?.message).toMatch(
      /'packagePowerBudget' of GPU 'paper-gpu-2028' is 300 W, but its scale-up I\/O alone takes 310 W/,
    );
  });
});
