// Builds every bundle of moesys with esbuild; entries whose source does not exist yet are skipped.
// Usage: node scripts/build.mjs [--minify] [--watch]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const minify = process.argv.includes('--minify');
const watch = process.argv.includes('--watch');

if (existsSync('langium-config.json')) {
  execFileSync(process.execPath, ['node_modules/langium-cli/bin/langium.js', 'generate'], { stdio: 'inherit' });
}

const nodeEsm = {
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __moesysCreateRequire } from 'node:module'; const require = __moesysCreateRequire(import.meta.url);" },
};
const nodeCjs = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };
const browserIife = { platform: 'browser', format: 'iife', target: 'es2022' };
const browserCjs = { platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'] };

const entries = [
  { in: 'cli/main.ts', out: 'out/cli/main.js', opts: nodeEsm },
  { in: 'bench/main.ts', out: 'out/bench/main.js', opts: nodeEsm },
  // Benchmark suites load lazily from bench/main; playwright-core stays a runtime dependency.
  { in: 'bench/language.ts', out: 'out/bench/language.js', opts: { ...nodeEsm, packages: 'external' } },
  { in: 'bench/preview.ts', out: 'out/bench/preview.js', opts: { ...nodeEsm, packages: 'external' } },
  { in: 'bench/search-typing.ts', out: 'out/bench/search-typing.js', opts: { ...nodeEsm, packages: 'external' } },
  { in: 'bench/preview-server.ts', out: 'out/bench/preview-server.js', opts: { ...nodeEsm, packages: 'external' } },
  { in: 'scripts/reproduce.ts', out: 'out/scripts/reproduce.js', opts: nodeEsm },
  { in: 'scripts/language-docs.ts', out: 'out/scripts/language-docs.js', opts: nodeEsm },
  { in: 'scripts/validation/validate.ts', out: 'out/scripts/validate.js', opts: nodeEsm },
  { in: 'server/main.ts', out: 'out/server/main.cjs', opts: nodeCjs },
  { in: 'server/browser.ts', out: 'out/server/browser.js', opts: browserIife },
  { in: 'server/search/worker-node.ts', out: 'out/server/search-worker.cjs', opts: nodeCjs },
  { in: 'server/search/worker-browser.ts', out: 'out/server/search-worker.js', opts: browserIife },
  { in: 'client/extension.ts', out: 'out/client/extension.cjs', opts: nodeCjs },
  { in: 'client/browser.ts', out: 'out/client/browser.cjs', opts: browserCjs },
  { in: 'webview/main.ts', out: 'out/webview/main.js', opts: browserIife },
].filter((e) => existsSync(e.in));

mkdirSync('out', { recursive: true });
const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      minify,
      sourcemap: !minify,
      logLevel: 'warning',
      ...e.opts,
    }),
  ),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
