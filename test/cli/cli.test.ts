/** The `moesys` command, run as users run it: the built bundle through bin/moesys.js. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { ensureBuilt } from './ensure-built.js';
import { loadFiles } from '../../cli/load.js';
import { buildPreviewModel } from '../../language/analysis/preview-model.js';
import { isPreviewProblems } from '../../protocol/preview.js';
import { toCsv } from '../../webview/table-data.js';

const NODE = 'node_modules/.bin/node';

function moesys(...args: string[]) {
  const run = spawnSync(NODE, ['bin/moesys.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Dotted paths of the fields of `value` that `schema` does not name (following $ref and oneOf). */
function undocumentedFields(value: unknown, schema: Record<string, unknown>, root: Record<string, unknown>, path = ''): string[] {
  const resolved = (node: Record<string, unknown>): Record<string, unknown> => {
    const ref = node.$ref as string | undefined;
    return ref ? resolved((root.definitions as Record<string, Record<string, unknown>>)[ref.replace('#/definitions/', '')]) : node;
  };
  const node = resolved(schema);
  if (Array.isArray(value))
    return node.items ? [...new Set(value.flatMap((item) => undocumentedFields(item, node.items as Record<string, unknown>, root, `${path}[]`)))] : [];
  if (value === null || typeof value !== 'object') return [];
  if (node.oneOf) {
    const choices = (node.oneOf as Record<string, unknown>[]).map((choice) => undocumentedFields(value, choice, root, path));
    return choices.reduce((best, next) => (next.length < best.length ? next : best));
  }
  const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(value).flatMap(([key, child]) =>
    properties[key] ? undocumentedFields(child, properties[key], root, `${path}.${key}`) : [`${path}.${key}`],
  );
}

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'moesys-cli-'));
});

/** The only diagnostic of examples/frontier-moe.moesys: its copper 512-pod (Fig. 10's hypothetical) is beyond copper's reach. */
const COPPER_512_REACH_WARNING =
  /^examples\/frontier-moe\.moesys:\d+:\d+: warning: tier 'scale-up' spreads 512 GPUs over 4 racks of 144 \(gpusPerRack\), so its cables run about 2\.8 m, but link 'copper-224g' reaches 1 m; [^\n]*\n$/;

describe('moesys check', () => {
  it('passes a clean file with exit 0', () => {
    const run = moesys('check', 'examples/frontier-moe.moesys');
    expect(run.code).toBe(0);
    // Its one warning is physics: the paper's hypothetical copper 512-pod spans 4 racks, beyond copper's 1 m.
    expect(run.stdout).toMatch(COPPER_512_REACH_WARNING);
  });

  it('prints file:line:col: severity: message and exits 1 on an error', () => {
    const file = join(dir, 'bad.moesys');
    writeFileSync(file, 'switch x {\n  radix = 64\n  portBandwidth = 32 GB\n}\n');
    const run = moesys('check', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/bad\.moesys:3:19: error: 'portBandwidth' expects bit rate \(bit\/s\), got memory size \(B\)\. Did you mean 32 GB\/s\?/);
  });

  it('reports a unit cut by // as an error and a warning', () => {
    const file = join(dir, 'cut.moesys');
    writeFileSync(file, 'switch x {\n  radix = 64\n  portBandwidth = 400 Gb//s\n}\n');
    const run = moesys('check', file);
    expect(run.stdout).toMatch(/cut\.moesys:3:19: error: 'portBandwidth' expects bit rate \(bit\/s\), got information \(bit\)/);
    expect(run.stdout).toMatch(/cut\.moesys:3:23: warning: '\/\/' right after 'Gb'/);
    expect(run.code).toBe(1);
  });

  it('exits 0 with only warnings', () => {
    const file = join(dir, 'warn.moesys');
    writeFileSync(file, 'import "warn.moesys"\nswitch x { radix = 64; portBandwidth = 400 Gb/s }\n');
    const run = moesys('check', file);
    expect(run.stdout).toMatch(/warn\.moesys:1:8: warning: A file does not need to import itself/);
    expect(run.code).toBe(0);
  });

  it('reports a missing file and bad usage', () => {
    expect(moesys('check', join(dir, 'nope.moesys')).code).toBe(1);
    expect(moesys('frobnicate').code).toBe(2);
  });
});

