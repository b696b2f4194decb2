/**
 * The package power budget (paper §II-C3): a package's scale-up I/O at line rate comes out of the
 * same power it can deliver and cool as its compute. Over budget, compute clocks down until compute
 * and I/O fit: with compute power P ∝ fⁿ (`clockPowerExponent`), the clock falls to
 * f = ((B − P_io) / P_busy)^(1/n) and every FLOP/s of the package with it.
 */
import type { Scenario } from './types.js';
import { inPackageEnergyPerBit, totalEnergyPerBit } from './presets/links.js';
import type { PackagePowerBudget } from './results.js';

/** GPU busy power, W: its own figure or the assumption's default. */
export function busyPowerOf(s: Scenario): number {
  return s.system.gpu.busyPower ?? s.assumptions.defaultGpuBusyPower;
}

/**
 * Scale-up I/O power at line rate the budget feeds, W: the first tier is the package's own I/O. Its
 * in-package part, or all of it when the budget is the GPU's share of the tray (`budgetCountsBoardIo`).
 */
export function packageIoPower(s: Scenario): number {
  const scaleUp = s.system.tiers[0];
  if (!scaleUp) return 0;
  const perBit = s.assumptions.budgetCountsBoardIo ? totalEnergyPerBit(scaleUp.link) : inPackageEnergyPerBit(scaleUp.link);
  return scaleUp.bandwidthPerGpu * perBit;
}

/** Where the I/O the budget feeds sits, for messages. */
export function budgetIoPlace(s: Scenario): string {
  return s.assumptions.budgetCountsBoardIo ? 'on package and board (budgetCountsBoardIo = true)' : 'in the package';
}

/** How messages name the I/O the budget feeds. */
export function budgetIoWords(s: Scenario): string {
  return s.assumptions.budgetCountsBoardIo ? 'scale-up I/O (package and board, budgetCountsBoardIo = true)' : 'in-package scale-up I/O';
}

export function packagePowerBudget(s: Scenario): PackagePowerBudget {
  const budgetWatts = s.system.gpu.packagePowerBudget ?? 0;
  const ioWatts = packageIoPower(s);
  const busyComputeWatts = busyPowerOf(s);
  const available = budgetWatts - ioWatts;
  const over = budgetWatts > 0 && busyComputeWatts + ioWatts > budgetWatts && busyComputeWatts > 0;
  // Validation rejects a budget at or below the I/O power, so `available` is positive here.
  const clockFactor = over ? Math.min(1, (Math.max(available, 0) / busyComputeWatts) ** (1 / s.assumptions.clockPowerExponent)) : 1;
  return { budgetWatts, ioWatts, busyComputeWatts, clockFactor, computeWatts: busyComputeWatts * clockFactor ** s.assumptions.clockPowerExponent };
}

/** The scenario as its package runs: peak FLOP/s, and the matmul ceilings with them, scaled by the clock (HBM bandwidth is not clocked with the cores). */
export function throttledScenario(s: Scenario, clockFactor: number): Scenario {
  if (clockFactor >= 1) return s;
  const peakFlops = Object.fromEntries(Object.entries(s.system.gpu.peakFlops).map(([datatype, flops]) => [datatype, (flops ?? 0) * clockFactor]));
  return { ...s, system: { ...s.system, gpu: { ...s.system.gpu, peakFlops } } };
}
