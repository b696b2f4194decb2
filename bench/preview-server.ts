/**
 * Server side of "keystroke to chart": a ~300-line document is edited, rebuilt (parse, link,
 * validate with every check the server runs) and turned into its preview model, as the language
 * server does for each pushed preview model after an edit.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createMoesysServices } from '../language/moesys-module.js';
import { buildPreviewModel } from '../language/analysis/preview-model.js';
import { isPreviewProblems } from '../protocol/preview.js';

/** The paper's example padded with commented copies of its scenarios to 300 lines. */
export function threeHundredLineDocument(): string {
  const example = readFileSync(resolve('examples/frontier-moe.moesys'), 'utf8').trimEnd().split('\n');
  const padding = Array.from({ length: Math.max(0, 300 - example.length) }, (_, i) => `// note ${i}: what-if cases go here`);
  return [...example, ...padding].join('\n') + '\n';
}

/** The `i`-th of distinct values in [low, high), none repeated for the first million. */
export function freshValue(i: number, low: number, high: number): string {
  return (low + ((i * 0.618_033_988_7) % 1) * (high - low)).toFixed(6);
}

export async function measurePreviewServer(iterations = 60): Promise<number[]> {
  const { shared, moesys } = createMoesysServices(EmptyFileSystem);
  const uri = URI.parse('file:///bench/frontier-300.moesys');
  const base = threeHundredLineDocument();
  const documents = shared.workspace.LangiumDocuments;
  const times: number[] = [];
  for (let i = 0; i < iterations + 5; i++) {
    // A keystroke: one number of the scale-up bandwidth changes (at most the GPU's 32 Tb/s of I/O),
    // to a value never used before, so the analysis cache never answers and the engine runs.
    const text = base.replace('bandwidth = 32 Tb/s', `bandwidth = ${freshValue(i, 28, 32)} Tb/s`);
    const start = performance.now();
    if (documents.hasDocument(uri)) documents.deleteDocument(uri);
    const document: LangiumDocument = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    documents.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const model = buildPreviewModel(document, moesys.analysis.BuildAnalysis);
    const elapsed = performance.now() - start;
    if (isPreviewProblems(model)) throw new Error(`benchmark document has ${model.problems} problems`);
    if (i >= 5) times.push(elapsed);
  }
  return times;
}
