/**
 * Engine benchmarks: one evaluation of the paper's scenario (median after warm-up) and the
 * parallelism search (evaluations per second on one core).
 */
import { evaluate, paperScenario, searchParallelism } from '../engine/index.js';

export interface Timing {
  median: number;
  p95: number;
  samples: number;
}

/** Run `fn` in batches after a warm-up; per-call seconds at the median and 95th percentile. */
export function timePerCall(fn: () => unknown, { warmup = 2000, batches = 200, perBatch = 100 } = {}): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    perCall.push(Number(process.hrtime.bigint() - start) / 1e9 / perBatch);
  }
  perCall.sort((a, b) => a - b);
  return { median: perCall[Math.floor(perCall.length / 2)], p95: perCall[Math.floor(perCall.length * 0.95)], samples: batches * perBatch };
}

export async function runEngineBenchmarks(): Promise<Record<string, number>> {
  const scenario = paperScenario('electrical144', 4);
  const single = timePerCall(() => evaluate(scenario));
  const base = paperScenario('passage512', 4);
  for (let i = 0; i < 5; i++) searchParallelism(base);
  // Rate of each of 21 searches; the median resists a noisy neighbour on a shared machine. A split
  // over the HBM is tried (its memory is computed) but not timed: both rates are reported.
  const triedRates: number[] = [];
  const timedRates: number[] = [];
  let timed = 0;
  let tried = 0;
  for (let i = 0; i < 21; i++) {
    const start = process.hrtime.bigint();
    const outcome = searchParallelism(base);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    timed = outcome.evaluated;
    tried = outcome.evaluated + outcome.overMemory;
    timedRates.push(timed / seconds);
    triedRates.push(tried / seconds);
  }
  timedRates.sort((x, y) => x - y);
  triedRates.sort((x, y) => x - y);
  return {
    'engine: one evaluation of the paper scenario, median µs (goal ≤ 20)': single.median * 1e6,
    'engine: one evaluation, p95 µs': single.p95 * 1e6,
    'engine: parallelism search, splits tried per second, median of 21 searches': triedRates[10],
    'engine: parallelism search, splits timed per second, median of 21 searches (goal ≥ 300,000)': timedRates[10],
    'engine: parallelism search, splits timed per second, slowest search': timedRates[0],
    'engine: parallelism search, splits tried per search': tried,
    'engine: parallelism search, splits timed per search (fit in HBM)': timed,
  };
}
