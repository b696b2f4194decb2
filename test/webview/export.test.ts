/**
 * Export for slides in Debian's Chromium: a chart's SVG is a real vector figure (parses, says its
 * title, legend and units, and drawn as an image puts the series colours where the canvas has them),
 * its PNG is the same figure at twice the pixels with the title above the plot, the palette's export
 * messages save the chart it names, and the report downloads SVG and the CLI's CSV byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, CHROMIUM_PATH, type LaunchedBrowser } from './chromium.js';
import { postToWebview, VSCODE_THEMES, writeVsCodePage } from './pages.js';
import { paperPreviewModel } from './paper-model.js';
import { selectScenarios, timeSeries } from '../../webview/series.js';

const SHOTS = 'out/screenshots';
const URI = 'file:///work/examples/frontier-moe.moesys';
const NODE = 'node_modules/.bin/node';

const skip = !hasChromium && !process.env.CI;
if (skip) console.warn(`export tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

type Posted = Record<string, unknown>;
type Rgb = [number, number, number];

describe.skipIf(skip)('export for slides in Chromium', () => {
  let launched: LaunchedBrowser;
  /** A page without the panel's CSP, to decode exported images in. */
  let scratch: Page;
  const model = paperPreviewModel(5, URI);

  beforeAll(async () => {
    expect(existsSync('out/webview/main.js'), 'run `npm run build` first').toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    launched = await launchChromium();
    scratch = await launched.browser.newPage();
  });
  afterAll(async () => {
    await launched?.close();
  });

  async function openPanel(): Promise<{ page: Page; errors: string[] }> {
    const page = await launched.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(writeVsCodePage(URI));
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'ready'));
    await postToWebview(page, { type: 'update', uri: URI, version: model.version, model });
    await page.waitForFunction((v) => window.moesysPreview?.drawnVersion === v, model.version);
    return { page, errors };
  }

  const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
  const exports = async (page: Page) => (await posted(page)).filter((m) => m.type === 'export');
  const palette = (page: Page) => page.evaluate(() => (window.moesysPreview as unknown as { theme: { palette: Record<string, string> } }).theme.palette);

  /** Up to `limit` pixel positions of a canvas (CSS pixels; the test page draws one device pixel each) in one of `colours`. */
  async function canvasSamples(page: Page, selector: string, colours: string[], limit = 600): Promise<Array<{ x: number; y: number; colour: string }>> {
    return page.$eval(
      selector,
      (canvas, [wanted, max]) => {
        const c = canvas as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const rgb = (wanted as string[]).map((hex) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)]);
        const found: Array<{ x: number; y: number; colour: string }> = [];
        // Every 7th pixel: spread over every bar rather than the first few.
        for (let i = 0; i < c.width * c.height; i += 7) {
          const k = rgb.findIndex((t) => t.every((v, j) => Math.abs(data[i * 4 + j] - v) <= 2) && data[i * 4 + 3] === 255);
          if (k >= 0) found.push({ x: i % c.width, y: Math.floor(i / c.width), colour: (wanted as string[])[k] });
        }
        const step = Math.max(1, Math.floor(found.length / (max as number)));
        return found.filter((_, i) => i % step === 0);
      },
      [colours, limit] as const,
    );
  }

  /** Draws an image (data URL or SVG text) into a canvas of the scratch page; returns its size and the colours at `points`. */
  async function decode(image: string, points: Array<{ x: number; y: number }> = []): Promise<{ width: number; height: number; colours: Rgb[] }> {
    return scratch.evaluate(
      async ([source, at]) => {
        const url = source.startsWith('data:') ? source : URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
        const img = new Image();
        img.src = url;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d')!;
        context.drawImage(img, 0, 0);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = at.map(({ x, y }) => {
          const i = (Math.round(y) * canvas.width + Math.round(x)) * 4;
          return [data[i], data[i + 1], data[i + 2]] as [number, number, number];
        });
        (window as unknown as { __decoded: ImageData }).__decoded = context.getImageData(0, 0, canvas.width, canvas.height);
        return { width: canvas.width, height: canvas.height, colours };
      },
      [image, points] as const,
    );
  }

  /** Pixels of the last decoded image in rows [top, bottom) that differ from `background` by more than anti-aliasing noise. */
  async function inkInRows(top: number, bottom: number, background: Rgb): Promise<{ ink: number; left: number; right: number }> {
    return scratch.evaluate(
      ([from, to, bg]) => {
        const image = (window as unknown as { __decoded: ImageData }).__decoded;
        let ink = 0;
        let left = Infinity;
        let right = -Infinity;
        for (let y = from; y < to; y++)
          for (let x = 0; x < image.width; x++) {
            const i = (y * image.width + x) * 4;
            if (Math.abs(image.data[i] - bg[0]) + Math.abs(image.data[i + 1] - bg[1]) + Math.abs(image.data[i + 2] - bg[2]) > 60) {
              ink++;
              left = Math.min(left, x);
              right = Math.max(right, x);
            }
          }
        return { ink, left, right };
      },
      [top, bottom, background] as const,
    );
  }

  const hexRgb = (hex: string): Rgb => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
  const near = (a: Rgb, b: Rgb) => a.every((v, i) => Math.abs(v - b[i]) <= 3);

  it('exports a chart as a vector SVG figure: valid XML with the title, legend and units, and bars where the canvas has them', async () => {
    const { page, errors } = await openPanel();
    await page.click('[data-card="time"] button:text-is("SVG")');
    const [saved] = await exports(page);
    expect(saved).toMatchObject({ type: 'export', format: 'svg', fileName: 'frontier-moe-training-time.svg' });
    const svg = String(saved.data);
    writeFileSync(`${SHOTS}/export-training-time.svg`, svg);

    const parsed = await scratch.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const chart = doc.querySelector('svg > g[transform]')?.getAttribute('transform') ?? '';
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.nodeName,
        texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent ?? ''),
        rects: doc.querySelectorAll('rect').length,
        images: doc.querySelectorAll('image').length,
        offset: /translate\(([\d.]+) ([\d.]+)\)/.exec(chart)?.slice(1).map(Number) ?? [],
      };
    }, svg);
    expect(parsed.errors).toBe(0);
    expect(parsed.root).toBe('svg');
    expect(parsed.images, 'vector, not a picture wrapped in SVG').toBe(0);
    const legend = timeSeries(selectScenarios(model, undefined), undefined).map((d) => d.label);
    expect(parsed.texts).toContain('Training time');
    expect(parsed.texts).toContain('Time to train by component of the training step');
    for (const label of legend) expect(parsed.texts, `legend entry ${label}`).toContain(label);
    expect(parsed.texts, 'axis title with its unit').toContain('Time to train (days)');
    expect(parsed.texts.filter((t) => / d$/.test(t)).length, 'tick labels in days').toBeGreaterThanOrEqual(3);
    for (const scenario of model.scenarios)
      expect(
        parsed.texts.some((t) => t.startsWith(scenario.name)),
        scenario.name,
      ).toBe(true);
    expect(parsed.rects, 'a rectangle per drawn bar segment').toBeGreaterThan(model.scenarios.length * 3);

    // Drawn as an image, the SVG has each series' colour where the canvas has it.
    const colours = Object.values(await palette(page)).filter((c) => /^#[0-9a-f]{6}$/i.test(c));
    const samples = await canvasSamples(page, 'canvas[data-chart="time"]', colours);
    expect(samples.length).toBeGreaterThan(300);
    const [ox, oy] = parsed.offset;
    const image = await decode(
      svg,
      samples.map((s) => ({ x: s.x + ox, y: s.y + oy })),
    );
    const width = await page.$eval('canvas[data-chart="time"]', (c) => c.getBoundingClientRect().width);
    expect(image.width).toBe(Math.round(width + 2 * ox));
    const matching = samples.filter((s, i) => near(image.colours[i], hexRgb(s.colour))).length;
    expect(matching / samples.length, 'share of bar pixels in the same place and colour').toBeGreaterThan(0.97);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("exports in the theme's colours on its card: after a switch to Dark Modern, a dark figure with light text", async () => {
    const { page } = await openPanel();
    await page.evaluate(() => (window as unknown as { __setTheme(n: string): void }).__setTheme('dark'));
    await page.waitForFunction(() => getComputedStyle(document.body).getPropertyValue('--mo-blue').trim() === '#3794ff');
    await page.waitForFunction(() => (window.moesysPreview as unknown as { theme: { background: string } }).theme.background === '#181818');
    await page.click('[data-card="memory"] button:text-is("SVG")');
    const svg = String((await exports(page))[0].data);
    const colours = await scratch.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const title = Array.from(doc.querySelectorAll('text')).find((t) => t.textContent === 'Memory per GPU' && t.getAttribute('font-weight') === 'bold');
      return { background: doc.querySelector('svg > rect')?.getAttribute('fill'), title: title?.getAttribute('fill') };
    }, svg);
    expect(colours).toEqual({ background: '#181818', title: VSCODE_THEMES.dark.vars['editor-foreground'] });
    // The usable-HBM marks are drawn as lines in the theme's red (3:1 on the dark card as it is).
    expect(svg).toContain(`stroke="${VSCODE_THEMES.dark.vars['charts-red']}" stroke-width="3"`);
    await page.close();
  });

  it('draws a sweep as SVG lines and points on two axes with their units', async () => {
    const { page } = await openPanel();
    await page.click('[data-card="sweep-scale_up_bandwidth"] button:text-is("SVG")');
    const svg = String((await exports(page))[0].data);
    writeFileSync(`${SHOTS}/export-sweep.svg`, svg);
    const shape = await scratch.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        paths: Array.from(doc.querySelectorAll('path')).map((p) => ({
          dash: p.getAttribute('stroke-dasharray'),
          points: (p.getAttribute('d') ?? '').split('L').length,
        })),
        circles: doc.querySelectorAll('circle').length,
        texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent ?? ''),
        rotated: Array.from(doc.querySelectorAll('text[transform*="rotate"]')).map((t) => t.textContent),
      };
    }, svg);
    const points = model.studies.find((s) => s.kind === 'sweep')!.points.length;
    expect(shape.errors).toBe(0);
    // Drawn as chart.js draws them: the last dataset (energy, dashed) first, under the time line.
    expect(shape.paths).toEqual([
      { dash: '6 4', points },
      { dash: null, points },
    ]);
    expect(shape.circles).toBe(2 * points);
    expect(shape.rotated).toEqual(['Time to train (days)', 'Interconnect energy']);
    expect(shape.texts).toContain('Sweep: scale_up_bandwidth');
    expect(shape.texts.filter((t) => /[MGT]Wh$|J$/.test(t)).length, 'energy ticks with their unit').toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('exports a PNG figure at twice the pixels, with the title and subtitle drawn above the plot', async () => {
    const { page } = await openPanel();
    await page.click('[data-card="time"] button:text-is("PNG")');
    const png = String((await exports(page))[0].data);
    expect(png).toMatch(/^data:image\/png;base64,/);
    writeFileSync(`${SHOTS}/export-training-time.png`, Buffer.from(png.split(',')[1], 'base64'));
    const canvas = await page.$eval('canvas[data-chart="time"]', (c) => ({ width: c.getBoundingClientRect().width, height: c.getBoundingClientRect().height }));
    const background = await page.evaluate(() => (window.moesysPreview as unknown as { theme: { background: string } }).theme.background);
    const image = await decode(png);
    expect(image.width).toBe(2 * Math.round(canvas.width + 32));
    expect(image.height).toBeGreaterThan(2 * (canvas.height + 40));
    // The title line (16 px bold, the first 16–38 CSS px) has text in it, starting at the left margin.
    const title = await inkInRows(2 * 16, 2 * 38, hexRgb(background));
    expect(title.ink).toBeGreaterThan(800);
    expect(title.left).toBeGreaterThanOrEqual(2 * 14);
    expect(title.left).toBeLessThan(2 * 20);
    const titleWidth = await page.$eval('[data-card="time"] .mo-card-title', (h) => {
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `bold 16px ${getComputedStyle(document.body).getPropertyValue('--mo-font')}`;
      return context.measureText(h.textContent ?? '').width;
    });
    expect((title.right - title.left) / 2).toBeCloseTo(titleWidth, -1);
    // The plot keeps its bars, at twice the size: four times the pixels of a series colour.
    const colours = Object.values(await palette(page)).filter((c) => /^#[0-9a-f]{6}$/i.test(c));
    const onScreen = (await canvasSamples(page, 'canvas[data-chart="time"]', colours, 1e9)).length * 7;
    const inPng = await scratch.evaluate((wanted) => {
      const image = (window as unknown as { __decoded: ImageData }).__decoded;
      const rgb = wanted.map((hex) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)]);
      let count = 0;
      for (let i = 0; i < image.data.length; i += 4) if (rgb.some((t) => t.every((v, j) => Math.abs(image.data[i + j] - v) <= 2))) count++;
      return count;
    }, colours);
    expect(inPng / onScreen).toBeGreaterThan(3.5);
    expect(inPng / onScreen).toBeLessThan(4.5);
    // The page's chart is back at screen density afterwards.
    expect(await page.$eval('canvas[data-chart="time"]', (c) => (c as HTMLCanvasElement).width)).toBe(Math.round(canvas.width));
    await page.close();
  });

  it("answers the palette's export messages: announces its charts, saves the one named as SVG or PNG (from the table view too) and the table as CSV", async () => {
    const { page } = await openPanel();
    const announced = (await posted(page)).filter((m) => m.type === 'charts').at(-1) as { charts: Array<{ id: string; title: string }> };
    expect(announced.charts.map((c) => c.title)).toEqual([
      'Training time',
      'Interconnect energy',
      'Interconnect power per GPU',
      'Memory per GPU',
      'Energy to train, whole system',
      'Cost per run',
      'Package power against its budget',
      'Time to train with failures',
      'Sweep: scale_up_bandwidth',
    ]);
    await page.click('button:text-is("Table")');
    // The decision chart is out of view and so not drawn yet in the editor: the export draws it.
    await postToWebview(page, { type: 'export', uri: URI, version: 5, format: 'svg', chart: 'cost' });
    await postToWebview(page, { type: 'export', uri: URI, version: 5, format: 'png', chart: 'sweep-scale_up_bandwidth' });
    await postToWebview(page, { type: 'export', uri: URI, version: 5, format: 'csv' });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === 'export').length === 3);
    const saved = await exports(page);
    expect(saved.map((m) => m.fileName)).toEqual(['frontier-moe-cost.svg', 'frontier-moe-sweep-scale_up_bandwidth.png', 'frontier-moe.csv']);
    expect(String(saved[0].data)).toContain('<title>Cost per run</title>');
    expect(String(saved[0].data)).toContain('>Cost per run (US$)</text>');
    expect(String(saved[1].data)).toMatch(/^data:image\/png;base64,/);
    expect(String(saved[2].data).split('\r\n')[0]).toMatch(/^Scenario,Time to train \[s\],/);
    expect(await page.isVisible('canvas[data-chart="time"]'), 'the charts are shown to draw them').toBe(true);
    await page.close();
  });

  it("the report downloads a chart's SVG, and its CSV is the CLI's `eval --csv` byte for byte", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moesys-export-'));
    const report = join(dir, 'frontier-moe.html');
    const built = spawnSync(NODE, ['bin/moesys.js', 'report', 'examples/frontier-moe.moesys', '-o', report], { encoding: 'utf8', timeout: 60_000 });
    expect(built.status, built.stderr).toBe(0);
    const cli = spawnSync(NODE, ['bin/moesys.js', 'eval', 'examples/frontier-moe.moesys', '--csv'], { encoding: 'utf8', timeout: 60_000 });
    expect(cli.status, cli.stderr).toBe(0);
    const page = await launched.browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(report).href);
    await page.waitForSelector('canvas[data-chart="time"]');
    const download = async (selector: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
    };
    const csv = await download('button:text-is("CSV")');
    expect(csv.name).toBe('examples-frontier-moe.csv');
    expect(csv.text).toBe(cli.stdout);
    const svg = await download('[data-card="energy"] button:text-is("SVG")');
    expect(svg.name).toBe('examples-frontier-moe-interconnect-energy.svg');
    expect(svg.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.text).toContain('<title>Interconnect energy</title>');
    await page.close();
  }, 120_000);
});
