/**
 * Tile and wave quantization of a GEMM on a GPU with a given number of streaming multiprocessors.
 * A GEMM kernel splits its output into tiles and each tile's reduction into iterations of
 * `tileDepth`; a persistent (stream-K) kernel, as cuBLAS and CUTLASS run on Ampere and later, spreads
 * all those iterations evenly over the SMs. What is lost is the padding of a partial tile and the
 * last, partial round of iterations, which matter only for small GEMMs: a few tiles on many SMs, or
 * a short reduction. Grouped GEMMs (the experts of an MoE layer) schedule all their groups together.
 */

/** One kernel's work: `products` independent (m × k) by (k × n) products scheduled together. */
export interface GemmWork {
  m: number;
  k: number;
  n: number;
  products: number;
}

export interface GemmTile {
  rows: number;
  columns: number;
  depth: number;
}

/** Useful over occupied SM-time for one tile shape: m·n·k·products over rounds × SMs × tile volume. */
export function tileUtilization(work: GemmWork, streamingMultiprocessors: number, tile: GemmTile): number {
  const iterations = work.products * Math.ceil(work.m / tile.rows) * Math.ceil(work.n / tile.columns) * Math.ceil(work.k / tile.depth);
  const rounds = Math.ceil(iterations / streamingMultiprocessors);
  return (work.products * work.m * work.n * work.k) / (rounds * streamingMultiprocessors * tile.rows * tile.columns * tile.depth);
}

/**
 * The best utilization of the library's large tile, its transpose and its half-width variant, as
 * cuBLAS and CUTLASS heuristics choose among them. Smaller tiles are not considered: they run below
 * the large-GEMM rate `computeEfficiency` stands for. Without an SM count (a GPU of the future): 1.
 */
export function gemmUtilization(work: GemmWork, streamingMultiprocessors: number | undefined, tile: GemmTile): number {
  if (!streamingMultiprocessors || work.m <= 0 || work.n <= 0 || work.k <= 0 || work.products <= 0) return 1;
  const candidates: GemmTile[] = [tile, { ...tile, rows: tile.columns, columns: tile.rows }, { ...tile, columns: Math.max(1, tile.columns / 2) }];
  let best = 0;
  for (const candidate of candidates) best = Math.max(best, tileUtilization(work, streamingMultiprocessors, candidate));
  return best;
}
