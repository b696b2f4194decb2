/**
 * Pipeline layout and schedules: which layers each pipeline rank holds (uneven first and last
 * stages included), the bubble of each schedule for any microbatch count, and how many
 * microbatches' activations each rank keeps in flight.
 */
import type { ModelSpec, PipelineSchedule, TrainingSpec } from './types.js';

/** The layers one pipeline rank holds (all its chunks), and whether it holds the embedding or the LM head. */
export interface RankLayers {
  /** Pipeline rank, 0 = first stage. */
  rank: number;
  moe: number;
  dense: number;
  embedding: boolean;
  head: boolean;
  /** Extra passes through the LM head: the multi-token-prediction modules on the last stage. */
  extraHeads: number;
  /**
   * Share of the rank's microbatches that pass its embedding and its head: 1, or ½ under DualPipe,
   * where half of them run the rank's other stage.
   */
  endShare: number;
  /**
   * Copies of the parameters the rank keeps: 2 under DualPipe, which runs the model in both
   * directions and so holds stage r and stage p − 1 − r.
   */
  parameterCopies: number;
}

/** The schedule a job runs: as written, or interleaved when it has virtual stages. */
export function scheduleOf(t: TrainingSpec): PipelineSchedule {
  return t.pipelineSchedule ?? (t.virtualStages > 1 ? 'interleaved' : '1f1b');
}

/** Model chunks along the pipeline: PP × virtual stages (DualPipe splits the model into PP stages). */
export function chunkCount(t: TrainingSpec): number {
  return t.pipelineParallel * (scheduleOf(t) === 'interleaved' ? t.virtualStages : 1);
}

/**
 * Layers of each chunk. With explicit first/last counts the middle chunks share the rest evenly
 * (the caller validates that they can); otherwise every chunk gets ⌊L / C⌋ and the remainder goes
 * to the middle chunks first, so the first and last chunks, which also hold the embedding and the
 * LM head, are the lighter ones.
 */
export function chunkLayers(model: ModelSpec, t: TrainingSpec): number[] {
  const chunks = chunkCount(t);
  const layers = model.layers;
  if (chunks === 1) return [layers];
  if (t.firstStageLayers !== undefined || t.lastStageLayers !== undefined) {
    const first = t.firstStageLayers ?? Math.floor(layers / chunks);
    const last = t.lastStageLayers ?? Math.floor(layers / chunks);
    const middle = chunks > 2 ? (layers - first - last) / (chunks - 2) : 0;
    return Array.from({ length: chunks }, (_, c) => (c === 0 ? first : c === chunks - 1 ? last : middle));
  }
  const base = Math.floor(layers / chunks);
  let extra = layers % chunks;
  const counts = new Array<number>(chunks).fill(base);
  for (let c = 1; c < chunks - 1 && extra > 0; c++, extra--) counts[c]++;
  if (extra > 0) {
    counts[0]++;
    extra--;
  }
  if (extra > 0) counts[chunks - 1]++;
  return counts;
}

/** End-chunk sizes tried at most for each middle-chunk size (and around the half of two chunks). */
const END_SPLITS_PER_MIDDLE = 8;

/**
 * First and last chunk sizes to try against the engine's own split (Megatron-LM's
 * --decoder-first/last-pipeline-num-layers): the pairs that leave the middle chunks equal with
 * ⌊L / C⌋ … ⌈L / C⌉ + 1 layers each and neither end chunk, which also holds the embedding or the
 * head, heavier than a middle one. Two chunks have no middle: their split moves around the half.
 */
export function endStageSplits(model: ModelSpec, t: TrainingSpec): Array<{ first: number; last: number }> {
  const chunks = chunkCount(t);
  const layers = model.layers;
  const splits: Array<{ first: number; last: number }> = [];
  if (chunks === 2) {
    const half = END_SPLITS_PER_MIDDLE / 2;
    for (let first = Math.max(1, Math.floor(layers / 2) - half); first <= Math.min(layers - 1, Math.ceil(layers / 2) + half); first++) {
      splits.push({ first, last: layers - first });
    }
  } else if (chunks > 2) {
    const even = layers / chunks;
    for (const middle of new Set([Math.floor(even), Math.ceil(even), Math.ceil(even) + 1])) {
      const ends = layers - (chunks - 2) * middle;
      const [lowest, highest] = [Math.max(1, ends - middle), Math.min(middle, ends - 1)];
      // A wide range (thousands of layers a chunk) is tried around its centre, where both ends are lighter alike.
      const centre = Math.floor((lowest + highest) / 2);
      const [from, to] =
        highest - lowest < END_SPLITS_PER_MIDDLE ? [lowest, highest] : [centre - END_SPLITS_PER_MIDDLE / 2, centre + END_SPLITS_PER_MIDDLE / 2];
      for (let first = from; first <= to; first++) splits.push({ first, last: ends - first });
    }
  }
  return splits;
}

