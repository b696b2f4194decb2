/**
 * The modelling assumptions the reference paper leaves open, each with its documented default.
 * One set of defaults serves every configuration; none is tuned to hit one published figure.
 * The language shows these docs in hover and lets a scenario override any of them.
 */
import type { Assumptions } from './types.js';
import { DECISION_ASSUMPTION_INFO, DECISION_DEFAULTS } from './decision-assumptions.js';

export type AssumptionKey = keyof Assumptions;

export interface AssumptionInfo {
  key: AssumptionKey;
  /** What the number means and why the default is what it is. */
  doc: string;
  /**
   * 'fraction' (0..1), 'count', 'ratio' (≥ 1), 'bytes', 'seconds', 'boolean', 'watts', 'joulesPerBit',
   * 'metres' or 'dollars' (US dollars, a plain number).
   */
  kind: 'fraction' | 'count' | 'ratio' | 'bytes' | 'seconds' | 'boolean' | 'watts' | 'joulesPerBit' | 'metres' | 'dollars';
  min?: number;
  max?: number;
}

/** Defaults used by every scenario that does not override them. */
export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = Object.freeze({
  computeEfficiency: 0.875,
  matmulCeilingFraction: 0.8,
  memoryEfficiency: 0.8,
  scaleUpAllToAllEfficiency: 0.96,
  scaleOutAllToAllEfficiency: 0.67,
  hierarchicalDispatchEfficiency: 1,
  permutationPassesPerRoutedToken: 4,
  expertLoadImbalance: 1,
  randomRoutingFluctuation: true,
  weightGradientShare: 0.5,
  communicationSmShare: 0.15,
  pipelineScatterGather: true,
  switchHopLatency: 0.5e-6,
  parameterGatherOverlap: 1,
  causalAttentionWork: 0.5,
  kernelOverheadSeconds: 2e-6,
  hostSecondsPerKernel: 13.5e-6,
  hostLaunchesPerGemm: 2.7,
  hostSecondsPerExpertGemm: 33e-6,
  softwareBlockScaledWeightGradientEfficiency: 0.71,
  gemmEpilogueExposure: 1,
  dispatchHostSync: true,
  gemmTileRows: 128,
  gemmTileColumns: 256,
  gemmTileDepth: 64,
  flashAttentionForwardEfficiency: 0.67,
  flashAttentionBackwardEfficiency: 0.59,
  flashAttentionForwardSoftmaxShare: 0.4,
  flashAttentionBackwardSoftmaxShare: 0.2,
  lowPrecisionActivationCache: true,
  lowPrecisionCastBytes: 5,
  elementwiseKernelsPerLayer: 10,
  moeRoutingKernelsPerLayer: 11,
  unfusedScorePasses: 6,
  elementwisePassesPerLayer: 22,
  optimizerStepBytesPerParameter: 30,
  tensorParallelOverlap: 0,
  pipelineP2pOverlap: 0,
  tokenDeduplication: true,
  gradientBytesPerParameter: 4,
  optimizerStateBytesPerValue: 4,
  memoryReserveFraction: 0.1,
  hostCopyEfficiency: 0.85,
  ...DECISION_DEFAULTS,
});

