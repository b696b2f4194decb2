/**
 * Communication of one microbatch on one pipeline rank, per GPU, and of the gradient sync per step.
 * Every byte is placed on the tiers its group spans (see placement.ts and rank-map.ts).
 */
import type { NetworkTier, Scenario } from './types.js';
import { addCosts, allToAll, allToAllLatency, exchange, NO_COST, pointToPoint, ringCollective, scaleCost, type CollectiveCost } from './collectives.js';
import { groupOf, rankLayoutOf, spanOf, type Degrees, type GroupName, type GroupSpan } from './placement.js';
import { stageParameters } from './memory.js';
import type { RankLayers } from './pipeline.js';
import { activationBytes, dispatchBytes, gradientBytes } from './precision.js';
import { busiestRankLoad, meanTokensPerExpert } from './routing.js';
import { rankRecomputeShare } from './recompute.js';
import { fabricTiers } from './fabric.js';
import { chunkCount } from './pipeline.js';
import { attentionWidthsPerGpu } from './parameters.js';
import { microbatchTokens } from './compute.js';

export interface MicrobatchCommunication {
  tensorParallel: CollectiveCost;
  /** ZeRO-3 / FSDP: weight all-gathers (forward and backward) and gradient reduce-scatter. */
  parameterSharding: CollectiveCost;
  /** Context parallelism: ring-attention K/V exchange of every layer. */
  contextParallel: CollectiveCost;
  /** Dispatch and combine of every MoE layer, forward and backward. */
  expertAllToAll: CollectiveCost;
  expertTensorParallel: CollectiveCost;
  pipelineP2p: CollectiveCost;
}

function spanOfGroup(s: Scenario, d: Degrees, name: GroupName): GroupSpan {
  return (d.spans[name] ??= spanOf(groupOf(d, name), fabricTiers(s), rankLayoutOf(s, d)));
}

/** Forward passes whose collectives run per microbatch and layer: forward, backward, and forward again under full recompute. */
function passes(s: Scenario): number {
  return s.training.recompute === 'full' ? 3 : 2;
}

/** Of those passes, the share a rank runs: fewer when `recomputeLayers` re-runs only some of its layers. */
function rankPassShare(s: Scenario, rank: RankLayers): number {
  return s.training.recompute === 'full' ? (2 + rankRecomputeShare(s, rank)) / 3 : 1;
}

let lastEfficiencies: { tiers: readonly NetworkTier[]; up: number; out: number; values: number[] } | undefined;

/** All-to-all efficiency of each tier: its own, its switch's (scale-out), or the scale-up / scale-out default. */
export function allToAllEfficiencies(s: Scenario): readonly number[] {
  const a = s.assumptions;
  const tiers = s.system.tiers;
  const memo = lastEfficiencies;
  if (memo && memo.tiers === tiers && memo.up === a.scaleUpAllToAllEfficiency && memo.out === a.scaleOutAllToAllEfficiency) return memo.values;
  const values = tiers.map(
    (tier, i) => tier.allToAllEfficiency ?? (i === 0 ? a.scaleUpAllToAllEfficiency : (tier.switch?.allToAllEfficiency ?? a.scaleOutAllToAllEfficiency)),
  );
  lastEfficiencies = { tiers, up: a.scaleUpAllToAllEfficiency, out: a.scaleOutAllToAllEfficiency, values };
  return values;
}

/**
 * Expected distinct domains (of `domains` equally likely) that a token's k experts fall in,
 * at most `limit` under device-limited routing: G·(1 − (1 − 1/G)^k).
 */
export function distinctDomains(domains: number, k: number, limit: number): number {
  if (domains <= 1) return 1;
  return Math.min(limit, domains * (1 - (1 - 1 / domains) ** k));
}

/**
 * One dispatch (or combine) of `sent` bytes per GPU over the EP group. Flat: each routed copy goes
 * on its own, so the off-pod share of the bytes is the off-pod share of the peers. Hierarchical
 * (DeepEP): a token goes once to each remote domain of the first tier that holds one of its experts
 * and is forwarded inside that domain over the first tier, so off-pod bytes scale with the distinct
 * remote domains a token reaches, not with k.
 */
