/**
 * The reference paper's Section VI study: Configs 1–4 on Passage 512 × 32 Tb/s, electrical 512 × 14.4 Tb/s
 * and electrical 144 × 14.4 Tb/s, TP16 × DP256 × PP8 on 32,768 GPUs, global batch 4096 × 8192, 13 T tokens.
 */
import type { Scenario, SystemSpec, TrainingSpec } from '../types.js';
import { withAssumptions } from '../assumptions.js';
import { paperMoe, PAPER_GRANULARITY } from './models.js';
import { ELECTRICAL_144, ELECTRICAL_512, PASSAGE_512 } from './systems.js';

export type PaperConfig = 1 | 2 | 3 | 4;
export const PAPER_CONFIGS: readonly PaperConfig[] = [1, 2, 3, 4];

/** The Section VI training job at one Config. */
export function paperTraining(config: PaperConfig): TrainingSpec {
  return {
    name: `paper-job-c${config}`,
    datatype: 'bf16',
    globalBatch: 4096,
    trainingTokens: 13e12,
    tensorParallel: 16,
    pipelineParallel: 8,
    virtualStages: 1,
    dataParallel: 256,
    expertsPerDpRank: PAPER_GRANULARITY[config - 1],
    expertTensorParallel: true,
    microbatchSize: 1,
    recompute: 'none',
    sequenceParallel: true,
    optimizer: 'adam',
    shardOptimizer: true,
    // The paper times the GPU's work alone (Section IV): no host issues kernels in its model, as none
    // does once whole layers run as CUDA graphs, which an MoE layer allows with static shapes. Its
    // routing is balanced, so a capacity of the mean drops nothing.
    cudaGraphs: 'layers',
    capacityFactor: 1,
  };
}

export const PAPER_SYSTEMS: Readonly<Record<string, SystemSpec>> = {
  passage512: PASSAGE_512,
  electrical512: ELECTRICAL_512,
  electrical144: ELECTRICAL_144,
};

/** Scenario `passage512_c1` … `electrical144_c4`. */
export function paperScenario(system: keyof typeof PAPER_SYSTEMS, config: PaperConfig): Scenario {
  return {
    name: `${system}_c${config}`,
    system: PAPER_SYSTEMS[system],
    model: paperMoe(config),
    training: paperTraining(config),
    assumptions: withAssumptions(),
  };
}
