/**
 * Inputs of the analytical engine. Plain data, SI units throughout:
 * seconds, bytes, bit/s, FLOP/s, joules, watts, metres (areas in mm² where named so).
 * Anything a scenario does not give takes the documented default of `assumptions.ts`.
 * Every scalar field of a part is described for users once, in `inputs/` (doc, unit, bounds,
 * default); engine validation and the language's schema both read that description.
 */

/** Numeric datatypes a training job may compute in. */
export type Datatype = 'fp32' | 'tf32' | 'bf16' | 'fp16' | 'fp8' | 'fp4';

/** Bytes per element of each datatype. */
export const BYTES_PER_ELEMENT: Readonly<Record<Datatype, number>> = {
  fp32: 4,
  tf32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  fp4: 0.5,
};

/** A GPU package: the unit of parallelism (one rank). */
export interface GpuPackage {
  name: string;
  /** Dense peak FLOP/s per datatype; a job's datatype must be listed. */
  peakFlops: Partial<Record<Datatype, number>>;
  /** HBM capacity in bytes. */
  hbmCapacityBytes: number;
  /** HBM bandwidth in bytes per second. */
  hbmBandwidth: number;
  /** Package silicon area (logic plus HBM) in mm², the base of area growth figures. */
  packageAreaMm2: number;
  /**
   * Unidirectional bit/s the package's own SerDes and ports can drive on the scale-up tier (its
   * shoreline or 3D I/O): 32 Tb/s for the paper's 2028 GPU, 450 GB/s of NVLink for an H100.
   * A scale-up tier faster than this is an error. Absent: not checked.
   */
  ioBandwidth?: number;
  /** Package power at full compute, W (logic and HBM; scale-up I/O is counted from its link). Absent: `defaultGpuBusyPower`. */
  busyPower?: number;
  /**
   * Power the package may draw in all, W (delivery and cooling, paper §II-C3): its compute and the
   * in-package part of its scale-up I/O at line rate. Over it, compute clocks down. Absent: unlimited.
   */
  packagePowerBudget?: number;
  /** Price of the package with its share of the server, US dollars. Absent: `defaultGpuPrice`. */
  price?: number;
  /** Streaming multiprocessors (AMD: compute units) that GEMM tiles are spread over. Absent: no tile or wave quantization. */
  streamingMultiprocessors?: number;
  /**
   * Measured maximum achievable matmul FLOP/s per datatype (MAMF: best large shape, real clocks) over
   * its peak. A datatype not listed takes the fraction of the GPU's nearest measured one; a GPU with
   * none, `matmulCeilingFraction`.
   */
  achievableMatmulFraction?: Partial<Record<Datatype, number>>;
  /** CPU time per kernel launch of the host that drives the package (a superchip's Grace). Absent: `hostSecondsPerKernel`. */
  hostSecondsPerKernel?: number;
  /** Tensor cores apply per-block scales of FP8/FP4 operands themselves (Blackwell, CDNA 4). Absent: false. */
  hardwareBlockScaling?: boolean;
  /**
   * Its GEMM kernels store one output tile while the tensor cores compute the next (Blackwell: two
   * accumulators in tensor memory), so the store hides behind math. Absent: false: the store
   * follows each tile's main loop (`gemmEpilogueExposure`).
   */
  overlappedEpilogue?: boolean;
  /** Bytes/s per direction between the package and its host's memory (PCIe, NVLink-C2C), its share when GPUs share a host. Absent: activation offloading is refused. */
  hostLinkBandwidth?: number;
  /** Host memory per GPU, bytes (the host's DRAM over the GPUs it serves). Absent: not checked. */
  hostMemoryBytes?: number;
}

/** Where an energy-consuming part of a link sits. */
export type PartLocation = 'package' | 'board';

/**
 * A link technology as seen from one host end (GPU or switch), Table III of the reference:
 * host SerDes and optical engine or PIC, plus a laser. Energies are per bit at one link end.
 */