function dispatch(s: Scenario, d: Degrees, sent: number, span: GroupSpan): CollectiveCost {
  const tiers = fabricTiers(s);
  const efficiency = allToAllEfficiencies(s);
  const hierarchical = s.training.expertDispatch === 'hierarchical';
  const k = s.model.moe?.activeExperts ?? 1;
  if (!hierarchical || tiers.length < 2 || k <= 1) return allToAll(sent, span, tiers, efficiency);
  const size = span.members[span.members.length - 1];
  if (size <= 1 || sent <= 0) return allToAll(sent, span, tiers, efficiency);
  const networkBytes = sent * ((size - 1) / size);
  // Members per first-tier domain, on average: where domains are not tiled, the fewest would make
  // every rank its own domain.
  const local = 1 + span.allToAllShares[0] * (size - 1);
  const domains = size / local;
  // Per token: k copies, of which a share (G − 1)/G is remote in flat dispatch; hierarchical sends
  // one per distinct remote domain instead.
  const remoteCopies = (k * (domains - 1)) / domains;
  const limit = s.training.maxDomainsPerToken ?? Infinity;
  const distinctRemote = (distinctDomains(domains, k, limit) * (domains - 1)) / domains;
  const factor = remoteCopies > 0 ? Math.min(1, distinctRemote / remoteCopies) : 1;
  // One large transfer per remote domain: the tiers beyond the first run at the hierarchical efficiency.
  const hierarchicalEfficiency = efficiency.map((e, i) => (i === 0 ? e : s.assumptions.hierarchicalDispatchEfficiency));
  const worst = span.worstAllToAllShares.map((w, i) => w * networkBytes * (i === 0 ? 1 : factor));
  const mean = span.allToAllShares.map((m, i) => m * networkBytes * (i === 0 ? 1 : factor));
  // Copies forwarded inside the receiving domain over the first tier.
  const remoteShare = 1 - span.allToAllShares[0];
  const forwarded = remoteShare * networkBytes * (local > 1 ? (local - 1) / local : 0);
  worst[0] += forwarded;
  mean[0] += forwarded;
  return exchange(worst, mean, span, tiers, hierarchicalEfficiency, allToAllLatency);
}

/** Per-layer communication of one microbatch, the same on every rank (forward and backward passes included). */
export interface LayerCommunication {
  /** TP collective of one attention block or dense FFN, per microbatch. */
  tensorParallelBlock: CollectiveCost;
  /** TP blocks per MoE layer (attention, and shared experts if any) and per dense layer. */
  tpBlocksPerMoeLayer: number;
  expertAllToAllPerLayer: CollectiveCost;
  expertTensorParallelPerLayer: CollectiveCost;
  pipelineP2p: CollectiveCost;
  /** Ring-attention K/V exchange of one layer (forward, and K/V plus their gradients backward). */
  contextParallelPerLayer: CollectiveCost;
}

/** A cost whose time is paced by the busiest member, `factor` × the mean, while its bytes stay the mean. */
function slowedBy(cost: CollectiveCost, factor: number): CollectiveCost {
  return factor === 1 ? cost : { ...cost, bandwidthSeconds: cost.bandwidthSeconds * factor };
}

/** K and V of one token on one GPU, elements: what ring attention passes to the next CP rank. */
function keyValueWidth(s: Scenario, d: Degrees): number {
  const { model } = s;
  if (model.mla) return (model.attentionHeads / d.tp) * (model.mla.headDim + model.mla.ropeHeadDim + model.mla.valueHeadDim);
  return 2 * attentionWidthsPerGpu(model, d.tp).keyValue;
}

export function layerCommunication(s: Scenario, d: Degrees): LayerCommunication {
  const { model, training, assumptions } = s;
  const tiers = fabricTiers(s);
  const act = activationBytes(training);
  const tokens = microbatchTokens(s);
  const repeat = passes(s);

  // Megatron TP: per attention block and per dense FFN an all-reduce (or AG + RS under SP) of the activations.
  const tpSpan = spanOfGroup(s, d, 'tensor');
  const tpCollective = d.tp > 1 ? scaleCost(ringCollective(tokens * model.hiddenSize * act, tpSpan, tiers, 2), repeat) : NO_COST;
  const sharedExpertBlocks = model.moe && model.moe.sharedExperts > 0 ? 1 : 0;

  let expertAllToAll = NO_COST;
  let expertTensorParallel = NO_COST;
  if (model.moe) {
    // Routed tokens that reach the experts held by one GPU, per microbatch, on average.
    const routedTokens = meanTokensPerExpert(s, tokens) * d.expertsPerGpu;
    const dedup = assumptions.tokenDeduplication;
    const perCopy = model.hiddenSize / (dedup ? d.expertTp : 1);
    const expertSpan = spanOfGroup(s, d, 'expert');
    const dispatched = dispatch(s, d, routedTokens * perCopy * dispatchBytes(training), expertSpan);
    const combined = dispatch(s, d, routedTokens * perCopy * act, expertSpan);
    // Dropless: the busiest EP rank receives more than the mean (`busiestRankLoad`) and sets the pace, the
    // links carry the mean. With a capacity factor every buffer is padded to it: all ranks send as much.
    const imbalance = training.capacityFactor === undefined ? busiestRankLoad(s, d, tokens) : 1;
    const padding = training.capacityFactor ?? 1;
    expertAllToAll = slowedBy(scaleCost(addCosts(dispatched, combined), repeat * padding), imbalance);
    if (d.expertTp > 1) {
      // Gather the deduplicated tokens inside the expert's TP group, reduce-scatter its outputs.
      const gather = ringCollective(routedTokens * model.hiddenSize * act, spanOfGroup(s, d, 'expertTensor'), tiers, dedup ? 2 : 1);
      expertTensorParallel = slowedBy(scaleCost(gather, repeat * padding), imbalance);
    }
  }

  let pipelineP2p = NO_COST;
  if (d.pp > 1) {
    const tierIndex = spanOfGroup(s, d, 'pipeline').members.findIndex((m) => m >= 2);
    const scattered = training.sequenceParallel || assumptions.pipelineScatterGather;
    const bytes = (tokens * model.hiddenSize * act) / (scattered ? d.tp : 1);
    const chunks = chunkCount(training) / d.pp;
    // One send forward and one backward per microbatch and chunk; without SP the receiving stage
    // all-gathers the TP slices in its pod (Megatron's scatter/gather).
    let p2p = scaleCost(pointToPoint(bytes, tierIndex < 0 ? tiers.length - 1 : tierIndex, tiers), 2 * chunks);
    if (!training.sequenceParallel && assumptions.pipelineScatterGather && d.tp > 1) {
      p2p = addCosts(p2p, scaleCost(ringCollective(tokens * model.hiddenSize * act, tpSpan, tiers, 1), 2 * chunks));
    }
    pipelineP2p = p2p;
  }
  let contextParallel = NO_COST;
  if (d.cp > 1) {
    // cp − 1 hops of the local K/V chunk per pass; the backward sends K/V and their gradients; the
    // slowest tier the ring crosses sets the pace of each hop.
    const span = spanOfGroup(s, d, 'context');
    const tierIndex = span.members.findIndex((m) => m >= d.cp);
    const hop = pointToPoint(tokens * keyValueWidth(s, d) * act, tierIndex < 0 ? tiers.length - 1 : tierIndex, tiers);
    contextParallel = scaleCost(hop, (d.cp - 1) * (repeat + 1));
  }
  return {
    tensorParallelBlock: tpCollective,
    tpBlocksPerMoeLayer: 1 + sharedExpertBlocks,
    expertAllToAllPerLayer: expertAllToAll,
    expertTensorParallelPerLayer: expertTensorParallel,
    pipelineP2p,
    contextParallelPerLayer: contextParallel,
  };
}

