/**
 * The .vsix holds only the bundles and the manifest's files (`.vscodeignore`): no sources, tests,
 * node_modules or source maps. `npm run package` builds it minified; here `vsce ls` lists it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { TEMPLATES } from '../../client/template-text.js';

const ALLOWED =
  /^(package\.json|README\.md|LICENSE(\.md)?|CHANGELOG\.md|language-configuration\.json|syntaxes\/[^/]+\.json|media\/icon\.png|docs\/images\/vscode-preview\.png|docs\/walkthrough\/[\w-]+\.md|examples\/[\w-]+\.moesys|out\/client\/(extension|browser)\.cjs|out\/server\/(main\.cjs|browser\.js|search-worker\.(cjs|js))|out\/webview\/main\.(js|css))$/;

describe.skipIf(!existsSync('out/client/extension.cjs'))('extension package contents', () => {
  it('lists only bundled files', () => {
    const run = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const files = run.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(files.filter((f) => !ALLOWED.test(f))).toEqual([]);
    for (const needed of [
      'package.json',
      'out/client/extension.cjs',
      'out/client/browser.cjs',
      'out/server/main.cjs',
      'out/server/browser.js',
      // Searches run in these workers, beside the server bundles.
      'out/server/search-worker.cjs',
      'out/server/search-worker.js',
      'out/webview/main.js',
      'out/webview/main.css',
    ]) {
      expect(files).toContain(needed);
    }
    // "New Scenario from Template" reads the examples from the extension; the walkthrough shows its pages.
    for (const { file } of TEMPLATES) expect(files).toContain(`examples/${file}`);
    expect(files).toContain('examples/hardware.moesys');
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { walkthroughs: Array<{ steps: Array<{ media: { markdown?: string; image?: string } }> }> };
    };
    for (const step of manifest.contributes.walkthroughs[0].steps) expect(files).toContain(step.media.markdown ?? step.media.image);
  }, 130_000);
});