describe('moesys report', () => {
  it('writes one self-contained HTML file', () => {
    const output = join(dir, 'report.html');
    const run = moesys('report', 'examples/frontier-moe.moesys', '-o', output);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(output, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('passage512_c4');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });
});

describe('moesys eval', () => {
  it('prints the results table of the paper study', () => {
    const run = moesys('eval', 'examples/frontier-moe.moesys');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/scenario\s+step \[s\]\s+train \[days\]/);
    for (const name of ['passage512_c1', 'electrical512_c4', 'electrical144_c4']) expect(run.stdout).toContain(name);
    expect(run.stdout).toContain('compare fig11 (baseline passage512_c1)');
  });

  it("emits the JSON contract with Fig. 10 within ±10%, and Fig. 11 within ±10% under the paper's placement", () => {
    const run = moesys('eval', 'examples/frontier-moe.moesys', '--json');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as {
      scenarios: Array<Record<string, unknown>>;
      studies: Array<{ name: string; rows: Array<{ scenario: string; timeRatio: number }> }>;
    };
    expect(output.scenarios.map((scenario) => scenario.name).slice(0, 12)).toEqual(
      ['passage512', 'electrical512', 'electrical144'].flatMap((system) => [1, 2, 3, 4].map((config) => `${system}_c${config}`)),
    );
    for (const scenario of output.scenarios) {
      for (const key of ['stepSeconds', 'timeToTrainSeconds', 'interconnectEnergyJoules']) expect(typeof scenario[key]).toBe('number');
      expect(Object.keys(scenario.breakdownSeconds as object)).toContain('expertAllToAll');
    }
    expect(run.stdout).not.toMatch(/NaN|Infinity|null/);
    const time = (name: string) => output.scenarios.find((scenario) => scenario.name === name)!.timeToTrainSeconds as number;
    const within = (value: number, published: number) => expect(Math.abs(value / published - 1), `${value} vs ${published}`).toBeLessThanOrEqual(0.1);
    [1.4, 1.4, 1.3, 1.3].forEach((published, index) => within(time(`electrical512_c${index + 1}`) / time(`passage512_c${index + 1}`), published));
    within(time('electrical144_c1_paperPlacement') / time('passage512_c1'), 1.6);
    within(time('electrical144_c4_paperPlacement') / time('passage512_c4'), 2.7);
    // The real rank placement leaves an EP rank alone in a 144 pod: slower than the paper's figure.
    expect(time('electrical144_c4') / time('passage512_c4')).toBeGreaterThan(2.7 * 1.1);
    const fig11 = output.studies.find((study) => study.name === 'fig11')!;
    expect(fig11.rows.find((row) => row.scenario === 'passage512_c1')!.timeRatio).toBe(1);
  });

  it("emits the CSV of the preview's CSV button, byte for byte", async () => {
    const run = moesys('eval', 'examples/frontier-moe.moesys', '--csv');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^Scenario,Time to train \[s\],Step time \[s\],Steps,Step: Compute \[s\]/);
    expect(lines[1]).toMatch(/^passage512_c1,\d/);
    const workspace = await loadFiles(['examples/frontier-moe.moesys']);
    const model = buildPreviewModel(workspace.documents[0], workspace.services.analysis.BuildAnalysis);
    if (isPreviewProblems(model)) throw new Error('the example has errors');
    expect(run.stdout).toBe(toCsv(model));
  });

  it('puts a unit in every column header of a measured quantity', () => {
    const run = moesys('eval', 'examples/frontier-moe.moesys');
    const header = run.stdout
      .split('\n')[0]
      .trim()
      .split(/\s{2,}/);
    expect(header).toEqual([
      'scenario',
      'step [s]',
      'train [days]',
      'compute [s]',
      'TP [s]',
      'EP a2a [s]',
      'ETP [s]',
      'DP [s]',
      'bubble [s]',
      'PP p2p [s]',
      'optim [s]',
      'latency [s]',
      'interconnect [MWh]',
      'MFU [%]',
      'memory [GB]',
      'feasible',
    ]);
    // The terms no scenario spends time on are named instead of printed as columns of zeros.
    expect(run.stdout).toContain('zero in every scenario, left out: host, CP, offload [s]');
    expect(run.stdout).toMatch(/scenario\s+time \[× baseline\]\s+interconnect energy \[× baseline\]\s+train \[days\]/);
    const sweep = moesys('eval', 'examples/pod-size-sweep.moesys');
    expect(sweep.stdout).toMatch(/system\.scale-up\.domainSize\s+step \[s\]\s+train \[days\]\s+interconnect \[MWh\]\s+MFU \[%\]\s+feasible \(why not\)/);
    // No line ends in padding.
    for (const line of `${run.stdout}\n${sweep.stdout}`.split('\n')) expect(line).toBe(line.trimEnd());
  });

  it('stops quietly when the reader closes the pipe (eval … | head)', () => {
    // The JSON is larger than a pipe's buffer, so the writer meets a closed pipe.
    const run = spawnSync('sh', ['-c', `${NODE} bin/moesys.js eval examples/frontier-moe.moesys --json | head -1`], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toBe('{\n');
    expect(run.stderr).toMatch(COPPER_512_REACH_WARNING);
    expect(run.status).toBe(0);
  });

  it('prints --json with a schemaVersion, valid against docs/eval.schema.json', () => {
    const schema = JSON.parse(readFileSync('docs/eval.schema.json', 'utf8')) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    for (const example of ['frontier-moe.moesys', 'pod-size-sweep.moesys', 'mixtral-h100.moesys']) {
      const run = moesys('eval', `examples/${example}`, '--json');
      expect(run.code, run.stderr).toBe(0);
      const output = JSON.parse(run.stdout) as { schemaVersion: number };
      expect(output.schemaVersion).toBe(1);
      expect(validate(output), `${example}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      // The schema describes every field the CLI prints, so a new field must be documented there.
      expect(undocumentedFields(output, schema, schema), example).toEqual([]);
    }
    expect(validate({ schemaVersion: 1, scenarios: [{ name: 'x' }], studies: [] })).toBe(false);
  });

  it('prints diagnostics and no numbers for a file with errors', () => {
    const file = join(dir, 'broken.moesys');
    writeFileSync(file, 'import "../../nonexistent.moesys"\nscenario x { system = s; model = m; training = t }\n');
    const run = moesys('eval', file, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/broken\.moesys:1:8: error: Cannot find/);
  });

  it('says so on stderr when a file has no scenarios, and still emits the JSON shape', () => {
    const file = join(dir, 'hardware-only.moesys');
    writeFileSync(file, 'switch x { radix = 64; portBandwidth = 400 Gb/s }\n');
    const table = moesys('eval', file);
    expect(table.code).toBe(0);
    expect(table.stderr).toContain(`no scenarios in ${file}`);
    expect(table.stdout).toBe('');
    const json = moesys('eval', file, '--json');
    expect(json.code).toBe(0);
    expect(json.stderr).toContain(`no scenarios in ${file}`);
    expect(JSON.parse(json.stdout)).toMatchObject({ scenarios: [] });
  });

  it('says which command runs a search study, which eval leaves out', () => {
    const run = moesys('eval', 'examples/search.moesys');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "search 'passage512_c4_batch16k-splits' is not run by eval: moesys report runs it, and moesys search examples/search.moesys passage512_c4_batch16k-splits prints its splits of passage512_c4_batch16k",
    );
  });

  it('evaluates the other examples', () => {
    for (const example of ['mixtral-h100.moesys', 'deepseek-v3-h800.moesys', 'pod-size-sweep.moesys']) {
      const run = moesys('eval', `examples/${example}`, '--json');
      expect(run.code, `${example}: ${run.stderr}`).toBe(0);
      expect(run.stdout).not.toMatch(/NaN/);
    }
  });
});

describe('the activation-offload example', () => {
  it('fits only with offloading, hides the copies over NVLink-C2C and shows them over PCIe', () => {
    const run = moesys('eval', 'examples/activation-offload.moesys', '--json');
    expect(run.code, run.stderr).toBe(0);
    type Row = { name: string; feasible: boolean; stepSeconds: number; breakdownSeconds: { activationOffload: number } };
    const rows = Object.fromEntries((JSON.parse(run.stdout) as { scenarios: Row[] }).scenarios.map((row) => [row.name, row]));
    expect([rows['offloaded'].feasible, rows['not-offloaded'].feasible]).toEqual([true, false]);
    expect(rows['offloaded'].breakdownSeconds.activationOffload).toBe(0);
    expect(rows['offloaded'].stepSeconds).toBe(rows['not-offloaded'].stepSeconds);
    const pcie = rows['offloaded-over-pcie'];
    expect(pcie.breakdownSeconds.activationOffload).toBeGreaterThan(1);
    expect(rows['most-over-pcie'].breakdownSeconds.activationOffload).toBeGreaterThan(pcie.breakdownSeconds.activationOffload);
    expect(run.stderr).toMatch(/activation-offload\.moesys:\d+:\d+: warning: needs 319\.5 GB per GPU /);
  });
});

/** A scenario file of these lines in a fresh temporary folder. */
function scenarioFile(name: string, lines: readonly string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'moesys-cli-case-')), name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('moesys eval of a small job', () => {
  it('gives its interconnect energy in significant digits, as the decision table does, not 0.0', () => {
    const file = scenarioFile('qwen.moesys', [
      'system b200-8 = preset "b200-cluster" { gpuCount = 8 }',
      'model qwen { layers = 48; hiddenSize = 2048; attentionHeads = 32; kvHeads = 4; headDim = 128; ffnHidden = 768; ffnKind = swiglu',
      '    vocabularySize = 151_936; sequenceLength = 4096; moe { experts = 128; activeExperts = 8 } }',
      'training job { datatype = bf16; globalBatch = 512; trainingTokens = 100 Btokens; tensorParallel = 1; pipelineParallel = 1; expertsPerDpRank = 16; microbatchSize = 1 }',
      'scenario qwen-b200 { system = b200-8; model = qwen; training = job }',
    ]);
    const json = JSON.parse(moesys('eval', file, '--json').stdout) as { scenarios: Array<{ interconnectEnergyJoules: number }> };
    const megawattHours = json.scenarios[0].interconnectEnergyJoules / 3.6e9;
    expect(megawattHours).toBeLessThan(0.05);
    const lines = moesys('eval', file).stdout.split('\n');
    const header = lines.find((line) => line.startsWith('scenario'))!;
    const row = lines.find((line) => line.startsWith('qwen-b200'))!;
    const cell = row.slice(header.indexOf('interconnect [MWh]')).trim().split(/\s+/)[0];
    expect(cell).toBe(megawattHours.toPrecision(2));
  });
});

describe("an imported file's warnings", () => {
  it('are left out: eval and check of a file that imports the paper study show only its own', () => {
    // frontier-moe.moesys warns about electrical512_c1's cable reach; pod-size-sweep.moesys imports it and evaluates none of it.
    expect(moesys('check', 'examples/frontier-moe.moesys').stdout).toMatch(/frontier-moe\.moesys:\d+:\d+: warning: tier 'scale-up' spreads 512 GPUs/);
    const run = moesys('eval', 'examples/pod-size-sweep.moesys');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/frontier-moe\.moesys/);
    expect(moesys('check', 'examples/pod-size-sweep.moesys')).toMatchObject({ code: 0, stdout: '', stderr: 'examples/pod-size-sweep.moesys: no problems\n' });
  });
});

describe('moesys search', () => {
  it("finds a split of the 144 pod faster than the paper's, keeping each expert set in a pod and reporting the idle GPUs", () => {
    const run = moesys('search', 'examples/frontier-moe.moesys', 'electrical144_c4', '--top', '3');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    const header = lines
      .find((line) => line.startsWith('split'))!
      .trim()
      .split(/\s{2,}/);
    const rows = lines.filter((line) => /^(as written|#\d)/.test(line)).map((line) => line.trim().split(/\s{2,}/));
    expect(rows.map((row) => row[0])).toEqual(['as written', '#1', '#2', '#3']);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const step = (row: string[]) => Number(cell(row, 'step [s]'));
    // "As written" is the scenario eval times, to the digits printed.
    const evaluated = JSON.parse(moesys('eval', 'examples/frontier-moe.moesys', '--json').stdout) as {
      scenarios: Array<{ name: string; stepSeconds: number }>;
    };
    expect(step(rows[0]).toFixed(3)).toBe(evaluated.scenarios.find((scenario) => scenario.name === 'electrical144_c4')!.stepSeconds.toFixed(3));
    expect(step(rows[1])).toBeLessThan(step(rows[0]));
    // The winner keeps its EP group (EP × TP GPUs) inside one 144-GPU pod, and every split says what it idles.
    expect(Number(cell(rows[1], 'EP')) * Number(cell(rows[1], 'TP'))).toBeLessThanOrEqual(144);
    for (const row of rows) {
      expect(Number(cell(row, 'idle GPUs'))).toBe(32_768 - Number(cell(row, 'TP')) * Number(cell(row, 'PP')) * Number(cell(row, 'DP')));
    }
  });

  it('marks a split as written that does not fit, and says by how much', () => {
    const file = scenarioFile('llama.moesys', [
      'system h100-64 = preset "h100-cluster" { gpuCount = 64 }',
      'model llama { layers = 80; hiddenSize = 8192; attentionHeads = 64; kvHeads = 8; ffnHidden = 28_672; ffnKind = swiglu; vocabularySize = 128_256; sequenceLength = 8192 }',
      'training job { datatype = bf16; globalBatch = 128; trainingTokens = 1 Ttokens; tensorParallel = 1; pipelineParallel = 1; microbatchSize = 1 }',
      'scenario llama-h100 { system = h100-64; model = llama; training = job }',
    ]);
    const run = moesys('search', file, 'llama-h100', '--top', '2');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^as written \*\s/m);
    expect(run.stdout).toMatch(/^\* does not fit: \d+\.\d GB per GPU of 77\.0 GB usable; its times are what it would take if it did$/m);
    // The splits the search returns all fit: none is marked.
    expect(run.stdout).not.toMatch(/^#\d+ \*/m);
  });

  it('names a scenario it cannot find, and rejects bad usage', () => {
    expect(moesys('search', 'examples/frontier-moe.moesys', 'nope').stderr).toMatch(/no scenario or search study named 'nope'; the file has passage512_c1, /);
    // Without a name, the file's only search study runs; a file with none says so.
    expect(moesys('search', 'examples/frontier-moe.moesys')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/name the scenario to search: the file has no search study\n$/),
    });
    expect(moesys('search', 'examples/frontier-moe.moesys', 'nope').code).toBe(1);
    expect(moesys('search', 'examples/frontier-moe.moesys', 'passage512_c1', '--top', '0').code).toBe(2);
  });
});

describe('moesys validate', () => {
  it('prints the suite against published runs, from any folder, and as JSON the same summary', () => {
    const run = spawnSync(join(process.cwd(), NODE), [join(process.cwd(), 'bin/moesys.js'), 'validate'], { encoding: 'utf8', timeout: 120_000, cwd: tmpdir() });
    expect(run.status, run.stderr).toBe(0);
    const published = JSON.parse(readFileSync('test/validation/published-runs.json', 'utf8')) as Array<{ family: string }>;
    const denseRuns = published.filter((entry) => entry.family === 'dense').length;
    const dense = run.stdout.split('\n').find((line) => new RegExp(`^dense\\s+${denseRuns}\\s`).test(line));
    expect(dense, run.stdout.slice(-2000)).toBeDefined();
    expect(run.stdout).toMatch(/^Accuracy targets of this suite \(reported, not enforced\):$/m);
    const json = JSON.parse(moesys('validate', '--json').stdout) as { rows: unknown[]; summary: Array<{ group: string; n: number; meanAbsErrorPct: number }> };
    expect(json.rows).toHaveLength(published.length);
    const family = json.summary.find((line) => line.group === 'dense')!;
    expect(family.n).toBe(denseRuns);
    // The table prints the JSON's mean to one decimal.
    expect(dense!.split(/\s{2,}/)[2]).toBe(family.meanAbsErrorPct.toFixed(1));
    // Narrow enough for a wide terminal (the markdown table in docs/VALIDATION.md keeps the dominant terms),
    // and a run over its HBM says so in its own column, as the JSON does.
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(180);
    const rows = json.rows as Array<{ id: string; feasible: boolean }>;
    const overHbm = rows.filter((row) => !row.feasible).map((row) => row.id);
    expect(overHbm.length).toBeGreaterThan(0);
    const printedNo = run.stdout
      .split('\n')
      .filter((line) => /\sNO\s+\d+$/.test(line))
      .map((line) => line.split(/\s+/)[0]);
    expect(printedNo.sort()).toEqual(overHbm.sort());
    expect(moesys('validate', 'examples/frontier-moe.moesys').code).toBe(2);
  });
});

describe('moesys help and version', () => {
  it('lists the commands on `moesys help`, exit 0', () => {
    const run = moesys('help');
    expect(run.code).toBe(0);
    for (const command of ['check', 'eval', 'report', 'search', 'lsp']) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s+\\w`, 'm'));
    expect(run.stdout).toContain("Run 'moesys COMMAND --help' for its options and examples.");
    expect(moesys('--help').stdout).toBe(run.stdout);
  });

  it('gives each command its options and examples on CMD --help and help CMD', () => {
    const run = moesys('eval', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: moesys eval FILE\.moesys \[--json \| --csv\]\n/);
    expect(run.stdout).toMatch(/^ {2}--json\s+one JSON document/m);
    expect(run.stdout).toMatch(/^examples:\n {2}moesys eval examples\/frontier-moe\.moesys$/m);
    expect(moesys('help', 'eval').stdout).toBe(run.stdout);
    expect(moesys('report', '-h').stdout).toMatch(/^ {2}-o, --output OUT\.html\s+the file to write/m);
    expect(moesys('search', '--help').stdout).toMatch(/^ {2}--top N\s+how many splits/m);
    expect(moesys('help', 'frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("no command 'frobnicate'; the commands are check, eval, report, search, validate, lsp"),
    });
  });

  it('prints the package version on --version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(moesys(flag)).toMatchObject({ code: 0, stdout: `moesys ${version}\n` });
  });

  it("names a wrong option and the command's usage, exit 2", () => {
    const run = moesys('eval', 'examples/frontier-moe.moesys', '--jsno');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "moesys: eval: unknown option '--jsno'\nusage: moesys eval FILE.moesys [--json | --csv]\nRun 'moesys eval --help' for its options and examples.\n",
    );
    expect(moesys('eval', 'examples/frontier-moe.moesys', '--json', '--csv')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('choose --json or --csv, not both'),
    });
    expect(moesys()).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: moesys COMMAND') });
  });
});

