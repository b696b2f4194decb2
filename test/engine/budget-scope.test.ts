/**
 * What a package power budget feeds (issue 12, item 3; paper §II-C3 and examples/power-budget.moesys).
 * The paper's 2028 GPU computes at 2,000 W (engine preset, assumed) and gets a budget sized for the
 * I/O it was drawn with: 32 Tb/s of 224G SerDes at 5 pJ/bit, 160 W, so B = 2,160 W. Line-rate I/O at
 * 32 Tb/s, all / in the package: LPO 13 / 5 pJ/bit → 416 / 160 W, 2.5D CPO 12 / 9.7 → 384 / 310.4 W,
 * Passage 4.3 / 3.2 → 137.6 / 102.4 W. Over budget the clock is f = ((B − P_io) / P_busy)^(1/3).
 * Watts to 1e-9, clock factors to 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { CPO_224G_25D, evaluate, LPO_1600G_DR8, PASSAGE_56G_8L, validateScenario, type LinkTechnology } from '../../engine/index.js';
import { packageIoPower } from '../../engine/power-budget.js';
import { podOnLink } from './budget-scenarios.js';

const BUSY = 2000;
const BUDGET = BUSY + 32e12 * 5e-12;

const pod = podOnLink;

describe('package power budget: package or tray', () => {
  it('feeds the in-package I/O by default and all of it with budgetCountsBoardIo', () => {
    const watts = (link: LinkTechnology, tray: boolean) => packageIoPower(pod(link, { tray }));
    expect(watts(LPO_1600G_DR8, false) / 160).toBeCloseTo(1, 9);
    expect(watts(CPO_224G_25D, false) / 310.4).toBeCloseTo(1, 9);
    expect(watts(PASSAGE_56G_8L, false) / 102.4).toBeCloseTo(1, 9);
    expect(watts(LPO_1600G_DR8, true) / 416).toBeCloseTo(1, 9);
    expect(watts(CPO_224G_25D, true) / 384).toBeCloseTo(1, 9);
    expect(watts(PASSAGE_56G_8L, true) / 137.6).toBeCloseTo(1, 9);
  });

  it('package budget: only CPO (310 W in the package) is over 2,160 W and clocks to ((2160 − 310.4) / 2000)^(1/3) = 97.4%', () => {
    const cpo = evaluate(pod(CPO_224G_25D, { budget: BUDGET }));
    expect(cpo.packagePower.clockFactor).toBeCloseTo(((BUDGET - 310.4) / BUSY) ** (1 / 3), 12);
    expect(cpo.packagePower.clockFactor).toBeCloseTo(0.9743, 4);
    // LPO's in-package I/O is the SerDes the budget was sized for: at most a rounding below 1.
    expect(evaluate(pod(LPO_1600G_DR8, { budget: BUDGET })).packagePower.clockFactor).toBeGreaterThan(1 - 1e-12);
    expect(evaluate(pod(PASSAGE_56G_8L, { budget: BUDGET })).packagePower.clockFactor).toBe(1);
  });

  it('tray budget: LPO and CPO at 32 Tb/s cost compute, Passage does not', () => {
    const lpo = evaluate(pod(LPO_1600G_DR8, { budget: BUDGET, tray: true }));
    const cpo = evaluate(pod(CPO_224G_25D, { budget: BUDGET, tray: true }));
    const passage = evaluate(pod(PASSAGE_56G_8L, { budget: BUDGET, tray: true }));
    expect(lpo.packagePower.clockFactor).toBeCloseTo(((BUDGET - 416) / BUSY) ** (1 / 3), 12); // 0.9554
    expect(cpo.packagePower.clockFactor).toBeCloseTo(((BUDGET - 384) / BUSY) ** (1 / 3), 12); // 0.9612
    expect(passage.packagePower.clockFactor).toBe(1);
    const free = evaluate(pod(PASSAGE_56G_8L));
    expect(passage.stepSeconds).toBe(free.stepSeconds);
    for (const slowed of [lpo, cpo]) {
      const f = slowed.packagePower.clockFactor;
      // Compute slows by at most 1/f (memory-bound work keeps HBM's pace), communication not at all.
      expect(slowed.breakdownSeconds.compute).toBeGreaterThan(free.breakdownSeconds.compute);
      expect(slowed.breakdownSeconds.compute).toBeLessThanOrEqual((free.breakdownSeconds.compute / f) * (1 + 1e-12));
      expect(slowed.breakdownSeconds.expertAllToAll).toBeCloseTo(free.breakdownSeconds.expertAllToAll, 12);
      expect(slowed.stepSeconds / free.stepSeconds).toBeGreaterThan(1.01);
      expect(slowed.stepSeconds / free.stepSeconds).toBeLessThan(1 / f);
      // Throttled compute draws what the budget leaves: B − P_io.
      expect(slowed.packagePower.computeWatts + slowed.packagePower.ioWatts).toBeCloseTo(BUDGET, 9);
    }
    expect(lpo.issues.find((i) => i.code === 'package-power-throttles')?.message).toMatch(
      /2000 W of compute and 416 W of scale-up I\/O \(package and board, budgetCountsBoardIo = true\).* 2160 W budget: compute clocks down to 95\.5%/,
    );
  });

  it('rejects a tray budget the board optics alone fill, saying where they sit', () => {
    const issue = validateScenario(pod(LPO_1600G_DR8, { budget: 400, tray: true })).find((i) => i.code === 'budget-below-io');
    expect(issue?.field).toBe('system.gpu.packagePowerBudget');
    expect(issue?.message).toMatch(/is 400 W, but its scale-up I\/O alone takes 416 W on package and board/);
  });
});
