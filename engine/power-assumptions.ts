/**
 * Assumptions of system power beyond `decision-assumptions.ts`: the switches of a scale-out tier
 * that names none, and what a package power budget has to feed.
 */
import type { Assumptions } from './types.js';
import type { AssumptionInfo } from './assumptions.js';

type PowerKey = 'scaleOutSwitchRadix' | 'budgetCountsBoardIo';

export const POWER_DEFAULTS: Readonly<Pick<Assumptions, PowerKey>> = {
  scaleOutSwitchRadix: 64,
  budgetCountsBoardIo: false,
};

export const POWER_ASSUMPTION_INFO: Readonly<Record<PowerKey, AssumptionInfo>> = {
  scaleOutSwitchRadix: {
    key: 'scaleOutSwitchRadix',
    kind: 'count',
    min: 4,
    max: 4096,
    doc:
      "Ports per switch of a scale-out tier that names no `switch`: it is still a folded Clos (no cluster joins thousands of GPUs by direct links), one port per GPU at the tier's bandwidth, " +
      'and its switch ports and ASIC cores count in system power and energy-to-train (not in its latency, which the tier gives). 64: a 102.4 Tb/s Tomahawk 6 has 64 × 1.6 Tb/s ports, ' +
      'a Quantum-2 64 × 400 Gb/s; 32,768 GPUs then need three levels.',
  },
  budgetCountsBoardIo: {
    key: 'budgetCountsBoardIo',
    kind: 'boolean',
    doc:
      'What `packagePowerBudget` feeds besides compute. false: only the in-package part of the scale-up I/O at line rate (SerDes, on-package optics and lasers); ' +
      'external lasers and board modules have their own supply, which the paper counts as Passage\'s advantage ("allows for greater power delivery to compute", §III d). ' +
      'true: the GPU\'s share of its tray budget, so board modules and external lasers count too (§II-C3: optics "must fit within the GPU package and tray power budgets"; 288 W at 20 pJ/bit "reduces power available to computation").',
  },
};