export const ASSUMPTION_INFO: Readonly<Record<AssumptionKey, AssumptionInfo>> = {
  computeEfficiency: {
    key: 'computeEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      "Fraction of the GPU's matmul ceiling (its peak × the measured `achievableMatmulFraction`, else × `matmulCeilingFraction`) that the large matrix multiplications of training achieve; fused attention has its own, `flashAttentionForwardEfficiency`. " +
      '0.875 = 0.7 / 0.8: the 0.7 of peak the engine assumed for every GPU before it knew measured ceilings (Megatron-LM reports 0.6–0.75 of peak per GEMM on A100/H100), stated against the median ceiling, so a GPU without a measurement runs as before and a measured one by its own ceiling. ' +
      "A GEMM too small to fill whole tiles and waves of the GPU's SMs runs below it (`gemmTileRows`).",
  },
  matmulCeilingFraction: {
    key: 'matmulCeilingFraction',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc: "The matmul ceiling, as a fraction of peak, of a GPU that measures none of its datatypes (`achievableMatmulFraction`; one measured datatype stands in for the others). 0.8 is the median measured BF16 ceiling of NVIDIA's data-centre GPUs (maximum achievable matmul FLOPS: A100 0.87, GH200 0.84, H100 0.80, B300 0.79, B200 0.78, GB200 0.73 of peak; Bekman, ml-engineering, 'Maximum Achievable Matmul FLOPS comparison table', 2026). Vendors' peaks assume a boost clock the part does not hold under a full matmul load.",
  },
  memoryEfficiency: {
    key: 'memoryEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      'Fraction of HBM bandwidth that memory-bound operations (norms, activations, optimizer step) achieve. ' +
      '0.8 is what streaming kernels reach on HBM2e/HBM3.',
  },
  scaleUpAllToAllEfficiency: {
    key: 'scaleUpAllToAllEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      "Share of the scale-up tier's collective bandwidth that an all-to-all achieves through its single layer of switches (or NVLink): many small messages and incast make it slower than ring collectives. " +
      'A tier may set its own `allToAllEfficiency`. 0.96 is the one value fitted to the reference, on Fig. 10 alone (Passage Config 4 takes 1.02× Config 1, all its expert traffic in the pod; `engine/calibration.ts`): a single layer of switches gives every pair full bandwidth, so an all-to-all runs nearly as fast as a ring collective.',
  },
  scaleOutAllToAllEfficiency: {
    key: 'scaleOutAllToAllEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      "Share of a scale-out tier's collective bandwidth that an all-to-all achieves across a multi-hop Ethernet or InfiniBand fabric (incast, ECMP collisions, message rate). " +
      '0.67: NCCL all-to-all bus bandwidth is about 0.65–0.75 of all-reduce bus bandwidth across nodes (nccl-tests); not fitted to the reference. ' +
      "It applies where the switch says nothing: the InfiniBand switch presets carry 1 (adaptive routing; NCCL runs an all-to-all at one NIC's rate), and a switch or a tier may set its own `allToAllEfficiency`.",
  },
  hierarchicalDispatchEfficiency: {
    key: 'hierarchicalDispatchEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      "Share of a scale-out tier's collective bandwidth that hierarchical (DeepEP-style) dispatch and combine achieve: each GPU sends large transfers to one peer per remote domain instead of many small ones, so incast and message rate stop limiting it. " +
      "1: DeepEP's normal kernels measure 43–58 GB/s of RDMA payload per 50 GB/s CX7 NIC at EP 16–64 on H800 (its README), at or above the tier's collective rate. Used instead of the tier's all-to-all efficiency when `expertDispatch = hierarchical`.",
  },
  permutationPassesPerRoutedToken: {
    key: 'permutationPassesPerRoutedToken',
    kind: 'count',
    min: 0,
    max: 100,
    doc:
      "HBM passes over one hidden-size activation per routed copy of a token in an MoE layer's forward pass, outside the expert GEMMs: " +
      "permute (write the copy), unpermute (read and write it back in token order) and the weighted combine of the k outputs (read). 4: the Megatron-Core token dispatcher's permute/unpermute kernels; the backward moves twice as much. " +
      'This cost grows with the active experts k and not with the network.',
  },
  expertLoadImbalance: {
    key: 'expertLoadImbalance',
    kind: 'ratio',
    min: 1,
    max: 64,
    doc:
      'Tokens the busiest expert-parallel rank receives over the mean (dropless routing): it sets the pace of the expert GEMMs and of the all-to-all, which are bulk-synchronous. ' +
      '1: balanced, as auxiliary-loss or bias-based balancing (DeepSeek-V3) keeps it at the batch level; 1.1–1.3 for weakly balanced routers. ' +
      'The random fluctuation of each microbatch (randomRoutingFluctuation) comes on top.',
  },
  randomRoutingFluctuation: {
    key: 'randomRoutingFluctuation',
    kind: 'boolean',
    doc:
      "A microbatch's routing is balanced only in expectation: every token draws its k experts, so the copies a GPU's experts receive vary from microbatch to microbatch, " +
      'and the busiest of the expert-holding GPUs, which sets the pace of the bulk-synchronous all-to-all and grouped GEMMs, takes the expected maximum of their counts ' +
      "(hypergeometric per token, normal over the microbatch; Blom's Φ⁻¹((n − 0.375)/(n + 0.25)) for n holders). " +
      'It grows with the expert-parallel degree and shrinks with the tokens of a microbatch: 1.013× for DeepSeek-V3 (4,096 tokens a rank, top-8, 64 GPUs of 4 experts), so that systematic skew (expertLoadImbalance), not chance, dominates large microbatches. ' +
      'false: absolutely balanced routing, as DeepSeek simulates for its published profile (deepseek-ai/profile-data).',
  },
  weightGradientShare: {
    key: 'weightGradientShare',
    kind: 'fraction',
    min: 0,
    max: 1,
    doc:
      'Share of a backward pass that computes weight gradients (W) rather than input gradients (B). Zero-bubble and DualPipe schedules fill pipeline bubbles with W. ' +
      '0.5: for a GEMM the two products have the same FLOPs.',
  },
  communicationSmShare: {
    key: 'communicationSmShare',
    kind: 'fraction',
    min: 0,
    max: 0.9,
    doc:
      "Share of the GPU's streaming multiprocessors that communication kernels occupy while communication is overlapped with compute (an expert all-to-all with `expertOverlap = pairedMicrobatches`, TP collectives with `tensorParallelCommOverlap`); compute runs that much slower while they do. " +
      "0.15: DeepSeek-V3 gives 20 of the H800's 132 SMs to its dispatch and combine kernels.",
  },
  switchHopLatency: {
    key: 'switchHopLatency',
    kind: 'seconds',
    min: 0,
    max: 1e-3,
    doc:
      "Latency of one switch crossing, added twice (up and down) to a tier's start-up latency for every fabric level beyond the first: a 32k-GPU Clos of radix-64 switches has 3 levels. " +
      '0.5 µs: InfiniBand NDR and Spectrum-X switches forward in a few hundred ns, plus the cable and NIC of the extra hop.',
  },
  parameterGatherOverlap: {
    key: 'parameterGatherOverlap',
    kind: 'fraction',
    min: 0,
    max: 1,
    doc: "Share of ZeRO-3 / FSDP weight all-gathers and gradient reduce-scatters (`shardParameters`) hidden behind the microbatch's compute: FSDP prefetches the next layer's weights while this one computes. 1: hidden up to the compute available; what does not fit is exposed.",
  },
  pipelineScatterGather: {
    key: 'pipelineScatterGather',
    kind: 'boolean',
    doc: "Without sequence parallelism, each TP rank sends only its 1/TP slice of a stage boundary's activations and the next stage all-gathers them in its pod (Megatron-LM's scatter/gather optimisation, on by default). false: every TP rank sends the whole activation.",
  },
  causalAttentionWork: {
    key: 'causalAttentionWork',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      'Share of the full s × s attention-score work that a causal (masked) fused attention kernel does: it skips the blocks above the diagonal, about half. ' +
      'Time uses it; MFU keeps the published convention of counting the full 4·s·h FLOPs per token (Narayanan et al. 2021).',
  },
  kernelOverheadSeconds: {
    key: 'kernelOverheadSeconds',
    kind: 'seconds',
    min: 0,
    max: 1e-3,
    doc:
      'Time each GPU kernel costs beyond its roofline: the launch gap between dependent kernels and the ramp-up and tail of its waves. ' +
      "2 µs: the commonly measured CUDA launch-to-launch gap of back-to-back kernels in one stream. It matters where per-layer work is small (small models, fine-grained experts, fast GPUs); the backward runs twice the forward's kernels.",
  },
  hostSecondsPerKernel: {
    key: 'hostSecondsPerKernel',
    kind: 'seconds',
    min: 0,
    max: 1e-3,
    doc:
      'CPU time to issue one kernel from an eager PyTorch training step (Python module code, autograd, the ATen dispatcher, the library call and cudaLaunchKernel). ' +
      "The GPU cannot run ahead of the host: a layer's forward or backward takes the longer of its GPU time and its kernels × this, so short kernels (fine-grained experts, one expert GEMM per local expert, small microbatches) leave the GPU waiting. " +
      "Kernels a CUDA graph captures (training `cudaGraphs`) cost no host time. 13.5 µs: the CPU time of one eager torch Linear forward (one cuBLAS GEMM) on an x86 DGX H100 host (Transformer Engine issue #2053, 2025). A GB200 or GB300 preset sets the launch cost of its Grace host (37.08 µs in the same issue). Transformer Engine's GEMM calls cost more (`hostLaunchesPerGemm`, `hostSecondsPerExpertGemm`); a dropless dispatcher's host sync splits each MoE layer's forward (`dispatchHostSync`); the Python code between kernels is not modelled, so this is a lower bound.",
  },
  hostLaunchesPerGemm: {
    key: 'hostLaunchesPerGemm',
    kind: 'ratio',
    min: 1,
    max: 100,
    doc:
      "Host time of one Transformer Engine GEMM module call (a linear layer's, or a grouped expert layer's) in bare kernel launches (`hostSecondsPerKernel`): its Python module code, quantizer set-up and autograd bookkeeping run on every call. " +
      '2.7: one TE Linear forward takes 99.66 µs of CPU on a GB200 against 37.08 for a torch Linear of the same GEMM (Transformer Engine issue #2053, 2025, BF16). ' +
      'A grouped layer then pays `hostSecondsPerExpertGemm` per local expert. The router and the LM head are plain torch GEMMs (1).',
  },
  hostSecondsPerExpertGemm: {
    key: 'hostSecondsPerExpertGemm',
    kind: 'seconds',
    min: 0,
    max: 1e-3,
    doc:
      "Host time of one expert's GEMM inside a Transformer Engine grouped layer: TE 2.9 runs each local expert as its own cuBLASLt call, round-robin on 4 streams, building its descriptors and querying the algorithm heuristic every time (common/gemm/cublaslt_gemm.cu, multi_stream_cublas_gemm). " +
      "33 µs: TE's multi-stream grouped GEMM of 8 experts × 128 tokens takes 0.267 ms on a Blackwell GPU, its kernels a few µs of work (TE PR #3134, 2026). C++, not Python: it does not scale with a host's `hostSecondsPerKernel`, a torch op's cost.",
  },
  softwareBlockScaledWeightGradientEfficiency: {
    key: 'softwareBlockScaledWeightGradientEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      "Rate of a weight-gradient GEMM, over the job's other GEMMs, when its FP8 or FP4 inputs are scaled per block (`lowPrecisionScaling = perBlock`) on a GPU whose tensor cores cannot apply block scales (no `hardwareBlockScaling`: Hopper, Ampere). " +
      'The kernel rescales its partial sums on the CUDA cores every block of the reduction (DeepSeek-V3 §3.3.2); in the weight gradient both operands are scaled along the reduction (the tokens), so every accumulator takes its own scale each block, where the forward and the input gradient take one per row. ' +
      "0.71: DeepSeek's published H800 training profile (deepseek-ai/profile-data, train.json, EP64 TP1 4k tokens, four MoE layers; every GEMM on the 112 SMs DeepEP leaves) times the output projection's weight gradient (962 GFLOP) at 1.47–1.52 ms against 0.89–0.94 ms for its forward and input gradient, and an expert's FC1 weight gradient (481 GFLOP) at 0.63–0.81 ms against 1.65–2.16 ms for the forward of four; with each FP32 gradient tile's store after its main loop (`gemmEpilogueExposure`), both take 0.71 of the forward's math rate.",
  },
  gemmEpilogueExposure: {
    key: 'gemmEpilogueExposure',
    kind: 'fraction',
    min: 0,
    max: 1,
    doc:
      "Share of a GEMM's output store (each output tile written to HBM once its reduction is done) that follows the main loop instead of hiding behind it, on a GPU described at kernel level (`streamingMultiprocessors`) without `overlappedEpilogue`. " +
      'A Hopper or Ampere kernel holds its accumulators in registers, so an SM stores a finished tile before it starts the next: a GEMM with a short reduction, whose output is large beside its math (an expert FFN of hidden 2048, an input gradient, a weight gradient over few tokens), runs well below the large-GEMM rate; the store is timed at `memoryEfficiency` of HBM, its bytes the output datatype (the weight gradient writes the gradient buffer, `gradientBytesPerParameter`). ' +
      "1: DeepGEMM's published H800 FP8 table (deepseek-ai/DeepGEMM README at 55ab91f, March 2025, M ≥ 4096): from 1,426 TFLOP/s at K = 16,384 down to 1,168 at K = 2,048 and 751 at K = 512, which the engine's rates follow at 1 within 8.2% on nine of its ten shapes (seven within 2.5%), and miss by up to 87% at 0 (the tenth, N = 2,112, loses a partial wave the engine's stream-K tiles do not: +31%).",
  },
  dispatchHostSync: {
    key: 'dispatchHostSync',
    kind: 'boolean',
    doc:
      "A dropless MoE layer's token dispatcher needs the per-expert token counts on the host to size its buffers, so each MoE layer's forward stops the host until the GPU has routed: Megatron-Core's all-to-all dispatcher copies them to the CPU and synchronizes (token_dispatcher.py:907 at the NeMo 25.11 commit 0d8e0714), and DeepEP's and HybridEP's dispatch wait on a GPU counter the same way. " +
      'The host cannot run ahead across it, so the forward takes the longer of host and GPU before the dispatch and again after it, where without the sync one long stretch could hide the other. ' +
      'A capacity (`capacityFactor`, buffers padded to it as Megatron does with moe_pad_expert_input_to_capacity) or a per-rank budget (`expertRankCapacity`, fixed HybridEP buffers) gives static shapes and no sync; paired microbatches (`expertOverlap`) keep the GPU busy with the other microbatch while the host waits. The backward reuses the counts. Approximation: the pre-FFN norm and the first permutation, which run before the sync, are counted after it with the rest of the FFN side.',
  },
  gemmTileRows: {
    key: 'gemmTileRows',
    kind: 'count',
    min: 1,
    max: 1024,
    doc:
      "Rows of the output tile one SM computes in a large GEMM kernel. With `gemmTileColumns`, `gemmTileDepth` and the GPU's `streamingMultiprocessors` it sets the tile and wave quantization: a persistent (stream-K) kernel spreads a GEMM's tile iterations evenly over the SMs, and what a partial tile pads or the last partial round leaves idle runs below `computeEfficiency` — small GEMMs only (few tiles on many SMs, a short reduction). " +
      "128 × 256: the largest BF16/FP8 tiles of cuBLAS and CUTLASS on Hopper (two consumer warpgroups of 64 × 256) and Blackwell (a 2-SM 256 × 256 tile is 128 × 256 per SM), and Ampere's 256 × 128. The model also tries the transposed and half-width tiles and keeps the best, as library heuristics do.",
  },
  gemmTileColumns: {
    key: 'gemmTileColumns',
    kind: 'count',
    min: 1,
    max: 1024,
    doc: 'Columns of the output tile one SM computes in a large GEMM kernel (see `gemmTileRows`). 256.',
  },
  gemmTileDepth: {
    key: 'gemmTileDepth',
    kind: 'count',
    min: 1,
    max: 1024,
    doc: "Reduction elements one main-loop iteration of a GEMM tile consumes, the unit a stream-K kernel balances over the SMs (see `gemmTileRows`). 64: CUTLASS's 128 × 256 × 64 BF16 tiles on Hopper and Ampere.",
  },
  flashAttentionForwardEfficiency: {
    key: 'flashAttentionForwardEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      "Fraction of the GPU's 16-bit matmul ceiling (see `matmulCeilingFraction`) that a fused (flash) attention kernel's forward achieves, on the work it does (the causal half of the scores): it runs on the same tensor cores at the same clocks. " +
      '0.67: cuDNN fused attention, which Transformer Engine runs, measures 529 TFLOP/s causal on an H100 SXM5 (BF16, head dimension 128, 8k tokens; 600 without the causal mask; Shah et al. 2024, Fig. 5), 0.67 of its measured 794.5 TFLOP/s BF16 ceiling. Attention runs below a GEMM because its softmax and online rescaling share the SMs with the matrix products, and a causal mask leaves tiles part-empty. ' +
      "Blackwell runs near it with the cuDNN of 2025 (9.13: 1,171 TFLOP/s causal on a B200, 0.67 of its ceiling; NVIDIA cudnn-frontend's SDPA training benchmark, 2025) and above it with later ones (9.17: 1,584 on a GB200, 0.87).",
  },
  flashAttentionBackwardEfficiency: {
    key: 'flashAttentionBackwardEfficiency',
    kind: 'fraction',
    min: 0.01,
    max: 1,
    doc:
      "Fraction of the GPU's 16-bit matmul ceiling that a fused attention kernel's backward achieves on its 2.5× the forward's FLOPs (it recomputes the scores), causal. " +
      '0.59: cuDNN measures 518 TFLOP/s on an H100 SXM5 without the causal mask (BF16, head dimension 128, 8k tokens; Shah et al. 2024, Fig. 6), 0.65 of the 794.5 TFLOP/s ceiling, and the causal backward runs at 0.91 of the unmasked one (cuDNN 9.19 on an H200 at 8k: 541 against 594 TFLOP/s; NVIDIA cudnn-frontend SDPA training benchmark, 2026). The backward adds atomic accumulation of dQ and more shared-memory traffic per FLOP. ' +
      'Blackwell: 943 TFLOP/s causal on a B200 with cuDNN 9.13 (0.54), 1,211 on a GB200 with 9.17 (0.66).',
  },
  flashAttentionForwardSoftmaxShare: {
    key: 'flashAttentionForwardSoftmaxShare',
    kind: 'fraction',
    min: 0,
    max: 0.99,
    doc:
      "Share of a fused attention forward's time, at the head dimension 128 its efficiency was measured at, that does not scale with the head dimension: each score's softmax work (exponential, row maximum, rescaling) beside its 4 × 128 matrix FLOPs. " +
      'A head of dimension d < 128 does 4d matrix FLOPs per score for the same softmax, so the kernel runs at r / ((1 − σ)·r + σ) of `flashAttentionForwardEfficiency`, r = d / 128 (gpt-oss: 64); larger heads keep the 128 rate (cuDNN is no faster at 256). MLA reduces its scores over 192 and its values over 128: no change. ' +
      "0.4: cuDNN's H100 forward in Shah et al. 2024 (FlashAttention-3), Fig. 5, BF16 at 8k tokens: 379 TFLOP/s causal at head dimension 64 against 529 at 128 (0.72), which this share reproduces; two measurements, one parameter each for forward and backward, so the check is one of consistency.",
  },
  flashAttentionBackwardSoftmaxShare: {
    key: 'flashAttentionBackwardSoftmaxShare',
    kind: 'fraction',
    min: 0,
    max: 0.99,
    doc:
      "As `flashAttentionForwardSoftmaxShare`, for the backward, whose five matrix products per score dilute the softmax's recompute and its gradient further. " +
      "0.2: cuDNN's H100 backward in Shah et al. 2024, Fig. 6, BF16 at 8k tokens without the mask: 432 TFLOP/s at head dimension 64 against 518 at 128 (0.83).",
  },
  lowPrecisionActivationCache: {
    key: 'lowPrecisionActivationCache',
    kind: 'boolean',
    doc:
      "Below 16 bits, the GEMM inputs kept for the backward pass (the QKV, output-projection and FFN inputs, and the activation function's output) are the FP8 or FP4 copies the forward GEMMs already cast, which the weight-gradient GEMMs read: Transformer Engine's linear layers save them, and DeepSeek-V3 caches them in FP8 (§3.3.1). " +
      "Norm inputs, Q, K, V and the activation function inputs stay 16-bit (the training's activationFunctionInputDatatype may keep the latter in FP8). false: every kept activation is 16-bit.",
  },
  lowPrecisionCastBytes: {
    key: 'lowPrecisionCastBytes',
    kind: 'bytes',
    min: 0,
    max: 100,
    doc: "HBM bytes per input element of each FP8 or FP4 GEMM for casting it from BF16: read 2 B, write the low-precision copy (1 B) and its transpose for the weight-gradient GEMM (2 B round trip), as Transformer Engine's cast-transpose kernels do; in the kernels of the job's `lowPrecisionScaling` (per-tensor scaling reads the input once more). 0 above 8 bits.",
  },
  elementwiseKernelsPerLayer: {
    key: 'elementwiseKernelsPerLayer',
    kind: 'count',
    min: 0,
    max: 1000,
    doc: "Memory-bound kernels of one layer's forward besides its GEMMs and attention: two norms, two residual adds, the dropouts, rotary embedding, the FFN activation and biases. 10, from the Megatron-LM layer with Transformer Engine's fusions.",
  },
  moeRoutingKernelsPerLayer: {
    key: 'moeRoutingKernelsPerLayer',
    kind: 'count',
    min: 0,
    max: 1000,
    doc: "Kernels of an MoE layer's routing in its forward besides the router GEMM: softmax or sigmoid, top-k, the load-balancing loss, the token histogram, and the permute, unpermute and weighted combine of the dispatcher. 11, from the Megatron-Core token dispatcher.",
  },
  unfusedScorePasses: {
    key: 'unfusedScorePasses',
    kind: 'count',
    min: 0,
    max: 100,
    doc:
      'HBM passes over the s × s attention scores per layer and microbatch in the forward of an unfused attention kernel (`attentionKernel = unfused`): the QKᵀ write, the scaled masked softmax read and write, the dropout read and write, and the read of the product with V. ' +
      '6, from the 2021–22 Megatron-LM layer (Korthikanti et al. 2022 count the same tensors in activation memory); the backward moves twice as much.',
  },
  elementwisePassesPerLayer: {
    key: 'elementwisePassesPerLayer',
    kind: 'count',
    min: 0,
    max: 1000,
    doc:
      "HBM reads and writes of a hidden-size activation per token by the non-GEMM operations of one layer's forward pass " +
      '(two layer norms, two residual adds, dropouts, the FFN activation counted per hidden-size slice); the backward pass moves twice as much. ' +
      '22 follows the Megatron-LM layer with fused attention.',
  },
  optimizerStepBytesPerParameter: {
    key: 'optimizerStepBytesPerParameter',
    kind: 'bytes',
    min: 0,
    max: 1000,
    doc:
      'HBM traffic per parameter of the optimizer step: Adam reads FP32 master weight, both moments and the gradient (16 B) ' +
      'and writes them back with the low-precision copy (14 B).',
  },
  tensorParallelOverlap: {
    key: 'tensorParallelOverlap',
    kind: 'fraction',
    min: 0,
    max: 1,
    doc: 'Share of tensor-parallel communication hidden behind compute when the job does not set `tensorParallelCommOverlap` (which replaces it with the pipelined-overlap mechanism). 0: Megatron-style TP collectives sit on the critical path.',
  },
  pipelineP2pOverlap: {
    key: 'pipelineP2pOverlap',
    kind: 'fraction',
    min: 0,
    max: 1,
    doc: 'Share of pipeline point-to-point activation transfers hidden behind compute. 0: each stage boundary waits for its transfer.',
  },
  tokenDeduplication: {
    key: 'tokenDeduplication',
    kind: 'boolean',
    doc:
      'In the hybrid tensor-expert-data scheme each TP rank dispatches only its 1/TP share of the tokens to the experts (no redundant copies), ' +
      'and the expert-TP group gathers them in the pod (Singh et al., ICS 2023). false: every TP rank sends every token.',
  },
  gradientBytesPerParameter: {
    key: 'gradientBytesPerParameter',
    kind: 'bytes',
    min: 0.5,
    max: 16,
    doc: 'Bytes per gradient element, in memory and on the wire of the data-parallel sync, unless the training sets gradientDatatype. 4: FP32 gradient accumulation and reduction (Megatron-LM default for BF16).',
  },
  optimizerStateBytesPerValue: {
    key: 'optimizerStateBytesPerValue',
    kind: 'bytes',
    min: 1,
    max: 8,
    doc:
      'Bytes per value of optimizer state: the master weight copy (kept when training below FP32) and each moment ' +
      '(Adam two, SGD with momentum one). 4: FP32 state, so Adam in BF16 holds 12 B per parameter.',
  },
  memoryReserveFraction: {
    key: 'memoryReserveFraction',
    kind: 'fraction',
    min: 0,
    max: 0.9,
    doc: 'Share of HBM kept for the framework, communication buffers and fragmentation; the model must fit in the rest.',
  },
  hostCopyEfficiency: {
    key: 'hostCopyEfficiency',
    kind: 'fraction',
    min: 0.1,
    max: 1,
    doc:
      "Share of a GPU's hostLinkBandwidth that copies of offloaded activations between HBM and pinned host memory reach. " +
      '0.85: a pinned copy over PCIe Gen5 x16 moves about 54 GB/s of the 63 GB/s its lanes carry each way after their 128b/130b encoding, packet headers and flow control taking the rest; NVLink-C2C is taken to lose the same share.',
  },
  ...DECISION_ASSUMPTION_INFO,
};

/** Defaults with a scenario's overrides applied. */
export function withAssumptions(overrides: Partial<Assumptions> = {}): Assumptions {
  return { ...DEFAULT_ASSUMPTIONS, ...overrides };
}
