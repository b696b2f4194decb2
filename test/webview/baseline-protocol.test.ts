/**
 * The "Compare with before" messages are checked like every other one: a baseline whose model is
 * malformed, or a toolbar choice the host does not know, is dropped rather than half acted on.
 */
import { describe, expect, it } from 'vitest';
import { parseHostMessage, parseWebviewMessage } from '../../protocol/preview.js';

const URI = 'file:///work/a.moesys';
const model = { uri: URI, version: 3, scenarios: [{ name: 'pod', line: 4 }], studies: [], diagnostics: { errors: 0, warnings: 0 } };

describe('baseline messages', () => {
  it('passes a baseline with a model, one that is unavailable, and none (comparison off)', () => {
    const saved = { source: 'saved', label: 'the saved file', model };
    expect(parseHostMessage({ type: 'baseline', uri: URI, version: 3, baseline: saved })).toEqual({ type: 'baseline', uri: URI, version: 3, baseline: saved });
    const head = { source: 'head', label: 'git HEAD', unavailable: 'Git HEAD is not available here.' };
    expect(parseHostMessage({ type: 'baseline', uri: URI, version: 3, baseline: head })).toEqual({ type: 'baseline', uri: URI, version: 3, baseline: head });
    expect(parseHostMessage({ type: 'baseline', uri: URI, version: 3 })).toEqual({ type: 'baseline', uri: URI, version: 3 });
  });

  it('drops a baseline of an unknown source, with a malformed model or without a label', () => {
    for (const baseline of [
      { source: 'HEAD~1', label: 'x', model },
      { source: 'saved', label: 'the saved file', model: { ...model, scenarios: [{ line: 4 }] } },
      { source: 'pinned', model },
      { source: 'saved', label: 'the saved file', unavailable: 42 },
    ]) {
      expect(parseHostMessage({ type: 'baseline', uri: URI, version: 3, baseline }), JSON.stringify(baseline)).toBeUndefined();
    }
  });

  it("takes the toolbar's choices and nothing else", () => {
    for (const source of ['off', 'saved', 'head', 'pinned']) expect(parseWebviewMessage({ type: 'compare', source })).toEqual({ type: 'compare', source });
    for (const source of ['HEAD', '', undefined, { source: 'saved' }]) expect(parseWebviewMessage({ type: 'compare', source })).toBeUndefined();
  });
});