export interface LinkTechnology {
  name: string;
  kind: 'electrical' | 'pluggable' | 'lpo' | 'cpo' | '3d-optics';
  /** Host SerDes energy, J/bit (always in the host package). */
  serdesEnergyPerBit: number;
  /** Optical engine, PIC or module electronics, J/bit (0 for copper). */
  opticsEnergyPerBit: number;
  /** Where the optics part sits: on the host package (CPO, Passage) or on the board (pluggables, LPO). */
  opticsLocation: PartLocation;
  /** Laser energy, J/bit (0 for copper); external lasers are off-package. */
  laserEnergyPerBit: number;
  laserLocation: PartLocation;
  /** Bandwidth per mm² of the optics footprint (bit/s/mm²); 0 when it takes no area (copper). */
  bandwidthDensity: number;
  /** Where the optics footprint lands: package area growth or board area. */
  areaLocation: PartLocation;
  /** Reach in metres; a pod whose cables run further is flagged. */
  reachMeters: number;
  /**
   * `always-on`: SerDes, drivers and CW lasers run at line rate whether or not bits flow (today's
   * links keep lanes locked with idle symbols). `activity`: power follows traffic (the paper's
   * per-bit accounting). Absent: `always-on`.
   */
  powerMode?: LinkPowerMode;
  /** Price of the optics (module, engine or PIC, without lasers) per Gb/s at one end, US dollars. Absent: by kind (`cost.ts`, assumed). */
  pricePerGbps?: number;
  /** Price of the lasers per Gb/s at one end, US dollars. Absent: by kind (`cost.ts`, assumed). */
  laserPricePerGbps?: number;
}

export type LinkPowerMode = 'always-on' | 'activity';

/** A switch of a single layer of switches (SLS). */
export interface SwitchSpec {
  name: string;
  /** Ports per switch package. */
  radix: number;
  /** Usable bit/s per port (e.g. 400 Gb/s of a 448 Gb/s raw port). */
  portBandwidth: number;
  /** Link technology of the switch's ports. */
  link: LinkTechnology;
  /** Core ASIC power beyond its ports' link energy, W, drawn at all times. Absent: `switchCoreEnergyPerBit` × capacity. */
  corePower?: number;
  /** Switch price without optics, US dollars. Absent: `switchPricePerPort` × radix. */
  price?: number;
  /**
   * Share of a scale-out tier's collective bandwidth an expert all-to-all achieves through this
   * fabric (its routing under many-peer traffic). Absent: `scaleOutAllToAllEfficiency`.
   */
  allToAllEfficiency?: number;
}

/**
 * One tier of the network: the GPUs that reach each other at this tier's bandwidth.
 * Tier 0 is the scale-up pod (or an 8-GPU NVLink node); the last tier spans the cluster.
 */
export interface NetworkTier {
  name: string;
  /** GPU packages per domain of this tier; the last tier must span the cluster. */
  domainSize: number;
  /** Unidirectional bit/s per GPU on this tier. */
  bandwidthPerGpu: number;
  /** Hockney alpha: start-up latency per message, seconds. */
  latency: number;
  /** Achieved fraction of line rate for collectives on this tier, (0, 1]. */
  efficiency: number;
  /** Link technology at the GPU end (energy, area). */
  link: LinkTechnology;
  /** The single layer of switches, if this tier is switched. */
  switch?: SwitchSpec;
  /**
   * The tier's domain is a k-ary n-dimensional torus of direct GPU-to-GPU links (n = torusDimensions,
   * k = domainSize^(1/n)), as in TPU pods, instead of a switched fabric. Absent or 0: switched or direct.
   */
  torusDimensions?: number;
  /**
   * Share of this tier's collective bandwidth an all-to-all achieves (many peers, incast, routing).
   * Absent: `scaleUpAllToAllEfficiency` for the first tier, `scaleOutAllToAllEfficiency` for the others.
   */
  allToAllEfficiency?: number;
  /**
   * Start-up time of one all-to-all on this tier, seconds: the intercept of a message-size sweep
   * (NCCL's kernel launch, its per-peer handshakes), far above one message's `latency`. Absent: `latency`.
   */
  allToAllLatency?: number;
  /**
   * Taper of a multi-level fabric: bandwidth above the first level over bandwidth into it (2 for a
   * 2:1 oversubscribed fat tree). Divides the tier's bandwidth for collectives. Absent: 1.
   */
  oversubscription?: number;
  /**
   * Rail-optimised scale-out (DGX SuperPOD style): the GPUs with the same index in every domain of
   * the tier below share their own fabric, so each fabric joins only domainSize / (that domain) GPUs
   * and needs fewer levels. Absent: one fabric for all the tier's GPUs.
   */
  railOptimized?: boolean;
}

