/**
 * "Compare with before" in the preview page, in Debian's Chromium: the toolbar asks the host for a
 * baseline, and the delta card draws what changed against it — "Δ days −0.40 (−9.1%)" in the theme's
 * green when better and red when worse (DOM and pixels), the change in time to train as bars, the
 * baseline's days as ghost marks on the training-time chart, scenarios removed, and a baseline that
 * is not available said in words. Needs `npm run build` first (out/webview).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, CHROMIUM_PATH, type LaunchedBrowser } from './chromium.js';
import { canvasInk, elementInk, postToWebview, writeVsCodePage } from './pages.js';
import { paperPreviewModel } from './paper-model.js';
import type { PreviewBaseline, PreviewModel } from '../../protocol/preview.js';

const URI = 'file:///work/examples/frontier-moe.moesys';
const DAY = 86_400;

const skip = !hasChromium && !process.env.CI;
if (skip) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

/** The saved file as the server would evaluate it: passage512_c1 took 0.4 days longer, electrical512_c4 0.3 days less, and `retired` existed. */
function savedBaseline(model: PreviewModel): PreviewBaseline {
  const saved = structuredClone(model);
  const result = (name: string) => saved.scenarios.find((s) => s.name === name)!.result!;
  result('passage512_c1').timeToTrainSeconds += 0.4 * DAY;
  result('electrical512_c4').timeToTrainSeconds -= 0.3 * DAY;
  saved.scenarios.push({ ...structuredClone(saved.scenarios[0]), name: 'retired' });
  return { source: 'saved', label: 'the saved file', model: saved };
}