describe('moesys in plain words about files', () => {
  it('refuses a folder, naming the files to give instead', () => {
    for (const command of ['check', 'eval']) {
      const run = moesys(command, 'examples');
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('moesys: examples is a folder; name the .moesys files in it, e.g. examples/*.moesys\n');
    }
  });

  it("refuses a file that is not .moesys, without Langium's words", () => {
    const run = moesys('eval', 'README.md');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('moesys: README.md is not a .moesys file\n');
    expect(moesys('check', 'package.json').stderr).not.toMatch(/service registry/);
  });

  it('refuses a report into a folder that does not exist, before any work', () => {
    const output = join(dir, 'no-such-folder', 'report.html');
    const run = moesys('report', 'examples/frontier-moe.moesys', '-o', output);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`moesys: cannot write ${output}: the folder ${join(dir, 'no-such-folder')} does not exist\n`);
    expect(moesys('report', 'examples/frontier-moe.moesys', '-o', dir).stderr).toBe(
      `moesys: cannot write ${dir}: it is a folder; name a file, e.g. ${dir}/report.html\n`,
    );
  });

  it('names a missing file', () => {
    expect(moesys('eval', 'nope.moesys')).toMatchObject({ code: 1, stderr: 'moesys: nope.moesys: no such file\n' });
  });
});

