import { describe, expect, it } from 'vitest';
import { paperPreviewModel } from './paper-model.js';
import { escapeHtml, jsonForScript, renderReportHtml } from '../../webview/report.js';

const bundle = { script: 'console.log("</script><b>")', style: 'body{color:red}/*</style>*/' };

describe('standalone HTML report', () => {
  it('is one self-contained file with a strict CSP and nonce', () => {
    const html = renderReportHtml({ title: 'frontier <moe>', model: paperPreviewModel(), bundle });
    const nonce = /'nonce-([^']+)'/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain("default-src 'none'");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toContain('<title>frontier &lt;moe&gt;</title>');
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/i);
    // The inlined code cannot close its element early.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('uses a fresh nonce every time', () => {
    const a = renderReportHtml({ title: 't', model: paperPreviewModel(), bundle });
    const b = renderReportHtml({ title: 't', model: paperPreviewModel(), bundle });
    expect(/'nonce-([^']+)'/.exec(a)?.[1]).not.toBe(/'nonce-([^']+)'/.exec(b)?.[1]);
  });

  it('embeds data that cannot break out of its script element', () => {
    const model = paperPreviewModel();
    model.scenarios[0].name = '</script><script>alert(1)</script>';
    const html = renderReportHtml({ title: 't', model, bundle });
    expect(html).not.toContain('<script>alert(1)');
    expect(JSON.parse(jsonForScript({ a: '</script>&\u2028' }))).toEqual({ a: '</script>&\u2028' });
    expect(escapeHtml(`<a href="x">'`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;');
  });

  it('reads the built bundle by default', () => {
    const html = renderReportHtml({ title: 't', model: paperPreviewModel() });
    expect(html.length).toBeGreaterThan(100_000);
  });
});

describe('VS Code panel HTML', () => {
  it('allows only nonce-bearing scripts and the webview folder, with a fresh nonce each render', async () => {
    const { renderPreviewHtml, createNonce } = await import('../../client/preview-html.js');
    const input = {
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      scriptUri: 'https://x/out/webview/main.js',
      styleUri: 'https://x/out/webview/main.css',
      config: { title: 'a<b>.moesys', uri: 'file:///a.moesys' },
    };
    const a = renderPreviewHtml({ ...input, nonce: createNonce() });
    const b = renderPreviewHtml({ ...input, nonce: createNonce() });
    const nonceOf = (html: string) => /'nonce-([^']+)'/.exec(html)?.[1];
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    expect(nonceOf(a)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).toContain("default-src 'none'");
    expect(a).toContain(`script-src 'nonce-${nonceOf(a)}'`);
    expect(a).not.toContain('unsafe-inline');
    expect(a).not.toContain('unsafe-eval');
    expect(a).toContain('<title>a&lt;b&gt;.moesys</title>');
    expect(a).toContain(`<script nonce="${nonceOf(a)}" src="https://x/out/webview/main.js">`);
  });
});
