/**
 * `moesys eval FILE --against OLD`: after the results table, what changed from OLD to FILE, in the
 * words of the preview's "Compare with before" — signed deltas with units, added and removed names.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensure-built.js';

const NODE = 'node_modules/.bin/node';
const moesys = (...args: string[]) => spawnSync(NODE, ['bin/moesys.js', ...args], { encoding: 'utf8', timeout: 60_000 });

beforeAll(async () => {
  await ensureBuilt();
});

describe('moesys eval --against', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moesys-against-'));
  const text = readFileSync('examples/frontier-moe.moesys', 'utf8');
  const old = join(dir, 'old.moesys');
  // The old plan trained on 10% more tokens and had one more scenario.
  writeFileSync(old, `${text.replace('trainingTokens = 13e12 tokens', 'trainingTokens = 14.3e12 tokens')}\nscenario retired extends passage512_c1 {}\n`);

  it('prints the changes of every scenario against the old file, with units, and what was removed', () => {
    const run = moesys('eval', 'examples/frontier-moe.moesys', '--against', old);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    const start = lines.findIndex((line) => line.startsWith(`changes against ${old}: `));
    expect(start, run.stdout).toBeGreaterThan(0);
    expect(lines[start]).toMatch(/: \d+ changed · \d+ unchanged · 1 removed$/);
    const row = lines.slice(start).find((line) => /^ {2}passage512_c1 /.test(line));
    // 13 of 14.3 T tokens: 9.1% fewer steps, days and MWh; the step and MFU are the same.
    expect(row).toMatch(/Δ days −\d+\.\d\d \(−9\.1%\)/);
    expect(row).toMatch(/Δ MWh −[\d.]+ \(−9\.1%\)/);
    expect(row).not.toMatch(/Δ step|Δ MFU|NaN/);
    expect(lines).toContain('  removed: retired');
  });

  it('refuses --against with --json, and an old file with errors', () => {
    const both = moesys('eval', 'examples/frontier-moe.moesys', '--json', '--against', old);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--against adds its changes to the table; leave out --json and --csv/);
    const broken = join(dir, 'broken.moesys');
    writeFileSync(broken, 'scenario x { system = nowhere }\n');
    const run = moesys('eval', 'examples/frontier-moe.moesys', '--against', broken);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.moesys:1:\d+: error: .*nowhere/);
    expect(run.stderr).toMatch(/nothing to compare with/);
  });
});
