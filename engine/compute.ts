/**
 * Per-GPU compute of one microbatch on one pipeline rank: a roofline per operation, FLOPs against
 * the GPU's matmul ceiling × computeEfficiency and bytes against HBM × memoryEfficiency, the slower of the two. One
 * kernel model serves time and memory: fused (flash) causal attention, whose backward recomputes
 * the scores; selective recompute re-runs the modules it names (recompute.ts), by default the FFN
 * activation function with flash attention and the attention core with an unfused kernel
 * (Korthikanti et al. 2022), as memory.ts drops their tensors.
 */
import type { CudaGraphScope, Datatype, LowPrecisionScaling, Scenario, TrainingSpec } from './types.js';
import {
  attentionScoreFlopsPerToken,
  attentionWidthsPerGpu,
  attentionWorkShare,
  clampsActivation,
  expertHidden,
  ffnMatrices,
  headDimOf,
} from './parameters.js';
import type { Degrees } from './placement.js';
import type { RankLayers } from './pipeline.js';
import { busiestRankLoad, meanTokensPerExpert } from './routing.js';
import { activationBytes, activationFunctionInputBytes, gemmBytes, gradientBytes, highPrecisionDatatype, lowPrecisionScalingOf } from './precision.js';
import { gemmUtilization } from './gemm-tiles.js';
import { rankRecomputeShare, selectiveModules } from './recompute.js';

/**
 * One operation's forward work on one GPU for one microbatch; its backward costs `backward` × forward.
 * `highPrecision` ops (attention core, router, LM head) run at the activation datatype's peak even when
 * the linear layers run in FP8, as Transformer Engine and DeepSeek-V3 keep them in BF16.
 */
export interface Operation {
  name: string;
  flops: number;
  bytes: number;
  backward: number;
  highPrecision?: boolean;
  kernels: number;
  /** Elements of a GEMM's activation input: what an FP8 or FP4 GEMM first casts. */
  inputElements?: number;
  /** Kernels the host issues for it in the forward, when not `kernels` (a grouped GEMM launched per expert). */
  launches?: number;
  /** A grouped GEMM's experts: one Transformer Engine module call, then one cuBLASLt call per expert (`hostSecondsPerExpertGemm`). */
  groupedExperts?: number;
  /** The CUDA graph scope that captures it (training `cudaGraphs`). */
  graphScope?: 'attention' | 'router';
  /** Runs after the MoE dispatcher's host sync (`dispatchHostSync`): the experts, the permutation, the shared experts. */
  afterDispatch?: true;
  /** A GEMM's shape: its three products' outputs set the tile and wave quantization (`gemm-tiles.ts`). */
  gemm?: GemmShape;
  /** A fused (flash) attention kernel: it runs at the measured flash-attention efficiencies, not a GEMM's. */
  fusedAttention?: true;
  /** A fused attention's head dimension: what its products reduce over per score (MLA: the mean of its score and value widths). */
  headDim?: number;
}

/** (m × k) by (k × n), `productsPerKernel` of them scheduled together (a grouped GEMM's groups). */
export interface GemmShape {
  m: number;
  k: number;
  n: number;
  productsPerKernel: number;
}

/** Backward over forward work of a GEMM: the input-gradient and the weight-gradient products. */
const GEMM_BACKWARD = 2;
/**
 * Backward over forward of fused attention: FlashAttention-2 runs 5 matrix products in the backward
 * (recomputing the scores) against 2 in the forward (Dao 2023, §3.1).
 */
const FLASH_BACKWARD = 2.5;

/** A GEMM of (m × k) by (k × n), with `count` such products: 2mkn FLOPs, inputs and output through HBM. */
function gemm(name: string, m: number, k: number, n: number, elementBytes: number, count = 1, kernels = 1): Operation {
  return {
    name,
    flops: count * 2 * m * k * n,
    bytes: count * elementBytes * (m * k + k * n + m * n),
    backward: GEMM_BACKWARD,
    kernels,
    inputElements: count * m * k,
    gemm: { m, k, n, productsPerKernel: count / kernels },
  };
}

/** A memory-bound pass of `bytes` through HBM in `kernels` kernels; the backward moves twice as much. */
function pass(name: string, bytes: number, kernels = 1): Operation {
  return { name, flops: 0, bytes, backward: 2, kernels };
}

/** Tokens of one microbatch on one GPU: its sequences, split over the context-parallel ranks. */
export function microbatchTokens(s: Scenario): number {
  return (s.training.microbatchSize * s.model.sequenceLength) / (s.training.contextParallel ?? 1);
}

/** Routed copies of tokens that one GPU permutes and combines per MoE layer. */
function routedCopiesPerGpu(s: Scenario, d: Degrees): number {
  const k = s.model.moe?.activeExperts ?? 0;
  return (microbatchTokens(s) * k) / (s.assumptions.tokenDeduplication || s.training.sequenceParallel ? d.tp : 1);
}

