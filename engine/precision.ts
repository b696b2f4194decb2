/**
 * Precision per role. The job's `datatype` sets the GEMMs (their peak FLOP/s and operand bytes);
 * below 16 bits (FP8, FP4) activations, weights kept between steps and the tensors on the wire stay
 * BF16, as Transformer Engine and DeepSeek-V3 do; the dispatch may go FP8 (`dispatchDatatype`).
 */
import { BYTES_PER_ELEMENT, type Datatype, type LowPrecisionScaling, type Scenario, type TrainingSpec } from './types.js';

/** Bytes per element of activations, stored weights and TP/PP/combine traffic. */
export function activationBytes(t: TrainingSpec): number {
  return Math.max(2, BYTES_PER_ELEMENT[t.datatype]);
}

/**
 * The scaling recipe of FP8/FP4 GEMM inputs: as written, else what Transformer Engine and Megatron-LM
 * run when none is named — delayed scaling for FP8, and per block for FP4 (NVFP4 and MXFP4 have no other).
 */
export function lowPrecisionScalingOf(t: TrainingSpec): LowPrecisionScaling {
  return t.lowPrecisionScaling ?? (t.datatype === 'fp4' ? 'perBlock' : 'delayed');
}

/** Bytes per element of GEMM operands. */
export function gemmBytes(t: TrainingSpec): number {
  return BYTES_PER_ELEMENT[t.datatype];
}

/** Bytes per element of the dispatched tokens of an expert all-to-all. */
export function dispatchBytes(t: TrainingSpec): number {
  return t.dispatchDatatype ? BYTES_PER_ELEMENT[t.dispatchDatatype] : activationBytes(t);
}

/** Bytes per element of the FFN activation function's inputs kept for the backward (`activationFunctionInputDatatype`). */
export function activationFunctionInputBytes(t: TrainingSpec): number {
  return t.activationFunctionInputDatatype ? BYTES_PER_ELEMENT[t.activationFunctionInputDatatype] : activationBytes(t);
}

/** Bytes per gradient element, in the accumulation buffers and on the wire of the data-parallel sync. */
export function gradientBytes(s: Scenario): number {
  return s.training.gradientDatatype ? BYTES_PER_ELEMENT[s.training.gradientDatatype] : s.assumptions.gradientBytesPerParameter;
}

/** Datatype of the attention core, router and LM head: the job's, but BF16 below 16 bits. */
export function highPrecisionDatatype(t: TrainingSpec): Datatype {
  return BYTES_PER_ELEMENT[t.datatype] < 2 ? 'bf16' : t.datatype;
}

/**
 * Bytes per element of a GEMM input kept for the backward pass: below 16 bits the low-precision copy
 * the forward GEMM already made, which the weight-gradient GEMM reads (Transformer Engine;
 * DeepSeek-V3 §3.3.1 caches them in FP8), unless `lowPrecisionActivationCache` is off.
 */
export function cachedGemmInputBytes(t: TrainingSpec, lowPrecisionActivationCache: boolean): number {
  return lowPrecisionActivationCache ? Math.min(activationBytes(t), gemmBytes(t)) : activationBytes(t);
}
