/**
 * The preview page in Debian's Chromium (playwright-core): charts really drawn (canvas pixels),
 * theme switches, stale updates dropped, problems banner, reveal by click and keyboard, exports,
 * and the standalone report with no network access. Needs `npm run build` first (out/webview).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, CHROMIUM_PATH, type LaunchedBrowser } from './chromium.js';
import { canvasInk, postToWebview, VSCODE_THEMES, writeReportPage, writeVsCodePage } from './pages.js';
import { paperPreviewModel } from './paper-model.js';
import type { PreviewModel } from '../../protocol/preview.js';

const SHOTS = 'out/screenshots';
const CHARTS = ['time', 'energy', 'power', 'memory', 'sweep-scale_up_bandwidth'];
/** Red pixels of the usable-HBM marks drawn inside the bars, over the 12 × 12 legend box alone. */
const INSIDE_MARKS_RED_PIXELS = 300;
const URI = 'file:///work/examples/frontier-moe.moesys';

// Why: CI must fail loudly without Chromium; a developer machine without it gets a clear skip.
const skip = !hasChromium && !process.env.CI;
if (skip) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

describe.skipIf(skip)('preview page in Chromium', () => {
  let launched: LaunchedBrowser;
  const model = paperPreviewModel(5, URI);

  beforeAll(async () => {
    expect(existsSync('out/webview/main.js'), 'run `npm run build` first').toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    launched = await launchChromium();
  });
  afterAll(async () => {
    await launched?.close();
  });

  async function openPanel(title?: string): Promise<{ page: Page; errors: string[] }> {
    const page = await launched.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(writeVsCodePage(URI, title));
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    return { page, errors };
  }

  async function update(page: Page, m: PreviewModel): Promise<void> {
    await postToWebview(page, { type: 'update', uri: m.uri, version: m.version, model: m });
    await page.waitForFunction((v) => window.moesysPreview?.drawnVersion === v, m.version);
  }

  const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Record<string, unknown>[] }).__posted);

  it('draws every chart (pixels, not just canvases) under the panel CSP without errors', async () => {
    const { page, errors } = await openPanel();
    await update(page, model);
    // The theme's colours as the charts draw them: a colour under 3:1 against the card (this orange) is
    // darkened just enough (webview/theme.ts); one that passes (this blue) is drawn as it is.
    const palette = await page.evaluate(() => (window.moesysPreview as unknown as { theme: { palette: Record<string, string> } }).theme.palette);
    expect(palette.blue).toBe(VSCODE_THEMES.light.vars['charts-blue']);
    for (const chart of CHARTS) {
      const ink = await canvasInk(page, `canvas[data-chart="${chart}"]`, { blue: palette.blue, orange: palette.orange });
      expect(ink.ink / ink.area, `${chart} has ink`).toBeGreaterThan(0.02);
      expect(ink.matches.blue + ink.matches.orange, `${chart} draws data in theme colours`).toBeGreaterThan(200);
    }
    expect(await page.textContent('body')).not.toMatch(/NaN|Infinity|undefined/);
    await page.screenshot({ path: `${SHOTS}/panel-light.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a VS Code theme switch (dark, high contrast)', async () => {
    const { page } = await openPanel();
    await update(page, model);
    const colours = { lightBlue: VSCODE_THEMES.light.vars['charts-blue'], darkBlue: VSCODE_THEMES.dark.vars['charts-blue'] };
    const before = await canvasInk(page, 'canvas[data-chart="time"]', colours);
    expect(before.matches.lightBlue).toBeGreaterThan(500);
    expect(before.matches.darkBlue, 'only anti-aliased edges come near the dark blue').toBeLessThan(before.matches.lightBlue / 20);
    await page.evaluate(() => (window as unknown as { __setTheme(n: string): void }).__setTheme('dark'));
    await page.waitForFunction(() => getComputedStyle(document.body).getPropertyValue('--mo-blue').trim() === '#3794ff');
    await page.waitForTimeout(100); // theme changes are applied on the next animation frame
    const after = await canvasInk(page, 'canvas[data-chart="time"]', colours);
    expect(after.matches.darkBlue).toBeGreaterThan(500);
    expect(after.matches.lightBlue).toBeLessThan(after.matches.darkBlue / 20);
    await page.screenshot({ path: `${SHOTS}/panel-dark.png`, fullPage: true });
    await page.evaluate(() => (window as unknown as { __setTheme(n: string): void }).__setTheme('high-contrast'));
    await page.waitForTimeout(150);
    const contrast = await canvasInk(page, 'canvas[data-chart="time"]', { border: VSCODE_THEMES['high-contrast'].vars.contrastBorder });
    expect(contrast.matches.border, 'high contrast outlines bars').toBeGreaterThan(100);
    await page.screenshot({ path: `${SHOTS}/panel-high-contrast.png`, fullPage: true });
    await page.close();
  });

  it('drops an update of a foreign document and saves its own document for a reload', async () => {
    const { page } = await openPanel();
    await update(page, model);
    const one = { ...paperPreviewModel(9, 'file:///other.moesys'), scenarios: model.scenarios.slice(0, 1) };
    await postToWebview(page, { type: 'update', uri: 'file:///other.moesys', version: 9, model: one });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => window.moesysPreview?.drawnVersion)).toBe(5);
    expect(await page.textContent('#mo-status')).toContain('12 scenarios');
    // The panel serializer restores from this state after a window reload.
    const state = await page.evaluate(() => (window as unknown as { __getState(): unknown }).__getState());
    expect(state).toMatchObject({ uri: URI, view: 'charts' });
    await page.close();
  });

  it('draws whatever the host posts for its document, in order (a reopened document from version 1 again), and nothing of another document', async () => {
    const { page } = await openPanel();
    await postToWebview(page, { type: 'update', uri: URI, version: 21, model: { ...model, version: 21 } });
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 21);
    await postToWebview(page, { type: 'update', uri: URI, version: 1, model: { ...model, version: 1 } });
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 1);
    await postToWebview(page, { type: 'update', uri: 'file:///other.moesys', version: 5, model: { ...model, version: 5 } });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => window.moesysPreview?.drawnVersion)).toBe(1);
    await postToWebview(page, { type: 'problems', uri: URI, version: 2, problems: 1 });
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 2);
    await page.close();
  });

  it('focuses what a CodeLens asks for: a comparison is selected, a sweep or a scenario chart is scrolled to and outlined', async () => {
    const { page } = await openPanel();
    // Asked before any model: applied when the model comes.
    await postToWebview(page, { type: 'focus', uri: URI, version: 0, target: { kind: 'study', name: 'fig11' } });
    await update(page, model);
    await page.waitForFunction(() => (window.moesysPreview as { focused?: string } | undefined)?.focused === 'fig11');
    expect(await page.inputValue('select')).toBe('fig11');
    await postToWebview(page, { type: 'focus', uri: URI, version: 5, target: { kind: 'study', name: 'scale_up_bandwidth' } });
    await page.waitForFunction(() => (window.moesysPreview as { focused?: string } | undefined)?.focused === 'scale_up_bandwidth');
    const outlined = await page.$$eval('.mo-focused', (cards) => cards.map((card) => (card as HTMLElement).dataset.focus));
    expect(outlined).toEqual(['scale_up_bandwidth']);
    // Scrolled into view: the page scrolled, and the card's top is on screen.
    const { top, height, scrolled } = await page.$eval('.mo-focused', (card) => ({
      top: card.getBoundingClientRect().top,
      height: window.innerHeight,
      scrolled: window.scrollY,
    }));
    expect(scrolled).toBeGreaterThan(0);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(height);
    // A scenario outside the selected comparison clears the selection so that it shows.
    await postToWebview(page, { type: 'focus', uri: URI, version: 5, target: { kind: 'scenario', name: 'electrical512_c3' } });
    await page.waitForFunction(() => (window.moesysPreview as { focused?: string } | undefined)?.focused === 'electrical512_c3');
    expect(await page.inputValue('select')).toBe('');
    await page.close();
  });

  it("outlines the scenario under the editor's cursor in the charts, and draws them as before once the cursor leaves it", async () => {
    const { page } = await openPanel();
    await update(page, model);
    const pixels = () =>
      page.$eval('canvas[data-chart="time"]', (canvas) => {
        const c = canvas as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let hash = 0;
        for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
        return hash;
      });
    const plain = await pixels();
    await postToWebview(page, { type: 'select', uri: URI, version: 5, target: { kind: 'scenario', name: 'electrical144_c2' } });
    await page.waitForFunction(() => (window.moesysPreview as { selected?: string } | undefined)?.selected === 'electrical144_c2');
    await page.waitForTimeout(50);
    expect(await pixels()).not.toBe(plain);
    await postToWebview(page, { type: 'select', uri: URI, version: 5 });
    await page.waitForFunction(() => (window.moesysPreview as { selected?: string } | undefined)?.selected === undefined);
    await page.waitForTimeout(50);
    expect(await pixels()).toBe(plain);
    await page.close();
  });

  it('draws the decision charts: whole-system energy, cost per run, package power against its budget, time with failures', async () => {
    const { page } = await openPanel();
    await update(page, model);
    // In the editor they are drawn when scrolled near (see DecisionCharts): scroll to each first.
    for (const chart of ['system-energy', 'cost', 'package-power', 'goodput']) {
      await page.$eval(`canvas[data-chart="${chart}"]`, (canvas) => canvas.scrollIntoView());
      await page.waitForTimeout(150);
      const ink = await canvasInk(page, `canvas[data-chart="${chart}"]`);
      expect(ink.ink, chart).toBeGreaterThan(2000);
    }
    const goodput = model.scenarios[0].result!.goodput.goodput;
    expect(await page.textContent('#chart-goodput >> xpath=ancestor::*[contains(@class, "mo-card")]')).toContain(
      `Goodput: ${model.scenarios[0].name} ${(goodput * 100).toPrecision(3)} %`,
    );
    await page.$eval('canvas[data-chart="system-energy"]', (canvas) => canvas.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}/panel-decisions.png` });
    await page.close();
  });

  it('exports under a name the host accepts when the file name starts with "_"', async () => {
    const { page } = await openPanel('_draft.moesys');
    await update(page, model);
    await page.click('button:text-is("CSV")');
    await page.click('[data-card="time"] button:text-is("PNG")');
    const names = (await posted(page)).filter((m) => m.type === 'export').map((m) => m.fileName);
    expect(names).toEqual(['draft.csv', 'draft-training-time.png']);
    await page.close();
  });

  it('keeps the last good charts dimmed, where they were, under an "N problems" banner that names the first, links to it and opens the Problems view', async () => {
    const { page } = await openPanel();
    await update(page, model);
    const before = await page.$eval('canvas[data-chart="time"]', (canvas) => canvas.getBoundingClientRect().top);
    await postToWebview(page, {
      type: 'problems',
      uri: URI,
      version: 6,
      problems: 3,
      first: { message: 'gpuCount must be a whole number, got 1.5', line: 12 },
    });
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 6);
    expect(await page.isVisible('.mo-banner')).toBe(true);
    expect(await page.textContent('.mo-banner span')).toBe(
      '3 problems — showing the last results without errors. First: gpuCount must be a whole number, got 1.5',
    );
    // The banner floats over the page: the charts do not move down.
    expect(await page.$eval('canvas[data-chart="time"]', (canvas) => canvas.getBoundingClientRect().top)).toBe(before);
    await page.click('.mo-banner .mo-link');
    expect((await posted(page)).filter((m) => m.type === 'reveal').at(-1)).toEqual({ type: 'reveal', uri: URI, line: 12 });
    expect(await page.getAttribute('.mo-content', 'class')).toContain('mo-stale');
    const ink = await canvasInk(page, 'canvas[data-chart="time"]');
    expect(ink.ink).toBeGreaterThan(1000);
    await page.screenshot({ path: `${SHOTS}/panel-problems.png` });
    await page.click('.mo-banner button:text-is("Show problems")');
    expect((await posted(page)).some((m) => m.type === 'openProblems')).toBe(true);
    await update(page, paperPreviewModel(7, URI));
    expect(await page.isVisible('.mo-banner')).toBe(false);
    await page.close();
  });

  it('reveals a scenario by click and by keyboard, and exports CSV, JSON and PNG', async () => {
    const { page } = await openPanel();
    await update(page, model);
    const box = (await page.$('canvas[data-chart="time"]'))!;
    const rect = (await box.boundingBox())!;
    // The first bar (passage512_c1) sits at the top of the plot area.
    await page.mouse.click(rect.x + rect.width * 0.3, rect.y + 18);
    await page.focus('canvas[data-chart="energy"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const reveals = (await posted(page)).filter((m) => m.type === 'reveal');
    expect(reveals[0]).toEqual({ type: 'reveal', uri: URI, line: model.scenarios[0].line });
    expect(reveals[1]).toEqual({ type: 'reveal', uri: URI, line: model.scenarios[1].line });
    await page.click('button:text-is("CSV")');
    await page.click('button:text-is("JSON")');
    await page.click('[data-card="time"] button:text-is("PNG")');
    const exports = (await posted(page)).filter((m) => m.type === 'export');
    expect(exports.map((e) => e.format)).toEqual(['csv', 'json', 'png']);
    expect(String(exports[0].data).split('\r\n')).toHaveLength(14);
    expect(JSON.parse(String(exports[1].data)).scenarios).toHaveLength(12);
    expect(String(exports[2].data)).toMatch(/^data:image\/png;base64,/);
    await page.close();
  });

  it('shows the normalised view of a compare study and the table of every number', async () => {
    const { page } = await openPanel();
    await update(page, model);
    await page.selectOption('select.mo-select', 'fig11');
    await page.waitForTimeout(50);
    expect(await page.textContent('[data-card="time"] .mo-note')).toMatch(/electrical144_c4 \d\.\d+×/);
    expect(await page.getAttribute('[data-card="time"] button[data-value="normalised"]', 'aria-pressed')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/panel-normalised.png`, fullPage: true });
    await page.click('button:text-is("Table")');
    expect(await page.isVisible('.mo-grid'), 'charts hidden in table view').toBe(false);
    expect(await page.isVisible('.mo-table')).toBe(true);
    const rows = await page.$$('.mo-table tbody tr');
    expect(rows).toHaveLength(12);
    const text = await page.textContent('.mo-table');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(text).toMatch(/days/);
    await page.screenshot({ path: `${SHOTS}/panel-table.png` });
    await page.focus('.mo-table tbody tr');
    await page.keyboard.press('Enter');
    expect((await posted(page)).filter((m) => m.type === 'reveal').length).toBe(1);
    await page.close();
  });

  it('names refused and infeasible scenarios and explains an empty document', async () => {
    const { page, errors } = await openPanel();
    const flagged = paperPreviewModel(7, URI);
    const first = flagged.scenarios[0].result!;
    for (const scenario of flagged.scenarios.slice(1)) {
      // Usable HBM inside every scenario's own bars: the marks must still be seen.
      const result = scenario.result!;
      scenario.result = { ...result, memory: { ...result.memory, usableBytes: result.memory.totalBytes / 4 } };
    }
    flagged.scenarios[0].result = {
      ...first,
      feasible: false,
      memory: { ...first.memory, fits: false, usableBytes: first.memory.totalBytes / 4 },
      issues: [{ severity: 'error', code: 'memory-capacity', field: 'system.gpu.hbmCapacity', message: 'needs 700 GB per GPU, 518 GB usable' }],
    };
    flagged.scenarios.push({ name: 'refused', line: 300, error: 'TP × PP × DP = 100 is not the GPU count 32768' });
    const reach = "tier 'scale-up' spreads 512 GPUs over 4 racks of 144 (gpusPerRack), so its cables run about 2.8 m (scenario electrical512_c1)";
    flagged.diagnostics = { errors: 0, warnings: 3, warningList: [{ message: reach, line: 116 }] };
    await update(page, flagged);
    // Every warning the editor shows is listed (with its 1-based line), each revealing its line; those past the list are counted.
    expect(await page.textContent('.mo-warnings')).toBe(`line 117: ${reach}and 2 more warnings`);
    await page.click('.mo-warnings .mo-link');
    expect((await posted(page)).at(-1)).toMatchObject({ type: 'reveal', uri: URI, line: 116 });
    const list = await page.textContent('.mo-errors');
    expect(list).toContain('passage512_c1 ⚠ needs 700 GB per GPU, 518 GB usable');
    expect(list).toContain('refused: TP × PP × DP = 100 is not the GPU count 32768');
    expect(await page.textContent('[data-card="memory"] .mo-note')).toContain('Over usable HBM: passage512_c1');
    // The same reason listed as a warning (as the language server sends it) is named by its line, not written twice.
    const memoryWarning = { message: 'needs 700 GB per GPU, 518 GB usable (scenario passage512_c1)', line: 40 };
    await update(page, { ...flagged, version: 8, diagnostics: { errors: 0, warnings: 2, warningList: [{ message: reach, line: 116 }, memoryWarning] } });
    expect(await page.textContent('.mo-errors')).toContain('passage512_c1 ⚠ see the warning at line 41');
    expect(await page.textContent('.mo-warnings')).toContain(`line 41: ${memoryWarning.message}`);
    // Every usable-HBM mark lies inside its bar: drawn over the bars, each shows (a 3 px line of 22 px), not only the legend's box.
    const red = await page.evaluate(() => (window.moesysPreview as unknown as { theme: { palette: Record<string, string> } }).theme.palette.red);
    const marks = (await canvasInk(page, 'canvas[data-chart="memory"]', { red })).matches.red;
    expect(marks, 'usable-HBM marks in sight').toBeGreaterThan(INSIDE_MARKS_RED_PIXELS);
    await page.click('button:text-is("Table")');
    expect(await page.textContent('.mo-table')).not.toMatch(/NaN|Infinity|undefined/);
    await page.click('button:text-is("Charts")');
    await update(page, { ...flagged, version: 9, scenarios: [], studies: [] });
    expect(await page.textContent('.mo-empty')).toContain('Write a scenario');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the standalone report with no network access', async () => {
    const page = await launched.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const url = writeReportPage(model);
    await page.goto(url);
    await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 5);
    for (const chart of CHARTS) {
      const ink = await canvasInk(page, `canvas[data-chart="${chart}"]`);
      expect(ink.ink / ink.area, `${chart} drawn in the report`).toBeGreaterThan(0.02);
    }
    expect(requests.filter((r) => r !== url && !r.startsWith('data:') && !r.startsWith('blob:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });
    await page.close();
  });
});

declare global {
  interface Window {
    moesysPreview?: { drawnVersion: number };
  }
}
