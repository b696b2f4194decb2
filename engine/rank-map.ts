/**
 * The real rank → GPU → domain map. Groups whose members do not tile the domains of a tier (32 EP
 * ranks of 16 GPUs in 144-GPU pods) have members in the same pod as few as one other: an
 * all-to-all is bulk-synchronous, so the rank with the most off-pod traffic sets its pace, and the
 * hierarchical ring level of the emptiest domain carries the most. This module counts, for every
 * member of every instance of a group, how many fellow members share its domain on each tier.
 */
import type { NetworkTier, RankMapping } from './types.js';

/** What the map of ranks onto GPUs depends on. */
export interface RankLayout {
  /** Ranks in use: TP × PP × DP. */
  ranks: number;
  mapping: RankMapping;
  tp: number;
  /** EP ranks per expert set (1 for a dense model). */
  ep: number;
}

/** Groups larger than this (ranks) are not enumerated: the tiling approximation is used instead. */
export const LARGEST_ENUMERATED_RANKS = 2 ** 22;

/** Where the ranks of each expert set land when they are aligned to the first tier's domains. */
interface AlignedMap {
  blockRanks: number;
  /** Expert sets per domain (≥ 1 when a set fits in a domain), or 0 when a set spans several. */
  blocksPerDomain: number;
  /** Domains per expert set when it spans several. */
  domainsPerBlock: number;
  domainSize: number;
}

function alignedMap(layout: RankLayout, domainSize: number): AlignedMap {
  const units = Math.max(1, Math.floor(domainSize / layout.tp));
  const blockRanks = layout.tp * layout.ep;
  if (layout.ep <= units) return { blockRanks, blocksPerDomain: Math.floor(units / layout.ep), domainsPerBlock: 1, domainSize };
  return { blockRanks, blocksPerDomain: 0, domainsPerBlock: Math.ceil(layout.ep / units), domainSize };
}

/**
 * GPU index of a rank. `linear`: the rank itself. `pod-aligned`: each expert set (TP × EP ranks)
 * starts on a fresh domain of the first tier; one that needs several domains spreads its TP groups
 * evenly over the fewest that hold it, leaving the rest of those domains idle.
 */
function gpuOf(rank: number, tp: number, ep: number, map: AlignedMap | undefined): number {
  if (!map) return rank;
  const block = Math.floor(rank / map.blockRanks);
  const within = rank - block * map.blockRanks;
  if (map.blocksPerDomain > 0) {
    const domain = Math.floor(block / map.blocksPerDomain);
    return domain * map.domainSize + (block - domain * map.blocksPerDomain) * map.blockRanks + within;
  }
  const unit = Math.floor(within / tp);
  const k = map.domainsPerBlock;
  const slot = Math.floor((unit * k) / ep);
  const first = Math.ceil((slot * ep) / k);
  return (block * k + slot) * map.domainSize + (unit - first) * tp + (within - unit * tp);
}

/**
 * Pod alignment changes nothing when expert sets already tile the first tier's domains: several
 * whole sets per domain, or whole domains per set.
 */
export function alignmentIsIdentity(layout: RankLayout, domainSize: number): boolean {
  const block = layout.tp * layout.ep;
  return domainSize % block === 0 || (block % domainSize === 0 && domainSize % layout.tp === 0);
}

/** GPUs the ranks occupy, idle ones inside used domains included: the highest GPU index + 1. */
export function gpusSpanned(layout: RankLayout, tiers: readonly NetworkTier[]): number {
  if (layout.ranks <= 0) return 0;
  const map = layout.mapping === 'pod-aligned' && !alignmentIsIdentity(layout, tiers[0].domainSize) ? alignedMap(layout, tiers[0].domainSize) : undefined;
  return gpuOf(layout.ranks - 1, layout.tp, layout.ep, map) + 1;
}

/** Per tier: the fewest fellow members (self included) any member finds in its domain, and the mean. */
export interface DomainOccupancy {
  fewest: number[];
  mean: number[];
  /** Per tier, the largest share of an all-to-all's peers any member reaches first on that tier. */
  worstAllToAllShares: number[];
  /** Per tier, the mean share over members. */
  meanAllToAllShares: number[];
}

