/**
 * The templates of "moesys: New Scenario from Template" and the inlining of their imports: pure,
 * so Node tests check that every template stands alone.
 */
export interface Template {
  file: string;
  label: string;
  detail: string;
}

/** The examples the .vsix carries (see .vscodeignore), best first for a new user. */
export const TEMPLATES: readonly Template[] = [
  { file: 'clusters-2026.moesys', label: "Today's clusters", detail: 'H100, B200, MI355X, GB200/GB300 NVL72 and Vera Rubin NVL144 presets training one MoE' },
  { file: 'mixtral-h100.moesys', label: 'Mixtral on H100 nodes', detail: 'Mixtral 8x7B on 32 DGX H100 nodes: expert parallelism against tensor parallelism' },
  { file: 'deepseek-v3-h800.moesys', label: 'DeepSeek-V3 on H800', detail: 'A DeepSeek-V3-class model on 2,048 H800s' },
  { file: 'frontier-moe.moesys', label: "The reference paper's study", detail: 'Passage 512 × 32 Tb/s against electrical pods, Configs 1–4 (Figs. 10 and 11)' },
  { file: 'pod-size-sweep.moesys', label: 'Sweeps', detail: "Pod size, scale-up bandwidth and SerDes energy swept on the paper's model" },
];

const IMPORT_LINE = /^[ \t]*import[ \t]+"([^"\r\n]+)"[ \t]*(?:\/\/[^\n]*)?$/gm;

/**
 * `text` with each `import "file"` line replaced by that file's own text (its imports inlined in
 * turn, each file once), so the result stands alone.
 */
export async function inlineImports(text: string, read: (path: string) => Promise<string>, seen: Set<string> = new Set()): Promise<string> {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(IMPORT_LINE)) {
    parts.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const path = match[1];
    if (seen.has(path)) {
      parts.push(`// ${path} is already included above`);
      continue;
    }
    seen.add(path);
    const imported = await inlineImports(await read(path), read, seen);
    parts.push(`// ---- from ${path} ----\n${imported.trim()}\n// ---- end of ${path} ----`);
  }
  parts.push(text.slice(last));
  return parts.join('');
}