/** A cluster: GPU packages and the tiers that join them. */
export interface SystemSpec {
  name: string;
  gpu: GpuPackage;
  gpuCount: number;
  /** From fastest (scale-up) to slowest (scale-out). */
  tiers: NetworkTier[];
}

export type FfnKind = 'gelu' | 'swiglu';

/** Mixture-of-experts part of a model. */
export interface MoeSpec {
  /** Routed experts per MoE layer. */
  experts: number;
  /** Active (routed) experts per token, top-k. */
  activeExperts: number;
  /** Fine-grained granularity m: each expert has hidden size ffnHidden / m. */
  granularity: number;
  /** Shared experts per MoE layer, each of hidden size ffnHidden / m, seen by every token. */
  sharedExperts: number;
  /** Every `moeLayerInterval`-th layer is MoE (1 = all layers), after the first `firstDenseLayers`. */
  moeLayerInterval: number;
  firstDenseLayers: number;
}

/**
 * Multi-head latent attention (DeepSeek-V2/V3): queries and keys/values pass through low-rank
 * latents; keys carry a decoupled RoPE part. Head dimensions are per head.
 */
export interface MlaSpec {
  /** Rank of the query latent (0: queries projected directly from the hidden state). */
  queryLatentRank: number;
  /** Rank of the joint key/value latent. */
  keyValueLatentRank: number;
  /** Per-head dimension of the query/key part without position encoding. */
  headDim: number;
  /** Per-head dimension of the decoupled RoPE query/key part (the RoPE key is shared by all heads). */
  ropeHeadDim: number;
  /** Per-head dimension of the values. */
  valueHeadDim: number;
}

/** A decoder-only transformer, dense or MoE. */
export interface ModelSpec {
  name: string;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  /** KV heads (GQA/MQA); equal to attentionHeads for multi-head attention. */
  kvHeads: number;
  /** Per-head dimension when it is not hiddenSize / attentionHeads (Qwen3: 128, GPT-OSS: 64). Absent: hiddenSize / attentionHeads. */
  headDim?: number;
  /** FFN hidden size d_ff of a dense FFN and of an m = 1 expert. */
  ffnHidden: number;
  ffnKind: FfnKind;
  vocabularySize: number;
  sequenceLength: number;
  /** Embedding and LM head share one matrix. */
  tiedEmbeddings: boolean;
  moe?: MoeSpec;
  /** Multi-head latent attention instead of (grouped-query) multi-head attention. */
  mla?: MlaSpec;
  /**
   * Multi-token prediction depth (DeepSeek-V3: 1): each module is one more transformer layer of the
   * last layer's kind and one more pass through the LM head, on the last pipeline stage. Not counted
   * in the model's parameters or MFU, as DeepSeek-V3 reports them. Absent: 0.
   */
  multiTokenPrediction?: number;
  /**
   * Tokens each query attends to in a sliding-window layer (Mistral, Gemma, GPT-OSS: 128): the
   * layer's scores are a band of that width. Absent: every layer attends over the whole sequence.
   */
  attentionWindow?: number;
  /**
   * With `attentionWindow`, one layer in this many attends over the whole sequence (GPT-OSS: 2,
   * Gemma 3: 6). Absent: every layer is windowed.
   */
  fullAttentionInterval?: number;
  /**
   * The linear layers carry biases (GPT-2, GPT-OSS). Megatron-Core fuses them into the GEMMs but adds
   * a grouped expert layer's FC2 bias after it, expert by expert. Absent: false.
   */
  linearBiases?: boolean;
  /** The GLU's two halves are clamped to ± this before the activation (GPT-OSS: 7, `swiglu_limit`). Absent: no clamp. */
  activationClamp?: number;
  /**
   * Dropout probability after attention and after the FFN (and on an unfused kernel's attention
   * probabilities): above 0 the backward keeps its masks. Absent: 0.1, Megatron-LM's default.
   */
  dropout?: number;
}

/** Megatron-LM's default hidden and attention dropout, and Korthikanti et al.'s. */
export const DEFAULT_DROPOUT = 0.1;

export type Recompute = 'none' | 'selective' | 'full';

