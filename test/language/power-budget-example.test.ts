/**
 * examples/power-budget.moesys: the paper's 2028 GPU (2,000 W of compute) with a 2,160 W package
 * budget (its compute plus 32 Tb/s × 5 pJ/bit of SerDes). Clock f = ((B − P_io) / 2000)^(1/3):
 * package budget, CPO 310.4 W → 97.4%; tray budget, LPO 416 W → 95.5%, CPO 384 W → 96.1%;
 * Passage (102.4 / 137.6 W) never. Clock factors to 1e-9, step times relative.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/index.js';
import { lowerScenario } from '../../language/semantics/lowering.js';
import { declaration, errors, messageOf, parse, readExample, warnings } from './helpers.js';

describe('examples/power-budget.moesys', async () => {
  const document = await parse(readExample('power-budget.moesys'), 'file:///examples/power-budget.moesys');
  const run = (name: string) => {
    const lowered = lowerScenario(declaration(document, name));
    if (!lowered.ok) throw new Error(`${name} does not lower`);
    return evaluate(lowered.lowered.scenario);
  };

  it('has no errors, and warns of exactly the three throttled packages', () => {
    expect(errors(document).map(messageOf)).toEqual([]);
    const throttled = warnings(document)
      .map(messageOf)
      .filter((m) => m.includes('clocks down'));
    expect(throttled).toHaveLength(3);
    expect(throttled.join('\n')).toMatch(/budgeted-cpo/);
    expect(throttled.join('\n')).toMatch(/tray-lpo/);
    expect(throttled.join('\n')).toMatch(/tray-cpo/);
  });

  it('clocks CPO down under the package budget, LPO and CPO under the tray budget, and Passage never', () => {
    const f = (name: string) => run(name).packagePower.clockFactor;
    expect(f('budgeted-cpo')).toBeCloseTo(((2160 - 310.4) / 2000) ** (1 / 3), 9);
    expect(f('tray-lpo')).toBeCloseTo(((2160 - 416) / 2000) ** (1 / 3), 9);
    expect(f('tray-cpo')).toBeCloseTo(((2160 - 384) / 2000) ** (1 / 3), 9);
    expect(f('budgeted-passage')).toBe(1);
    expect(f('tray-passage')).toBe(1);
    expect(f('budgeted-lpo')).toBeGreaterThan(1 - 1e-12);
  });

  it("slows the throttled steps and leaves Passage's at the unbudgeted pace", () => {
    const free = run('unbudgeted-passage').stepSeconds;
    expect(run('budgeted-passage').stepSeconds).toBe(free);
    expect(run('tray-passage').stepSeconds).toBe(free);
    for (const name of ['budgeted-cpo', 'tray-lpo', 'tray-cpo']) {
      const r = run(name);
      expect(r.stepSeconds / free, name).toBeGreaterThan(1.005);
      expect(r.stepSeconds / free, name).toBeLessThan(1 / r.packagePower.clockFactor);
    }
  });
});
