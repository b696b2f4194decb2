/**
 * Hockney (alpha + beta·n) collectives over the tiers a group spans. Ring collectives run
 * hierarchically, one level per tier, each on the data left by the level below; an all-to-all
 * sends to every tier at once and the slowest tier sets its pace.
 */
import type { NetworkTier } from './types.js';
import { BITS_PER_BYTE } from './units.js';
import type { GroupSpan } from './placement.js';
import { allToAllHops } from './topology.js';

/**
 * Time of one collective, split into bandwidth and latency, and the bytes each tier's links carried
 * per GPU (a byte relayed over h torus links counts h times; through a switch, once).
 */
export interface CollectiveCost {
  bandwidthSeconds: number;
  latencySeconds: number;
  bytesByTier: number[];
}

export const NO_COST: CollectiveCost = { bandwidthSeconds: 0, latencySeconds: 0, bytesByTier: [] };

/** Effective bytes per second a GPU gets on a tier. */
export function bytesPerSecond(tier: NetworkTier): number {
  return (tier.bandwidthPerGpu * tier.efficiency) / BITS_PER_BYTE;
}

/**
 * Reduce-scatter or all-gather of a buffer of `bytes` (the full, unsharded size) over a group that
 * spans the tiers as `span` says. `passes` is 1 for RS or AG and 2 for an all-reduce.
 */
export function ringCollective(bytes: number, span: GroupSpan, tiers: readonly NetworkTier[], passes: 1 | 2): CollectiveCost {
  const levels = span.levels;
  let remaining = bytes;
  let bandwidthSeconds = 0;
  let latencySeconds = 0;
  // A plain loop: the parallelism search calls this hundreds of thousands of times a second.
  const bytesByTier = new Array<number>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    const r = levels[i];
    if (r <= 1) {
      bytesByTier[i] = 0;
      continue;
    }
    const moved = passes * ((r - 1) / r) * remaining;
    bandwidthSeconds += moved / bytesPerSecond(tiers[i]);
    latencySeconds += passes * (r - 1) * tiers[i].latency;
    remaining /= r;
    bytesByTier[i] = moved;
  }
  return { bandwidthSeconds, latencySeconds, bytesByTier };
}

/**
 * All-to-all in which each GPU sends `bytesSent` spread evenly over the group (its own share stays
 * local), at `efficiency` (one value, or one per tier) of each tier's collective bandwidth.
 */
export function allToAll(bytesSent: number, span: GroupSpan, tiers: readonly NetworkTier[], efficiency: number | readonly number[]): CollectiveCost {
  const size = span.members[span.members.length - 1];
  if (size <= 1 || bytesSent <= 0) return { ...NO_COST, bytesByTier: tiers.map(() => 0) };
  const networkBytes = bytesSent * ((size - 1) / size);
  return exchange(
    span.worstAllToAllShares.map((w) => w * networkBytes),
    span.allToAllShares.map((m) => m * networkBytes),
    span,
    tiers,
    efficiency,
    allToAllLatency,
  );
}

/** The start-up time of one all-to-all on a tier: its measured all-to-all figure, else one message's latency. */
export const allToAllLatency = (tier: NetworkTier): number => tier.allToAllLatency ?? tier.latency;

/**
 * A bulk-synchronous exchange: on each tier the member with the most bytes (`worstBytes`) sets the
 * pace, while the links carry the mean (`meanBytes`). Tiers run at once; the slowest finishes last.
 */
export function exchange(
  worstBytes: readonly number[],
  meanBytes: readonly number[],
  span: GroupSpan,
  tiers: readonly NetworkTier[],
  efficiency: number | readonly number[],
  latencyOf: (tier: NetworkTier) => number = (tier) => tier.latency,
): CollectiveCost {
  let bandwidthSeconds = 0;
  let latencySeconds = 0;
  const bytesByTier = meanBytes.map((mean, i) => {
    // On a torus the bisection bounds the exchange and each byte is relayed over several links.
    const hops = allToAllHops(tiers[i], span.extents[i]);
    if (worstBytes[i] > 0) {
      const e = typeof efficiency === 'number' ? efficiency : efficiency[i];
      bandwidthSeconds = Math.max(bandwidthSeconds, (worstBytes[i] * hops) / (bytesPerSecond(tiers[i]) * e));
      latencySeconds = Math.max(latencySeconds, latencyOf(tiers[i]) * hops);
    }
    return mean * hops;
  });
  return { bandwidthSeconds, latencySeconds, bytesByTier };
}

/** Point-to-point send of `bytes` to a neighbour that sits `tierIndex` tiers out. */
export function pointToPoint(bytes: number, tierIndex: number, tiers: readonly NetworkTier[]): CollectiveCost {
  const bytesByTier = tiers.map((_, i) => (i === tierIndex ? bytes : 0));
  return { bandwidthSeconds: bytes / bytesPerSecond(tiers[tierIndex]), latencySeconds: tiers[tierIndex].latency, bytesByTier };
}

/** Sum of costs, tier by tier. */
export function addCosts(...costs: CollectiveCost[]): CollectiveCost {
  let bandwidthSeconds = 0;
  let latencySeconds = 0;
  const bytesByTier: number[] = [];
  for (const c of costs) {
    bandwidthSeconds += c.bandwidthSeconds;
    latencySeconds += c.latencySeconds;
    for (let i = 0; i < c.bytesByTier.length; i++) bytesByTier[i] = (bytesByTier[i] ?? 0) + c.bytesByTier[i];
  }
  return { bandwidthSeconds, latencySeconds, bytesByTier };
}

function scaled(values: readonly number[], factor: number): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
  return out;
}

/** A cost repeated `times` times. */
export function scaleCost(cost: CollectiveCost, times: number): CollectiveCost {
  return {
    bandwidthSeconds: cost.bandwidthSeconds * times,
    latencySeconds: cost.latencySeconds * times,
    bytesByTier: scaled(cost.bytesByTier, times),
  };
}
