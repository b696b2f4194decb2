/**
 * The published runs of test/validation/published-runs.json and how each one is written as a
 * `.moesys` scenario: the closest configuration the language expresses, what it cannot express
 * (`notModelled`), and how the engine's result converts into the run's measured quantity under
 * the source's FLOP convention. Shared by write-scenarios.ts (which writes the files) and the
 * harness (which evaluates them). Pure and deterministic: no clock, no randomness, sorted output.
 */

export interface PublishedRun {
  id: string;
  family: 'dense' | 'moe';
  source: { title: string; url: string; where: string };
  year: number;
  hardware: {
    gpu: string;
    gpuCount: number;
    gpusPerNode: number;
    scaleUp: string;
    scaleOutPerGpuGbps: number | null;
    fabric: string;
  };
  model: {
    name: string;
    layers: number;
    hiddenSize: number;
    attentionHeads: number;
    kvHeads: number;
    ffnHidden: number | null;
    ffnKind: 'gelu' | 'swiglu';
    vocabularySize: number;
    sequenceLength: number;
    moe: null | {
      experts: number;
      activeExperts: number;
      expertHidden: number;
      sharedExperts: number;
      firstDenseLayers: number;
      moeLayerInterval: number;
    };
    attention: string;
  };
  training: {
    datatype: string;
    globalBatch: number | null;
    microbatchSize: number | null;
    tensorParallel: number | null;
    pipelineParallel: number | null;
    virtualStages: number | null;
    dataParallel: number | null;
    expertParallel: number | null;
    expertTensorParallel: number | null;
    contextParallel: number | null;
    sequenceParallel: boolean | null;
    recompute: 'full' | 'selective' | null;
    distributedOptimizer: boolean | null;
    attentionKernel: string | null;
    /**
     * The loss kernel where the run's code fixes it: `unfused` for Megatron-LM's FP32 vocab-parallel
     * cross entropy (the only one before 2024; later behind --cross-entropy-loss-fusion, off by default).
     */
    crossEntropyKernel?: 'fused' | 'unfused';
    /**
     * The settings the run's published recipe states (Megatron-Bridge performance configs), each
     * null where no recipe was found; `recipeSource` names the file and commit read.
     * MoE token dispatcher: `alltoall` (Megatron's plain all-to-all), or the flex dispatcher with
     * the DeepEP or HybridEP backend.
     */
    tokenDispatcher?: 'alltoall' | 'deepep' | 'hybridep' | null;
    /** Expert all-to-all overlapped with another microbatch's compute (overlap_moe_expert_parallel_comm / moe_a2a_overlap). */
    expertCommOverlap?: boolean | null;
    /** Token drop with every expert's input padded to this capacity (moe_expert_capacity_factor with moe_pad_expert_input_to_capacity); absent: dropless. */
    expertCapacityFactor?: number;
    /** Dropless routing into fixed per-rank HybridEP buffers of this budget (moe_expert_rank_capacity_factor), as the recipe sets it. */
    expertRankCapacityFactor?: number;
    /** Transformer Engine TP communication overlap (tp_comm_overlap) as the recipe sets it; absent: not stated. */
    tpCommOverlap?: boolean;
    /** Megatron's fine-grained recompute modules (recompute_modules); [] when the recipe turns recompute off. */
    recomputeModules?: string[] | null;
    /** Full recompute of the first n layers of each pipeline chunk (recompute_method = block, recompute_num_layers), as the recipe sets it. */
    recomputeNumLayers?: number;
    /** Activations of the first n layers offloaded to host memory (cpu_offloading with cpu_offloading_num_layers), as the recipe sets it. */
    cpuOffloadedLayers?: number;
    /** Transformer Engine CUDA graph scope; [] when the recipe sets none. */
    cudaGraphScope?: string[] | null;
    /**
     * How FP8/FP4 inputs are scaled, from the source's precision: FP8-CS per tensor, MXFP8, NVFP4 and
     * blockwise FP8 per block, TE's delayed scaling before TE 2.2 (NeMo 24.07); absent where not stated.
     */
    lowPrecisionScaling?: 'delayed' | 'perTensor' | 'perBlock';
    /**
     * false where the run's code reduces gradients after the whole backward pass (Megatron-LM's
     * local DDP before --overlap-grad-reduce, commit 2d5220a of 2023-08-16); absent: overlapped.
     */
    gradientReduceOverlap?: false;
    /** Datatype of the gradient all-reduce where the run's code sets it (Megatron-LM 2021 with --fp16: FP16); absent: the engine's default. */
    gradientReduceDatatype?: 'fp16' | 'bf16';
    /**
     * Data parallelism that shards more than the optimizer: `full` (FSDP FULL_SHARD, Megatron FSDP:
     * parameters, gradients and optimizer state), `optimizerAndGradients` (Llama 3's FSDP, which keeps
     * the parameters after the forward, ZeRO-2-like). Absent: not sharded beyond `distributedOptimizer`.
     */
    shardedDataParallel?: 'full' | 'optimizerAndGradients';
    recipeSource?: string;
    notes: string;
  };
  measured: {
    kind: 'tflopsPerGpu' | 'iterationSeconds' | 'gpuHours' | 'mfu';
    value: number;
    alsoReported: Record<string, unknown>;
    flopsConvention: string;
    /**
     * FLOPs per token in the source's convention, where the source prints TFLOP/s without tokens/s
     * (taken from a row of the same FLOP calculator, model and sequence length; `from` says which).
     */
    flopsPerToken?: { value: number; from: string };
  };
  confidence: 'high' | 'medium' | 'low';
  gaps: string;
}

/**
 * How the engine's step time becomes the run's measured quantity.
 * - `seconds`: iteration time, compared with stepSeconds.
 * - `gpuHours`: timeToTrain × GPUs / 3600.
 * - `narayanan-eq3`: Narayanan et al. 2021 eq. (3), F = 96·B·s·l·h²·(1 + s/6h + V/16lh) per iteration:
 *   GEMM FLOPs with the recompute forward counted (4 passes); TFLOP/s per GPU = F / (step × GPUs).
 * - `implied-per-token`: the source prints model TFLOP/s and tokens/s per GPU from its own FLOP
 *   calculator (NeMo, Megatron-Bridge, Megatron-Core): FLOPs per token = TFLOP/s / tokens/s, and the
 *   prediction is that figure times the engine's tokens/s per GPU.
 * - `palm-model-flops`: model FLOPs 6·N + 12·l·h·s per token (Chowdhery et al. 2022, which Llama 3 cites),
 *   N all parameters; TFLOP/s per GPU.
 * - `korthikanti-mfu`: model FLOPs 72·B·s·l·h²·(1 + s/6h + V/12lh) (eq. 3 without the recompute pass)
 *   over GPUs × 312 TFLOP/s, in percent.
 * - `mosaic-mfu`: llm-foundry's MFU, (6·N·s + 12·l·h·s²) per sequence (non-causal attention) over
 *   GPUs × the GPU's BF16 peak, in percent.
 */
