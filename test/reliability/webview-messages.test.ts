/**
 * The preview accepts only its own host's messages: in VS Code the frame it lives in, in the
 * standalone HTML report none at all (it draws the model it carries). A forged chart from
 * another window is never drawn, and a malformed message from the host is dropped, not thrown on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, type LaunchedBrowser } from '../webview/chromium.js';
import { paperPreviewModel } from '../webview/paper-model.js';
import { postToWebview, writeReportPage, writeVsCodePage } from '../webview/pages.js';

const URI = 'file:///work/frontier-moe.moesys';

declare global {
  interface Window {
    moesysPreview?: { drawnVersion: number };
  }
}

describe.skipIf(!hasChromium || !existsSync('out/webview/main.js'))('preview messages', () => {
  let launched: LaunchedBrowser;
  beforeAll(async () => {
    launched = await launchChromium();
  });
  afterAll(async () => {
    await launched?.close();
  });

  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await launched.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    return { page, errors };
  }

  /** Posts `message` to the page from another window (a popup it opened), as a stranger would. */
  async function postFromStranger(page: Page, message: unknown): Promise<void> {
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate(() => {
        window.open('about:blank', 'stranger');
      }),
    ]);
    await popup.evaluate((m) => window.opener.postMessage(m, '*'), message);
    await popup.close();
  }

  const forged = (version: number) => {
    const model = paperPreviewModel(version, URI);
    model.scenarios[0].name = 'FORGED';
    return { type: 'update', uri: URI, version, model };
  };

  it('the standalone report ignores every posted message and keeps its own model', async () => {
    const { page, errors } = await open(writeReportPage(paperPreviewModel(5, URI)));
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 5);
    await postToWebview(page, forged(99));
    await postFromStranger(page, forged(100));
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.moesysPreview?.drawnVersion)).toBe(5);
    expect(await page.textContent('body')).not.toContain('FORGED');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the VS Code panel draws its host frame's messages, not another window's, and drops malformed ones", async () => {
    const { page, errors } = await open(writeVsCodePage(URI));
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    await postToWebview(page, { type: 'update', uri: URI, version: 5, model: paperPreviewModel(5, URI) });
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 5);
    await postFromStranger(page, forged(100));
    for (const malformed of [
      { type: 'update', uri: URI, version: 101, model: { scenarios: [{}], studies: [] } },
      {
        type: 'update',
        uri: URI,
        version: 102,
        model: { scenarios: [], studies: [{ kind: 'sweep', name: 's', line: 0, property: 'p', points: [{ value: 'x' }] }] },
      },
      {
        type: 'update',
        uri: URI,
        version: 103,
        model: { scenarios: [], studies: [{ kind: 'compare', name: 'c', line: 0, baseline: 'b', entries: [{ scenario: 'a', ratio: null }] }] },
      },
      { type: 'problems', uri: URI, version: 104, problems: 'many' },
      { type: 'update', uri: { toString: 1 }, version: 105 },
      null,
      'update',
      42,
    ])
      await postToWebview(page, malformed);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.moesysPreview?.drawnVersion)).toBe(5);
    expect(await page.textContent('body')).not.toContain('FORGED');
    expect(errors).toEqual([]);
    // The host's own next message is still drawn.
    await postToWebview(page, { type: 'update', uri: URI, version: 6, model: paperPreviewModel(6, URI) });
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 6);
    await page.close();
  });
});