/** MoE layers among the first `n` layers: every interval-th layer after the leading dense ones. */
export function moeLayersBefore(model: ModelSpec, n: number): number {
  const moe = model.moe;
  if (!moe || n <= moe.firstDenseLayers) return 0;
  return Math.floor((n - moe.firstDenseLayers - 1) / moe.moeLayerInterval) + 1;
}

/** Most pipeline chunks (PP × virtual stages) the engine lays out; more is reported as an input error. */
export const LARGEST_PIPELINE_CHUNKS = 65_536;

const layoutCache = new Map<string, RankLayers[]>();
const LAYOUT_CACHE_LIMIT = 4096;
/** The last layout asked for: the parallelism search asks for the same one many times in a row. */
let last: { model: ModelSpec; p: number; v: number; schedule: PipelineSchedule; first?: number; lastLayers?: number; ranks: RankLayers[] } | undefined;

/** The layers of every pipeline rank. Chunk c runs on rank c mod PP (Megatron's interleaving). */
export function pipelineRanks(model: ModelSpec, t: TrainingSpec): RankLayers[] {
  const schedule = scheduleOf(t);
  if (
    last &&
    last.model === model &&
    last.p === t.pipelineParallel &&
    last.v === t.virtualStages &&
    last.schedule === schedule &&
    last.first === t.firstStageLayers &&
    last.lastLayers === t.lastStageLayers
  )
    return last.ranks;
  const ranks = layoutOf(model, t, schedule);
  last = { model, p: t.pipelineParallel, v: t.virtualStages, schedule, first: t.firstStageLayers, lastLayers: t.lastStageLayers, ranks };
  return ranks;
}

function layoutOf(model: ModelSpec, t: TrainingSpec, schedule: PipelineSchedule): RankLayers[] {
  const key = `${model.multiTokenPrediction ?? 0}|${model.layers}|${model.moe?.firstDenseLayers ?? -1}|${model.moe?.moeLayerInterval ?? 0}|${t.pipelineParallel}|${t.virtualStages}|${schedule}|${t.firstStageLayers ?? ''}|${t.lastStageLayers ?? ''}`;
  const cached = layoutCache.get(key);
  if (cached) return cached;
  const p = t.pipelineParallel;
  const counts = chunkLayers(model, t);
  const stages: RankLayers[] = Array.from({ length: p }, (_, rank) => ({
    rank,
    moe: 0,
    dense: 0,
    embedding: rank === 0,
    head: false,
    extraHeads: 0,
    endShare: 1,
    parameterCopies: 1,
  }));
  let layer = 0;
  counts.forEach((count, chunk) => {
    const stage = stages[chunk % p];
    const moe = moeLayersBefore(model, layer + count) - moeLayersBefore(model, layer);
    stage.moe += moe;
    stage.dense += count - moe;
    layer += count;
    if (chunk === counts.length - 1) {
      // Multi-token prediction: one more layer of the last layer's kind and one more head per module.
      const mtp = model.multiTokenPrediction ?? 0;
      const lastIsMoe = moeLayersBefore(model, model.layers) - moeLayersBefore(model, model.layers - 1) === 1;
      if (lastIsMoe) stage.moe += mtp;
      else stage.dense += mtp;
      stage.head = true;
      stage.extraHeads = mtp;
    }
  });
  let ranks = stages;
  if (schedule === 'dualpipe' && p > 1) {
    // Rank r runs stage r in one direction and stage p − 1 − r in the other: half the microbatches each.
    ranks = stages.map((own, r) => {
      const mirror = stages[p - 1 - r];
      return {
        rank: r,
        moe: (own.moe + mirror.moe) / 2,
        dense: (own.dense + mirror.dense) / 2,
        embedding: own.embedding || mirror.embedding,
        head: own.head || mirror.head,
        extraHeads: own.extraHeads + mirror.extraHeads,
        endShare: 0.5,
        parameterCopies: 2,
      };
    });
  }
  if (layoutCache.size >= LAYOUT_CACHE_LIMIT) layoutCache.clear();
  layoutCache.set(key, ranks);
  return ranks;
}

const kindsCache = new WeakMap<readonly RankLayers[], { rank: RankLayers; count: number }[]>();

