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
  /** Optimizer step. */
  optimizer: number;
  /** Hockney start-up latency (alpha) of every exposed message, all collectives together. */
  latency: number;
}

export type BreakdownKey = keyof StepBreakdown;
export const BREAKDOWN_KEYS: readonly BreakdownKey[] = [
  'compute', 'tensorParallel', 'contextParallel', 'expertAllToAll', 'expertTensorParallel', 'dataParallel',
  'pipelineBubble', 'pipelineP2p', 'optimizer', 'latency',
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
  /** GPUs of the system left without a rank (pod-aligned mapping, or TP × PP × DP below the GPU count). */
  idleGpus: number;
  /** Pipeline rank whose microbatch is slowest and so sets the pipeline's pace (0 = first stage). */
  criticalPipelineRank: number;
}
