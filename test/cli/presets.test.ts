/**
 * Presets a 2026 user expects, as a user meets them: named in a .moesys file (`preset "gb200-nvl72"`),
 * checked without a problem, evaluated by `moesys eval`, each with its public source in the engine.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_SYSTEMS, GPU_PRESETS, LINK_PRESETS, SWITCH_PRESETS } from '../../engine/index.js';
import { PRESETS } from '../../language/semantics/presets.js';
import { errors, messageOf, parse } from '../language/helpers.js';
import { ensureBuilt } from './ensure-built.js';

const NEW_GPUS = ['h200-sxm', 'b200', 'gb200', 'gb300', 'rubin', 'mi300x', 'mi355x'];
const NEW_LINKS = [
  'nvlink-4',
  'nvlink-5',
  'nvlink-6',
  'ualink-200g',
  'infinity-fabric',
  'infiniband-ndr',
  'infiniband-xdr',
  'roce-400g',
  'roce-800g',
  'cpo-switch-200g',
  'passage-m1000',
  'passage-l200',
  'teraphy',
];
const NEW_SWITCHES = [
  'tomahawk-5',
  'tomahawk-5-bailly',
  'tomahawk-6',
  'tomahawk-6-davisson',
  'quantum-x800',
  'quantum-x-photonics',
  'spectrum-x-photonics',
  'quantum-2',
];
const NEW_SYSTEMS = [
  'h100-cluster',
  'h200-cluster',
  'b200-cluster',
  'b300-cluster',
  'gb200-nvl72',
  'gb300-nvl72',
  'vera-rubin-nvl144',
  'mi300x-cluster',
  'mi355x-cluster',
];

beforeAll(() => ensureBuilt());

describe('2026 presets', () => {
  it('are all in the engine and in the language, by the names a user writes', () => {
    expect(Object.keys(GPU_PRESETS)).toEqual(expect.arrayContaining(NEW_GPUS));
    expect(Object.keys(LINK_PRESETS)).toEqual(expect.arrayContaining(NEW_LINKS));
    expect(Object.keys(SWITCH_PRESETS)).toEqual(NEW_SWITCHES);
    expect(Object.keys(CLUSTER_SYSTEMS)).toEqual(NEW_SYSTEMS);
    for (const [kind, names] of [
      ['gpu', NEW_GPUS],
      ['link', NEW_LINKS],
      ['switch', NEW_SWITCHES],
      ['system', NEW_SYSTEMS],
    ] as const) {
      expect(Object.keys(PRESETS[kind] ?? {}), kind).toEqual(expect.arrayContaining([...names]));
    }
    // The paper's presets are still there, untouched (the reproduction depends on them).
    expect(Object.keys(PRESETS.system ?? {})).toEqual(expect.arrayContaining(['passage512', 'electrical512', 'electrical144']));
  });

  it('each cite a public source in their doc comment', () => {
    const text = ['gpus', 'links', 'systems'].map((file) => readFileSync(`engine/presets/${file}.ts`, 'utf8')).join('\n');
    for (const name of [...NEW_GPUS, ...NEW_LINKS, ...NEW_SWITCHES, ...NEW_SYSTEMS]) {
      const at = text.search(new RegExp(`(name: |\\w+\\(|\\()'${name}'`));
      expect(at, name).toBeGreaterThan(0);
      const doc = text.slice(text.lastIndexOf('/**', at), at);
      expect(doc, name).toMatch(/Sources?:[\s\S]*?(https?:\/\/\S+|as `[\w.-]+`|GTC 2025 keynote)/);
    }
  });

  it('each check without a problem when a declaration starts from them', async () => {
    const lines = [
      ...NEW_GPUS.map((name, index) => `gpu g${index} = preset "${name}"`),
      ...NEW_LINKS.map((name, index) => `link l${index} = preset "${name}"`),
      ...NEW_SWITCHES.map((name, index) => `switch s${index} = preset "${name}"`),
      ...NEW_SYSTEMS.map((name, index) => `system y${index} = preset "${name}"`),
    ];
    const document = await parse(lines.join('\n'));
    expect(errors(document).map(messageOf)).toEqual([]);
  });

  it('evaluate in the shipped example, faster generation by generation', () => {
    const run = spawnSync('node_modules/.bin/node', ['bin/moesys.js', 'eval', 'examples/clusters-2026.moesys', '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as {
      scenarios: Array<{ name: string; feasible: boolean; timeToTrainSeconds: number; interconnectEnergyJoules: number }>;
    };
    expect(output.scenarios.every((scenario) => scenario.feasible)).toBe(true);
    const days = (name: string) => output.scenarios.find((scenario) => scenario.name === name)!.timeToTrainSeconds / 86_400;
    expect(days('on-b200')).toBeLessThan(days('on-h100'));
    expect(days('on-gb200')).toBeLessThan(days('on-b200'));
    expect(days('on-rubin')).toBeLessThan(days('on-gb300'));
    // Co-packaged optics on the scale-out switches: the same time, less interconnect energy.
    const energy = (name: string) => output.scenarios.find((scenario) => scenario.name === name)!.interconnectEnergyJoules;
    expect(days('on-gb300-cpo')).toBeCloseTo(days('on-gb300'), 6);
    expect(energy('on-gb300-cpo')).toBeLessThan(energy('on-gb300'));
  });
});
