/** Results of the analytical engine: plain data, SI units, never NaN or Infinity. */

/** A problem with a scenario, naming the input field and the reason, with the numbers. */
export interface EngineIssue {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. 'parallelism-product'. */
  code: string;
  /** Dotted path of the offending input, e.g. 'training.tensorParallel'. */
  field: string;
  message: string;
  /** Other inputs involved in the conflict, as dotted paths. */
  related?: string[];
}

/** Components of one training step; they add up to `stepSeconds`. */
export interface StepBreakdown {
  /** Math and memory-bound work of the layers, embedding and LM head on the slowest stage. */
  compute: number;
  /** Time the GPU waits for its host to issue the kernels of that work (`hostSecondsPerKernel`, `cudaGraphs`). */
  host: number;
  /** Tensor-parallel collectives of attention (and of dense FFNs). */
  tensorParallel: number;
  /** Exposed ring-attention K/V exchange of context parallelism. */
  contextParallel: number;
  /** Expert-parallel all-to-all: token dispatch and combine. */
  expertAllToAll: number;
  /** Collectives inside an expert's tensor-parallel group (gather of routed tokens, reduce of outputs). */
  expertTensorParallel: number;
  /** Exposed data-parallel gradient synchronisation. */
  dataParallel: number;
  /** Pipeline fill and drain: (p − 1) / (v · m) of the steady-state time. */
  pipelineBubble: number;
  /** Pipeline point-to-point activation transfers. */
  pipelineP2p: number;
  /** Copies of offloaded activations to and from host memory that the layers' compute does not hide. */
  activationOffload: number;
  /** Optimizer step. */
  optimizer: number;
  /** Hockney start-up latency (alpha) of every exposed message, all collectives together. */
  latency: number;
}

export type BreakdownKey = keyof StepBreakdown;
export const BREAKDOWN_KEYS: readonly BreakdownKey[] = [
  'compute',
  'host',
  'tensorParallel',
  'contextParallel',
  'expertAllToAll',
  'expertTensorParallel',
  'dataParallel',
  'pipelineBubble',
  'pipelineP2p',
  'activationOffload',
  'optimizer',
  'latency',
];

/** Where one parallel group landed on the network tiers. */
export interface GroupPlacement {
  group: 'tensor' | 'context' | 'expert' | 'expertTensor' | 'dataDense' | 'dataExpert' | 'pipeline';
  size: number;
  /** Distance in ranks between consecutive members. */
  stride: number;
  /** Members that share one domain of each tier (last tier: the whole group). */
  membersPerTierDomain: number[];
  /** Share of the group's bytes each tier carries, per tier. */
  byteShareByTier: number[];
  /** Name of the slowest tier the group touches. */
  slowestTier: string;
}

/** Interconnect energy of one tier per training step, by part and by end. */
export interface TierEnergy {
  tier: string;
  /** Bits each GPU sends on this tier per step (unidirectional). */
  bitsPerGpuPerStep: number;
  serdesJoules: number;
  opticsJoules: number;
  laserJoules: number;
  /** Switch-end link energy (its SerDes, optics and laser). */
  switchJoules: number;
  /** In-package energy at the GPU end (SerDes plus in-package optics and laser). */
  inPackageJoules: number;
  /** Off-package energy at the GPU end (pluggable modules, external lasers). */
  offPackageJoules: number;
  totalJoules: number;
  /** Power of the GPU's I/O on this tier at line rate, W. */
  lineRatePowerPerGpu: number;
  /** Power of one switch package at line rate, W (0 when unswitched). */
  lineRatePowerPerSwitch: number;
  /** Average power of the GPU's I/O on this tier over a step, W. */
  averagePowerPerGpu: number;
  /** Switch packages of this tier in the cluster. */
  switches: number;
  /** Levels of the switch fabric (1: a single layer of switches; 0: unswitched). */
  switchLevels: number;
  /** On-package optics area per GPU, mm², and its share of the package area. */
  packageAreaMm2: number;
  packageAreaGrowth: number;
  /** Board area of pluggable modules per GPU, mm². */
  boardAreaMm2: number;
}

export interface MemoryFootprint {
  weightsBytes: number;
  gradientsBytes: number;
  optimizerBytes: number;
  activationsBytes: number;
  totalBytes: number;
  /** HBM capacity less the reserve. */
  usableBytes: number;
  capacityBytes: number;
  fits: boolean;
  /** The pipeline rank these figures are of: the fullest one (0 = first stage). */
  pipelineRank: number;
  /** Activations offloaded to host memory per GPU (`offloadedActivationLayers`); 0 without. */
  hostOffloadBytes: number;
  /** They fit in the GPU's `hostMemoryBytes` (true when it gives none, which is not checked). */
  hostFits: boolean;
}

export interface ParameterCounts {
  total: number;
  /** Parameters a token passes through (attention, shared and k routed experts, embeddings). */
  active: number;
  embedding: number;
  attention: number;
  experts: number;
  denseFfn: number;
}

