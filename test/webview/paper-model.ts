/**
 * A real PreviewModel for tests and benchmarks: the paper's twelve scenarios evaluated by the engine,
 * two compare studies (Figs. 10 and 11) and a sweep of scale-up bandwidth per GPU.
 */
import { evaluateOrIssues, paperScenario, sweep, type Scenario } from '../../engine/index.js';
import type { PreviewModel, PreviewScenario, PreviewStudy } from '../../protocol/preview.js';

const SYSTEMS = ['passage512', 'electrical512', 'electrical144'] as const;
const CONFIGS = [1, 2, 3, 4] as const;

function evaluated(scenario: Scenario, line: number): PreviewScenario {
  const outcome = evaluateOrIssues(scenario);
  return outcome.ok
    ? { name: scenario.name, line, result: outcome.result }
    : { name: scenario.name, line, error: outcome.issues.map((i) => i.message).join('; ') };
}

/** Scale-up bandwidth per GPU of one scenario set to `bitsPerSecond`. */
function withScaleUpBandwidth(base: Scenario, bitsPerSecond: number): Scenario {
  const [scaleUp, ...rest] = base.system.tiers;
  return { ...base, system: { ...base.system, tiers: [{ ...scaleUp, bandwidthPerGpu: bitsPerSecond }, ...rest] } };
}

export function paperPreviewModel(version = 1, uri = 'file:///work/examples/frontier-moe.moesys'): PreviewModel {
  const scenarios = SYSTEMS.flatMap((system, s) => CONFIGS.map((config, c) => evaluated(paperScenario(system, config), 40 + s * 20 + c * 4)));
  const timeOf = (name: string) => scenarios.find((x) => x.name === name)?.result?.timeToTrainSeconds ?? 0;
  const compare = (name: string, baseline: string, names: string[], line: number): PreviewStudy => ({
    kind: 'compare',
    name,
    line,
    baseline,
    entries: names.map((scenario) => ({ scenario, ratio: timeOf(scenario) / timeOf(baseline) })),
  });
  // Up to the 32 Tb/s the paper GPU can drive (its ioBandwidth); faster points would be refused.
  const values = [1.6e12, 3.2e12, 6.4e12, 9.6e12, 14.4e12, 19.2e12, 25.6e12, 32e12];
  const points = sweep(paperScenario('passage512', 4), values, withScaleUpBandwidth).map((p) => ({
    value: p.value,
    result: p.result,
    error: p.result ? undefined : p.issues.map((i) => i.message).join('; '),
  }));
  return {
    uri,
    version,
    scenarios,
    studies: [
      compare('fig10_config4', 'passage512_c4', ['passage512_c4', 'electrical512_c4'], 110),
      compare('fig11', 'passage512_c1', ['passage512_c1', 'electrical144_c1', 'electrical144_c2', 'electrical144_c3', 'electrical144_c4'], 114),
      { kind: 'sweep', name: 'scale_up_bandwidth', line: 120, property: 'scale-up bandwidth per GPU', unit: 'bit/s', scenario: 'passage512_c4', points },
    ],
    diagnostics: { errors: 0, warnings: 0 },
  };
}
