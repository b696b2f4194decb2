import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // One file at a time: the suites that drive Chromium, Neovim and VS Code for the web measure
    // real latencies, and on a 2-core machine parallel files starve them (and it is faster overall).
    fileParallelism: false,
    // The JSON report lets .ci/run print one closing "N passed, N failed" line after `npm test`.
    reporters: ['default', 'json'],
    outputFile: { json: 'out/test-results.json' },
  },
});
