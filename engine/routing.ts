/** Token routing of an MoE layer: how many tokens the busiest expert-parallel rank handles. */
import type { Degrees } from './placement.js';
import type { Scenario } from './types.js';

/**
 * The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9):
 * enough for an expected maximum, and no dependency.
 */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Expected largest of n standard normal draws, by Blom's plotting position Φ⁻¹((n − 0.375)/(n + 0.25)). */
export function expectedNormalMaximum(n: number): number {
  return n <= 1 ? 0 : normalQuantile((n - 0.375) / (n + 0.25));
}

/**
 * Routed copies one expert of a DP rank receives per microbatch of `tokens`, on the mean: each
 * token sends k copies, spread over the experts each DP rank holds (from every DP rank of its set).
 */
export function meanTokensPerExpert(s: Scenario, tokens: number): number {
  return s.model.moe ? (tokens * s.model.moe.activeExperts) / s.training.expertsPerDpRank : 0;
}

/**
 * Routed copies the busiest expert-holding GPU receives in one microbatch, over the mean, when
 * routing is balanced only in expectation (`randomRoutingFluctuation`): each token picks k of E
 * experts, so a GPU holding a share p of them receives a hypergeometric count per token; over the
 * microbatch's tokens that is near normal with mean μ and variance μ(1 − p)(E − k)/(E − 1). The n
 * holders share a fixed total, so their deviations are those of n independent draws from their own
 * mean, √(n/(n − 1)) wider, and the busiest takes their expected maximum. The all-to-all and the
 * grouped GEMMs are bulk-synchronous, so that rank sets the pace. 1 without MoE or with one holder.
 */
export function routingFluctuation(s: Scenario, d: Degrees, tokens: number): number {
  const moe = s.model.moe;
  if (!moe || !s.assumptions.randomRoutingFluctuation) return 1;
  const experts = moe.experts;
  const k = moe.activeExperts;
  // A GPU's expert set; an expert sliced over expert-TP ranks is received whole by each of them.
  const held = Math.max(1, d.expertsPerGpu);
  const holders = experts / held;
  const mean = meanTokensPerExpert(s, tokens) * held;
  if (holders <= 1 || mean <= 0) return 1;
  const share = held / experts;
  const relativeSpread = Math.sqrt(((1 - share) * (experts - k)) / ((experts - 1) * mean));
  return 1 + expectedNormalMaximum(holders) * Math.sqrt(holders / (holders - 1)) * relativeSpread;
}

/**
 * Tokens the busiest expert-parallel rank handles, over the mean: the capacity factor when tokens
 * are dropped and padded to it; dropless, `expertLoadImbalance` (the router's systematic skew) times
 * the microbatch's random fluctuation, at most a per-rank budget (`expertRankCapacity`) that drops the rest.
 */
export function busiestRankLoad(s: Scenario, d: Degrees, tokens: number): number {
  const { capacityFactor, expertRankCapacity } = s.training;
  return capacityFactor ?? Math.min(s.assumptions.expertLoadImbalance * routingFluctuation(s, d, tokens), expertRankCapacity ?? Infinity);
}
