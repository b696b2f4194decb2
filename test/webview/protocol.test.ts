import { describe, expect, it } from 'vitest';
import { exportFileName, isPreviewProblems, isSafeFileName, parseHostMessage, parseWebviewMessage } from '../../protocol/preview.js';

describe('messages from the webview are validated', () => {
  it('accepts well-formed messages and returns clean copies', () => {
    expect(parseWebviewMessage({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
    expect(parseWebviewMessage({ type: 'reveal', uri: 'file:///a.moesys', line: 3, evil: true })).toEqual({ type: 'reveal', uri: 'file:///a.moesys', line: 3 });
    expect(parseWebviewMessage({ type: 'export', format: 'csv', fileName: 'a.csv', data: 'x' })).toEqual({
      type: 'export',
      format: 'csv',
      fileName: 'a.csv',
      data: 'x',
    });
    expect(parseWebviewMessage({ type: 'export', format: 'png', fileName: 'a.png', data: 'data:image/png;base64,AAAA' })?.type).toBe('export');
    expect(parseWebviewMessage({ type: 'export', format: 'svg', fileName: 'a.svg', data: '<?xml version="1.0"?><svg/>' })?.type).toBe('export');
    expect(parseWebviewMessage({ type: 'charts', charts: [{ id: 'time', title: 'Training time', x: 1 }] })).toEqual({
      type: 'charts',
      charts: [{ id: 'time', title: 'Training time' }],
    });
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null,
      'reveal',
      [],
      { type: 'run', command: 'rm -rf' },
      { type: 'reveal', uri: 'file:///a', line: -1 },
      { type: 'reveal', uri: 'file:///a', line: 1.5 },
      { type: 'reveal', uri: 42, line: 1 },
      { type: 'reveal', uri: 'x'.repeat(5000), line: 1 },
      { type: 'export', format: 'exe', fileName: 'a.exe', data: '' },
      { type: 'export', format: 'csv', fileName: '../../etc/passwd', data: '' },
      { type: 'export', format: 'csv', fileName: '.bashrc', data: '' },
      { type: 'export', format: 'csv', fileName: 'a/b.csv', data: '' },
      { type: 'export', format: 'png', fileName: 'a.png', data: 'javascript:alert(1)' },
      { type: 'rendered', version: NaN, millis: 1 },
      { type: 'export', format: 'svg', fileName: 'a.svg', data: '<html><script>alert(1)</script>' },
      { type: 'charts', charts: [{ id: 'time' }] },
      { type: 'charts', charts: Array.from({ length: 201 }, (_, i) => ({ id: `c${i}`, title: 't' })) },
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
    // A document's warnings travel with their lines; one without a message, or with a line that is no line, drops the model.
    const withWarnings = (warningList: unknown) => ({
      type: 'update',
      uri: 'u',
      version: 2,
      model: { scenarios: [], studies: [], diagnostics: { errors: 0, warnings: 1, warningList } },
    });
    expect(parseHostMessage(withWarnings([{ message: 'cables run 2.8 m', line: 116 }]))?.type).toBe('update');
    expect(parseHostMessage(withWarnings([{ line: 116 }]))).toBeUndefined();
    expect(parseHostMessage(withWarnings([{ message: 'x', line: -1 }]))).toBeUndefined();
    expect(parseHostMessage({ type: 'problems', uri: 'u', problems: 3 })).toBeUndefined();
    expect(parseHostMessage({ type: 'export', uri: 'u', version: 2, format: 'svg', chart: 'time' })).toEqual({
      type: 'export',
      uri: 'u',
      version: 2,
      format: 'svg',
      chart: 'time',
    });
    expect(parseHostMessage({ type: 'export', uri: 'u', version: 2, format: 'json' })).toBeUndefined();
    expect(parseHostMessage({ type: 'export', uri: 'u', version: 2, format: 'png', chart: 7 })).toBeUndefined();
  });

  it('tells a problems answer from a model', () => {
    expect(isPreviewProblems({ uri: 'u', version: 1, problems: 2 })).toBe(true);
    expect(isPreviewProblems({ uri: 'u', version: 1, scenarios: [], studies: [], diagnostics: { errors: 0, warnings: 0 } })).toBe(false);
  });

  it('names every export so that the host accepts it', () => {
    expect(exportFileName('frontier-moe.moesys', '-training-time', 'png')).toBe('frontier-moe-training-time.png');
    expect(exportFileName('_draft.moesys', '', 'csv')).toBe('draft.csv');
    expect(exportFileName('__-.x.moesys', '', 'json')).toBe('x.json');
    expect(exportFileName('___.moesys', '-memory-per-gpu', 'png')).toBe('moesys-memory-per-gpu.png');
    expect(exportFileName('.moesys', '', 'csv')).toBe('moesys.csv');
    const long = exportFileName(`${'a'.repeat(200)}.moesys`, `-sweep-${'b'.repeat(200)}`, 'png');
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('.png')).toBe(true);
    const titles = [
      '_draft.moesys',
      '__init__.moesys',
      '-x.moesys',
      '.hidden.moesys',
      'ü.moesys',
      'a b (c).moesys',
      'a..b.moesys',
      `${'_'.repeat(150)}z.moesys`,
      'x'.repeat(300),
    ];
    const suffixes = ['', '-training-time', '-sweep-scale up bandwidth', `-sweep-${'é'.repeat(50)}`, '-sweep-..', `-sweep-${'s'.repeat(150)}`];
    for (const title of titles) {
      for (const suffix of suffixes) {
        for (const format of ['png', 'svg', 'csv', 'json'] as const) {
          const name = exportFileName(title, suffix, format);
          expect(isSafeFileName(name), `${title} + ${suffix} → ${name}`).toBe(true);
          const data = format === 'png' ? 'data:image/png;base64,AAAA' : format === 'svg' ? '<?xml version="1.0"?><svg/>' : 'x';
          expect(parseWebviewMessage({ type: 'export', format, fileName: name, data })?.type).toBe('export');
        }
      }
    }
  });

  it('checks host messages and returns clean copies', () => {
    expect(parseHostMessage({ type: 'problems', uri: 'u', version: 1, problems: 3, evil: 1 })).toEqual({ type: 'problems', uri: 'u', version: 1, problems: 3 });
    for (const problems of [-1, 1.5, '2', NaN, Infinity, null]) {
      expect(parseHostMessage({ type: 'problems', uri: 'u', version: 1, problems }), String(problems)).toBeUndefined();
    }
    expect(parseHostMessage({ type: 'update', uri: 'u', version: 1, model: { scenarios: 'no' } })).toBeUndefined();
  });
});