/** The parts of a layer selective recompute re-runs (Megatron's `recompute_modules`). */
export interface RecomputeModules {
  /** The input and pre-FFN norms (`layernorm`): their outputs, the next GEMMs' inputs, are not kept. Absent: false. */
  norms?: boolean;
  /** The FFN activation function (`moe_act`, and the dense FFN's): its output is not kept. Absent: with a fused attention kernel. */
  activationFunction?: boolean;
  /** An unfused attention core and its s × s scores (`core_attn`); a fused kernel's backward recomputes its scores anyway. Absent: true. */
  attentionCore?: boolean;
  /** MLA's query and key/value up-projections (`mla_up_proj`): the up-projected Q, K and V are not kept. Absent: true. */
  mlaUpProjections?: boolean;
}
/**
 * Pipeline schedules: `1f1b` (PipeDream-flush, Narayanan 2021), `interleaved` (virtual stages,
 * Megatron-LM), `zero-bubble` (ZB-H1, Qi et al. 2024: backward split into input and weight
 * gradients) and `dualpipe` (DeepSeek-V3: two directions, forward and backward chunks paired).
 */
export type PipelineSchedule = '1f1b' | 'interleaved' | 'zero-bubble' | 'dualpipe';
/**
 * How ranks map onto GPUs: in rank order (`linear`, Megatron's default order), each expert set
 * aligned to the first tier's domains (`pod-aligned`, may leave GPUs idle), or `tiled`: the
 * idealisation that every domain holds ⌊D / stride⌋ members of every group, which no rank order
 * achieves when groups do not tile the domains (the reference paper's implicit placement).
 */
export type RankMapping = 'linear' | 'pod-aligned' | 'tiled';
/** Expert dispatch: every routed copy sent on its own (`flat`), or one copy per remote domain, forwarded inside it (`hierarchical`, DeepEP). */
export type ExpertDispatch = 'flat' | 'hierarchical';
/** Overlap of the expert all-to-all: none, or one microbatch's dispatch/combine under another's compute (DualPipe, Megatron 1F1B A2A overlap). */
export type ExpertOverlap = 'none' | 'paired-microbatches';
/**
 * What CUDA graphs capture, so that the host no longer issues those kernels one by one: `router` the
 * MoE router and its preprocessing (Megatron's moe_router, moe_preprocess scopes), `attention-and-router`
 * those and the attention block (attn), `layers` every kernel of the layers (full-iteration graphs).
 */
export type CudaGraphScope = 'none' | 'router' | 'attention-and-router' | 'layers';
export type Optimizer = 'adam' | 'sgd';

