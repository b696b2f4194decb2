/**
 * The README's reproduction and best-mapping figures are the engine's own: a change to the model that
 * moves them fails here until the README says what the engine now says. (A first user found the
 * README's best 144-pod split two engine versions old.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paperBestMappings, reproduceFigures } from '../../engine/reproduction.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const two = (x: number) => x.toFixed(2);

function engine(quantity: RegExp): number {
  const figure = reproduceFigures().find((f) => quantity.test(f.quantity));
  if (!figure) throw new Error(`no reproduced figure matches ${quantity}`);
  return figure.engine;
}

describe("the README's figures", () => {
  it('give the Fig. 10 and Fig. 11 predictions the engine makes, to two decimals', () => {
    const fig10 = [1, 2, 3, 4].map((c) => two(engine(new RegExp(`^electrical 512 .* Config ${c}$`))));
    expect(README).toContain(`| ${fig10.join(', ')} |`);
    const placement = (kind: string) => [1, 4].map((c) => two(engine(new RegExp(`Config ${c}, ${kind}$`)))).join(' → ');
    expect(README).toContain(`| ${placement("paper's placement")} |`);
    expect(README).toContain(`| ${placement('real placement')} |`);
  });

  it("give each system's days at the paper's mapping and at the search's best, with the best split", () => {
    const best = paperBestMappings();
    for (const b of best) {
      const t = b.best;
      const experts = b.config === 1 ? 32 : 256;
      const split = `${t.tensorParallel} × ${t.pipelineParallel} × ${t.dataParallel}, EP ${Math.round(experts / t.expertsPerDpRank)}, v ${t.virtualStages}, ${t.rankMapping ?? 'linear'}`;
      expect(README).toContain(`| ${b.system}_c${b.config} | ${two(b.paperDays)} | ${two(b.bestDays)} | ${split} |`);
    }
    const days = (name: string, key: 'paperDays' | 'bestDays') => best.find((b) => `${b.system}_c${b.config}` === name)![key];
    const atBest = two(days('electrical144_c4', 'bestDays') / days('passage512_c4', 'bestDays'));
    const atPaper = two(days('electrical144_c4', 'paperDays') / days('passage512_c4', 'paperDays'));
    expect(README).toContain(`takes ${atBest}× Passage at Config 4 (${atPaper}× at the`);
  });
});