describe('check and eval agree on feasibility', () => {
  const scenario = (
    microbatch: number,
    globalBatch = 1024,
  ) => `system dgx-h100-256 = preset "h100-cluster" { gpuCount = 256; tier scale-out { domainSize = 256 } }
model m {
    layers = 32
    hiddenSize = 4096
    attentionHeads = 32
    ffnHidden = 14_336
    vocabularySize = 32_000
    sequenceLength = 4096
    moe { experts = 8; activeExperts = 2 }
}
training t {
    globalBatch = ${globalBatch}
    trainingTokens = 2 Ttokens
    tensorParallel = 1
    pipelineParallel = 1
    expertsPerDpRank = 8
    microbatchSize = ${microbatch}
    recompute = none
}
scenario s { system = dgx-h100-256; model = m; training = t }
`;

  it('a scenario over its HBM is the same warning in both, exit 0, and eval marks it infeasible', () => {
    const file = join(dir, 'over-hbm.moesys');
    writeFileSync(file, scenario(4));
    const checked = moesys('check', file);
    const evaluated = moesys('eval', file);
    const warning = /over-hbm\.moesys:\d+:\d+: warning: needs [\d.]+ GB per GPU .* but 77\.0 GB of 85\.5 GB HBM is usable[^\n]*\n/;
    expect(checked.stdout).toMatch(warning);
    expect(evaluated.stderr).toMatch(warning);
    expect(evaluated.stderr).toBe(checked.stdout);
    expect([checked.code, evaluated.code]).toEqual([0, 0]);
    expect(evaluated.stdout).toMatch(/^s\s.*\sNO$/m);
    // The table's memory column is the warning's figure over the usable HBM.
    const [, needed, usable] = /needs ([\d.]+) GB per GPU .* but ([\d.]+) GB of/.exec(checked.stdout)!;
    expect(evaluated.stdout).toMatch(new RegExp(`\\s${needed.replace('.', '\\.')}/${Math.round(Number(usable))}\\s+NO$`, 'm'));
    const json = JSON.parse(moesys('eval', file, '--json').stdout) as { scenarios: Array<{ feasible: boolean; issues: Array<{ code: string }> }> };
    // The JSON says what the screen says: a warning, and the scenario infeasible.
    expect(json.scenarios[0]).toMatchObject({ feasible: false, issues: [{ code: 'memory-exceeds-hbm', severity: 'warning' }] });
  });

  it('a scenario the engine refuses is the same error in both, exit 1, and eval prints no numbers', () => {
    const file = join(dir, 'bad-batch.moesys');
    writeFileSync(file, scenario(8));
    const checked = moesys('check', file);
    const evaluated = moesys('eval', file);
    expect(checked.stdout).toMatch(
      /bad-batch\.moesys:12:\d+: error: globalBatch = 1024 is not a multiple of dataParallel × microbatchSize = 256 × 8 = 2048; use globalBatch = 2048 or a smaller microbatchSize/,
    );
    expect(evaluated.stderr.split('\n')[0]).toBe(checked.stdout.trim());
    expect([checked.code, evaluated.code]).toEqual([1, 1]);
    expect(evaluated.stdout).toBe('');
  });
});
