/**
 * Builds the bundles the CLI and LSP tests spawn, but only when a source is newer than the
 * bundle (`npm test` has just built them). A lock directory keeps parallel test files from
 * building over each other.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['engine', 'language', 'server', 'cli', 'webview'];
const BUNDLES = ['out/cli/main.js', 'out/server/main.cjs'];
const LOCK = 'out/.test-build.lock';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|langium)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale(): boolean {
  const source = Math.max(...SOURCES.filter(existsSync).map(newestSource));
  return BUNDLES.some((bundle) => !existsSync(bundle) || statSync(bundle).mtimeMs < source);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function ensureBuilt(): Promise<void> {
  mkdirSync('out', { recursive: true });
  for (let attempt = 0; attempt < 600; attempt++) {
    if (!stale()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      await sleep(200); // another test file is building
      continue;
    }
    try {
      if (stale()) {
        const built = spawnSync('node_modules/.bin/node', ['scripts/build.mjs'], { encoding: 'utf8' });
        if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
  throw new Error('timed out waiting for another build');
}