export type Conversion = 'seconds' | 'gpuHours' | 'narayanan-eq3' | 'implied-per-token' | 'palm-model-flops' | 'korthikanti-mfu' | 'mosaic-mfu';

/** The configuration as written in the scenario (after mapping what the language lacks). */
export interface WrittenConfig {
  gpu: string;
  system: string;
  gpuCount: number;
  podSize: number;
  scaleOutGbps: number;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  ffnHidden: number;
  /** Per-head dimension where heads × it is not hiddenSize (the public configs of Qwen3 and GPT-OSS). */
  headDim?: number;
  ffnKind: 'gelu' | 'swiglu';
  vocabularySize: number;
  sequenceLength: number;
  tiedEmbeddings: boolean;
  /** 0 where the model's public config trains without dropout; absent: the engine's default. */
  dropout?: number;
  attentionWindow?: number;
  fullAttentionInterval?: number;
  linearBiases?: boolean;
  activationClamp?: number;
  /** False where Megatron runs the rotary embedding eagerly (YaRN). */
  fusedRotaryEmbedding?: boolean;
  moe?: { experts: number; activeExperts: number; granularity: number; sharedExperts: number; firstDenseLayers: number; moeLayerInterval: number };
  datatype: string;
  globalBatch: number;
  microbatchSize: number;
  tensorParallel: number;
  pipelineParallel: number;
  virtualStages: number;
  dataParallel: number;
  contextParallel: number;
  expertsPerDpRank: number;
  mla?: { queryLatentRank: number; keyValueLatentRank: number; headDim: number; ropeHeadDim: number; valueHeadDim: number };
  recompute: 'none' | 'selective' | 'full';
  recomputeLayers?: number;
  offloadedActivationLayers?: number;
  recomputeModules?: { norms: boolean; activationFunction: boolean; attentionCore: boolean; mlaUpProjections: boolean };
  activationFunctionInputDatatype?: 'fp8';
  lowPrecisionScaling?: 'delayed' | 'perTensor' | 'perBlock';
  sequenceParallel: boolean;
  shardOptimizer: boolean;
  shardParameters: boolean;
  attentionKernel: 'flash' | 'unfused';
  crossEntropyKernel: 'fused' | 'unfused';
  pipelineSchedule?: 'dualpipe';
  firstStageLayers?: number;
  lastStageLayers?: number;
  expertDispatch?: 'hierarchical';
  maxDomainsPerToken?: number;
  expertOverlap?: 'pairedMicrobatches';
  reservedCommunicationSms?: boolean;
  capacityFactor?: number;
  expertRankCapacity?: number;
  dispatchDatatype?: 'fp8';
  tensorParallelCommOverlap?: boolean;
  cudaGraphs?: 'router' | 'attention-and-router' | 'layers';
  gradientDatatype?: 'bf16' | 'fp16';
  /** false where the run's code reduces gradients after the whole backward. */
  gradientSyncOverlap?: false;
  /** DeepSeek-V3's MTP depth where the source counts the module. */
  multiTokenPrediction?: number;
  trainingTokens: string;
}

export interface MappedRun {
  run: PublishedRun;
  config: WrittenConfig;
  /** Features of the published run the language cannot express, each with the stand-in written. */
  notModelled: string[];
  /** Values the source does not state, and what the file assumes instead. */
  assumed: string[];
  conversion: Conversion;
  /** FLOPs of one step in the source's convention (for TFLOP/s and MFU conversions), or per token for implied-per-token. */
  flops?: number;
  /** Peak FLOP/s the source divides by (MFU conversions). */
  peak?: number;
}

/** Base systems of test/validation/runs/hardware.moesys, by GPU and fabric. */
interface BaseSystem {
  name: string;
  gpu: string;
  podSize: number;
  defaultScaleOutGbps: number;
  note: string;
}
const SYSTEMS: Readonly<Record<string, BaseSystem>> = {
  a100: {
    name: 'dgx-a100',
    gpu: 'a100',
    podSize: 8,
    defaultScaleOutGbps: 200,
    note: 'DGX A100: NVLink 3 at 300 GB/s per direction, one 200 Gb/s HDR NIC per GPU',
  },
  h100: {
    name: 'dgx-h100',
    gpu: 'h100',
    podSize: 8,
    defaultScaleOutGbps: 400,
    note: 'DGX H100 (engine preset h100-cluster): NVLink 4 at 450 GB/s per direction, one 400 Gb/s NDR NIC per GPU',
  },
  h800: { name: 'hgx-h800', gpu: 'h800', podSize: 8, defaultScaleOutGbps: 400, note: 'HGX H800: NVLink at 200 GB/s per direction, one 400 Gb/s NIC per GPU' },
  b200: {
    name: 'dgx-b200',
    gpu: 'b200',
    podSize: 8,
    defaultScaleOutGbps: 400,
    note: 'DGX B200 (engine preset b200-cluster): NVLink 5 at 900 GB/s per direction, one 400 Gb/s NIC per GPU',
  },
  b300: {
    name: 'dgx-b300',
    gpu: 'b300',
    podSize: 8,
    defaultScaleOutGbps: 800,
    note: 'DGX B300 (engine preset b300-cluster): NVLink 5 at 900 GB/s per direction, one 800 Gb/s ConnectX-8 per GPU',
  },
  gb200: {
    name: 'gb200-nvl72',
    gpu: 'gb200',
    podSize: 72,
    defaultScaleOutGbps: 400,
    note: 'GB200 NVL72 (engine preset gb200-nvl72): 72 GPUs per NVLink 5 domain, one 400 Gb/s NIC per GPU',
  },
  gb300: {
    name: 'gb300-nvl72',
    gpu: 'gb300',
    podSize: 72,
    defaultScaleOutGbps: 800,
    note: 'GB300 NVL72 (engine preset gb300-nvl72): 72 GPUs per NVLink 5 domain, one 800 Gb/s NIC per GPU',
  },
};

const GPU_KEY: Readonly<Record<string, string>> = {
  'a100-80gb': 'a100',
  a100: 'a100',
  'h100-80gb': 'h100',
  h800: 'h800',
  b200: 'b200',
  b300: 'b300',
  gb200: 'gb200',
  gb300: 'gb300',
};

/** BF16 dense peak of each GPU, FLOP/s, as the MFU sources divide by (the engine presets' figures). */
const BF16_PEAK: Readonly<Record<string, number>> = { a100: 312e12, h100: 989e12, h800: 989e12 };

