/**
 * End to end: Neovim, a real LSP client, talks to `moesys lsp --stdio`. Diagnostics must arrive
 * with the right range, and hover and completion must answer. Skipped only where nvim is absent
 * (CI installs it; see .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/ensure-built.js';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const ROOT = resolve('.');

const SOURCE = `switch sls {
    radix = 64
    portBandwidth = 4 TB
}
link nv {
    kind = electrical
    serdesEnergy = 5 pJ/bit
}
`;

interface Outcome {
  diagnostics: Array<{ lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string }>;
  hover: { kind: string; value: string } | null;
  completion: string[];
  preview: { uri: string; problems?: number; scenarios?: unknown[] } | null;
  error: string | null;
}

describe.skipIf(!hasNeovim)('Neovim as the LSP client', () => {
  let outcome: Outcome;

  beforeAll(async () => {
    await ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'moesys-nvim-'));
    const file = join(dir, 'pod.moesys');
    const out = join(dir, 'outcome.json');
    writeFileSync(file, SOURCE);
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test/lsp/neovim-client.lua')}`], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        MOESYS_E2E_ROOT: ROOT,
        MOESYS_E2E_FILE: file,
        MOESYS_E2E_OUT: out,
        MOESYS_E2E_NODE: resolve('node_modules/.bin/node'),
        MOESYS_E2E_HOVER_LINE: '6',
        MOESYS_E2E_HOVER_COL: '6', // on `serdesEnergy`
        MOESYS_E2E_COMPLETION_LINE: '5',
        MOESYS_E2E_COMPLETION_COL: '11', // after `kind = `
      },
    });
    expect(run.error, run.stderr).toBeUndefined();
    outcome = JSON.parse(readFileSync(out, 'utf8')) as Outcome;
    expect(outcome.error).toBeNull();
  }, 120_000);

  it('receives the unit diagnostic on the exact range of the quantity', () => {
    const diagnostic = outcome.diagnostics.find((candidate) => candidate.message.includes('expects bit rate'));
    expect(diagnostic, JSON.stringify(outcome.diagnostics)).toBeDefined();
    expect(diagnostic).toMatchObject({ lnum: 2, col: 20, end_lnum: 2, end_col: 24, severity: 1 });
    expect(diagnostic!.message).toContain('Did you mean 4 TB/s?');
  });

  it('gets a hover with the property documentation', () => {
    expect(outcome.hover?.value).toMatch(/serdesEnergy[\s\S]*energy per bit[\s\S]*5 pJ\/bit/);
  });

  it('pushes the preview model, a problem count while the file has errors, once the preview is opened', () => {
    expect(outcome.preview?.uri).toMatch(/pod\.moesys$/);
    expect(outcome.preview?.problems).toBe(1);
    expect(outcome.preview?.scenarios).toBeUndefined();
  });

  it('gets completion of the enum words', () => {
    expect(outcome.completion).toEqual(expect.arrayContaining(['electrical', 'lpo', 'cpo']));
  });
});
