/**
 * Assumptions of the decision metrics: system power, the package power budget, cost, goodput and
 * physical reach. Each is a named default a scenario may override; prices are assumptions (labelled
 * so in their docs), failure rates are derived from Llama 3's published interruptions where they can be.
 */
import type { Assumptions } from './types.js';
import type { AssumptionInfo } from './assumptions.js';

type DecisionKey =
  | 'gpuIdlePowerShare'
  | 'defaultGpuBusyPower'
  | 'hostPowerPerGpu'
  | 'nicPowerPerGpu'
  | 'switchCoreEnergyPerBit'
  | 'powerUsageEffectiveness'
  | 'clockPowerExponent'
  | 'electricityPricePerKwh'
  | 'depreciationSeconds'
  | 'defaultGpuPrice'
  | 'switchPricePerPort'
  | 'copperPricePerGbps'
  | 'fibrePricePerGbps'
  | 'gpuFit'
  | 'opticsFitPerTbps'
  | 'laserFitPerTbps'
  | 'switchFit'
  | 'checkpointSeconds'
  | 'restartSeconds'
  | 'checkpointIntervalSeconds'
  | 'gpusPerRack'
  | 'rackCableMeters'
  | 'rackPitchMeters'
  | 'scaleOutSwitchRadix'
  | 'budgetCountsBoardIo';

const DAY = 86_400;
const YEAR = 365 * DAY;

export const DECISION_DEFAULTS: Readonly<Pick<Assumptions, DecisionKey>> = {
  gpuIdlePowerShare: 0.4,
  defaultGpuBusyPower: 1000,
  hostPowerPerGpu: 250,
  nicPowerPerGpu: 25,
  switchCoreEnergyPerBit: 4e-12,
  powerUsageEffectiveness: 1.2,
  clockPowerExponent: 3,
  electricityPricePerKwh: 0.08,
  depreciationSeconds: 4 * YEAR,
  defaultGpuPrice: 30_000,
  switchPricePerPort: 300,
  copperPricePerGbps: 0.05,
  fibrePricePerGbps: 0.02,
  gpuFit: 18_000,
  opticsFitPerTbps: 100,
  laserFitPerTbps: 300,
  switchFit: 2_000,
  checkpointSeconds: 30,
  restartSeconds: 300,
  checkpointIntervalSeconds: 0,
  gpusPerRack: 144,
  rackCableMeters: 1,
  rackPitchMeters: 0.6,
  scaleOutSwitchRadix: 64,
  budgetCountsBoardIo: false,
};