export interface PackagePowerBudget {
  /** The budget, W; 0 when the GPU sets none (unlimited). */
  budgetWatts: number;
  /** In-package part of the scale-up I/O at line rate (SerDes, in-package optics and lasers), W. */
  ioWatts: number;
  /** Compute power at full clock, W. */
  busyComputeWatts: number;
  /** Clock (and peak FLOP/s) as a share of nominal: 1 within budget. */
  clockFactor: number;
  /** Compute power at the clock it runs at, W. */
  computeWatts: number;
}

/** Link power of one tier, whole cluster (GPU ends and switch ports), W. */
export interface TierPower {
  tier: string;
  /** The mode that counts in `linkWatts`: the tier link's `powerMode`. */
  mode: 'always-on' | 'activity';
  /** Per bit moved: the paper's accounting, averaged over the step. */
  activityWatts: number;
  /** At line rate on every GPU end and switch port. */
  alwaysOnWatts: number;
  linkWatts: number;
  /** Switch ASIC cores of the tier. */
  switchCoreWatts: number;
  /** Switch packages of the tier, its own or implied (`scaleOutSwitchRadix`). */
  switches: number;
  /** True when the tier names no switch and a scale-out Clos is implied for its power. */
  impliedSwitches: boolean;
}

/** Whole-system power while training and energy of the whole run. */
export interface SystemPower {
  /** Share of the step the GPUs compute. */
  utilisation: number;
  /** Average package power per GPU (compute at its clock, idle share while waiting), W. */
  gpuWattsPerGpu: number;
  tiers: TierPower[];
  gpuWatts: number;
  hostWatts: number;
  nicWatts: number;
  linkWatts: number;
  switchCoreWatts: number;
  /** GPUs, hosts, NICs, links and switches, W. */
  itWatts: number;
  /** IT × (PUE − 1), W. */
  coolingWatts: number;
  facilityWatts: number;
  /** Facility energy of the run, J (÷ 3.6e9 for MWh). */
  energyToTrainJoules: number;
  energyByPartJoules: { gpu: number; host: number; nic: number; interconnectByTier: number[]; switchCores: number; cooling: number };
  /** Links and switch cores over IT power. */
  interconnectShare: number;
  /** Link energy of the run with every link at line rate, J. */
  interconnectEnergyAlwaysOnJoules: number;
  /** Link energy of the run per bit moved, J: `interconnectEnergyJoules` plus the ports of implied scale-out switches. */
  interconnectEnergyActivityJoules: number;
}

/** Capital and running cost, US dollars. */
export interface RunCost {
  capexDollars: number;
  capexByPartDollars: { gpus: number; optics: number; lasers: number; cables: number; switches: number };
  /** Capex × time-to-train / depreciation life. */
  capexShareDollars: number;
  electricityDollars: number;
  /** Capex share plus electricity. */
  runDollars: number;
  dollarsPerMillionTokens: number;
}

/** Failures, checkpoints and the time-to-train they leave. */
export interface Goodput {
  failuresPerDay: number;
  /** 0 when nothing can fail. */
  meanTimeBetweenFailuresSeconds: number;
  checkpointIntervalSeconds: number;
  /** Share of wall time that trains (first-order Young/Daly). */
  goodput: number;
  effectiveTimeToTrainSeconds: number;
  failuresDuringRun: number;
  /** GPUs one failure takes out of service: its scale-up domain. */
  blastRadiusGpus: number;
}

/** Cable run a tier's domain needs against its link's reach. */
export interface TierReach {
  tier: string;
  racks: number;
  /** 0 within one rack. */
  neededMeters: number;
  linkReachMeters: number;
  withinReach: boolean;
}

export interface ScenarioResult {
  name: string;
  stepSeconds: number;
  steps: number;
  timeToTrainSeconds: number;
  breakdownSeconds: StepBreakdown;
  /** Interconnect energy of one step, all GPUs and switches, J. */
  interconnectEnergyPerStepJoules: number;
  /** Interconnect energy of the whole run, J (the DESIGN contract's `interconnectEnergyJoules`). */
  interconnectEnergyJoules: number;
  energyByTier: TierEnergy[];
  /** Model FLOPs of one step (no recompute), all GPUs. */
  modelFlopsPerStep: number;
  /** Model FLOPs utilisation: model FLOP/s over peak of all GPUs. */
  mfu: number;
  tokensPerSecond: number;
  microbatches: number;
  parameters: ParameterCounts;
  memory: MemoryFootprint;
  placement: GroupPlacement[];
  /** Warnings and errors found while evaluating (e.g. memory over capacity). */
  issues: EngineIssue[];
  /** True when no error-level issue was found. */
  feasible: boolean;
  /** GPUs of the system the job holds, idle ones included: what its GPU-hours count. */
  gpuCount: number;
  /** GPUs of the system left without a rank (pod-aligned mapping, or TP × PP × DP below the GPU count). */
  idleGpus: number;
  /** Pipeline rank whose microbatch is slowest and so sets the pipeline's pace (0 = first stage). */
  criticalPipelineRank: number;
  /** The package power budget and the clock it leaves compute. */
  packagePower: PackagePowerBudget;
  /** Whole-system power and energy-to-train. */
  power: SystemPower;
  cost: RunCost;
  goodput: Goodput;
  reach: TierReach[];
}
