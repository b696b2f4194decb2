/**
 * `moesys eval FILE --against OLD`: what changed from OLD to FILE, as the preview's "Compare with
 * before" shows it (the same `modelDelta`), in lines for a terminal or a CI log.
 */
import type { ModelDelta } from '../webview/baseline-delta.js';
import { deltaSummary } from '../webview/baseline-delta.js';

export function deltaLines(delta: ModelDelta, against: string): string[] {
  const lines = [`changes against ${against}: ${deltaSummary(delta, against)}`];
  const width = Math.max(0, ...delta.changed.map((row) => row.name.length));
  for (const row of delta.changed) lines.push(`  ${row.name.padEnd(width)}  ${[...row.metrics.map((m) => m.text), ...row.notes].join(' · ')}`);
  if (delta.added.length) lines.push(`  added: ${delta.added.join(', ')}`);
  if (delta.removed.length) lines.push(`  removed: ${delta.removed.join(', ')}`);
  return lines;
}