/** The hardware library every run file imports. */
export const HARDWARE_FILE = `/*
 * GPUs and systems of the published runs of the validation suite (test/validation/). Generated by
 * scripts/validation/write-scenarios.ts; do not edit by hand. GPUs are the engine's presets. Each
 * system is a base of 8 (or 72) GPUs; a run file extends it with its GPU count and the scale-out
 * bandwidth its source gives. Latencies are the engine presets' NCCL base latencies (2 us inside
 * a node, 5 us across).
 */

/** A100 SXM4 80 GB: 312 TFLOP/s BF16/FP16 dense, 2.039 TB/s HBM2e, NVLink 3. */
gpu a100 = preset "a100-80gb"
/** H100 SXM5 80 GB: 989 TFLOP/s BF16, 1979 FP8 dense, 3.35 TB/s HBM3, NVLink 4. */
gpu h100 = preset "h100-sxm"
/** H800 SXM: the H100 with NVLink cut to 200 GB/s per direction. */
gpu h800 = preset "h800-sxm"
/** B200 (HGX/DGX, 1,000 W): 2.25 PFLOP/s BF16, 4.5 FP8, 9 FP4 dense. */
gpu b200 = preset "b200"
/** B200 in a GB200 superchip: 2.5 PFLOP/s BF16, 5 FP8, 10 FP4 dense. */
gpu gb200 = preset "gb200"
/** Blackwell Ultra in a GB300 superchip: 2.5 PFLOP/s BF16, 5 FP8, 15 FP4 dense, 288 GB. */
gpu gb300 = preset "gb300"
/** B300 (HGX/DGX), the engine's b300 preset. */
gpu b300 = preset "b300"

/** NVLink 3 (A100): copper, no published pJ/bit (the paper's 5 pJ/bit of SerDes). */
link nvlink-3 {
    kind = electrical
    serdesEnergy = 5 pJ/bit
    reach = 0.5 m
}
link nvlink-4 = preset "nvlink-4"
link infiniband-ndr = preset "infiniband-ndr"

/** NVIDIA Quantum-2 (QM9700): 64 × 400G NDR InfiniBand (the engine preset). */
switch quantum-2 = preset "quantum-2"
/** NVIDIA Quantum (QM8700): 40 × 200G HDR InfiniBand, the leaf and spine of DGX A100 SuperPODs such as Selene. */
switch quantum-hdr {
    radix = 40
    portBandwidth = 200 Gb/s
}

/** ${SYSTEMS.a100.note}. */
system dgx-a100 {
    gpu = a100
    gpuCount = 8
    tier nvlink { domainSize = 8; bandwidth = 300 GB/s * 8 bit/B; latency = 2 us; link = nvlink-3 }
    tier scale-out { domainSize = 8; bandwidth = 200 Gb/s; latency = 5 us; link = infiniband-ndr; switch = quantum-hdr }
}

/** Jean Zay (BLOOM): DGX-class A100 nodes on Omni-Path, 4 × 100 Gb/s per node (50 Gb/s per GPU), switches not modelled. */
system jean-zay-a100 {
    gpu = a100
    gpuCount = 8
    tier nvlink { domainSize = 8; bandwidth = 300 GB/s * 8 bit/B; latency = 2 us; link = nvlink-3 }
    tier scale-out { domainSize = 8; bandwidth = 50 Gb/s; latency = 5 us; link = infiniband-ndr }
}

/** ${SYSTEMS.h100.note}. */
system dgx-h100 = preset "h100-cluster" {
    gpuCount = 8
    tier scale-out { domainSize = 8 }
}

/** ${SYSTEMS.h800.note}: the H100 cluster's NVSwitch generation (its measured all-to-all) with NVLink cut. */
system hgx-h800 = preset "h100-cluster" {
    gpu = h800
    gpuCount = 8
    tier nvlink { bandwidth = 200 GB/s * 8 bit/B }
    tier scale-out { domainSize = 8 }
}

/** ${SYSTEMS.b200.note}. */
system dgx-b200 = preset "b200-cluster" {
    gpuCount = 8
    tier scale-out { domainSize = 8 }
}

/** ${SYSTEMS.b300.note}. */
system dgx-b300 = preset "b300-cluster" {
    gpuCount = 8
    tier scale-out { domainSize = 8 }
}

/** ${SYSTEMS.gb200.note}. */
system gb200-nvl72 = preset "gb200-nvl72" {
    gpuCount = 72
    tier scale-out { domainSize = 72 }
}

/** ${SYSTEMS.gb300.note}. */
system gb300-nvl72 = preset "gb300-nvl72" {
    gpuCount = 72
    tier scale-out { domainSize = 72 }
}
`;

const DATATYPE: Readonly<Record<string, string>> = { fp16: 'fp16', bf16: 'bf16', fp8: 'fp8', mxfp8: 'fp8', 'fp8-blockwise': 'fp8', nvfp4: 'fp4' };

/** Parameters of the published model (not of the written stand-in): attention, FFN or experts, embeddings. */
function parameterCount(run: PublishedRun, tied: boolean): number {
  const m = run.model;
  const h = m.hiddenSize;
  const headDim = h / m.attentionHeads;
  const attention = 2 * h * h + 2 * h * m.kvHeads * headDim;
  const ffn = (width: number) => (m.ffnKind === 'swiglu' ? 3 : 2) * h * width;
  let total = 0;
  if (m.moe) {
    const moeLayers = m.layers - m.moe.firstDenseLayers;
    total += m.moe.firstDenseLayers * (attention + ffn(m.ffnHidden ?? m.moe.expertHidden));
    total += moeLayers * (attention + (m.moe.experts + m.moe.sharedExperts) * ffn(m.moe.expertHidden) + h * m.moe.experts);
  } else {
    total += m.layers * (attention + ffn(m.ffnHidden ?? 4 * h));
  }
  return total + (tied ? 1 : 2) * m.vocabularySize * h;
}

/** Chunks of the pipeline and, when the layers do not divide them, first/last chunk sizes with ⌈L / C⌉ in the middle. */
function stageSplit(layers: number, chunks: number): { first?: number; last?: number; note?: string } {
  if (chunks < 2 || layers % chunks === 0) return {};
  const middle = Math.ceil(layers / chunks);
  const rest = layers - (chunks - 2) * middle;
  if (rest >= 2) {
    const first = Math.floor(rest / 2);
    return { first, last: rest - first };
  }
  // Two chunks more than layers: the embedding and the loss alone on the end chunks, one layer in each
  // other, as Megatron's account_for_embedding/loss_in_pipeline_split lays them out.
  if (layers + 2 === chunks) return { first: 0, last: 0 };
  return {
    note: `${layers} layers on ${chunks} pipeline chunks: no first/last split leaves the middle chunks equal, so the engine's default split is used (⌊L / C⌋ each, the remainder to the middle chunks)`,
  };
}

/**
 * The pipeline layouts Megatron-Bridge's DeepSeek-V3 recipes set (set_deepseek_v3_pipeline_model_parallel_layout's
 * layout_map, recipes/deepseek/deepseek_v3.py at v0.2.0 through v0.6.0, and the 26.02 base configs' strings),
 * by pipeline chunks: the embedding shares the first chunk with `first` layers, and the last chunk
 * holds `last` layers with the MTP module and the loss. Over 32 chunks only the H100 recipe's
 * "Et|(tt|)*30mL" is known; other chunk counts have no layout in the recipes.
 */