/**
 * The attention block per GPU: projections, then fused causal attention — QKᵀ and AV over the
 * unmasked share of the s × s scores, with Q, K, V and O through HBM once.
 */
function attentionOperations(s: Scenario, d: Degrees): Operation[] {
  const { model, training, assumptions } = s;
  const bytes = gemmBytes(training);
  const act = activationBytes(training);
  const tokens = microbatchTokens(s);
  const h = model.hiddenSize;
  const unfused = training.attentionKernel === 'unfused';
  // An unfused kernel computes the whole s × s product and masks it afterwards.
  const coreFlops = (tokens * attentionScoreFlopsPerToken(model) * attentionWorkShare(model, assumptions.causalAttentionWork, unfused)) / d.tp;
  const scores = unfused
    ? [pass('attention scores in HBM', assumptions.unfusedScorePasses * tokens * model.sequenceLength * (model.attentionHeads / d.tp) * act, 3)]
    : [];
  const backward = unfused ? GEMM_BACKWARD : FLASH_BACKWARD;
  const core: Operation = {
    name: 'attention core',
    flops: coreFlops,
    bytes: 0,
    backward,
    highPrecision: true,
    kernels: 1,
    ...(unfused
      ? {}
      : { fusedAttention: true as const, headDim: model.mla ? (model.mla.headDim + model.mla.ropeHeadDim + model.mla.valueHeadDim) / 2 : headDimOf(model) }),
  };
  if (model.mla) {
    const m = model.mla;
    const heads = model.attentionHeads / d.tp;
    const qk = m.headDim + m.ropeHeadDim;
    const queryUp = m.queryLatentRank > 0 ? m.queryLatentRank : h;
    return [
      ...(m.queryLatentRank > 0 ? [gemm('query down projection', tokens, h, m.queryLatentRank, bytes)] : []),
      gemm('query up projection', tokens, queryUp, heads * qk, bytes),
      gemm('key/value down projection', tokens, h, m.keyValueLatentRank + m.ropeHeadDim, bytes),
      gemm('key/value up projection', tokens, m.keyValueLatentRank, heads * (m.headDim + m.valueHeadDim), bytes),
      // MLA rotates only its decoupled RoPE dimensions: each head's query part and the one shared key.
      ...eagerRotary(s, tokens * (heads + 1) * m.ropeHeadDim),
      { ...core, bytes: heads * (2 * qk + 2 * m.valueHeadDim) * tokens * act },
      ...scores,
      gemm('output projection', tokens, heads * m.valueHeadDim, h, bytes),
    ];
  }
  const widths = attentionWidthsPerGpu(model, d.tp);
  return [
    gemm('qkv projection', tokens, h, widths.query + 2 * widths.keyValue, bytes),
    ...eagerRotary(s, tokens * (widths.query + widths.keyValue)),
    { ...core, bytes: (2 * widths.query + 2 * widths.keyValue) * tokens * act },
    ...scores,
    gemm('output projection', tokens, widths.query, h, bytes),
  ];
}

/**
 * Megatron-Core's eager rotary embedding (`fusedRotaryEmbedding = false`; rope_utils.py
 * `_apply_rotary_pos_emb_bshd`), called once for Q and once for K: the cos and sin tables (each a cos
 * or sin, a scale by mscale and a cast), then a multiply by cos, a rotate-half (negate, concatenate), a
 * multiply by sin, an add and a final concatenation, 12 element passes of the tensor. The fused
 * kernel's one read and write already sit in the layer's elementwise work: 10 more. MLA's
 * de-interleave and its split and concatenation of the rotary part are not counted.
 */
const EAGER_ROTARY_KERNELS = 2 * (6 + 6);
const EAGER_ROTARY_PASSES = 12 - 2;

function eagerRotary(s: Scenario, rotatedElements: number): Operation[] {
  if (s.training.fusedRotaryEmbedding !== false) return [];
  // Its backward rotates the gradients the same way: one forward's work, not a generic pass's two.
  return [{ ...pass('rotary embedding, eager', EAGER_ROTARY_PASSES * rotatedElements * activationBytes(s.training), EAGER_ROTARY_KERNELS), backward: 1 }];
}

/** The attention block's operations, tagged as what an attention CUDA graph captures. */
function attentionBlock(s: Scenario, d: Degrees): Operation[] {
  return attentionOperations(s, d).map((op) => ({ ...op, graphScope: 'attention' as const }));
}

/**
 * An FFN's two GEMMs, as Megatron runs them: FC1 the gate and up projections fused (SwiGLU) or the
 * up projection alone (GeLU), reading the block's input once; FC2 the down projection, reading the
 * activation function's output. `count` of each are scheduled together (a grouped GEMM's experts);
 * Transformer Engine's grouped expert layers launch them once per local expert (`launches`).
 */