export const DECISION_ASSUMPTION_INFO: Readonly<Record<DecisionKey, AssumptionInfo>> = {
  gpuIdlePowerShare: {
    key: 'gpuIdlePowerShare',
    kind: 'fraction',
    min: 0,
    max: 1,
    doc:
      'Power of a GPU package while it waits (on communication, in the pipeline bubble) as a share of its busy power: clocks stay up and NCCL kernels spin. ' +
      '0.4 (assumed): H100s idle near 100 W of 700 W with clocks down, and draw 40–60% of busy power when stalled mid-step.',
  },
  defaultGpuBusyPower: {
    key: 'defaultGpuBusyPower',
    kind: 'watts',
    min: 0,
    max: 1e5,
    doc:
      'Package power at full compute (logic and HBM, without the scale-up I/O counted from its link) of a GPU that gives no `busyPower`. ' +
      '1000 W (assumed): a B200 in an HGX board.',
  },
  hostPowerPerGpu: {
    key: 'hostPowerPerGpu',
    kind: 'watts',
    min: 0,
    max: 1e5,
    doc:
      'Host power per GPU: CPUs, DRAM, fans, storage and power conversion of the server, shared over its GPUs. ' +
      '250 W (assumed): a DGX H100 draws 10.2 kW at most for 8 × 700 W GPUs, about 575 W per GPU beyond them at peak, roughly half of it when training.',
  },
  nicPowerPerGpu: {
    key: 'nicPowerPerGpu',
    kind: 'watts',
    min: 0,
    max: 1e4,
    doc: 'Scale-out NIC ASIC per GPU, beyond the link energy its optics are charged: 25 W (ConnectX-7 is rated about 25 W).',
  },
  switchCoreEnergyPerBit: {
    key: 'switchCoreEnergyPerBit',
    kind: 'joulesPerBit',
    min: 0,
    max: 1e-9,
    doc:
      "Switch ASIC core (packet processing, buffers, NoC) energy per bit of switching capacity, beyond its ports' link energy; a switch draws it at line rate, busy or not, unless it gives `corePower`. " +
      '4 pJ/bit (assumed): a 51.2 Tb/s Tomahawk 5 draws about 500 W, of which roughly 300 W is its SerDes.',
  },
  powerUsageEffectiveness: {
    key: 'powerUsageEffectiveness',
    kind: 'ratio',
    min: 1,
    max: 5,
    doc: "Facility power over IT power (cooling, power distribution losses): PUE. 1.2: a liquid-cooled hyperscale AI hall (Google reports 1.1, Uptime Institute's industry average is about 1.56).",
  },
  clockPowerExponent: {
    key: 'clockPowerExponent',
    kind: 'ratio',
    min: 1,
    max: 5,
    doc: 'How compute power scales with clock when a package is over its `packagePowerBudget`: P ∝ fⁿ. 3: dynamic power C·V²·f with the voltage following the clock on the DVFS curve; leakage makes it shallower (n → 1 is the most pessimistic, clock ∝ power).',
  },
  electricityPricePerKwh: {
    key: 'electricityPricePerKwh',
    kind: 'dollars',
    min: 0,
    max: 10,
    doc: 'Electricity price, US dollars per kWh of facility energy. 0.08 (assumed): about the US industrial average (EIA, 2024).',
  },
  depreciationSeconds: {
    key: 'depreciationSeconds',
    kind: 'seconds',
    min: 1,
    max: 1e10,
    doc: 'Life over which capital cost is spread; a run is charged capex × time-to-train / life. 4 years (assumed; hyperscalers depreciate servers over 5–6 years, AI accelerators are often taken at 4).',
  },
  defaultGpuPrice: {
    key: 'defaultGpuPrice',
    kind: 'dollars',
    min: 0,
    max: 1e8,
    doc: 'Price of a GPU package with its share of the server, US dollars, for a GPU that gives no `price`. 30,000 (assumed: press reports put an H100 at $25–40k).',
  },
  switchPricePerPort: {
    key: 'switchPricePerPort',
    kind: 'dollars',
    min: 0,
    max: 1e6,
    doc: 'Switch price per port without its optics, US dollars, for a switch that gives no `price`. 300 (assumed: a 64 × 800G switch lists around $20–30k).',
  },
  copperPricePerGbps: {
    key: 'copperPricePerGbps',
    kind: 'dollars',
    min: 0,
    max: 1e3,
    doc: "Copper cable and connector (flyover, backplane spine) per Gb/s of a GPU's electrical link, US dollars. 0.05 (assumed).",
  },
  fibrePricePerGbps: {
    key: 'fibrePricePerGbps',
    kind: 'dollars',
    min: 0,
    max: 1e3,
    doc: "Fibre, connectors and patching per Gb/s of a GPU's optical link, US dollars. 0.02 (assumed).",
  },
  gpuFit: {
    key: 'gpuFit',
    kind: 'count',
    min: 0,
    max: 1e9,
    doc: 'Failures in 10⁹ hours (FIT) per GPU with its share of the host that stop the job. 18,000: Llama 3 405B saw 419 unexpected interruptions in 54 days on 16,384 H100s, 384 of them not switches or cables (Dubey et al. 2024, Table 5): 384 / (16,384 × 1,296 h) = 1.8·10⁻⁵ per hour.',
  },
  opticsFitPerTbps: {
    key: 'opticsFitPerTbps',
    kind: 'count',
    min: 0,
    max: 1e9,
    doc: "FIT of a GPU end's optical engine, PIC or module electronics per Tb/s it carries; copper has none. 100 (assumed; no public field rate for co-packaged optics).",
  },
  laserFitPerTbps: {
    key: 'laserFitPerTbps',
    kind: 'count',
    min: 0,
    max: 1e9,
    doc: "FIT of the lasers of a GPU end's optics per Tb/s (the usual wear-out part of optics); copper has none. 300 (assumed).",
  },
  switchFit: {
    key: 'switchFit',
    kind: 'count',
    min: 0,
    max: 1e9,
    doc: 'FIT per switch package, with its optics. 2,000 (assumed; Llama 3 saw 35 switch and cable interruptions in 54 days, without a switch count).',
  },
  checkpointSeconds: {
    key: 'checkpointSeconds',
    kind: 'seconds',
    min: 0,
    max: 1e6,
    doc: 'Time the job stops to write a checkpoint. 30 s (assumed: asynchronous sharded checkpoints stall training for seconds to a minute). With `restartSeconds` it gives Llama 3\'s 16,384 H100s about 90% goodput, as Llama 3 reports ("higher than 90% effective training time").',
  },
  restartSeconds: {
    key: 'restartSeconds',
    kind: 'seconds',
    min: 0,
    max: 1e7,
    doc: 'Time from a failure to training again: detection, replacing the failed domain, relaunch and checkpoint load. 300 s (assumed).',
  },
  checkpointIntervalSeconds: {
    key: 'checkpointIntervalSeconds',
    kind: 'seconds',
    min: 0,
    max: 1e8,
    doc: "Time between checkpoints. 0: Young's optimum √(2·δ/λ) for checkpoint time δ and job failure rate λ.",
  },
  gpusPerRack: {
    key: 'gpusPerRack',
    kind: 'count',
    min: 1,
    max: 1e5,
    doc: 'GPU packages per rack: the rack geometry copper scale-up must fit. 144 (the paper\'s 2027 copper pod of 144 packages, "one or two racks"; an NVL72 rack holds 72).',
  },
  rackCableMeters: {
    key: 'rackCableMeters',
    kind: 'metres',
    min: 0,
    max: 1e4,
    doc: "Longest GPU-to-switch cable inside one rack. 1 m (assumed: a rack's height of cable spine).",
  },
  rackPitchMeters: {
    key: 'rackPitchMeters',
    kind: 'metres',
    min: 0,
    max: 1e3,
    doc: 'Added cable run per further rack in a row: 0.6 m (a standard 600 mm rack width).',
  },
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
