/**
 * Placement of parallel groups onto network tiers. Ranks are numbered TP fastest, then the DP ranks
 * of one expert set (EP), then the expert copies (the rest of DP), then PP — so TP groups fill the
 * scale-up pod first and EP groups follow if there is room (Section VI).
 */
import type { NetworkTier, Scenario } from './types.js';
import type { GroupPlacement } from './results.js';

export type GroupName = GroupPlacement['group'];

/** A group of ranks: `size` members, `stride` ranks apart. */
export interface RankGroup { group: GroupName; size: number; stride: number }

/** Degrees derived from a scenario. */
export interface Degrees {
  tp: number; pp: number; dp: number; ep: number;
  /** Expert copies: DP ranks holding the same expert. */
  expertCopies: number;
  /** GPUs one expert spans. */
  expertTp: number;
  /** Experts whose weights live on one GPU (slices of `expertTp`). */
  expertsPerGpu: number;
}

export function degreesOf(s: Scenario): Degrees {
  const t = s.training;
  const experts = s.model.moe?.experts ?? 1;
  const e = s.model.moe ? t.expertsPerDpRank : 1;
  const ep = s.model.moe ? experts / e : 1;
  const expertTp = t.expertTensorParallel ? Math.max(1, t.tensorParallel / e) : t.tensorParallel;
  return {
    tp: t.tensorParallel, pp: t.pipelineParallel, dp: t.dataParallel, ep,
    expertCopies: t.dataParallel / ep, expertTp, expertsPerGpu: (e * expertTp) / t.tensorParallel,
  };
}

export const GROUP_NAMES: readonly GroupName[] = ['tensor', 'expertTensor', 'expert', 'dataDense', 'dataExpert', 'pipeline'];

/** Size and stride of one group under the rank order TP, EP, expert copies, PP. */
export function groupOf(d: Degrees, group: GroupName): RankGroup {
  switch (group) {
    case 'tensor': return { group, size: d.tp, stride: 1 };
    case 'expertTensor': return { group, size: d.expertTp, stride: 1 };
    case 'expert': return { group, size: d.ep, stride: d.tp };
    case 'dataDense': return { group, size: d.dp, stride: d.tp };
    case 'dataExpert': return { group, size: d.expertCopies, stride: d.tp * d.ep };
    case 'pipeline': return { group, size: d.pp, stride: d.tp * d.dp };
  }
}

export function groupsOf(d: Degrees): RankGroup[] {
  return GROUP_NAMES.map((name) => groupOf(d, name));
}

/**
 * Members of a group that share one domain of each tier. A domain of D GPUs holds
 * floor(D / stride) members (at least the rank itself); the last tier holds the whole group.
 */
export function membersPerDomain(group: RankGroup, tiers: readonly NetworkTier[]): number[] {
  return tiers.map((tier, i) => {
    if (i === tiers.length - 1) return group.size;
    return Math.min(group.size, Math.max(1, Math.floor(tier.domainSize / group.stride)));
  });
}

/**
 * Members a rank reaches first at each tier: the factor by which each tier multiplies the group.
 * Their product is the group size; hierarchical collectives run one level per tier.
 */
export function levelSizes(members: readonly number[]): number[] {
  return members.map((m, i) => m / (i === 0 ? 1 : members[i - 1]));
}

/** Share of an all-to-all's network bytes each tier carries (uniform destinations, self excluded). */
export function allToAllShares(members: readonly number[]): number[] {
  const size = members[members.length - 1];
  if (size <= 1) return members.map(() => 0);
  return members.map((m, i) => (m - (i === 0 ? 1 : members[i - 1])) / (size - 1));
}

/** Share of a hierarchical ring collective's bytes each tier carries. */
export function ringShares(members: readonly number[]): number[] {
  const levels = levelSizes(members);
  let remaining = 1;
  const volumes = levels.map((r) => {
    const v = ((r - 1) / r) * remaining;
    remaining /= r;
    return v;
  });
  const total = volumes.reduce((a, b) => a + b, 0);
  return volumes.map((v) => (total > 0 ? v / total : 0));
}

export function describePlacement(s: Scenario, d: Degrees): GroupPlacement[] {
  const tiers = s.system.tiers;
  const expertGroups: readonly GroupName[] = ['expertTensor', 'expert', 'dataExpert'];
  return groupsOf(d).filter((g) => s.model.moe || !expertGroups.includes(g.group)).map((g) => {
    const { members, ...span } = spanOf(g, tiers);
    const shares = g.group === 'expert' ? span.allToAllShares : span.ringShares;
    let slowest = 0;
    shares.forEach((share, i) => { if (share > 0) slowest = i; });
    return {
      group: g.group, size: g.size, stride: g.stride, membersPerTierDomain: members.slice(),
      byteShareByTier: shares.slice(), slowestTier: tiers[slowest].name,
    };
  });
}

/** How a group spans the tiers: members per domain, the level sizes of hierarchical rings, all-to-all shares. */
export interface GroupSpan {
  members: readonly number[];
  levels: readonly number[];
  allToAllShares: readonly number[];
  ringShares: readonly number[];
  /** Consecutive ranks the group's members in one domain of each tier are spread over. */
  extents: readonly number[];
}

const spanCache = new WeakMap<readonly NetworkTier[], Map<number, GroupSpan>>();
/** Sizes and strides below this pack exactly into one cache key. */
const KEY_RADIX = 2 ** 26;

/**
 * The span of a group of `size` members `stride` ranks apart. Spans are immutable and cached per
 * tier list: the parallelism search asks for the same few thousands of times.
 */
export function spanOf(group: RankGroup, tiers: readonly NetworkTier[]): GroupSpan {
  const cacheable = group.size < KEY_RADIX && group.stride < KEY_RADIX;
  let byKey = spanCache.get(tiers);
  const key = group.size * KEY_RADIX + group.stride;
  const cached = cacheable ? byKey?.get(key) : undefined;
  if (cached) return cached;
  const members = membersPerDomain(group, tiers);
  const extents = members.map((m, i) => Math.min(tiers[i].domainSize, m * group.stride));
  const span = { members, levels: levelSizes(members), allToAllShares: allToAllShares(members), ringShares: ringShares(members), extents };
  if (cacheable) {
    if (!byKey) spanCache.set(tiers, (byKey = new Map()));
    byKey.set(key, span);
  }
  return span;
}