function ffnGemms(name: string, s: Scenario, tokens: number, width: number, count = 1, launches = 1, grouped = false): Operation[] {
  const { model, training } = s;
  const h = model.hiddenSize;
  const bytes = gemmBytes(training);
  const fc1Width = (ffnMatrices(model) - 1) * width;
  return [
    { ...gemm(`${name} fc1`, tokens, h, fc1Width, bytes, count), launches, ...(grouped && { groupedExperts: launches }) },
    { ...gemm(`${name} fc2`, tokens, width, h, bytes, count), launches, ...(grouped && { groupedExperts: launches }) },
  ];
}
const ROUTED_EXPERTS = 'routed experts';

/**
 * Of `moeRoutingKernelsPerLayer`, the router's own (softmax or sigmoid, top-k, load-balancing loss,
 * token histogram), which a router CUDA graph captures; the dispatcher's permute, unpermute and
 * combine are not captured.
 */
const ROUTER_KERNELS = 4;

/** Forward operations of one attention layer plus its FFN or MoE block, per GPU. */
export function layerOperations(s: Scenario, d: Degrees, isMoe: boolean): Operation[] {
  const { model, training, assumptions } = s;
  const act = activationBytes(training);
  const tokens = microbatchTokens(s);
  const h = model.hiddenSize;
  // Half the elementwise work (the input norm, rotary embedding, a dropout and a residual) sits in the
  // attention module a graph of it captures; the other half (the pre-FFN norm, activation, dropout, residual) does not.
  const elementwiseBytes = (assumptions.elementwisePassesPerLayer * tokens * h * act) / (training.sequenceParallel ? d.tp : 1);
  const attentionKernels = Math.ceil(assumptions.elementwiseKernelsPerLayer / 2);
  const ffnElementwise = pass('ffn elementwise', elementwiseBytes / 2, assumptions.elementwiseKernelsPerLayer - attentionKernels);
  const ops: Operation[] = [
    ...attentionBlock(s, d),
    { ...pass('attention elementwise', elementwiseBytes / 2, attentionKernels), graphScope: 'attention' },
    ...(isMoe && model.moe ? [] : [ffnElementwise]),
  ];
  if (!isMoe || !model.moe) {
    ops.push(...ffnGemms('ffn', s, tokens, model.ffnHidden / d.tp), ...activationClamp(s, tokens * (model.ffnHidden / d.tp)));
    return withCasts(s, ops);
  }
  const moe = model.moe;
  const fe = expertHidden(model);
  // Tokens each expert of this DP rank receives per microbatch, from every DP rank of the expert set;
  // the busiest EP rank receives more than the mean (`busiestRankLoad`) and sets the pace.
  const tokensPerExpert = meanTokensPerExpert(s, tokens) * busiestRankLoad(s, d, tokens);
  const afterDispatch = (op: Operation): Operation => ({ ...op, afterDispatch: true });
  ops.push(
    { ...gemm('router', tokens / d.tp, h, moe.experts, act), highPrecision: true, graphScope: 'router' },
    { ...pass('routing', 0, Math.min(ROUTER_KERNELS, assumptions.moeRoutingKernelsPerLayer)), graphScope: 'router' },
    // The pre-FFN norm runs before the router; the activation, dropout and residual after the experts.
    afterDispatch(ffnElementwise),
    // One grouped GEMM per FC for all the GPU's experts, launched by the host expert by expert.
    ...ffnGemms(ROUTED_EXPERTS, s, tokensPerExpert, fe / d.expertTp, d.expertsPerGpu, Math.ceil(d.expertsPerGpu), true).map(afterDispatch),
    ...activationClamp(s, tokensPerExpert * d.expertsPerGpu * (fe / d.expertTp)).map(afterDispatch),
    ...expertOutputBias(s, tokensPerExpert * d.expertsPerGpu * h, d.expertsPerGpu).map(afterDispatch),
    afterDispatch(
      pass(
        'token permutation',
        assumptions.permutationPassesPerRoutedToken * routedCopiesPerGpu(s, d) * h * act,
        Math.max(0, assumptions.moeRoutingKernelsPerLayer - ROUTER_KERNELS),
      ),
    ),
  );
  // Megatron adds the shared experts' output after the routed experts' combine (no shared-expert overlap).
  if (moe.sharedExperts > 0) {
    const sharedHidden = (moe.sharedExperts * fe) / d.tp;
    ops.push(
      ...[...ffnGemms('shared experts', s, tokens, sharedHidden), ...activationClamp(s, tokens * sharedHidden, 'shared experts activation clamp')].map(
        afterDispatch,
      ),
    );
  }
  return withCasts(s, ops);
}

/**
 * A clamped SwiGLU (`activationClamp`): Megatron-Core clamps each half of the FC1 output and
 * concatenates them again, three eager kernels (fused_bias_geglu.py `weighted_bias_quick_geglu_impl`):
 * each clamp reads and writes its half, the concatenation the whole, 8 element passes of one half.
 */
