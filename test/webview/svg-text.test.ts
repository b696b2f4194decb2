/** Text in an exported SVG is XML whatever a scenario or document is called. */
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../webview/charts/svg-export.js';

describe('SVG text', () => {
  it("escapes XML's special characters and drops the control characters XML 1.0 forbids", () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(escapeXml('x\u0000y\u0008z\u001f\ttab\nline')).toBe('xyz\ttab\nline');
    expect(escapeXml('Latency (α) · 6.4 Tb/s')).toBe('Latency (α) · 6.4 Tb/s');
  });
});