/** A training job: parallelism, batch and what overlaps with compute. */
export interface TrainingSpec {
  name: string;
  datatype: Datatype;
  /** Global batch in sequences. */
  globalBatch: number;
  /** Tokens to train on. */
  trainingTokens: number;
  tensorParallel: number;
  pipelineParallel: number;
  /** Interleaved virtual stages per pipeline rank (1 = plain 1F1B). */
  virtualStages: number;
  dataParallel: number;
  /** Experts held by each DP rank (its TP group); EP degree = experts / expertsPerDpRank. */
  expertsPerDpRank: number;
  /**
   * Expert tensor parallelism: the TP group is split into one group per expert of the DP rank
   * (Fig. 9b), so each expert spans tensorParallel / expertsPerDpRank GPUs.
   */
  expertTensorParallel: boolean;
  /** Sequences per microbatch. */
  microbatchSize: number;
  recompute: Recompute;
  /**
   * With `recompute = selective`, what it re-runs in the backward and so does not keep (Megatron's
   * `recompute_modules`). Absent: Korthikanti et al.'s attention core with an unfused kernel, the FFN
   * activation function with a fused one, and MLA's up-projections; not the norms.
   */
  recomputeModules?: RecomputeModules;
  /**
   * With `recompute = full`, the layers of each pipeline chunk that recompute (Megatron's
   * `recompute_method = block`, `recompute_num_layers`); the others keep all their activations.
   * Absent: every layer.
   */
  recomputeLayers?: number;
  /**
   * Data-parallel gradient reduction overlapped with the last microbatch's backward (bucketed, as
   * Megatron-LM's --overlap-grad-reduce and PyTorch DDP do). Absent: true.
   */
  gradientSyncOverlap?: boolean;
  /**
   * Layers whose activations are copied to host memory after their forward and back before their
   * backward (Megatron-Core's layer-level `cpu_offloading_num_layers`): the first of the model's
   * layers, on one copy stream (`offload.ts`). Needs one pipeline stage, no recompute and no CUDA
   * graphs, as Megatron-Core does. Absent: 0.
   */
  offloadedActivationLayers?: number;
  sequenceParallel: boolean;
  /** Rotary embedding in one fused kernel per tensor (Megatron's apply_rope_fusion). Absent: true. */
  fusedRotaryEmbedding?: boolean;
  optimizer: Optimizer;
  /** Optimizer state (and master weights) sharded across DP (ZeRO-1 / distributed optimizer). */
  shardOptimizer: boolean;
  /**
   * Context parallelism: each sequence split over this many ranks (ring attention passes K and V
   * around them), placed next to TP in the rank order. Absent: 1.
   */
  contextParallel?: number;
  /**
   * ZeRO-3 / FSDP: weights and gradients sharded over DP too; each microbatch all-gathers a layer's
   * weights in its forward and again in its backward, and reduce-scatters its gradients. Absent: false.
   */
  shardParameters?: boolean;
  /** Absent: `interleaved` when virtualStages > 1, else `1f1b`. */
  pipelineSchedule?: PipelineSchedule;
  /**
   * Layers of the first and of the last pipeline chunk (Megatron's decoder_first/last_pipeline_num_layers).
   * Absent: an even split; when the layers do not divide, every chunk gets ⌈L / chunks⌉ and the
   * first and last chunks give up the remainder (Llama 3 405B: 126 layers on PP16 → 7, 8 × 14, 7).
   */
  firstStageLayers?: number;
  lastStageLayers?: number;
  /** Absent: `linear`. */
  rankMapping?: RankMapping;
  /** Absent: `flat`. */
  expertDispatch?: ExpertDispatch;
  /**
   * Device-limited routing: each token's experts lie in at most this many domains of the tier that
   * carries the dispatch out of the pod (DeepSeek-V3: 4 nodes). Absent: unlimited.
   */
  maxDomainsPerToken?: number;
  /** Absent: `none`. */
  expertOverlap?: ExpertOverlap;
  /**
   * With `paired-microbatches`: compute kernels sized to the SMs communication leaves
   * (communicationSmShare) for the whole step, not only while it runs. Absent: false.
   */
  reservedCommunicationSms?: boolean;
  /**
   * Tensor-parallel all-gathers and reduce-scatters split into chunks and pipelined with the GEMMs
   * beside them (Transformer Engine userbuffers, Megatron's `tp_comm_overlap`). Absent: false.
   */
  tensorParallelCommOverlap?: boolean;
  /** Absent: `none`, every kernel issued by the host. */
  cudaGraphs?: CudaGraphScope;
  /**
   * Expert capacity as a multiple of the mean tokens per expert (GShard, Switch Transformer): every
   * expert's buffer is padded to it and tokens beyond it are dropped. Absent: dropless routing, where
   * the busiest expert-parallel rank takes `expertLoadImbalance` × the mean.
   */
  capacityFactor?: number;
  /**
   * Dropless routing into fixed per-rank receive buffers of this many times the balanced load
   * (Megatron-Core's moe_expert_rank_capacity_factor with the HybridEP dispatcher): shapes are
   * static, so whole-layer CUDA graphs capture the MoE layer and the dispatcher does not wait for its
   * host; tokens beyond a rank's budget are dropped. Absent: buffers sized every step.
   */
  expertRankCapacity?: number;
  /** Datatype of the dispatched tokens on the wire (DeepSeek-V3 dispatches FP8). Absent: the activation datatype. */
  dispatchDatatype?: Datatype;
  /** Datatype of the FFN activation function's inputs kept for the backward (DeepSeek-V3 caches them in FP8). Absent: the activation datatype. */
  activationFunctionInputDatatype?: Datatype;
  /**
   * Datatype of the gradient buffers that accumulate over microbatches and reduce over data
   * parallelism (Megatron-Core's `grad_reduce_in_fp32 = false` keeps them BF16). Absent:
   * `gradientBytesPerParameter` bytes per element.
   */
  gradientDatatype?: Datatype;
  /**
   * `flash`: fused attention that never stores the s × s scores (FlashAttention, cuDNN). `unfused`:
   * the 2021–22 Megatron-LM kernels, which write scores, softmax and dropout to HBM and keep them
   * for the backward. Absent: `flash`.
   */
  attentionKernel?: 'flash' | 'unfused';
  /**
   * The loss over the logits. `fused`: Transformer Engine's Triton cross entropy (Megatron-Bridge
   * sets it), 16-bit logits read twice and the gradient written in place. `unfused`: Megatron-LM's
   * vocab-parallel cross entropy of 2021–23, in FP32 passes over the logits. Absent: `fused`.
   */
  crossEntropyKernel?: 'fused' | 'unfused';
  /**
   * How FP8 and FP4 GEMM inputs get their scales, which sets the kernels of each cast. Absent:
   * `delayed` for FP8 (Transformer Engine's and Megatron-LM's default recipe), `perBlock` for FP4.
   */
  lowPrecisionScaling?: LowPrecisionScaling;
}