const CLAMP_KERNELS = 3;
const CLAMP_PASSES = 8;

/** `halfElements`: the FFN's hidden elements per GPU, one half of the FC1 output. */
function activationClamp(s: Scenario, halfElements: number, name = 'activation clamp'): Operation[] {
  if (!clampsActivation(s.model)) return [];
  // Its backward masks the gradient of each half and concatenates them again: one forward's work.
  return [{ ...pass(name, CLAMP_PASSES * halfElements * activationBytes(s.training), CLAMP_KERNELS), backward: 1 }];
}

/**
 * With `linearBiases`, Megatron-Core adds a grouped expert layer's FC2 bias after the grouped GEMM,
 * expert by expert (experts.py `_apply_bias`): a scale and an add per local expert, then one
 * concatenation, each reading and writing the experts' output (6 element passes).
 */
const EXPERT_BIAS_PASSES = 6;

function expertOutputBias(s: Scenario, outputElements: number, expertsPerGpu: number): Operation[] {
  if (!s.model.linearBiases) return [];
  // Its backward slices the gradient per expert and reduces each slice for its bias grad: twice the forward's kernels, as a generic pass.
  return [pass('expert output bias', EXPERT_BIAS_PASSES * outputElements * activationBytes(s.training), 2 * Math.ceil(expertsPerGpu) + 1)];
}

/** Kernels of one tensor's cast under each scaling recipe (`lowPrecisionScaling`): per-tensor scaling reduces its amax first. */
const CAST_KERNELS: Readonly<Record<LowPrecisionScaling, number>> = { delayed: 1, perTensor: 4, perBlock: 1 };

/**
 * Below 16 bits every low-precision GEMM first casts its BF16 input (`lowPrecisionCastBytes` per
 * element), in the kernels its scaling recipe takes (`lowPrecisionScaling`): Transformer Engine
 * quantizes each expert's input on its own, in one fused kernel for all of them only under delayed
 * scaling, and per-tensor scaling reads the input once more for its amax. The attention GEMMs' casts
 * belong to the attention module a graph of it captures.
 */
function withCasts(s: Scenario, ops: Operation[]): Operation[] {
  if (gemmBytes(s.training) >= 2) return ops;
  const scaling = lowPrecisionScalingOf(s.training);
  const bytesPerElement = s.assumptions.lowPrecisionCastBytes + (scaling === 'perTensor' ? activationBytes(s.training) : 0);
  const casts = (scope: Operation['graphScope']): Operation | undefined => {
    let elements = 0;
    let tensors = 0;
    for (const op of ops) {
      if (op.inputElements === undefined || op.highPrecision || op.graphScope !== scope) continue;
      elements += op.inputElements;
      tensors += scaling === 'delayed' ? op.kernels : (op.launches ?? op.kernels);
    }
    if (tensors === 0) return undefined;
    const name = scope === 'attention' ? 'attention low-precision casts' : 'low-precision casts';
    // The host issues one quantize call per tensor; a recipe's other kernels are launched from inside it, in C++.
    // The FFN's casts quantize the expert inputs, after a MoE layer's dispatch.
    const afterDispatch = !scope && ops.some((op) => op.afterDispatch);
    return {
      ...pass(name, elements * bytesPerElement, tensors * CAST_KERNELS[scaling]),
      launches: tensors,
      ...(scope && { graphScope: scope }),
      ...(afterDispatch && { afterDispatch: true as const }),
    };
  };
  return [...ops, ...[casts('attention'), casts(undefined)].filter((op): op is Operation => op !== undefined)];
}

/** HBM traffic of one layer's FFN activation function (GeLU reads 1, SwiGLU 2 hidden tensors, both write 1), per GPU. */
function activationFunctionBytes(s: Scenario, d: Degrees, isMoe: boolean): number {
  const { model, training } = s;
  const tokens = microbatchTokens(s);
  // Per hidden element: its inputs (as kept for the backward) read, its output written, and a clamp's passes re-run with it.
  const clamp = clampsActivation(model) ? CLAMP_PASSES * activationBytes(training) : 0;
  const act = (ffnMatrices(model) - 1) * activationFunctionInputBytes(training) + activationBytes(training) + clamp;
  if (!isMoe || !model.moe) return tokens * (model.ffnHidden / d.tp) * act;
  const fe = expertHidden(model);
  const routed = meanTokensPerExpert(s, tokens) * (fe / d.expertTp) * d.expertsPerGpu * busiestRankLoad(s, d, tokens);
  const shared = tokens * ((model.moe.sharedExperts * fe) / d.tp);
  return (routed + shared) * act;
}

