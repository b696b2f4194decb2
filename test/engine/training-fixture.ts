/**
 * The training job several engine tests start from: TP 8 × PP 8 × DP 4 in BF16 on 256 GPUs, one
 * sequence per microbatch, sequence parallelism and a sharded Adam, no recompute. Tests override
 * what they are about.
 */
import { dgxH100, GPT3_175B, withAssumptions, type Scenario, type TrainingSpec } from '../../engine/index.js';

export const TP8_PP8_TRAINING: TrainingSpec = {
  name: 'tp8-pp8',
  datatype: 'bf16',
  globalBatch: 256,
  trainingTokens: 1e12,
  tensorParallel: 8,
  pipelineParallel: 8,
  virtualStages: 1,
  dataParallel: 4,
  expertsPerDpRank: 1,
  expertTensorParallel: false,
  microbatchSize: 1,
  recompute: 'none',
  sequenceParallel: true,
  optimizer: 'adam',
  shardOptimizer: true,
};

/** GPT-3 175B on 256 H100s with that job, changed by `t`. */
export const gpt3OnH100 = (t: Partial<TrainingSpec> = {}, assumptions = withAssumptions()): Scenario => ({
  name: 'gpt3',
  system: dgxH100(256),
  model: GPT3_175B,
  training: { ...TP8_PP8_TRAINING, ...t },
  assumptions,
});
