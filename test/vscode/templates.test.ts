/**
 * "moesys: New Scenario from Template": every template, its imports written into it, opens as a
 * new unsaved file without a single problem, and evaluates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineImports, TEMPLATES } from '../../client/template-text.js';
import { errors, messageOf, parse } from '../language/helpers.js';

const read = async (path: string) => readFileSync(`examples/${path}`, 'utf8');

describe('templates', () => {
  it('write their imports into themselves, each file once', async () => {
    const text = await inlineImports('import "a.moesys"\nimport "b.moesys"\nscenario s {}\n', async (path) =>
      path === 'a.moesys' ? 'import "b.moesys"\nlink a {}' : 'link b {}',
    );
    expect(text).toBe(
      '// ---- from a.moesys ----\n// ---- from b.moesys ----\nlink b {}\n// ---- end of b.moesys ----\nlink a {}\n// ---- end of a.moesys ----\n// b.moesys is already included above\nscenario s {}\n',
    );
  });

  it.each(TEMPLATES.map((template) => [template.file]))('%s opens as an untitled file with no problems', async (file) => {
    const content = await inlineImports(await read(file), read, new Set([file]));
    expect(content).not.toMatch(/^\s*import /m);
    const document = await parse(content, `untitled:Untitled-${file}`);
    expect(errors(document).map(messageOf)).toEqual([]);
    expect(document.parseResult.value.declarations.some((declaration) => declaration.kind === 'scenario')).toBe(true);
  });
});