/** ZeRO-3 / FSDP traffic of one microbatch on a rank: all-gather its weights twice, reduce-scatter its gradients. */
export function parameterSharding(s: Scenario, d: Degrees, rank: RankLayers): CollectiveCost {
  if (!s.training.shardParameters) return NO_COST;
  const tiers = fabricTiers(s);
  const params = stageParameters(s, d, rank);
  const weightBytes = activationBytes(s.training);
  const gradientElementBytes = gradientBytes(s);
  const shard = (parameters: number, span: GroupSpan): CollectiveCost => {
    if (span.members[span.members.length - 1] <= 1 || parameters <= 0) return NO_COST;
    return addCosts(scaleCost(ringCollective(parameters * weightBytes, span, tiers, 1), 2), ringCollective(parameters * gradientElementBytes, span, tiers, 1));
  };
  return addCosts(shard(params.dense, spanOfGroup(s, d, 'dataDense')), shard(params.expert, spanOfGroup(s, d, 'dataExpert')));
}

/** Communication of one microbatch on one pipeline rank, from the per-layer costs. */
export function microbatchCommunication(s: Scenario, d: Degrees, layers: LayerCommunication, rank: RankLayers): MicrobatchCommunication {
  const share = rankPassShare(s, rank);
  return {
    parameterSharding: parameterSharding(s, d, rank),
    contextParallel: scaleCost(layers.contextParallelPerLayer, (rank.moe + rank.dense) * share),
    tensorParallel: scaleCost(layers.tensorParallelBlock, (rank.moe * layers.tpBlocksPerMoeLayer + rank.dense * 2) * share),
    expertAllToAll: rank.moe > 0 ? scaleCost(layers.expertAllToAllPerLayer, rank.moe * share) : NO_COST,
    expertTensorParallel: rank.moe > 0 ? scaleCost(layers.expertTensorParallelPerLayer, rank.moe * share) : NO_COST,
    pipelineP2p: layers.pipelineP2p,
  };
}

/**
 * Gradient synchronisation of one step: dense parameters over all DP ranks, experts among their
 * copies. Under ZeRO-3 / FSDP the gradients were reduce-scattered with each microbatch: nothing is left.
 */
export function gradientSync(s: Scenario, d: Degrees, rank: RankLayers): CollectiveCost {
  const { training } = s;
  if (training.shardParameters) return NO_COST;
  const tiers = fabricTiers(s);
  const params = stageParameters(s, d, rank);
  const weightBytes = activationBytes(training);
  const sync = (parameters: number, span: GroupSpan): CollectiveCost => {
    if (span.members[span.members.length - 1] <= 1 || parameters <= 0) return NO_COST;
    const gradients = parameters * gradientBytes(s);
    // Sharded optimizer: reduce-scatter gradients, all-gather updated weights; otherwise all-reduce.
    return training.shardOptimizer
      ? addCosts(ringCollective(gradients, span, tiers, 1), ringCollective(parameters * weightBytes, span, tiers, 1))
      : ringCollective(gradients, span, tiers, 2);
  };
  return addCosts(sync(params.dense, spanOfGroup(s, d, 'dataDense')), sync(params.expert, spanOfGroup(s, d, 'dataExpert')));
}