const BRIDGE_DEEPSEEK_LAYOUTS: Readonly<Record<number, { first: number; last: number }>> = {
  4: { first: 16, last: 13 },
  8: { first: 8, last: 5 },
  16: { first: 4, last: 1 },
};

function bridgeDeepSeekLayout(run: PublishedRun, chunks: number): { first: number; last: number; note: string } | undefined {
  if (!/^bridge-.*deepseekv3/.test(run.id)) return undefined;
  const layout = BRIDGE_DEEPSEEK_LAYOUTS[chunks] ?? (chunks === 32 && run.hardware.gpu.startsWith('h100') ? { first: 1, last: 0 } : undefined);
  if (!layout) return undefined;
  const lastChunk =
    layout.last === 0
      ? 'only the MTP module and the loss'
      : `${layout.last} layer${layout.last === 1 ? '' : 's'} with the MTP module (where the run has one) and the loss`;
  const note = `pipeline layout of the Megatron-Bridge recipe, not of the table: ${layout.first} layer${layout.first === 1 ? '' : 's'} with the embedding first, ${lastChunk} last`;
  return { ...layout, note };
}

const GRAPH_WORDS = { router: 'moeRouter', 'attention-and-router': 'attentionAndRouter', layers: 'wholeLayers' } as const;

/** Megatron's CUDA graph scopes (cuda_graph_scope) as the engine's capture: attn, moe_router, moe_preprocess, moe, mlp, full_iteration. */
type RecomputeModuleFlags = NonNullable<WrittenConfig['recomputeModules']>;

/** Megatron's recompute_modules names → what the engine's selective recompute re-runs. */
const RECOMPUTE_MODULE_FLAGS: Readonly<Record<string, keyof RecomputeModuleFlags>> = {
  layernorm: 'norms',
  moe_act: 'activationFunction',
  core_attn: 'attentionCore',
  mla_up_proj: 'mlaUpProjections',
};

/** The flags of the modules a recipe lists: only those re-run. */
function recomputeModulesOf(modules: readonly string[]): RecomputeModuleFlags {
  const flags: RecomputeModuleFlags = { norms: false, activationFunction: false, attentionCore: false, mlaUpProjections: false };
  for (const module of modules) if (module in RECOMPUTE_MODULE_FLAGS) flags[RECOMPUTE_MODULE_FLAGS[module]] = true;
  return flags;
}

/** Models whose public configuration trains without dropout (attention and hidden dropout 0). */
const NO_DROPOUT = /^(Llama|Qwen3|DeepSeek-V3|gpt-oss|MPT)/;

function cudaGraphsOf(scopes: readonly string[]): { scope: 'router' | 'attention-and-router' | 'layers'; note?: string } | undefined {
  if (!scopes.length) return undefined;
  const has = (name: string) => scopes.includes(name);
  // Full-iteration graphs capture the whole step; the engine's whole-layer graphs already capture every kernel it times.
  if (has('full_iteration'))
    return {
      scope: 'layers',
      note: 'full-iteration CUDA graphs (cuda_graph_impl full_iteration): written as whole-layer graphs, which the engine takes to capture every kernel it times',
    };
  if (has('attn') && (has('moe') || has('mlp'))) return { scope: 'layers' };
  const router = has('moe_router') || has('moe_preprocess');
  if (has('attn')) return { scope: 'attention-and-router', note: router ? undefined : 'CUDA graphs over attention only: written as attention and router' };
  if (router) return { scope: 'router' };
  return { scope: 'router', note: `CUDA graphs over ${scopes.join(', ')} only: the engine has no such scope; written as router graphs, which capture less` };
}

