import { describe, expect, it } from 'vitest';
import { isPreviewProblems, isSafeFileName, parseHostMessage, parseWebviewMessage } from '../../webview/protocol.js';

describe('messages from the webview are validated', () => {
  it('accepts well-formed messages and returns clean copies', () => {
    expect(parseWebviewMessage({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
    expect(parseWebviewMessage({ type: 'reveal', uri: 'file:///a.moesys', line: 3, evil: true })).toEqual({ type: 'reveal', uri: 'file:///a.moesys', line: 3 });
    expect(parseWebviewMessage({ type: 'export', format: 'csv', fileName: 'a.csv', data: 'x' })).toEqual({ type: 'export', format: 'csv', fileName: 'a.csv', data: 'x' });
    expect(parseWebviewMessage({ type: 'export', format: 'png', fileName: 'a.png', data: 'data:image/png;base64,AAAA' })?.type).toBe('export');
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null, 'reveal', [], { type: 'run', command: 'rm -rf' },
      { type: 'reveal', uri: 'file:///a', line: -1 }, { type: 'reveal', uri: 'file:///a', line: 1.5 },
      { type: 'reveal', uri: 42, line: 1 }, { type: 'reveal', uri: 'x'.repeat(5000), line: 1 },
      { type: 'export', format: 'exe', fileName: 'a.exe', data: '' },
      { type: 'export', format: 'csv', fileName: '../../etc/passwd', data: '' },
      { type: 'export', format: 'csv', fileName: '.bashrc', data: '' },
      { type: 'export', format: 'csv', fileName: 'a/b.csv', data: '' },
      { type: 'export', format: 'png', fileName: 'a.png', data: 'javascript:alert(1)' },
      { type: 'rendered', version: NaN, millis: 1 },
    ];
    for (const message of bad) expect(parseWebviewMessage(message), JSON.stringify(message)?.slice(0, 80)).toBeUndefined();
  });

  it('knows safe file names', () => {
    expect(isSafeFileName('frontier-moe-training-time.png')).toBe(true);
    expect(isSafeFileName('a..b')).toBe(false);
    expect(isSafeFileName('C:\\x')).toBe(false);
  });

  it('checks host messages on the webview side', () => {
    expect(parseHostMessage({ type: 'problems', uri: 'u', version: 2, problems: 3 })?.type).toBe('problems');
    expect(parseHostMessage({ type: 'update', uri: 'u', version: 2, model: { scenarios: [], studies: [] } })?.type).toBe('update');
    expect(parseHostMessage({ type: 'update', uri: 'u', version: 2 })).toBeUndefined();
    expect(parseHostMessage({ type: 'problems', uri: 'u', problems: 3 })).toBeUndefined();
  });

  it('tells a problems answer from a model', () => {
    expect(isPreviewProblems({ uri: 'u', version: 1, problems: 2 })).toBe(true);
    expect(isPreviewProblems({ uri: 'u', version: 1, scenarios: [], studies: [], diagnostics: { errors: 0, warnings: 0 } })).toBe(false);
  });
});
