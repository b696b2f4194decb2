/**
 * The .vsix holds only the bundles and the manifest's files (`.vscodeignore`): no sources, tests,
 * node_modules or source maps. `npm run package` builds it minified; here `vsce ls` lists it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ALLOWED = /^(package\.json|README\.md|LICENSE(\.md)?|CHANGELOG\.md|language-configuration\.json|syntaxes\/[^/]+\.json|media\/icon\.png|docs\/images\/vscode-preview\.png|out\/client\/(extension|browser)\.cjs|out\/server\/(main\.cjs|browser\.js)|out\/webview\/main\.(js|css))$/;

describe.skipIf(!existsSync('out/client/extension.cjs'))('extension package contents', () => {
  it('lists only bundled files', () => {
    const run = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const files = run.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(files.filter((f) => !ALLOWED.test(f))).toEqual([]);
    for (const needed of ['package.json', 'out/client/extension.cjs', 'out/client/browser.cjs', 'out/server/main.cjs', 'out/server/browser.js', 'out/webview/main.js', 'out/webview/main.css']) {
      expect(files).toContain(needed);
    }
  }, 130_000);
});