export function mapRun(run: PublishedRun): MappedRun {
  const m = run.model;
  const t = run.training;
  const hw = run.hardware;
  const notModelled: string[] = [];
  const assumed: string[] = [];
  const gpuKey = GPU_KEY[hw.gpu];
  if (!gpuKey) throw new Error(`${run.id}: no GPU for '${hw.gpu}'`);
  const base = SYSTEMS[gpuKey];
  const scaleOutGbps = run.id.startsWith('bloom-') ? 50 : (hw.scaleOutPerGpuGbps ?? base.defaultScaleOutGbps);
  const systemName = run.id.startsWith('bloom-') ? 'jean-zay-a100' : base.name;
  if (hw.scaleOutPerGpuGbps === null)
    assumed.push(
      `scale-out bandwidth per GPU not stated by the source: ${scaleOutGbps} Gb/s (${run.id.startsWith('bloom-') ? "Omni-Path, 4 × 100 Gb/s per node, the collector's reading" : 'the system default'})`,
    );
  const gpuCount = hw.gpuCount;
  // An NVL72 rack runs jobs on 16 of its 18 compute trays (two spare): a job of a multiple of 64
  // GPUs, not of 72, is taken as whole 64-GPU NVLink domains.
  const podSize = base.podSize === 72 && gpuCount % 72 !== 0 && gpuCount % 64 === 0 ? 64 : Math.min(base.podSize, gpuCount);
  if (podSize < base.podSize)
    assumed.push(
      `${gpuCount} GPUs on NVL72 racks, not a multiple of 72: NVLink domains of ${podSize} GPUs (16 of a rack's 18 compute trays, as jobs on NVL72 are usually placed; not stated by the source)`,
    );
  const seq = m.sequenceLength;

  // Parallelism the source leaves out: the published practice of the codebase, stated as assumed.
  let tp = t.tensorParallel;
  let pp = t.pipelineParallel;
  let globalBatch = t.globalBatch;
  let mb = t.microbatchSize;
  // Llama 3 runs an interleaved schedule (§3.3.2) without giving its depth; its Figure 6 draws eight
  // stages on four pipeline ranks, two per rank.
  const llama3Interleaved = run.id.startsWith('llama3-405b') && t.virtualStages === null;
  const vp = t.virtualStages ?? (llama3Interleaved ? 2 : 1);
  if (llama3Interleaved) assumed.push('virtual pipeline stages not stated: 2, as Figure 6 draws the interleaved schedule (eight stages on four ranks)');
  if (run.id.startsWith('opt-')) {
    tp = 8;
    pp = 1;
    globalBatch = 992;
    mb = 8;
    assumed.push(
      'TP 8, PP 1 (Megatron TP inside a node under FSDP, per the OPT logbook; not in the paper)',
      'global batch 992 sequences (the paper: 2M tokens; 992 = 124 DP ranks × 8 is the nearest that divides)',
    );
  }
  if (run.id.startsWith('korthikanti-')) {
    tp = 8;
    pp = 35;
    globalBatch = 2240;
    mb = 1;
    assumed.push(
      "TP 8 × PP 35 × DP 8, global batch 2240, microbatch 1: the 530B configuration of Narayanan et al. 2021 on 2240 GPUs (the paper's own table was not read)",
    );
  }
  if (globalBatch === null) {
    globalBatch = 8192;
    assumed.push('global batch not stated: 8192, that of the Megatron-Bridge 25.09 DeepSeek-V3 H100 row');
  }
  if (mb === null) {
    mb = 1;
    assumed.push('microbatch not stated: 1');
  }
  if (tp === null || pp === null) throw new Error(`${run.id}: TP/PP unknown`);
  const cp = t.contextParallel ?? 1;
  const dp = gpuCount / (tp * pp * cp);
  if (!Number.isInteger(dp)) throw new Error(`${run.id}: DP ${dp} not whole`);
  if (cp > 1 && run.id.startsWith('megascale-moe')) {
    notModelled.push(
      "MegaScale-MoE's SP attention (the sequence split over the node's 8 GPUs with all-to-alls around attention, weights replicated): written as ring-attention context parallelism CP 8",
    );
  }

  // Model.
  let ffnHidden = m.ffnHidden ?? 4 * m.hiddenSize;
  let moe: WrittenConfig['moe'];
  let expertsPerDpRank = 1;
  if (m.moe) {
    const e = m.moe;
    if (m.ffnHidden === null || (e.firstDenseLayers === 0 && e.sharedExperts === 0)) ffnHidden = e.expertHidden;
    const granularity = ffnHidden / e.expertHidden;
    if (!Number.isInteger(granularity)) throw new Error(`${run.id}: granularity ${granularity}`);
    moe = {
      experts: e.experts,
      activeExperts: e.activeExperts,
      granularity,
      sharedExperts: e.sharedExperts,
      firstDenseLayers: e.firstDenseLayers,
      moeLayerInterval: e.moeLayerInterval,
    };
    const ep = t.expertParallel ?? 1;
    const etp = t.expertTensorParallel ?? 1;
    // The engine's EP counts TP groups (carved from DP × CP, as Megatron); Megatron's EP × ETP counts GPUs.
    // Match the GPUs an expert set spans.
    const epRanks = Math.max(1, (ep * etp) / tp);
    expertsPerDpRank = e.experts / epRanks;
    if (tp > 1 && ep > 1) {
      notModelled.push(
        `expert parallelism EP ${ep} with expert-TP ${etp} under attention TP ${tp}: experts whole on one GPU are not expressible; written as ${expertsPerDpRank} experts per TP group of ${tp} (EP ${epRanks} DP ranks, the same ${ep * etp} GPUs per expert set), each expert sliced over the TP group`,
      );
    }
    if (!Number.isInteger(expertsPerDpRank) || (dp * cp) % epRanks !== 0) throw new Error(`${run.id}: EP mapping`);
  }
  // DeepSeek-V3's MLA, from its config.json (q_lora_rank, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim).
  const mla = m.attention === 'mla' ? { queryLatentRank: 1536, keyValueLatentRank: 512, headDim: 128, ropeHeadDim: 64, valueHeadDim: 128 } : undefined;
  if (mla) assumed.push('MLA dimensions from the released config.json: query latent 1536, key/value latent 512, head 128 + RoPE 64, value head 128');
  // GPT-OSS's provider (gpt_oss_provider.py at v0.2.0, lines 76-84): window_size (128, 0) on every
  // layer but one in window_attn_skip_freq = 2.
  const gptOss = /gptoss/i.test(run.id);
  if (gptOss) {
    notModelled.push("GPT-OSS's learnable attention sinks and quick-GELU gate: written as plain attention and SwiGLU");
    assumed.push(
      "GPT-OSS's biases, clamped SwiGLU and YaRN rotary embedding from the public config.json (swiglu_limit 7, rope_scaling yarn) as Megatron-Bridge 0.2.0 runs them: FC2 expert biases added per local expert (experts.py _apply_bias), the clamp in eager kernels (fused_bias_geglu.py), rotary embedding unfused (Bridge turns rope fusion off for YaRN, utils/fusions.py)",
    );
  }
  // The archive labels the 25.11 GB200/GB300 DeepSeek-V3 rows "w/o MTP"; the other rows' FLOPs per token
  // (TFLOP/s over tokens/s: 260 GFLOP against 249.6) show the MTP module counted, as in the report's pre-training.
  const multiTokenPrediction = /deepseek/i.test(run.id) && !/^bridge-2511-deepseekv3-256-gb[23]00/.test(run.id) ? 1 : undefined;
  if (run.id.startsWith('megascale-2024') && run.id.includes('-megascale-')) {
    notModelled.push(
      "MegaScale's parallel transformer block (attention and MLP side by side) and sliding-window attention: written as the standard sequential GPT block with full causal attention",
    );
    notModelled.push("MegaScale's pipeline p2p overlap: the engine default (no p2p overlap) is kept");
  }
  if (run.id.startsWith('megascale-2024')) notModelled.push('LAMB optimizer: written as Adam (the same optimizer-step traffic class)');
  if (run.id.startsWith('megascale-moe') && run.id.includes('megascalemoe'))
    notModelled.push("MegaScale-MoE's intra/inter-operator communication overlap and selective activation rematerialisation: engine defaults, no recompute");
  if (m.ffnKind === 'gelu' && run.id.startsWith('opt-')) notModelled.push('ReLU MLP written as GELU (the same two matrices and FLOPs)');

  const attentionKernel = (t.attentionKernel ?? (run.year <= 2022 ? 'unfused' : 'flash')) === 'unfused' ? 'unfused' : 'flash';
  if (t.attentionKernel === null)
    assumed.push(`attention kernel not stated: ${attentionKernel}${attentionKernel === 'unfused' ? ' (no FlashAttention in the codebase of the time)' : ''}`);
  // Megatron-Bridge's performance scripts set cross_entropy_fusion_impl = "te" for every run (scripts/performance/utils/helpers.py).
  const crossEntropyKernel = t.crossEntropyKernel ?? (run.id.startsWith('bridge-') ? 'fused' : run.year <= 2022 ? 'unfused' : 'fused');
  if (t.crossEntropyKernel === undefined && !run.id.startsWith('bridge-'))
    assumed.push(
      `cross entropy not stated: ${crossEntropyKernel}${crossEntropyKernel === 'unfused' ? " (Megatron-LM's FP32 vocab-parallel cross entropy, the only one of the time)" : ' (a fused kernel of the kind Transformer Engine ships)'}`,
    );
  const shardParameters = t.shardedDataParallel === 'full';
  if (t.shardedDataParallel === 'optimizerAndGradients') {
    notModelled.push(
      "Llama 3's FSDP (optimizer state and gradients sharded, parameters not resharded after the forward, ZeRO-2-like): written as shardOptimizer = true (ZeRO-1), gradients not sharded in memory",
    );
  }

  const datatype = DATATYPE[t.datatype];
  if (!datatype) throw new Error(`${run.id}: datatype ${t.datatype}`);
  if (datatype !== t.datatype) notModelled.push(`${t.datatype} written as ${datatype} (the engine has one ${datatype} peak)`);
  if (datatype !== 'bf16' && datatype !== 'fp16' && !t.lowPrecisionScaling)
    assumed.push(`${t.datatype} scaling recipe not stated: the engine's default (delayed for FP8, per block for FP4)`);

  // The fine-grained recompute modules the run's recipe or report states; they also say recompute is
  // selective when the source itself does not.
  const modules = t.recomputeModules;
  // Megatron-Core refuses activation offloading with recompute, so a recipe that offloads recomputes nothing.
  const recipeRecompute =
    t.recomputeNumLayers !== undefined
      ? 'full'
      : t.cpuOffloadedLayers
        ? 'none'
        : modules === undefined || modules === null
          ? null
          : modules.length
            ? 'selective'
            : 'none';
  const recompute = t.recompute ?? recipeRecompute ?? (run.id.startsWith('opt-') ? 'full' : 'none');
  if (t.recompute === null && recipeRecompute === null)
    assumed.push(run.id.startsWith('opt-') ? 'recompute not stated: full activation checkpointing assumed (OPT logbook)' : 'recompute not stated: none');
  const written = recompute === 'selective' ? modules : undefined;
  const recomputeModules = written?.length ? recomputeModulesOf(written) : undefined;
  const unmodelled = written?.filter((module) => !(module in RECOMPUTE_MODULE_FLAGS)) ?? [];
  if (unmodelled.length) notModelled.push(`recompute of the whole ${unmodelled.join(' and ')} (Megatron's recompute_modules): not written`);
  const sequenceParallel = t.sequenceParallel ?? tp > 1;
  if (t.sequenceParallel === null) assumed.push(`sequence parallelism not stated: ${sequenceParallel ? 'on (TP > 1)' : 'off'}`);
  const shardOptimizer = t.distributedOptimizer ?? true;
  if (t.distributedOptimizer === null) assumed.push('distributed optimizer not stated: on (Megatron-LM --use-distributed-optimizer)');

  const chunks = pp * vp;
  const layout = bridgeDeepSeekLayout(run, chunks);
  const split = layout ?? stageSplit(m.layers, chunks);
  if (layout) assumed.push(layout.note);
  else if (split.note) notModelled.push(split.note);

  const config: WrittenConfig = {
    gpu: base.gpu,
    system: systemName,
    gpuCount,
    podSize,
    scaleOutGbps,
    layers: m.layers,
    hiddenSize: m.hiddenSize,
    attentionHeads: m.attentionHeads,
    kvHeads: m.kvHeads,
    ffnHidden,
    // Public config.json: Qwen3 uses head_dim 128, GPT-OSS 64, whatever hiddenSize / heads is.
    headDim: /qwen3/i.test(run.id) ? 128 : /gptoss/i.test(run.id) ? 64 : undefined,
    ffnKind: m.ffnKind,
    vocabularySize: m.vocabularySize,
    sequenceLength: seq,
    tiedEmbeddings: run.id.startsWith('mosaic-'),
    dropout: NO_DROPOUT.test(m.name) ? 0 : undefined,
    attentionWindow: gptOss ? 128 : undefined,
    fullAttentionInterval: gptOss ? 2 : undefined,
    linearBiases: gptOss || undefined,
    activationClamp: gptOss ? 7 : undefined,
    fusedRotaryEmbedding: gptOss ? false : undefined,
    moe,
    datatype,
    globalBatch,
    microbatchSize: mb,
    tensorParallel: tp,
    pipelineParallel: pp,
    virtualStages: vp,
    dataParallel: dp,
    contextParallel: cp,
    expertsPerDpRank,
    mla,
    multiTokenPrediction,
    recompute,
    recomputeLayers: t.recomputeNumLayers,
    offloadedActivationLayers: t.cpuOffloadedLayers,
    recomputeModules,
    activationFunctionInputDatatype: run.id.startsWith('deepseek-v3-2024') ? 'fp8' : undefined,
    lowPrecisionScaling: t.lowPrecisionScaling,
    sequenceParallel,
    shardOptimizer: shardOptimizer || shardParameters,
    shardParameters,
    attentionKernel,
    crossEntropyKernel,
    firstStageLayers: split.first,
    lastStageLayers: split.last,
    trainingTokens: run.measured.kind === 'gpuHours' ? String(run.measured.alsoReported.pretrainTokens ?? '14.8T').replace(/T$/, ' Ttokens') : '1 Ttokens',
  };
  if (run.id.startsWith('deepseek-v3-2024')) {
    Object.assign(config, {
      pipelineSchedule: 'dualpipe',
      expertDispatch: 'hierarchical',
      maxDomainsPerToken: 4,
      expertOverlap: 'pairedMicrobatches',
      reservedCommunicationSms: true,
      dispatchDatatype: 'fp8',
    });
    assumed.push('global batch 15,360 throughout (the report ramps it from 3,072 over the first 469B tokens)');
    notModelled.push('batch-size ramp-up (3,072 → 15,360 over 469B tokens): the whole run is timed at 15,360');
  }
  if (run.id.startsWith('megatron-core-moe')) {
    Object.assign(config, { expertDispatch: 'hierarchical', expertOverlap: 'pairedMicrobatches' });
  }
  // The dispatch settings the run's recipe states (training.tokenDispatcher, expertCommOverlap, cudaGraphScope).
  if (m.moe && (t.tokenDispatcher === 'deepep' || t.tokenDispatcher === 'hybridep')) {
    config.expertDispatch = 'hierarchical';
    notModelled.push(
      `Megatron's flex token dispatcher with the ${t.tokenDispatcher === 'deepep' ? 'DeepEP' : 'HybridEP'} backend: written as hierarchical dispatch (one copy per remote domain, forwarded inside it); its fused permutation kernels and the SMs it occupies are not modelled separately`,
    );
  }
  if (m.moe && t.expertCapacityFactor !== undefined) config.capacityFactor = t.expertCapacityFactor;
  if (m.moe && t.expertRankCapacityFactor !== undefined) config.expertRankCapacity = t.expertRankCapacityFactor;
  if (m.moe && t.expertCommOverlap === true) {
    config.expertOverlap = 'pairedMicrobatches';
    notModelled.push(
      "expert-parallel all-to-all overlap with delay_wgrad_compute (Megatron's 1F1B A2A overlap): written as paired-microbatch overlap; the delayed weight-gradient GEMMs are not modelled separately",
    );
  }
  // MegaScale §3.2 fuses the TP/SP all-gather and reduce-scatter with the GEMMs beside them.
  const megascaleTpOverlap = run.id.startsWith('megascale-2024') && run.id.includes('-megascale-');
  if ((t.tpCommOverlap === true || megascaleTpOverlap) && config.tensorParallel > 1) config.tensorParallelCommOverlap = true;
  // Every Megatron-Bridge performance recipe keeps BF16 gradient buffers: `grad_reduce_in_fp32 = False`
  // (scripts/performance/configs/<model>/*_llm_pretrain.py at v0.2.0 and v0.3.0, e.g. qwen3_llm_pretrain.py:44-45
  // at v0.2.0; the per-model YAML files at v0.1.0rc3).
  if (run.id.startsWith('bridge-')) config.gradientDatatype = 'bf16';
  if (t.gradientReduceDatatype) {
    config.gradientDatatype = t.gradientReduceDatatype;
    assumed.push(`gradients reduced in ${t.gradientReduceDatatype.toUpperCase()}, as the code of the time does (the run's notes)`);
  }
  if (t.gradientReduceOverlap === false) {
    config.gradientSyncOverlap = false;
    assumed.push("gradient reduction after the whole backward pass (gradientSyncOverlap = false), as the code of the time does (the run's notes)");
  }
  const graphs = cudaGraphsOf(t.cudaGraphScope ?? []);
  if (graphs) config.cudaGraphs = graphs.scope;
  if (graphs?.note) notModelled.push(graphs.note);

  // Conversion to the measured quantity, in the source's FLOP convention.
  const l = m.layers,
    h = m.hiddenSize,
    V = m.vocabularySize,
    B = globalBatch;
  let conversion: Conversion;
  let flops: number | undefined;
  let peak: number | undefined;
  const kind = run.measured.kind;
  const conv = run.measured.flopsConvention;
  const tokensPerGpu = run.measured.alsoReported.tokensPerSecondPerGpu;
  if (kind === 'iterationSeconds') conversion = 'seconds';
  else if (kind === 'gpuHours') conversion = 'gpuHours';
  else if (kind === 'mfu' && run.id.startsWith('mosaic-')) {
    conversion = 'mosaic-mfu';
    const n = parameterCount(run, true);
    flops = B * (6 * n * seq + 12 * l * h * seq * seq);
    peak = BF16_PEAK[gpuKey];
  } else if (kind === 'mfu') {
    conversion = 'korthikanti-mfu';
    flops = 72 * B * seq * l * h * h * (1 + seq / (6 * h) + V / (12 * l * h));
    peak = BF16_PEAK[gpuKey];
  } else if (/^Eq\. \(3\)/.test(conv)) {
    conversion = 'narayanan-eq3';
    flops = 96 * B * seq * l * h * h * (1 + seq / (6 * h) + V / (16 * l * h));
  } else if (typeof tokensPerGpu === 'number') {
    conversion = 'implied-per-token';
    flops = (run.measured.value * 1e12) / tokensPerGpu;
  } else if (run.measured.flopsPerToken) {
    conversion = 'implied-per-token';
    flops = run.measured.flopsPerToken.value;
    assumed.push(`FLOPs per token of the source's calculator: ${run.measured.flopsPerToken.value.toPrecision(5)}, from ${run.measured.flopsPerToken.from}`);
  } else {
    conversion = 'palm-model-flops';
    const n = parameterCount(run, false);
    flops = B * seq * (6 * n + 12 * l * h * seq);
    if (run.id.startsWith('opt-')) assumed.push('FLOP convention not stated by OPT: model FLOPs 6N + 12·l·h·s per token assumed');
  }
  return { run, config, notModelled, assumed, conversion, flops, peak };
}

