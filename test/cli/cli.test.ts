/** The `moesys` command, run as users run it: the built bundle through bin/moesys.js. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensure-built.js';

const NODE = 'node_modules/.bin/node';

function moesys(...args: string[]) {
    const run = spawnSync(NODE, ['bin/moesys.js', ...args], { encoding: 'utf8', timeout: 60_000 });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dir: string;
beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'moesys-cli-'));
});

describe('moesys check', () => {
    it('passes a clean file with exit 0', () => {
        const run = moesys('check', 'examples/frontier-moe.moesys');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe('');
    });

    it('prints file:line:col: severity: message and exits 1 on an error', () => {
        const file = join(dir, 'bad.moesys');
        writeFileSync(file, 'switch x {\n  radix = 64\n  portBandwidth = 4 TB/s\n}\n');
        const run = moesys('check', file);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/bad\.moesys:3:19: error: 'portBandwidth' expects bit rate \(bit\/s\), got byte rate \(B\/s\)\. Did you mean 32 Tb\/s\?/);
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
        expect(run.stdout).toMatch(/scenario\s+step s\s+days/);
        for (const name of ['passage512_c1', 'electrical512_c4', 'electrical144_c4']) expect(run.stdout).toContain(name);
        expect(run.stdout).toContain('compare fig11 (baseline passage512_c1)');
    });

    it('emits the JSON contract with Fig. 10 and Fig. 11 ratios within ±10%', () => {
        const run = moesys('eval', 'examples/frontier-moe.moesys', '--json');
        expect(run.code).toBe(0);
        const output = JSON.parse(run.stdout) as { scenarios: Array<Record<string, unknown>>; studies: Array<{ name: string; rows: Array<{ scenario: string; timeRatio: number }> }> };
        expect(output.scenarios.map((scenario) => scenario.name).slice(0, 12)).toEqual(
            ['passage512', 'electrical512', 'electrical144'].flatMap((system) => [1, 2, 3, 4].map((config) => `${system}_c${config}`)));
        for (const scenario of output.scenarios) {
            for (const key of ['stepSeconds', 'timeToTrainSeconds', 'interconnectEnergyJoules']) expect(typeof scenario[key]).toBe('number');
            expect(Object.keys(scenario.breakdownSeconds as object)).toContain('expertAllToAll');
        }
        expect(run.stdout).not.toMatch(/NaN|Infinity|null/);
        const time = (name: string) => output.scenarios.find((scenario) => scenario.name === name)!.timeToTrainSeconds as number;
        const within = (value: number, published: number) => expect(Math.abs(value / published - 1), `${value} vs ${published}`).toBeLessThanOrEqual(0.1);
        [1.4, 1.4, 1.3, 1.3].forEach((published, index) => within(time(`electrical512_c${index + 1}`) / time(`passage512_c${index + 1}`), published));
        within(time('electrical144_c1') / time('passage512_c1'), 1.6);
        within(time('electrical144_c4') / time('passage512_c4'), 2.7);
        const fig11 = output.studies.find((study) => study.name === 'fig11')!;
        expect(fig11.rows.find((row) => row.scenario === 'passage512_c1')!.timeRatio).toBe(1);
    });

    it('emits CSV', () => {
        const run = moesys('eval', 'examples/frontier-moe.moesys', '--csv');
        expect(run.code).toBe(0);
        const lines = run.stdout.trim().split('\n');
        expect(lines[0]).toMatch(/^scenario,stepSeconds,timeToTrainSeconds,computeSeconds/);
        expect(lines[1]).toMatch(/^passage512_c1,\d/);
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

    it('evaluates the other examples', () => {
        for (const example of ['mixtral-h100.moesys', 'deepseek-v3-h800.moesys', 'pod-size-sweep.moesys']) {
            const run = moesys('eval', `examples/${example}`, '--json');
            expect(run.code, `${example}: ${run.stderr}`).toBe(0);
            expect(run.stdout).not.toMatch(/NaN/);
        }
    });
});

describe('moesys search', () => {
    it('finds a split of the 144 pod at least as fast as the paper\'s, keeping EP in the pod', () => {
        const run = moesys('search', 'examples/frontier-moe.moesys', 'electrical144_c4', '--top', '3');
        expect(run.code, run.stderr).toBe(0);
        const rows = run.stdout.split('\n').filter((line) => /^(as written|#\d)/.test(line)).map((line) => line.trim().split(/\s{2,}/));
        expect(rows.map((row) => row[0])).toEqual(['as written', '#1', '#2', '#3']);
        const step = (row: string[]) => Number(row[8]);
        expect(step(rows[0])).toBeCloseTo(1.645, 2);
        expect(step(rows[1])).toBeLessThanOrEqual(step(rows[0]));
        // The winner's EP group (EP × TP GPUs) fits in the 144-GPU pod.
        expect(Number(rows[1][4]) * Number(rows[1][1])).toBeLessThanOrEqual(144);
    });

    it('names a scenario it cannot find, and rejects bad usage', () => {
        expect(moesys('search', 'examples/frontier-moe.moesys', 'nope').stderr).toMatch(/no scenario named 'nope'/);
        expect(moesys('search', 'examples/frontier-moe.moesys', 'nope').code).toBe(1);
        expect(moesys('search', 'examples/frontier-moe.moesys', 'passage512_c1', '--top', '0').code).toBe(2);
    });
});