/** The ranks that hold alike (the same layers, ends and copies), one of each with how many hold so. */
export function rankKinds(ranks: readonly RankLayers[]): readonly { rank: RankLayers; count: number }[] {
  const cached = kindsCache.get(ranks);
  if (cached) return cached;
  const alike = (a: RankLayers, b: RankLayers) =>
    a.moe === b.moe &&
    a.dense === b.dense &&
    a.embedding === b.embedding &&
    a.head === b.head &&
    a.extraHeads === b.extraHeads &&
    a.endShare === b.endShare &&
    a.parameterCopies === b.parameterCopies;
  const kinds: { rank: RankLayers; count: number }[] = [];
  for (const rank of ranks) {
    const kind = kinds.find((k) => alike(k.rank, rank));
    if (kind) kind.count++;
    else kinds.push({ rank, count: 1 });
  }
  kindsCache.set(ranks, kinds);
  return kinds;
}

const distinctCache = new WeakMap<readonly RankLayers[], RankLayers[]>();

/**
 * The ranks that can be the slowest or the fullest: each distinct layout (first, middle, last …) at
 * its first occurrence, which stashes the most microbatches of its kind.
 */
export function distinctRanks(ranks: readonly RankLayers[]): RankLayers[] {
  const cached = distinctCache.get(ranks);
  if (cached) return cached;
  // A rank is left out when an earlier one holds at least its layers of each kind and its embedding
  // and head: that one takes at least as long, holds as much and stashes as many microbatches.
  const dominates = (a: RankLayers, b: RankLayers) =>
    a.rank <= b.rank && a.moe >= b.moe && a.dense >= b.dense && (a.embedding || !b.embedding) && (a.head || !b.head);
  const distinct: RankLayers[] = [];
  for (const r of ranks) if (!distinct.some((kept) => dominates(kept, r))) distinct.push(r);
  distinctCache.set(ranks, distinct);
  return distinct;
}

/**
 * Idle time of the slowest rank per step, in units of one microbatch's forward + backward on it.
 * `m` microbatches, `p` stages, `v` chunks per rank, `w` the weight-gradient share of the backward.
 * - 1F1B: (p − 1), for any m.
 * - interleaved: [(p − 1) + (v − 1)·max(0, p − m)] / v. With m ≥ p, Megatron's (p − 1)/v; with fewer
 *   microbatches than stages, a microbatch must still cross all p·v chunks in series (m = 1: p − 1).
 * - zero-bubble (ZB-H1): (p − 1)·(F + B − 2W·min(1, (m − 1)/(p − 1))), F the forward, B the full
 *   backward and W its weight-gradient part, as shares of the microbatch (F = 1/3, B = 2/3, W = w·B):
 *   with m ≥ p other microbatches' W fill the bubble; with one microbatch nothing can (1F1B's).
 *   DualPipe needs m ≥ 2p (validated).
 * - DualPipe: (p/2 − 1)·(F&B + B − 3W) (DeepSeek-V3 Table 2), F&B = F + B a paired forward and backward.
 */
export function bubbleMicrobatches(schedule: PipelineSchedule, m: number, p: number, v: number, w: number): number {
  if (p <= 1) return 0;
  const forward = 1 / 3;
  const backward = 2 / 3;
  const weight = w * backward;
  switch (schedule) {
    case '1f1b':
      return p - 1;
    case 'interleaved':
      return (p - 1 + (v - 1) * Math.max(0, p - m)) / v;
    case 'zero-bubble':
      return (p - 1) * Math.max(0, forward + backward - 2 * weight * Math.min(1, (m - 1) / (p - 1)));
    case 'dualpipe':
      return Math.max(0, p / 2 - 1) * Math.max(0, forward + backward + backward - 3 * weight);
  }
}

/**
 * Microbatches (in units of the rank's full set of layers) whose activations rank `r` keeps:
 * 1F1B and ZB-H1 stash p − r; interleaved stashes Megatron's 2(p − r − 1) + (v − 1)·p + 1 chunks of
 * 1/v of the rank; DualPipe p + 1 (DeepSeek-V3 Table 2). Never more than the step has.
 */
export function microbatchesInFlight(schedule: PipelineSchedule, r: number, m: number, p: number, v: number): number {
  switch (schedule) {
    case '1f1b':
    case 'zero-bubble':
      return Math.min(p - r, m);
    case 'interleaved':
      return Math.min(m * v, 2 * (p - r - 1) + (v - 1) * p + 1) / v;
    case 'dualpipe':
      return Math.min(p + 1, m);
  }
}
