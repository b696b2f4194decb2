/** The TextMate grammar colours every fixed word the Langium grammar accepts as a value, before semantic tokens arrive. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const grammar = readFileSync('language/moesys.langium', 'utf8');
const textMate = JSON.parse(readFileSync('syntaxes/moesys.tmLanguage.json', 'utf8')) as {
  repository: Record<string, { patterns?: { name?: string; match?: string }[] }>;
};

/** The words of the grammar's EnumValue rule. */
function enumWords(): string[] {
  const rule = /EnumValue:\s*value=\(([^;]*)\);/.exec(grammar);
  if (!rule) throw new Error('EnumValue rule not found in language/moesys.langium');
  return [...rule[1].matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

describe('highlighting', () => {
  it('colours every EnumValue word as a constant', () => {
    const constants = Object.values(textMate.repository)
      .flatMap((entry) => entry.patterns ?? [])
      .filter((pattern) => pattern.name?.startsWith('constant.language') && pattern.match)
      .map((pattern) => new RegExp(`^(?:${pattern.match!})$`));
    const words = enumWords();
    expect(words).toContain('perTensor');
    expect(words.filter((word) => !constants.some((pattern) => pattern.test(word)))).toEqual([]);
  });
});
