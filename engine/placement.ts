/**
 * Placement of parallel groups onto network tiers. Ranks are numbered TP fastest, then the DP ranks
 * of one expert set (EP), then the expert copies (the rest of DP), then PP — so TP groups fill the
 * scale-up pod first and EP groups follow if there is room (Section VI).
 */
import type { NetworkTier, RankMapping, Scenario } from './types.js';
import type { GroupPlacement } from './results.js';
import type { LayerRooflines } from './compute.js';
import { alignmentIsIdentity, domainOccupancy, LARGEST_ENUMERATED_RANKS, type RankLayout } from './rank-map.js';

export type GroupName = GroupPlacement['group'];

/** A group of ranks: `size` members, `stride` ranks apart. */
export interface RankGroup {
  group: GroupName;
  size: number;
  stride: number;
}

/** Degrees derived from a scenario. */
export interface Degrees {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  /** Context-parallel ranks per sequence. */
  cp: number;
  /** Expert copies: data ranks (DP × CP) holding the same expert. */
  expertCopies: number;
  /** GPUs one expert spans. */
  expertTp: number;
  /** Experts whose weights live on one GPU (slices of `expertTp`). */
  expertsPerGpu: number;
  /** Spans of this evaluation's groups, filled as they are asked for (degrees are made per evaluation). */
  spans: Partial<Record<GroupName, GroupSpan>>;
  /** Per-layer rooflines of this evaluation, which the recompute mode does not change (compute.ts). */
  layerRooflines?: LayerRooflines;
}

export function degreesOf(s: Scenario): Degrees {
  const t = s.training;
  const experts = s.model.moe?.experts ?? 1;
  const e = s.model.moe ? t.expertsPerDpRank : 1;
  const ep = s.model.moe ? experts / e : 1;
  const cp = t.contextParallel ?? 1;
  const expertTp = t.expertTensorParallel ? Math.max(1, t.tensorParallel / e) : t.tensorParallel;
  return {
    tp: t.tensorParallel,
    pp: t.pipelineParallel,
    dp: t.dataParallel,
    ep,
    cp,
    expertCopies: (t.dataParallel * cp) / ep,
    expertTp,
    expertsPerGpu: (e * expertTp) / t.tensorParallel,
    spans: {},
    layerRooflines: undefined,
  };
}

export const GROUP_NAMES: readonly GroupName[] = ['tensor', 'context', 'expertTensor', 'expert', 'dataDense', 'dataExpert', 'pipeline'];

/**
 * Size and stride of one group under the rank order TP, then the data ranks (CP × DP, CP inner;
 * EP is the innermost part of them, as Megatron carves EP out of DP × CP), then PP.
 */
export function groupOf(d: Degrees, group: GroupName): RankGroup {
  switch (group) {
    case 'tensor':
      return { group, size: d.tp, stride: 1 };
    case 'context':
      return { group, size: d.cp, stride: d.tp };
    case 'expertTensor':
      return { group, size: d.expertTp, stride: 1 };
    case 'expert':
      return { group, size: d.ep, stride: d.tp };
    case 'dataDense':
      return { group, size: d.dp * d.cp, stride: d.tp };
    case 'dataExpert':
      return { group, size: d.expertCopies, stride: d.tp * d.ep };
    case 'pipeline':
      return { group, size: d.pp, stride: d.tp * d.dp * d.cp };
  }
}

export function groupsOf(d: Degrees): RankGroup[] {
  return GROUP_NAMES.map((name) => groupOf(d, name));
}

/**
 * Members of a group that share one domain of each tier when the group tiles every domain exactly
 * (floor(D / stride) members, at least the rank itself); the last tier holds the whole group.
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
  const layout = rankLayoutOf(s, d);
  const expertGroups: readonly GroupName[] = ['expertTensor', 'expert', 'dataExpert'];
  return groupsOf(d)
    .filter((g) => (s.model.moe || !expertGroups.includes(g.group)) && (g.group !== 'context' || d.cp > 1))
    .map((g) => {
      const span = spanOf(g, tiers, layout);
      const shares = g.group === 'expert' ? span.worstAllToAllShares : span.ringShares;
      let slowest = 0;
      shares.forEach((share, i) => {
        if (share > 0) slowest = i;
      });
      return {
        group: g.group,
        size: g.size,
        stride: g.stride,
        membersPerTierDomain: span.members.slice(),
        byteShareByTier: shares.slice(),
        slowestTier: tiers[slowest].name,
      };
    });
}

/** The rank layout of a scenario: ranks in use and how they map onto GPUs. */
export function rankLayoutOf(s: Scenario, d: Degrees): RankLayout {
  return { ranks: d.tp * d.pp * d.dp * d.cp, mapping: s.training.rankMapping ?? 'linear', tp: d.tp, ep: d.ep };
}