describe.skipIf(skip)('compare with before, in Chromium', () => {
  let launched: LaunchedBrowser;
  const model = paperPreviewModel(5, URI);

  beforeAll(async () => {
    expect(existsSync('out/webview/main.js'), 'run `npm run build` first').toBe(true);
    mkdirSync('out/screenshots', { recursive: true });
    launched = await launchChromium();
  });
  afterAll(async () => {
    await launched?.close();
  });

  async function openPanel(): Promise<{ page: Page; errors: string[] }> {
    const page = await launched.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(writeVsCodePage(URI));
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await postToWebview(page, { type: 'update', uri: URI, version: model.version, model });
    await page.waitForFunction((v) => window.moesysPreview?.drawnVersion === v, model.version);
    return { page, errors };
  }
  const sendBaseline = (page: Page, baseline?: PreviewBaseline) => postToWebview(page, { type: 'baseline', uri: URI, version: model.version, baseline });
  const card = '[data-card="delta-time"]';
  const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Record<string, unknown>[] }).__posted);
  const theme = (page: Page) =>
    page.evaluate(() => (window.moesysPreview as unknown as { theme: { palette: Record<string, string>; ink: Record<string, string> } }).theme);

  it('draws the delta against the saved file: signed days in green when faster, red when slower, removed scenarios named', async () => {
    const { page, errors } = await openPanel();
    expect(await page.isVisible(card), 'no card before a comparison').toBe(false);
    await page.selectOption('select[data-compare]', 'saved');
    expect((await posted(page)).at(-1)).toEqual({ type: 'compare', source: 'saved' });
    await page.waitForSelector(`${card}:has-text("Evaluating the saved file…")`);
    await sendBaseline(page, savedBaseline(model));
    const faster = page.locator('[data-delta="passage512_c1"] [data-metric="days"]');
    await faster.waitFor();
    expect(await faster.textContent()).toMatch(/^Δ days −0\.40 \(−\d+(\.\d)?%\)$/);
    expect(await faster.getAttribute('class')).toContain('mo-delta-better');
    const slower = page.locator('[data-delta="electrical512_c4"] [data-metric="days"]');
    expect(await slower.textContent()).toMatch(/^Δ days \+0\.30 \(\+\d+(\.\d)?%\)$/);
    expect(await slower.getAttribute('class')).toContain('mo-delta-worse');
    expect(await page.textContent(`${card} .mo-card-title`)).toBe('Compared with the saved file');
    expect(await page.textContent(`${card} .mo-subtitle`)).toBe('2 changed · 13 unchanged · 1 removed');
    expect(await page.textContent(`${card} .mo-note`)).toBe('Removed: retired');
    expect(await page.locator('[data-delta]').count()).toBe(2);

    // Pixels: the chips are drawn in the theme's text green and red, the bars in its chart green and red.
    const { ink, palette } = await theme(page);
    const chipGreen = await elementInk(page, '[data-delta="passage512_c1"] [data-metric="days"]', { green: ink.green, red: ink.red });
    expect(chipGreen.matches.green, 'the faster chip is green').toBeGreaterThan(40);
    expect(chipGreen.matches.red).toBe(0);
    const chipRed = await elementInk(page, '[data-delta="electrical512_c4"] [data-metric="days"]', { green: ink.green, red: ink.red });
    expect(chipRed.matches.red, 'the slower chip is red').toBeGreaterThan(40);
    expect(chipRed.matches.green).toBe(0);
    const bars = await canvasInk(page, 'canvas[data-chart="delta-time"]', { green: palette.green, red: palette.red });
    expect(bars.matches.green, 'a green bar for the faster scenario').toBeGreaterThan(200);
    expect(bars.matches.red, 'a red bar for the slower scenario').toBeGreaterThan(200);
    expect(await page.textContent('body')).not.toMatch(/NaN|Infinity|undefined/);
    await page.screenshot({ path: 'out/screenshots/panel-compare.png', fullPage: true });
    await page.locator(card).screenshot({ path: 'out/screenshots/panel-compare-card.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the green and red deltas readable (4.5:1 against the card) in the light, dark and high-contrast themes', async () => {
    const { page } = await openPanel();
    await sendBaseline(page, savedBaseline(model));
    await page.waitForSelector('[data-delta] .mo-delta');
    for (const name of ['light', 'dark', 'high-contrast'] as const) {
      await page.evaluate((n) => (window as unknown as { __setTheme(n: string): void }).__setTheme(n), name);
      await page.waitForFunction((n) => (window.moesysPreview as unknown as { theme: { kind: string } }).theme.kind === n, name);
      // A theme change redraws the card: read the chips in one step, once both are back.
      const handle = await page.waitForFunction((selector) => {
        const chips = Array.from(document.querySelectorAll(`${selector} .mo-delta`));
        const section = chips[0]?.closest('section');
        if (chips.length < 2 || !section) return undefined;
        const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const luminance = (c: number[]) =>
          c
            .map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        const background = luminance(rgb(getComputedStyle(section).backgroundColor));
        return chips.map((chip) => {
          const [hi, lo] = [luminance(rgb(getComputedStyle(chip).color)), background].sort((a, b) => b - a);
          return `${chip.className.replace('mo-delta ', '')} ${((hi + 0.05) / (lo + 0.05)).toFixed(2)}`;
        });
      }, card);
      const ratios = (await handle.jsonValue()) as string[];
      expect(ratios.length, name).toBe(2);
      for (const entry of ratios) expect(Number(entry.split(' ')[1]), `${name}: ${entry}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.close();
  });

  it("marks the baseline's days on the training-time chart, and says when nothing changed", async () => {
    const { page } = await openPanel();
    const { palette } = await theme(page);
    const before = await canvasInk(page, 'canvas[data-chart="time"]', { grey: palette.grey });
    await sendBaseline(page, { source: 'pinned', label: 'results pinned at 14:02 (version 5)', model: structuredClone(model) });
    await page.waitForSelector(`${card}:has-text("No change against results pinned at 14:02 (version 5).")`);
    expect(await page.locator('[data-delta]').count()).toBe(0);
    expect(await page.isVisible('canvas[data-chart="delta-time"]')).toBe(false);
    expect(await page.isVisible('button:has-text("Re-pin")')).toBe(true);
    const marked = await canvasInk(page, 'canvas[data-chart="time"]', { grey: palette.grey });
    expect(marked.matches.grey - before.matches.grey, 'ghost marks of the pinned days').toBeGreaterThan(300);
    await page.click('button:has-text("Re-pin")');
    expect((await posted(page)).at(-1)).toEqual({ type: 'compare', source: 'pinned' });
    await page.close();
  });

  it('says in words why git HEAD is not available, and hides the card when comparison is turned off', async () => {
    const { page } = await openPanel();
    await page.selectOption('select[data-compare]', 'head');
    await page.waitForSelector(`${card}:has-text("Evaluating git HEAD…")`);
    const reason = 'Git HEAD is not available here: VS Code runs without its Git extension (as VS Code for the web does).';
    await sendBaseline(page, { source: 'head', label: 'git HEAD', unavailable: reason });
    await page.waitForSelector(`${card}:has-text("${reason}")`);
    expect(await page.locator('[data-delta]').count()).toBe(0);
    await page.selectOption('select[data-compare]', 'off');
    expect((await posted(page)).at(-1)).toEqual({ type: 'compare', source: 'off' });
    expect(await page.isVisible(card)).toBe(false);
    // The host confirms; a reload gets the same from the host's `ready` answer.
    await sendBaseline(page);
    expect(await page.inputValue('select[data-compare]')).toBe('off');
    await page.close();
  });
});
