/** Parallelism search and sweeps. */
import { describe, expect, it } from 'vitest';
import { evaluate, paperScenario, searchParallelism, searchParallelismAsync, sweep, EngineInputError, TERA, type Scenario } from '../../engine/index.js';

describe('parallelism search', () => {
  it("finds a split of the 144-pod system at least as fast as the paper's TP16 × PP8 × DP256, within memory", () => {
    const base = paperScenario('electrical144', 4);
    const outcome = searchParallelism(base, { keep: 5 });
    expect(outcome.evaluated).toBeGreaterThan(500);
    expect(outcome.best).toHaveLength(5);
    const best = outcome.best[0];
    expect(best.stepSeconds).toBeLessThanOrEqual(evaluate(base).stepSeconds);
    const t = best.training;
    const used = t.tensorParallel * t.pipelineParallel * t.dataParallel;
    if (t.rankMapping === 'pod-aligned') expect(used).toBeLessThanOrEqual(base.system.gpuCount);
    else expect(used).toBe(base.system.gpuCount);
    // The winner re-evaluates to the same step time and fits in HBM.
    const again = evaluate({ ...base, training: t });
    expect(again.stepSeconds).toBeCloseTo(best.stepSeconds, 12);
    expect(again.memory.fits).toBe(true);
    // Sorted, fastest first.
    for (let i = 1; i < outcome.best.length; i++) expect(outcome.best[i].stepSeconds).toBeGreaterThanOrEqual(outcome.best[i - 1].stepSeconds);
  });

  it('keeps the written first and last stage layers for splits of as many pipeline chunks, so the written split is timed as written', () => {
    const paper = paperScenario('electrical144', 4);
    const base = { ...paper, training: { ...paper.training, firstStageLayers: 6, lastStageLayers: 6 } };
    const written = evaluate(base).stepSeconds;
    expect(written).not.toBeCloseTo(evaluate(paper).stepSeconds, 6);
    const outcome = searchParallelism(base, { keep: 100_000, rankMappings: ['linear'], virtualStages: [1], recompute: [base.training.recompute] });
    const t = base.training;
    const same = outcome.best.find(
      (c) =>
        c.training.tensorParallel === t.tensorParallel &&
        c.training.pipelineParallel === t.pipelineParallel &&
        c.training.expertsPerDpRank === t.expertsPerDpRank &&
        c.training.microbatchSize === t.microbatchSize,
    );
    expect(same?.stepSeconds).toBeCloseTo(written, 12);
    expect(same?.training).toMatchObject({ firstStageLayers: 6, lastStageLayers: 6 });
    // Another pipeline depth takes the engine's own split.
    const deeper = outcome.best.find((c) => c.training.pipelineParallel !== t.pipelineParallel);
    expect(deeper).toBeDefined();
    expect(deeper!.training.firstStageLayers).toBeUndefined();
  });

  it('with the linear rank order only, every split uses all GPUs', () => {
    const base = paperScenario('electrical144', 4);
    const outcome = searchParallelism(base, { keep: 3, rankMappings: ['linear'] });
    for (const c of outcome.best) expect(c.training.tensorParallel * c.training.pipelineParallel * c.training.dataParallel).toBe(32_768);
  });

  it('reports progress and stops when asked, keeping the best splits found so far', () => {
    const seen: number[] = [];
    const outcome = searchParallelism(paperScenario('electrical144', 4), {
      progressEvery: 500,
      onProgress: (p) => {
        seen.push(p.tried);
        return p.tried >= 1000;
      },
    });
    expect(seen).toEqual([500, 1000]);
    expect(outcome.stopped).toBe(true);
    expect(outcome.tried).toBe(1000);
    const full = searchParallelism(paperScenario('electrical144', 4));
    expect(full.stopped).toBe(false);
    expect(full.tried).toBeGreaterThan(1000);
  });

  it('runs cancellably off the event loop: an aborted signal stops it at the next progress point', async () => {
    const stop = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 0);
    const outcome = await searchParallelismAsync(paperScenario('electrical144', 4), {
      progressEvery: 200,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.tried >= 600) stop.abort();
      },
    });
    clearInterval(timer);
    expect(outcome.stopped).toBe(true);
    expect(outcome.tried).toBe(600);
    // The event loop ran between chunks of the search.
    expect(ticks).toBeGreaterThan(0);
  });

  it('tries pipelines whose stages the layers do not divide, and names what refused every split when none is valid', () => {
    const base = paperScenario('electrical144', 4);
    // 121 layers divide by no PP above 1 but 11; the engine's uneven split still lets PP 8 run.
    const uneven = searchParallelism({ ...base, model: { ...base.model, layers: 121 } }, { keep: 50 });
    expect(uneven.best.some((c) => c.training.pipelineParallel === 8)).toBe(true);
    // DualPipe needs an even PP; a one-layer model allows only PP 1.
    const none = searchParallelism(
      { ...base, model: { ...base.model, layers: 1 }, training: { ...base.training, pipelineParallel: 1, pipelineSchedule: 'dualpipe' } },
      { keep: 3 },
    );
    expect(none.best).toEqual([]);
    expect(none.evaluated).toBe(0);
    expect(none.commonestRejection?.message).toMatch(/^DualPipe runs the model in two directions and needs an even PP/);
    expect(none.commonestRejection?.splits).toBeGreaterThan(0);
  });

  it('refuses a broken system with the field named', () => {
    const base = structuredClone(paperScenario('passage512', 1));
    base.system.tiers[0].bandwidthPerGpu = 0;
    expect(() => searchParallelism(base)).toThrow(EngineInputError);
  });
});

describe('sweeps', () => {
  const withScaleUpBandwidth = (s: Scenario, tbps: number): Scenario => ({
    ...s,
    system: { ...s.system, tiers: [{ ...s.system.tiers[0], bandwidthPerGpu: tbps * TERA }, ...s.system.tiers.slice(1)] },
  });

  it('step time falls as scale-up bandwidth grows, with diminishing returns (a knee)', () => {
    const points = sweep(paperScenario('passage512', 4), [2, 4, 8, 16, 32], withScaleUpBandwidth);
    const steps = points.map((p) => p.result!.stepSeconds);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]);
    expect(steps[0] - steps[1]).toBeGreaterThan(steps[3] - steps[4]);
  });

  it('keeps the issues of infeasible points instead of numbers', () => {
    const points = sweep(paperScenario('passage512', 1), [16, 0], (s, tp) => ({ ...s, training: { ...s.training, tensorParallel: tp } }));
    expect(points[0].result).toBeDefined();
    expect(points[1].result).toBeUndefined();
    expect(points[1].issues.some((i) => i.field === 'training.tensorParallel')).toBe(true);
  });
});