/** How a group spans the tiers: members per domain, the level sizes of hierarchical rings, all-to-all shares. */
export interface GroupSpan {
  /** Per tier, the fewest members any member finds in its own domain (itself included). */
  members: readonly number[];
  /** Level sizes of the hierarchical ring, from `members`: the emptiest domain carries the most. */
  levels: readonly number[];
  /** Mean share of an all-to-all's bytes per tier over the members (what the links carry). */
  allToAllShares: readonly number[];
  /** Largest share any member sends per tier: it sets the pace of the bulk-synchronous exchange. */
  worstAllToAllShares: readonly number[];
  ringShares: readonly number[];
  /** Consecutive ranks the group's members in one domain of each tier are spread over. */
  extents: readonly number[];
}

/** Spans per tier list, keyed by numbers: layout (ranks, mapping), its TP and EP, then the group. */
const spanCache = new WeakMap<readonly NetworkTier[], Map<number, Map<number, Map<number, GroupSpan>>>>();
/** Exactly tiled groups span the tiers the same way under every layout: keyed by the group alone. */
const tiledSpanCache = new WeakMap<readonly NetworkTier[], Map<number, GroupSpan>>();
const SPAN_CACHE_LIMIT = 8192;
const MAPPINGS: readonly RankMapping[] = ['linear', 'pod-aligned', 'tiled'];
const RADIX = 2 ** 26;

/** Every member of every instance finds floor(D / stride) fellows in its domain on tier `i`. */
function tiles(group: RankGroup, layout: RankLayout | undefined, domain: number, firstDomain: number): boolean {
  if (!layout || layout.mapping === 'tiled') return true;
  if (layout.mapping === 'pod-aligned' && !alignmentIsIdentity(layout, firstDomain)) return false;
  const block = group.stride * group.size;
  return group.stride >= domain || (domain % group.stride === 0 && (domain % block === 0 || block % domain === 0));
}

/**
 * The span of a group of `size` members `stride` ranks apart under `layout` (absent: every domain
 * tiled exactly). Groups that do not tile a domain are counted member by member (rank-map.ts).
 * Spans are immutable and cached per tier list: the parallelism search asks for the same ones often.
 */
function makeSpan(
  group: RankGroup,
  tiers: readonly NetworkTier[],
  members: readonly number[],
  worst: readonly number[] = allToAllShares(members),
  mean: readonly number[] = worst,
): GroupSpan {
  const extents = members.map((m, i) => Math.min(tiers[i].domainSize, m * group.stride));
  return { members, levels: levelSizes(members), allToAllShares: mean, worstAllToAllShares: worst, ringShares: ringShares(members), extents };
}

export function spanOf(group: RankGroup, tiers: readonly NetworkTier[], layout?: RankLayout): GroupSpan {
  let exact = true;
  for (let i = 0; i < tiers.length - 1 && exact; i++) exact = tiles(group, layout, tiers[i].domainSize, tiers[0].domainSize);
  const k3 = group.size * RADIX + group.stride;
  if (exact || !layout) {
    let tiled = tiledSpanCache.get(tiers);
    const hit = tiled?.get(k3);
    if (hit) return hit;
    const span = makeSpan(group, tiers, membersPerDomain(group, tiers));
    if (!tiled) tiledSpanCache.set(tiers, (tiled = new Map()));
    if (tiled.size >= SPAN_CACHE_LIMIT) tiled.clear();
    tiled.set(k3, span);
    return span;
  }
  const k1 = layout.ranks * 4 + MAPPINGS.indexOf(layout.mapping);
  const k2 = layout.tp * RADIX + layout.ep;
  let byLayout = spanCache.get(tiers);
  const cached = byLayout?.get(k1)?.get(k2)?.get(k3);
  if (cached) return cached;
  let span: GroupSpan;
  if (layout.ranks > LARGEST_ENUMERATED_RANKS || group.size <= 1) {
    span = makeSpan(group, tiers, membersPerDomain(group, tiers));
  } else {
    const occupancy = domainOccupancy(group.size, group.stride, layout, tiers);
    span = makeSpan(group, tiers, occupancy.fewest, occupancy.worstAllToAllShares, occupancy.meanAllToAllShares);
  }
  if (!byLayout) spanCache.set(tiers, (byLayout = new Map()));
  if (byLayout.size >= SPAN_CACHE_LIMIT) byLayout.clear();
  let byGroup = byLayout.get(k1);
  if (!byGroup) byLayout.set(k1, (byGroup = new Map()));
  let spans = byGroup.get(k2);
  if (!spans) byGroup.set(k2, (spans = new Map()));
  spans.set(k3, span);
  return span;
}