/**
 * The cross entropy's passes over the logits: bytes per logit, forward and backward, and the forward's kernels.
 * Fused (Transformer Engine 2.x, triton/cross_entropy.py): an online-softmax pass reads the 16-bit
 * logits, a second reads them again and writes the gradient in their place; the backward scales it
 * (read, write). Unfused (Megatron-LM's mpu/cross_entropy.py with the FP32 cast of gpt_model.py): cast
 * to FP32 (2 + 4), max (4), subtract (8), exp (8), sum (4), divide (8); the backward scales (8) and casts
 * back (4 + 2).
 */
const CROSS_ENTROPY = {
  fused: { forwardBytes: 6, backwardBytes: 4, kernels: 2 },
  unfused: { forwardBytes: 38, backwardBytes: 14, kernels: 6 },
} as const;

/** The LM head on the last stage and its loss, per GPU. */
export function headOperations(s: Scenario, d: Degrees): Operation[] {
  const tokens = microbatchTokens(s);
  const logits = (tokens * s.model.vocabularySize) / d.tp;
  const loss = CROSS_ENTROPY[s.training.crossEntropyKernel ?? 'fused'];
  return [
    { ...gemm('lm head', tokens, s.model.hiddenSize, s.model.vocabularySize / d.tp, activationBytes(s.training)), highPrecision: true },
    { ...pass('cross entropy', logits * loss.forwardBytes, loss.kernels), backward: loss.backwardBytes / loss.forwardBytes },
  ];
}

/** The embedding lookup on the first stage: a gather of one row per token (memory-bound). */
export function embeddingOperations(s: Scenario, d: Degrees): Operation[] {
  const tokens = microbatchTokens(s);
  return [pass('embedding', (2 * tokens * s.model.hiddenSize * activationBytes(s.training)) / (s.training.sequenceParallel ? d.tp : 1), 1)];
}

export interface Roofline {
  flops: number;
  forwardSeconds: number;
  backwardSeconds: number;
  /** Of the forward, the time the GPU waits for the host to issue its kernels (`hostSecondsPerKernel`). */
  forwardHostWaitSeconds: number;
  /** Of the backward, the same. */
  backwardHostWaitSeconds: number;
  /** GPU time, forward plus backward, of its TP-sharded GEMMs: what TP comm overlap hides behind. */
  tensorParallelGemmSeconds: number;
}

/** CPU time to issue one kernel: the GPU's own host (a Grace superchip's), else the assumption. */
export function hostSecondsPerKernel(s: Scenario): number {
  return s.system.gpu.hostSecondsPerKernel ?? s.assumptions.hostSecondsPerKernel;
}

function capturedByGraph(op: Operation, graphs: CudaGraphScope): boolean {
  if (graphs === 'none') return false;
  if (graphs === 'layers') return true;
  return op.graphScope === 'router' || (op.graphScope === 'attention' && graphs === 'attention-and-router');
}

/** Datatypes whose measured ceiling fraction stands in for an unmeasured one, nearest first. */
const NEAREST_MEASURED: Readonly<Record<Datatype, readonly Datatype[]>> = {
  fp4: ['fp8', 'bf16', 'fp16'],
  fp8: ['bf16', 'fp16', 'fp4'],
  bf16: ['fp16', 'fp8'],
  fp16: ['bf16', 'fp8'],
  tf32: ['bf16', 'fp16'],
  fp32: ['tf32', 'bf16', 'fp16'],
};

/**
 * The best matmul rate of a datatype on this GPU: its peak × the measured ceiling fraction of that
 * datatype, else of the GPU's nearest measured one, else `matmulCeilingFraction`.
 */
export function matmulCeiling(s: Scenario, datatype: Datatype): number {
  const gpu = s.system.gpu;
  const measured = gpu.achievableMatmulFraction;
  let fraction = measured?.[datatype];
  for (const other of NEAREST_MEASURED[datatype]) fraction ??= measured?.[other];
  return (gpu.peakFlops[datatype] ?? 0) * (fraction ?? s.assumptions.matmulCeilingFraction);
}

/**
 * A dropless MoE layer's dispatcher waits, in the forward, for the per-expert token counts on the host
 * (`dispatchHostSync`), unless its buffers have fixed shapes (`expertRankCapacity`) or another
 * microbatch's work is queued behind it (`pairedMicrobatches`).
 */
export function dispatchSyncs(s: Scenario): boolean {
  const t = s.training;
  return !!s.model.moe && s.assumptions.dispatchHostSync && !staticExpertShapes(t) && (t.expertOverlap ?? 'none') === 'none';
}

/** Expert buffers of fixed shape: padded to a capacity factor, or a per-rank budget. */
export function staticExpertShapes(t: TrainingSpec): boolean {
  return t.capacityFactor !== undefined || t.expertRankCapacity !== undefined;
}

/** Low-precision GEMMs scaled per block on tensor cores that cannot apply the scales (`hardwareBlockScaling`). */
function softwareBlockScaled(s: Scenario): boolean {
  return gemmBytes(s.training) < 2 && lowPrecisionScalingOf(s.training) === 'perBlock' && !s.system.gpu.hardwareBlockScaling;
}

