/**
 * One code style, enforced: ESLint (eslint.config.js) finds no problem and every source file is
 * laid out as Prettier (.prettierrc.json) lays it out. `npx prettier --write .` fixes the layout.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(tool: string, args: string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(`node_modules/.bin/${tool}`, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const failure = error as { status?: number; stdout?: string; stderr?: string };
    return { code: failure.status ?? 1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('code style', () => {
  it('passes ESLint', () => {
    const { code, output } = run('eslint', ['.']);
    expect(output.trim(), 'ESLint problems').toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('is laid out by Prettier', () => {
    const { code, output } = run('prettier', ['--check', '.', '--log-level', 'warn']);
    expect(output.trim(), 'files Prettier would change (run `npx prettier --write .`)').toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