const MEASURED_UNIT: Readonly<Record<PublishedRun['measured']['kind'], string>> = {
  tflopsPerGpu: 'TFLOP/s per GPU',
  iterationSeconds: 's per iteration',
  gpuHours: 'GPU-hours',
  mfu: '% MFU',
};
export const unitOf = (kind: PublishedRun['measured']['kind']) => MEASURED_UNIT[kind];

const grouped = (n: number) => (Number.isInteger(n) && n >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n));

/** Wraps text into comment lines of at most `width` characters, each starting with ` * `; a list item's continuation lines are indented under it. */
function commentLines(text: string, width = 100): string[] {
  text = text.replace(/\*\//g, '* /');
  const hang = text.startsWith('- ') ? '  ' : '';
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const prefix = out.length ? hang : '';
    if (line && prefix.length + line.length + 1 + word.length > width - 3) {
      out.push(` * ${prefix}${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(` * ${out.length ? hang : ''}${line}`);
  return out;
}

/** The .moesys text of one run. */
export function scenarioText(mapped: MappedRun): string {
  const { run, config: c } = mapped;
  const id = run.id;
  const header: string[] = [
    '/*',
    ` * ${id}`,
    ' * Generated by scripts/validation/write-scenarios.ts from test/validation/published-runs.json; do not edit.',
    ' *',
  ];
  header.push(...commentLines(`Source: ${run.source.title}, ${run.source.url}; ${run.source.where}.`));
  header.push(
    ...commentLines(
      `Measured: ${run.measured.value} ${unitOf(run.measured.kind)} (${run.family}, ${run.hardware.gpuCount} × ${run.hardware.gpu}, confidence ${run.confidence}).`,
    ),
  );
  if (run.training.recipeSource)
    header.push(...commentLines(`Recipe settings (dispatcher, A2A overlap, recompute, CUDA graphs) from: ${run.training.recipeSource}.`));
  header.push(...commentLines(`FLOP convention: ${run.measured.flopsConvention}`));
  header.push(...commentLines(`Compared as: ${mapped.conversion}.`));
  if (mapped.assumed.length) {
    header.push(' *', ' * Assumed (not stated by the source):');
    for (const a of mapped.assumed) header.push(...commentLines(`- ${a}`));
  }
  header.push(' *', ` * Not modelled${mapped.notModelled.length ? ' (closest expressible configuration written):' : ': nothing known.'}`);
  for (const n of mapped.notModelled) header.push(...commentLines(`- ${n}`));
  if (run.gaps) header.push(' *', ' * What the source states and leaves out (as collected):', ...commentLines(run.gaps));
  header.push(' */');

  const lines: string[] = [...header, 'import "hardware.moesys"', ''];
  lines.push(`/** ${run.model.name}. */`, `model ${id}-model {`);
  lines.push(`    layers = ${c.layers}`, `    hiddenSize = ${grouped(c.hiddenSize)}`, `    attentionHeads = ${c.attentionHeads}`, `    kvHeads = ${c.kvHeads}`);
  if (c.headDim !== undefined) lines.push(`    headDim = ${c.headDim}`);
  lines.push(
    `    ffnHidden = ${grouped(c.ffnHidden)}`,
    `    ffnKind = ${c.ffnKind}`,
    `    vocabularySize = ${grouped(c.vocabularySize)}`,
    `    sequenceLength = ${grouped(c.sequenceLength)}`,
  );
  if (c.tiedEmbeddings) lines.push('    tiedEmbeddings = true');
  if (c.dropout !== undefined) lines.push(`    dropout = ${c.dropout}`);
  if (c.attentionWindow !== undefined) lines.push(`    attentionWindow = ${c.attentionWindow}`, `    fullAttentionInterval = ${c.fullAttentionInterval}`);
  if (c.linearBiases) lines.push('    linearBiases = true');
  if (c.activationClamp !== undefined) lines.push(`    activationClamp = ${c.activationClamp}`);
  if (c.multiTokenPrediction) lines.push(`    multiTokenPrediction = ${c.multiTokenPrediction}      // one MTP module, counted in the source's FLOPs`);
  if (c.mla) {
    lines.push(
      '    mla {',
      `        queryLatentRank = ${c.mla.queryLatentRank}`,
      `        keyValueLatentRank = ${c.mla.keyValueLatentRank}`,
      `        headDim = ${c.mla.headDim}`,
      `        ropeHeadDim = ${c.mla.ropeHeadDim}`,
      `        valueHeadDim = ${c.mla.valueHeadDim}`,
      '    }',
    );
  }
  if (c.moe) {
    lines.push('    moe {', `        experts = ${c.moe.experts}`, `        activeExperts = ${c.moe.activeExperts}`);
    if (c.moe.granularity !== 1) lines.push(`        granularity = ${c.moe.granularity}`);
    if (c.moe.sharedExperts) lines.push(`        sharedExperts = ${c.moe.sharedExperts}`);
    if (c.moe.firstDenseLayers) lines.push(`        firstDenseLayers = ${c.moe.firstDenseLayers}`);
    if (c.moe.moeLayerInterval !== 1) lines.push(`        moeLayerInterval = ${c.moe.moeLayerInterval}`);
    lines.push('    }');
  }
  lines.push('}', '');
  const base = Object.values(SYSTEMS).find((s) => s.gpu === c.gpu)!;
  const note = c.system === 'jean-zay-a100' ? 'Jean Zay: A100 nodes on Omni-Path at 50 Gb/s per GPU' : base.note;
  lines.push(`/** ${note}; ${c.gpuCount} GPUs. */`, `system ${id}-system extends ${c.system} {`, `    gpuCount = ${grouped(c.gpuCount)}`);
  if (c.podSize !== base.podSize) lines.push(`    tier nvlink { domainSize = ${c.podSize} }`);
  lines.push(`    tier scale-out { domainSize = ${grouped(c.gpuCount)}; bandwidth = ${c.scaleOutGbps} Gb/s }`, '}', '');
  lines.push(`training ${id}-job {`, `    datatype = ${c.datatype}`);
  if (c.lowPrecisionScaling) lines.push(`    lowPrecisionScaling = ${c.lowPrecisionScaling}`);
  lines.push(`    globalBatch = ${grouped(c.globalBatch)}`, `    trainingTokens = ${c.trainingTokens}`);
  lines.push(`    tensorParallel = ${c.tensorParallel}`, `    pipelineParallel = ${c.pipelineParallel}`);
  if (c.virtualStages > 1) lines.push(`    virtualStages = ${c.virtualStages}`);
  if (c.pipelineSchedule) lines.push(`    pipelineSchedule = ${c.pipelineSchedule}`);
  if (c.firstStageLayers !== undefined) lines.push(`    firstStageLayers = ${c.firstStageLayers}`, `    lastStageLayers = ${c.lastStageLayers}`);
  if (c.contextParallel > 1) lines.push(`    contextParallel = ${c.contextParallel}`);
  if (c.fusedRotaryEmbedding === false) lines.push('    fusedRotaryEmbedding = false');
  lines.push(`    dataParallel = ${c.dataParallel}`);
  if (c.moe)
    lines.push(
      `    expertsPerDpRank = ${c.expertsPerDpRank}          // EP = ${c.moe.experts} / ${c.expertsPerDpRank} = ${c.moe.experts / c.expertsPerDpRank} TP groups`,
    );
  if (c.expertDispatch) lines.push(`    expertDispatch = ${c.expertDispatch}`);
  if (c.maxDomainsPerToken !== undefined) lines.push(`    maxDomainsPerToken = ${c.maxDomainsPerToken}`);
  if (c.expertOverlap) lines.push(`    expertOverlap = ${c.expertOverlap}`);
  if (c.reservedCommunicationSms) lines.push('    reservedCommunicationSms = true');
  if (c.capacityFactor !== undefined) lines.push(`    capacityFactor = ${c.capacityFactor}`);
  if (c.expertRankCapacity !== undefined) lines.push(`    expertRankCapacity = ${c.expertRankCapacity}`);
  if (c.dispatchDatatype) lines.push(`    dispatchDatatype = ${c.dispatchDatatype}`);
  if (c.tensorParallelCommOverlap) lines.push('    tensorParallelCommOverlap = true');
  if (c.cudaGraphs) lines.push(`    cudaGraphs = ${GRAPH_WORDS[c.cudaGraphs]}`);
  if (c.gradientDatatype) lines.push(`    gradientDatatype = ${c.gradientDatatype}`);
  if (c.gradientSyncOverlap === false) lines.push('    gradientSyncOverlap = false');
  lines.push(`    microbatchSize = ${c.microbatchSize}`, `    recompute = ${c.recompute}`);
  if (c.recomputeLayers !== undefined) lines.push(`    recomputeLayers = ${c.recomputeLayers}`);
  if (c.offloadedActivationLayers !== undefined) lines.push(`    offloadedActivationLayers = ${c.offloadedActivationLayers}`);
  if (c.recomputeModules) {
    const flags = Object.entries(c.recomputeModules).map(([module, on]) => `${module} = ${on}`);
    lines.push(`    recomputeModules { ${flags.join('; ')} }`);
  }
  if (c.activationFunctionInputDatatype) lines.push(`    activationFunctionInputDatatype = ${c.activationFunctionInputDatatype}`);
  lines.push(`    sequenceParallel = ${c.sequenceParallel}`, `    shardOptimizer = ${c.shardOptimizer}`);
  if (c.shardParameters) lines.push('    shardParameters = true');
  lines.push(`    attentionKernel = ${c.attentionKernel}`);
  if (c.crossEntropyKernel === 'unfused') lines.push('    crossEntropyKernel = unfused');
  lines.push('}', '');
  lines.push(`scenario ${id} { system = ${id}-system; model = ${id}-model; training = ${id}-job }`, '');
  return lines.join('\n');
}

/** Every file of the suite, path (relative to the repository) → text, in a fixed order. */
export function suiteFiles(runs: readonly PublishedRun[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set('test/validation/runs/hardware.moesys', HARDWARE_FILE);
  for (const run of [...runs].sort((a, b) => a.id.localeCompare(b.id))) files.set(`test/validation/runs/${run.id}.moesys`, scenarioText(mapRun(run)));
  return files;
}