/**
 * Occupancy of a group of `size` members `stride` ranks apart, over every instance of it: instance
 * bases are x + stride·size·y for x < stride (the rank order makes every group of this form).
 */
export function domainOccupancy(size: number, stride: number, layout: RankLayout, tiers: readonly NetworkTier[]): DomainOccupancy {
  const t = tiers.length;
  const map = layout.mapping === 'pod-aligned' && !alignmentIsIdentity(layout, tiers[0].domainSize) ? alignedMap(layout, tiers[0].domainSize) : undefined;
  const fewest = new Array<number>(t).fill(size);
  const sums = new Array<number>(t).fill(0);
  const worst = new Array<number>(t).fill(0);
  const meanShare = new Array<number>(t).fill(0);
  const block = stride * size;
  const instances = Math.floor(layout.ranks / block);
  const runs = new Array<Int32Array>(t);
  for (let i = 0; i < t; i++) runs[i] = new Int32Array(size);
  const gpus = new Float64Array(size);
  let members = 0;

  /** Counts the members of the instance at `base`, `weight` instances alike. */
  const count = (base: number, weight: number) => {
    for (let j = 0; j < size; j++) gpus[j] = gpuOf(base + j * stride, layout.tp, layout.ep, map);
    for (let i = 0; i < t; i++) {
      const run = runs[i];
      if (i === t - 1) {
        run.fill(size);
        continue;
      }
      const d = tiers[i].domainSize;
      // Members are in increasing GPU order, so each domain's members are one run.
      let start = 0;
      while (start < size) {
        const domain = Math.floor(gpus[start] / d);
        let end = start + 1;
        while (end < size && Math.floor(gpus[end] / d) === domain) end++;
        run.fill(end - start, start, end);
        start = end;
      }
    }
    for (let j = 0; j < size; j++) {
      members += weight;
      let below = 1;
      for (let i = 0; i < t; i++) {
        const r = runs[i][j];
        if (r < fewest[i]) fewest[i] = r;
        sums[i] += r * weight;
        const share = size > 1 ? (r - below) / (size - 1) : 0;
        if (share > worst[i]) worst[i] = share;
        meanShare[i] += share * weight;
        below = r;
      }
    }
  };

  // An instance's pattern repeats when its base moves by a whole number of every tier's domains:
  // count each residue once, weighted by how many instances share it.
  // In rank order, when the stride divides every domain, an offset x < stride never moves a member
  // across a domain boundary: every x has the pattern of x = 0.
  const offsets = !map && tiers.slice(0, -1).every((tier) => tier.domainSize % stride === 0) ? 1 : stride;
  const weight = stride / offsets;
  const period = patternPeriod(tiers, map);
  if (period < instances * offsets) {
    const weights = new Map<number, number>();
    for (let y = 0; y < instances; y++) {
      for (let x = 0; x < offsets; x++) {
        const residue = (x + block * y) % period;
        weights.set(residue, (weights.get(residue) ?? 0) + weight);
      }
    }
    for (const [residue, w] of weights) count(residue, w);
  } else {
    for (let y = 0; y < instances; y++) for (let x = 0; x < offsets; x++) count(x + block * y, weight);
  }
  const n = Math.max(1, members);
  return { fewest, mean: sums.map((v) => v / n), worstAllToAllShares: worst, meanAllToAllShares: meanShare.map((v) => v / n) };
}

/**
 * Ranks by which a base can move without changing the pattern: in rank order, the lcm L of the
 * domain sizes below the last tier; when aligned, the blocks whose GPUs move by a multiple of L.
 */
function patternPeriod(tiers: readonly NetworkTier[], map: AlignedMap | undefined): number {
  const l = tiers.slice(0, -1).reduce((acc, tier) => lcm(acc, tier.domainSize), 1);
  if (!map) return l;
  // Moving `blocks` expert sets moves their GPUs by whole first-tier domains (`domainShift` of them).
  const blocks = map.blocksPerDomain > 0 ? map.blocksPerDomain : 1;
  const domainShift = map.blocksPerDomain > 0 ? 1 : map.domainsPerBlock;
  const gpuShift = domainShift * map.domainSize;
  return (l / gcd(l, gpuShift)) * blocks * map.blockRanks;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