/** The head dimension the flash-attention efficiencies were measured at (Shah et al. 2024). */
const MEASURED_HEAD_DIM = 128;

/**
 * A fused attention's rate at its head dimension over the measured one's: a narrower head does less
 * matrix work per score for the same softmax, whose share of the measured kernel's time is `softmaxShare`.
 */
function headDimensionRate(op: Operation, softmaxShare: number): number {
  const r = Math.min(1, (op.headDim ?? MEASURED_HEAD_DIM) / MEASURED_HEAD_DIM);
  return r / ((1 - softmaxShare) * r + softmaxShare);
}

/**
 * Forward and backward time of a list of operations: each op bound by math or by memory. A GEMM's
 * math runs at the share of the SMs its tiles keep busy (`gemm-tiles.ts`) in each of its three
 * products: the forward, the input gradient and the weight gradient, each of the forward's FLOPs.
 */
export function roofline(s: Scenario, ops: readonly Operation[]): Roofline {
  const peaks = s.system.gpu.peakFlops;
  const wanted = highPrecisionDatatype(s.training);
  const highPrecisionType = peaks[wanted] === undefined ? s.training.datatype : wanted;
  const peak = matmulCeiling(s, s.training.datatype) * s.assumptions.computeEfficiency;
  const highPrecisionCeiling = matmulCeiling(s, highPrecisionType);
  const highPrecision = highPrecisionCeiling * s.assumptions.computeEfficiency;
  const memory = s.system.gpu.hbmBandwidth * s.assumptions.memoryEfficiency;
  const sms = s.system.gpu.streamingMultiprocessors;
  const tile = { rows: s.assumptions.gemmTileRows, columns: s.assumptions.gemmTileColumns, depth: s.assumptions.gemmTileDepth };
  let forwardSeconds = 0;
  let backwardSeconds = 0;
  let flops = 0;
  let hostSeconds = 0;
  // Of the forward's GPU and host time, what runs after a MoE dispatcher's host sync.
  let forwardAfterSync = 0;
  let hostAfterSync = 0;
  let tensorParallelGemmSeconds = 0;
  const graphs = s.training.cudaGraphs ?? 'none';
  const hostPerKernel = hostSecondsPerKernel(s);
  // Transformer Engine's GEMM calls (all but the router and the LM head, plain torch GEMMs) cost the host more than a bare launch.
  const hostPerGemm = hostPerKernel * s.assumptions.hostLaunchesPerGemm;
  const weightGradientEfficiency = softwareBlockScaled(s) ? s.assumptions.softwareBlockScaledWeightGradientEfficiency : 1;
  // Like tile quantization, a kernel-level loss: a GPU described without SMs (of the future) has ideal kernels.
  const epilogueExposure = s.system.gpu.overlappedEpilogue || !sms ? 0 : s.assumptions.gemmEpilogueExposure;
  const outputBytes = activationBytes(s.training);
  const weightGradientBytes = gradientBytes(s);
  const syncs = dispatchSyncs(s);
  for (const op of ops) {
    const hostBefore = hostSeconds;
    const forwardBefore = forwardSeconds;
    if (!capturedByGraph(op, graphs)) {
      if (op.groupedExperts) hostSeconds += hostPerGemm + op.groupedExperts * s.assumptions.hostSecondsPerExpertGemm;
      else hostSeconds += (op.launches ?? op.kernels) * (op.gemm && !op.highPrecision ? hostPerGemm : hostPerKernel);
    }
    const rate = op.highPrecision ? highPrecision : peak;
    const memorySeconds = op.bytes / memory;
    const overhead = op.kernels * s.assumptions.kernelOverheadSeconds;
    const g = op.gemm;
    if (g) {
      // An empty GEMM (no tokens routed to a rank's experts) reads and stores nothing.
      const count = op.flops > 0 ? op.flops / (2 * g.m * g.k * g.n) : 0;
      const elementBytes = count > 0 ? op.bytes / (count * (g.m * g.k + g.k * g.n + g.m * g.n)) : 0;
      // (a × b)·(b × c): inputs read while the tiles compute; the a × c output stored after them, as far as exposed.
      const product = (a: number, b: number, c: number, storedBytesPerElement: number, efficiency = 1) => {
        const math = op.flops / (rate * efficiency * gemmUtilization({ m: a, k: b, n: c, products: g.productsPerKernel }, sms, tile));
        const inputs = (count * (a * b + b * c) * elementBytes) / memory;
        const store = (count * a * c * storedBytesPerElement) / memory;
        return Math.max(math, inputs + (1 - epilogueExposure) * store) + epilogueExposure * store;
      };
      // (m × k)·(k × n) forward, (m × n)·(n × k) input gradient, (k × m)·(m × n) weight gradient into the gradient buffer.
      const forward = product(g.m, g.k, g.n, outputBytes) + overhead;
      const weightGradient = product(g.k, g.m, g.n, weightGradientBytes, op.highPrecision ? 1 : weightGradientEfficiency);
      const backward = product(g.m, g.n, g.k, outputBytes) + weightGradient + 2 * overhead;
      forwardSeconds += forward;
      backwardSeconds += backward;
      if (isTensorParallelGemm(op)) tensorParallelGemmSeconds += forward + backward;
    } else if (op.fusedAttention) {
      const a = s.assumptions;
      const forward = a.flashAttentionForwardEfficiency * headDimensionRate(op, a.flashAttentionForwardSoftmaxShare);
      const backward = a.flashAttentionBackwardEfficiency * headDimensionRate(op, a.flashAttentionBackwardSoftmaxShare);
      forwardSeconds += Math.max(op.flops / (highPrecisionCeiling * forward), memorySeconds) + overhead;
      backwardSeconds += Math.max((op.flops * op.backward) / (highPrecisionCeiling * backward), memorySeconds * op.backward) + 2 * overhead;
    } else {
      const t = Math.max(op.flops / rate, memorySeconds);
      forwardSeconds += t + overhead;
      backwardSeconds += t * op.backward + 2 * overhead;
    }
    flops += op.flops;
    if (syncs && op.afterDispatch) {
      hostAfterSync += hostSeconds - hostBefore;
      forwardAfterSync += forwardSeconds - forwardBefore;
    }
  }
  // The GPU cannot run ahead of the host that issues its kernels; the backward issues twice the forward's.
  // A dispatcher's host sync empties the GPU's queue once a layer: from one sync to the next the host
  // issues the experts' side (a) and then the next layer's attention side (b), each kernel no sooner
  // than issued, so that stretch takes max(Ha + Hb, max(Ha, Ga) + Gb) instead of the longer of the sums.
  const [hostA, gpuA] = [hostAfterSync, forwardAfterSync];
  const [hostB, gpuB] = [hostSeconds - hostAfterSync, forwardSeconds - forwardAfterSync];
  const forwardWait = syncs ? Math.max(hostA + hostB, Math.max(hostA, gpuA) + gpuB) - (gpuA + gpuB) : Math.max(0, hostSeconds - forwardSeconds);
  const backwardWait = Math.max(0, 2 * hostSeconds - backwardSeconds);
  return {
    flops,
    forwardSeconds: forwardSeconds + forwardWait,
    backwardSeconds: backwardSeconds + backwardWait,
    forwardHostWaitSeconds: forwardWait,
    backwardHostWaitSeconds: backwardWait,
    tensorParallelGemmSeconds,
  };
}