/**
 * `delayed`: scales from an amax history (Transformer Engine's DelayedScaling, its default recipe and
 * Hopper's only one before TE 2.2); `perTensor`: current scaling, each tensor's own amax first (Float8CurrentScaling, FP8-CS);
 * `perBlock`: a scale per block of 32 or 128 elements (MXFP8, NVFP4, DeepSeek-V3's blockwise FP8).
 */
export type LowPrecisionScaling = 'delayed' | 'perTensor' | 'perBlock';

/**
 * The modelling assumptions the reference leaves open. Every one is named, documented in
 * `assumptions.ts` with its default, and may be overridden by a scenario.
 */
export interface Assumptions {
  computeEfficiency: number;
  matmulCeilingFraction: number;
  memoryEfficiency: number;
  scaleUpAllToAllEfficiency: number;
  scaleOutAllToAllEfficiency: number;
  hierarchicalDispatchEfficiency: number;
  permutationPassesPerRoutedToken: number;
  expertLoadImbalance: number;
  randomRoutingFluctuation: boolean;
  weightGradientShare: number;
  communicationSmShare: number;
  pipelineScatterGather: boolean;
  switchHopLatency: number;
  parameterGatherOverlap: number;
  causalAttentionWork: number;
  kernelOverheadSeconds: number;
  hostSecondsPerKernel: number;
  hostLaunchesPerGemm: number;
  hostSecondsPerExpertGemm: number;
  softwareBlockScaledWeightGradientEfficiency: number;
  gemmEpilogueExposure: number;
  dispatchHostSync: boolean;
  gemmTileRows: number;
  gemmTileColumns: number;
  gemmTileDepth: number;
  flashAttentionForwardEfficiency: number;
  flashAttentionBackwardEfficiency: number;
  flashAttentionForwardSoftmaxShare: number;
  flashAttentionBackwardSoftmaxShare: number;
  lowPrecisionActivationCache: boolean;
  lowPrecisionCastBytes: number;
  elementwiseKernelsPerLayer: number;
  moeRoutingKernelsPerLayer: number;
  unfusedScorePasses: number;
  elementwisePassesPerLayer: number;
  optimizerStepBytesPerParameter: number;
  tensorParallelOverlap: number;
  pipelineP2pOverlap: number;
  tokenDeduplication: boolean;
  gradientBytesPerParameter: number;
  optimizerStateBytesPerValue: number;
  memoryReserveFraction: number;
  hostCopyEfficiency: number;
  // Decision metrics: power, cost, goodput, reach (`decision-assumptions.ts`).
  gpuIdlePowerShare: number;
  defaultGpuBusyPower: number;
  hostPowerPerGpu: number;
  nicPowerPerGpu: number;
  switchCoreEnergyPerBit: number;
  powerUsageEffectiveness: number;
  clockPowerExponent: number;
  electricityPricePerKwh: number;
  depreciationSeconds: number;
  defaultGpuPrice: number;
  switchPricePerPort: number;
  copperPricePerGbps: number;
  fibrePricePerGbps: number;
  gpuFit: number;
  opticsFitPerTbps: number;
  laserFitPerTbps: number;
  switchFit: number;
  checkpointSeconds: number;
  restartSeconds: number;
  checkpointIntervalSeconds: number;
  gpusPerRack: number;
  rackCableMeters: number;
  rackPitchMeters: number;
  // Switches implied on a scale-out tier, and what a package power budget feeds (`decision-assumptions.ts`).
  scaleOutSwitchRadix: number;
  budgetCountsBoardIo: boolean;
}

/** One scenario: a system, a model and a training job, with assumptions. */
export interface Scenario {
  name: string;
  system: SystemSpec;
  model: ModelSpec;
  training: TrainingSpec;
  assumptions: Assumptions;
}
