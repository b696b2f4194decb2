/** Bad input gets a structured error naming the field and the reason; nothing is evaluated. */
import { describe, expect, it } from 'vitest';
import { evaluate, EngineInputError, evaluateOrIssues, paperScenario, validateScenario, type Scenario } from '../../engine/index.js';

type Edit = (s: Scenario) => void;

/** A deep copy of the Passage Config 1 scenario with one edit applied. */
function edited(edit: Edit): Scenario {
  const s = structuredClone(paperScenario('passage512', 1));
  edit(s);
  return s;
}

function errorsOf(s: Scenario) {
  return validateScenario(s).filter((i) => i.severity === 'error');
}

describe('input validation', () => {
  it('accepts every scenario of the paper study', () => {
    for (const sys of ['passage512', 'electrical512', 'electrical144'] as const) {
      for (const c of [1, 2, 3, 4] as const) expect(validateScenario(paperScenario(sys, c))).toEqual([]);
    }
  });

  const cases: { name: string; edit: Edit; code: string; field: string; message: RegExp; related?: string[] }[] = [
    {
      name: 'TP × PP × DP not equal to the GPU count',
      edit: (s) => {
        s.training.dataParallel = 128;
      },
      code: 'parallelism-product',
      field: 'training.dataParallel',
      message:
        /tensorParallel × pipelineParallel × dataParallel = 16 × 8 × 128 = 16384, but the system has 32768 GPUs; set dataParallel = 256, or leave it out to derive it/,
      related: ['training.tensorParallel', 'training.pipelineParallel', 'system.gpuCount'],
    },
    {
      name: 'experts not divisible by experts per DP rank',
      edit: (s) => {
        s.training.expertsPerDpRank = 3;
      },
      code: 'experts-divisibility',
      field: 'training.expertsPerDpRank',
      message: /32 experts cannot be shared out 3 per data-parallel rank; expertsPerDpRank must divide experts, e.g. 2/,
    },
    {
      // A first user's case: 128 experts on DP 8, where 2 would trade this refusal for "EP 64 must divide DP 8".
      name: 'experts per DP rank whose nearest divisor would not divide data parallelism',
      edit: (s) => {
        s.model = { ...s.model, moe: { ...s.model.moe!, experts: 128 } };
        s.training.expertsPerDpRank = 3;
        s.training.tensorParallel = 16;
        s.training.pipelineParallel = 256;
        s.training.dataParallel = 8;
      },
      code: 'experts-divisibility',
      field: 'training.expertsPerDpRank',
      message: /128 experts cannot be shared out 3 per data-parallel rank; expertsPerDpRank must divide experts, e.g. 16$/,
    },
    {
      name: 'a TP group larger than the pod',
      edit: (s) => {
        s.system = structuredClone(s.system);
        s.system.tiers[0].domainSize = 8;
        s.system.tiers[0].switch!.radix = 8;
      },
      code: 'tp-exceeds-pod',
      field: 'training.tensorParallel',
      message:
        /tensorParallel = 16 does not fit tier 'scale-up' of 8 GPUs: a tensor-parallel group must lie inside one domain and divide it; use tensorParallel = 8/,
    },
    {
      name: 'a pod larger than the switch radix',
      edit: (s) => {
        s.system.tiers[0].switch!.radix = 256;
      },
      code: 'pod-exceeds-radix',
      field: 'system.tiers[0].domainSize',
      message: /radix = 256 GPUs, but tier 'scale-up' holds 512/,
    },
    {
      name: 'zero layers',
      edit: (s) => {
        s.model.layers = 0;
      },
      code: 'out-of-range',
      field: 'model.layers',
      message: /'layers' must be at least 1, got 0/,
    },
    {
      name: 'negative bandwidth',
      edit: (s) => {
        s.system.tiers[1].bandwidthPerGpu = -1.6e12;
      },
      code: 'out-of-range',
      field: 'system.tiers[1].bandwidthPerGpu',
      message: /got -1600000000000/,
    },
    {
      name: 'NaN efficiency',
      edit: (s) => {
        s.assumptions.computeEfficiency = Number.NaN;
      },
      code: 'not-finite',
      field: 'assumptions.computeEfficiency',
      message: /finite number, got NaN/,
    },
    {
      name: 'infinite tokens',
      edit: (s) => {
        s.training.trainingTokens = Infinity;
      },
      code: 'not-finite',
      field: 'training.trainingTokens',
      message: /got Infinity/,
    },
    {
      name: 'fractional TP',
      edit: (s) => {
        s.training.tensorParallel = 1.5;
      },
      code: 'not-integer',
      field: 'training.tensorParallel',
      message: /whole number, got 1.5/,
    },
    {
      name: 'efficiency above 1',
      edit: (s) => {
        s.system.tiers[0].efficiency = 1.2;
      },
      code: 'out-of-range',
      field: 'system.tiers[0].efficiency',
      message: /at most 1, got 1.2/,
    },
    {
      name: 'dropout of 1, which drops every activation',
      edit: (s) => {
        s.model.dropout = 1;
      },
      code: 'out-of-range',
      field: 'model.dropout',
      message: /'dropout' must be less than 1, got 1$/,
    },
    {
      name: 'batch not divisible by DP × microbatch',
      edit: (s) => {
        s.training.globalBatch = 4000;
      },
      code: 'batch-divisibility',
      field: 'training.globalBatch',
      message: /globalBatch = 4000 is not a multiple of dataParallel × microbatchSize = 256 × 1 = 256; use globalBatch = 4096/,
    },
    {
      name: 'uneven stages that leave a fraction for the middle chunks',
      edit: (s) => {
        s.training.firstStageLayers = 7;
        s.training.lastStageLayers = 7;
      },
      code: 'uneven-stages',
      field: 'training.firstStageLayers',
      message: /120 layers less 7 on the first and 7 on the last chunk leave 106 for 6 middle chunks/,
    },
    {
      name: 'fewer layers than pipeline chunks',
      edit: (s) => {
        s.training.virtualStages = 16;
      },
      code: 'layers-divide-stages',
      field: 'training.pipelineParallel',
      message: /120 layers cannot fill 128 pipeline chunks/,
    },
    {
      name: 'KV heads neither split nor replicated evenly over TP',
      edit: (s) => {
        s.model.kvHeads = 6;
        s.model.attentionHeads = 96;
      },
      code: 'kv-heads-tp',
      field: 'model.kvHeads',
      message: /6 KV heads can neither be split over TP = 16/,
    },
    {
      name: 'EP not dividing DP',
      edit: (s) => {
        s.training.expertsPerDpRank = 2;
        s.model.moe!.experts = 34;
      },
      code: 'ep-divides-dp',
      field: 'training.dataParallel',
      message:
        /with expertsPerDpRank = 2, one full set of the 34 experts takes 17 data-parallel ranks \(expert parallelism 17\), which must divide dataParallel = 256; use expertsPerDpRank = 17/,
    },
    {
      name: 'more active experts than experts',
      edit: (s) => {
        s.model.moe!.activeExperts = 40;
      },
      code: 'active-exceeds-experts',
      field: 'model.moe.activeExperts',
      message: /40 active experts per token but only 32/,
    },
    {
      name: 'a datatype the GPU does not list',
      edit: (s) => {
        s.training.datatype = 'fp4';
      },
      code: 'datatype-unsupported',
      field: 'training.datatype',
      message: /no peak FLOP\/s for fp4/,
    },
    {
      name: 'a last tier that does not span the cluster',
      edit: (s) => {
        s.system.tiers[1].domainSize = 4096;
      },
      code: 'cluster-not-spanned',
      field: 'system.tiers[1].domainSize',
      message: /joins 4096 GPUs but the system has 32768; set its domainSize to 32768 \(tier \S+ \{ domainSize = 32768 \}\)/,
    },
    {
      name: 'a scale-up tier faster than the GPU can drive',
      edit: (s) => {
        s.system.tiers[0].bandwidthPerGpu = 64e12;
      },
      code: 'scale-up-exceeds-gpu-io',
      field: 'system.tiers[0].bandwidthPerGpu',
      message:
        /gives each GPU 64 Tb\/s \(8000 GB\/s\) per direction, more than the 32 Tb\/s \(4000 GB\/s\) GPU 'paper-gpu-2028' can drive each way from its package; lower the tier's bandwidth to at most 32 Tb\/s \(4000 GB\/s\) \(a datasheet's figure for both directions is twice that\)/,
      related: ['system.gpu.ioBandwidth'],
    },
    {
      name: 'no tiers',
      edit: (s) => {
        s.system.tiers = [];
      },
      code: 'no-tiers',
      field: 'system.tiers',
      message: /at least one network tier/,
    },
    {
      name: 'a GPU without peak FLOP/s',
      edit: (s) => {
        delete (s.system.gpu as Partial<typeof s.system.gpu>).peakFlops;
      },
      code: 'no-peak-flops',
      field: 'system.gpu.peakFlops',
      message: /gives no peak FLOP\/s; add a peakFlops/,
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      const s = edited(c.edit);
      const errors = errorsOf(s);
      const issue = errors.find((i) => i.code === c.code);
      expect(issue, JSON.stringify(errors)).toBeDefined();
      expect(issue!.field).toBe(c.field);
      expect(issue!.message).toMatch(c.message);
      if (c.related) expect(issue!.related).toEqual(c.related);
      expect(() => evaluate(s)).toThrow(EngineInputError);
      const outcome = evaluateOrIssues(s);
      expect(outcome.ok).toBe(false);
    });
  }

  it('gives one error per root cause: no check leans on a degree already refused', () => {
    // TP 3 fits no 512-GPU domain and no head count; DP 100 breaks the product. The batch, the experts'
    // spread over DP and the head splits would each advise against values that must change anyway.
    const s = edited((x) => {
      x.training.tensorParallel = 3;
      x.training.dataParallel = 100;
    });
    const errors = errorsOf(s);
    expect(errors.map((i) => i.code).sort()).toEqual(['parallelism-product', 'tp-exceeds-pod']);
    // The degree offered breaks nothing else: it divides the domain, the heads and the sequence.
    const tp = Number(/use tensorParallel = (\d+)/.exec(errors.find((i) => i.code === 'tp-exceeds-pod')!.message)![1]);
    expect(errorsOf(edited((x) => (x.training.tensorParallel = tp))).map((i) => i.code)).not.toContain('tp-divides-heads');
    expect(s.model.attentionHeads % tp).toBe(0);
  });

  it('reports memory over HBM as an error with the numbers, not a silent figure', () => {
    const s = edited((x) => {
      x.system.gpu = { ...x.system.gpu, hbmCapacityBytes: 16e9 };
    });
    const r = evaluate(s);
    expect(r.feasible).toBe(false);
    const issue = r.issues.find((i) => i.code === 'memory-exceeds-hbm');
    expect(issue?.severity).toBe('error');
    // On the training job, with the HBM capacity as related information.
    expect(issue?.field).toBe('training');
    expect(issue?.related).toContain('system.gpu.hbmCapacityBytes');
    expect(issue?.message).toMatch(/needs 39\.3 GB per GPU .* but 14\.4 GB of 16\.0 GB HBM is usable; it fits with recompute = full \(13\.7 GB\)$/);
    // The change it names does fit, at the footprint it states.
    const fixed = evaluate({ ...s, training: { ...s.training, recompute: 'full' } });
    expect([fixed.memory.fits, (fixed.memory.totalBytes / 1e9).toFixed(1)]).toEqual([true, '13.7']);
  });

  it('names the closest changes, measured, when no one change fits', () => {
    const s = edited((x) => {
      x.system.gpu = { ...x.system.gpu, hbmCapacityBytes: 4e9 };
    });
    expect(evaluate(s).issues.find((i) => i.code === 'memory-exceeds-hbm')?.message).toMatch(
      /; no one change fits it alone; the closest are recompute = full \(13\.7 GB\), tensorParallel = 32 with dataParallel = 128 \(20\.5 GB\) or shardParameters = true \(30\.2 GB\): combine them, or use more GPUs$/,
    );
  });
});