/** Forward, backward and recompute time of one microbatch on one pipeline rank. */
export interface StageCompute {
  forwardSeconds: number;
  backwardSeconds: number;
  recomputeSeconds: number;
  /** Of the three, the time the GPU waits for the host. */
  hostWaitSeconds: number;
  /** Forward FLOPs per GPU of one microbatch. */
  forwardFlops: number;
}

const NO_ROOFLINE: Roofline = {
  flops: 0,
  forwardSeconds: 0,
  backwardSeconds: 0,
  forwardHostWaitSeconds: 0,
  backwardHostWaitSeconds: 0,
  tensorParallelGemmSeconds: 0,
};

function scaleRoofline(r: Roofline, times: number): Roofline {
  return {
    flops: r.flops * times,
    forwardSeconds: r.forwardSeconds * times,
    backwardSeconds: r.backwardSeconds * times,
    forwardHostWaitSeconds: r.forwardHostWaitSeconds * times,
    backwardHostWaitSeconds: r.backwardHostWaitSeconds * times,
    tensorParallelGemmSeconds: r.tensorParallelGemmSeconds * times,
  };
}

/** Per-layer compute of one microbatch, the same on every rank: ranks differ only in how many layers of each kind they hold. */
export interface LayerCompute {
  moe: Roofline;
  dense: Roofline;
  head: Roofline;
  embedding: Roofline;
  /**
   * Selective recompute of one layer, seconds: the modules it re-runs (`selectiveModules`), by
   * default an unfused attention core and its scores (Korthikanti et al.'s), with flash attention
   * the FFN activation function, MLA's up-projections with either.
   */
  moeRecompute: number;
  denseRecompute: number;
  /** Forward plus backward of one layer's attention core: what ring attention hides its K/V exchange behind. */
  attentionCoreSeconds: number;
  /** Forward plus backward of one layer's TP-sharded GEMMs (attention, dense FFN, shared experts): what TP comm overlap hides behind. */
  tensorParallelGemmSeconds: { moe: number; dense: number };
}

