/**
 * Communication of one microbatch on one pipeline stage, per GPU, and of the gradient sync per step.
 * Every byte is placed on the tiers its group spans (see placement.ts).
 */
import type { Scenario } from './types.js';
import { BYTES_PER_ELEMENT } from './types.js';
import { addCosts, allToAll, NO_COST, pointToPoint, ringCollective, scaleCost, type CollectiveCost } from './collectives.js';
import { groupOf, spanOf, type Degrees, type GroupName, type GroupSpan } from './placement.js';
import { stageLayers } from './compute.js';
import { stageParameters } from './memory.js';

export interface MicrobatchCommunication {
  tensorParallel: CollectiveCost;
  expertAllToAll: CollectiveCost;
  expertTensorParallel: CollectiveCost;
  pipelineP2p: CollectiveCost;
}

function spanOfGroup(s: Scenario, d: Degrees, name: GroupName): GroupSpan {
  return spanOf(groupOf(d, name), s.system.tiers);
}

/** Forward passes whose collectives run per microbatch: forward, backward, and forward again under full recompute. */
function passes(s: Scenario): number {
  return s.training.recompute === 'full' ? 3 : 2;
}

export function microbatchCommunication(s: Scenario, d: Degrees): MicrobatchCommunication {
  const { model, training, assumptions, system } = s;
  const tiers = system.tiers;
  const activationBytes = model.hiddenSize * BYTES_PER_ELEMENT[training.datatype];
  const tokens = training.microbatchSize * model.sequenceLength;
  const layers = stageLayers(s);
  const repeat = passes(s);

  // Megatron TP: per attention block and per dense FFN an all-reduce (or AG + RS under SP) of the activations.
  const tpSpan = spanOfGroup(s, d, 'tensor');
  const tpCollective = d.tp > 1 ? ringCollective(tokens * activationBytes, tpSpan, tiers, 2) : NO_COST;
  const sharedExpertBlocks = model.moe && model.moe.sharedExperts > 0 ? 1 : 0;
  const tpPerPass = layers.moe * (1 + sharedExpertBlocks) + layers.dense * 2;
  const tensorParallel = scaleCost(tpCollective, tpPerPass * repeat);

  let expertAllToAll = NO_COST;
  let expertTensorParallel = NO_COST;
  if (model.moe && layers.moe > 0) {
    const e = training.expertsPerDpRank;
    // Routed tokens that reach the experts held by one GPU, per microbatch.
    const routedBytes = ((tokens * model.moe.activeExperts) / e) * activationBytes * d.expertsPerGpu;
    const dedup = assumptions.tokenDeduplication;
    const sent = dedup ? routedBytes / d.expertTp : routedBytes;
    const dispatchAndCombine = scaleCost(allToAll(sent, spanOfGroup(s, d, 'expert'), tiers, assumptions.allToAllEfficiency), 2);
    expertAllToAll = scaleCost(dispatchAndCombine, layers.moe * repeat);
    if (d.expertTp > 1) {
      // Gather the deduplicated tokens inside the expert's TP group, reduce-scatter its outputs.
      const gather = ringCollective(routedBytes, spanOfGroup(s, d, 'expertTensor'), tiers, dedup ? 2 : 1);
      expertTensorParallel = scaleCost(gather, layers.moe * repeat);
    }
  }

  let pipelineP2p = NO_COST;
  if (d.pp > 1) {
    const tierIndex = spanOfGroup(s, d, 'pipeline').members.findIndex((m) => m >= 2);
    const bytes = (tokens * activationBytes) / (training.sequenceParallel ? d.tp : 1);
    // One send forward and one backward per microbatch and virtual stage.
    pipelineP2p = scaleCost(pointToPoint(bytes, tierIndex < 0 ? tiers.length - 1 : tierIndex, tiers), 2 * training.virtualStages);
  }
  return { tensorParallel, expertAllToAll, expertTensorParallel, pipelineP2p };
}

/** Gradient synchronisation of one step: dense parameters over all DP ranks, experts among their copies. */
export function gradientSync(s: Scenario, d: Degrees): CollectiveCost {
  const { training, assumptions, system } = s;
  const params = stageParameters(s, d);
  const weightBytes = BYTES_PER_ELEMENT[training.datatype];
  const sync = (parameters: number, span: GroupSpan): CollectiveCost => {
    if (span.members[span.members.length - 1] <= 1 || parameters <= 0) return NO_COST;
    const gradients = parameters * assumptions.gradientBytesPerParameter;
    // Sharded optimizer: reduce-scatter gradients, all-gather updated weights; otherwise all-reduce.
    return training.shardOptimizer
      ? addCosts(ringCollective(gradients, span, system.tiers, 1), ringCollective(parameters * weightBytes, span, system.tiers, 1))
      : ringCollective(gradients, span, system.tiers, 2);
  };
  return addCosts(sync(params.dense, spanOfGroup(s, d, 'dataDense')), sync(params.expert, spanOfGroup(s, d, 'dataExpert')));
}
