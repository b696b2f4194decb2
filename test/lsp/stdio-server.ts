/** The bare stdio LSP client the tests and the benchmarks share (bench/lsp-client.ts). */
export * from '../../bench/lsp-client.js';