/** The rooflines of one layer of each kind, the head and the embedding: independent of the recompute mode. */
export interface LayerRooflines {
  denseOps: Operation[];
  moe: Roofline;
  dense: Roofline;
  head: Roofline;
  embedding: Roofline;
  core: Roofline;
}

/** The GEMMs whose inputs or outputs the TP collectives carry: all but the router and the routed experts. */
const isTensorParallelGemm = (op: Operation) => op.gemm !== undefined && op.name !== 'router' && !op.name.startsWith(ROUTED_EXPERTS);

function layerRooflines(s: Scenario, d: Degrees): LayerRooflines {
  if (d.layerRooflines) return d.layerRooflines;
  const denseOps = layerOperations(s, d, false);
  const rooflines: LayerRooflines = {
    denseOps,
    moe: s.model.moe ? roofline(s, layerOperations(s, d, true)) : NO_ROOFLINE,
    dense: roofline(s, denseOps),
    head: roofline(s, headOperations(s, d)),
    embedding: roofline(s, embeddingOperations(s, d)),
    core: roofline(
      s,
      denseOps.filter((o) => o.name === 'attention core'),
    ),
  };
  d.layerRooflines = rooflines;
  return rooflines;
}

export function layerCompute(s: Scenario, d: Degrees): LayerCompute {
  const memory = s.system.gpu.hbmBandwidth * s.assumptions.memoryEfficiency;
  const modules = selectiveModules(s.training);
  const cached = layerRooflines(s, d);
  const denseOps = cached.denseOps;
  // The attention-side operations selective recompute re-runs: an unfused core and its scores, MLA's up-projections.
  const recomputed = (o: Operation) =>
    (!!modules?.attentionCore && s.training.attentionKernel === 'unfused' && (o.name === 'attention core' || o.name === 'attention scores in HBM')) ||
    (!!modules?.mlaUpProjections && !!s.model.mla && o.name.endsWith('up projection'));
  const attentionSide = modules ? roofline(s, denseOps.filter(recomputed)).forwardSeconds : 0;
  // The two norms read and write the hidden state of each token (split over TP under sequence parallelism).
  const norms = modules?.norms
    ? (2 * 2 * microbatchTokens(s) * s.model.hiddenSize * activationBytes(s.training)) / (s.training.sequenceParallel ? d.tp : 1) / memory
    : 0;
  const activationFunction = (isMoe: boolean) => (modules?.activationFunction ? activationFunctionBytes(s, d, isMoe) / memory : 0);
  const perLayer = (isMoe: boolean) => (modules ? activationFunction(isMoe) + attentionSide + norms : 0);
  const core = cached.core;
  return {
    attentionCoreSeconds: core.forwardSeconds + core.backwardSeconds,
    tensorParallelGemmSeconds: { moe: cached.moe.tensorParallelGemmSeconds, dense: cached.dense.tensorParallelGemmSeconds },
    moe: cached.moe,
    dense: cached.dense,
    head: cached.head,
    embedding: cached.embedding,
    // memory.ts drops the tensors of what is re-run.
    moeRecompute: s.model.moe ? perLayer(true) : 0,
    denseRecompute: perLayer(false),
  };
}

export function stageCompute(s: Scenario, layers: LayerCompute, rank: RankLayers): StageCompute {
  const head = rank.head ? scaleRoofline(layers.head, (1 + rank.extraHeads) * rank.endShare) : NO_ROOFLINE;
  const embedding = rank.embedding ? scaleRoofline(layers.embedding, rank.endShare) : NO_ROOFLINE;
  const layerForward = rank.moe * layers.moe.forwardSeconds + rank.dense * layers.dense.forwardSeconds;
  const forwardSeconds = layerForward + head.forwardSeconds + embedding.forwardSeconds;
  const backwardSeconds = rank.moe * layers.moe.backwardSeconds + rank.dense * layers.dense.backwardSeconds + head.backwardSeconds + embedding.backwardSeconds;
  const forwardFlops = rank.moe * layers.moe.flops + rank.dense * layers.dense.flops + head.flops;
  const layerForwardWait = rank.moe * layers.moe.forwardHostWaitSeconds + rank.dense * layers.dense.forwardHostWaitSeconds;
  const fullShare = rankRecomputeShare(s, rank);
  let recomputeSeconds = 0;
  if (s.training.recompute === 'full') recomputeSeconds = fullShare * layerForward;
  if (s.training.recompute === 'selective') recomputeSeconds = rank.moe * layers.moeRecompute + rank.dense * layers.denseRecompute;
  const wait = (r: Roofline) => r.forwardHostWaitSeconds + r.backwardHostWaitSeconds;
  // A recomputed forward issues its kernels again.
  const hostWaitSeconds = rank.moe * wait(layers.moe) + rank.dense * wait(layers.dense) + wait(head) + wait(embedding) + fullShare * layerForwardWait;
  return { forwardSeconds, backwardSeconds, recomputeSeconds, hostWaitSeconds, forwardFlops };
}
