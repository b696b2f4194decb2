/**
 * WCAG AA contrast of the preview under VS Code's four default themes (their real variable values,
 * see themes.ts) and of the standalone report (light and dark), measured in Chromium from computed
 * styles and from what chart.js really draws on its canvases:
 *
 * - text, 4.5:1 against the surface under it: every visible element with text of its own, buttons
 *   selected, unselected and hovered, the select, cards, the table (and a hovered row), the problems
 *   banner, and every string a chart draws (axis ticks and titles, legend, a tooltip);
 * - non-text, 3:1 (WCAG 1.4.11): each control's boundary (its border or its fill) against the surface
 *   around it; a pressed button against an unpressed one of its group (the selected state); the
 *   keyboard focus ring against the surface it is drawn on; every bar, line, point and mark a chart
 *   draws against the card.
 *
 * Exempt, as WCAG exempts them: disabled controls, the charts dimmed under the problems banner
 * (inactive content), grid lines (the values are labelled), and strokes drawn in the card's own
 * colour (the gaps that separate stacked bars). Needs `npm run build` first (out/webview).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, CHROMIUM_PATH, type LaunchedBrowser } from './chromium.js';
import { postToWebview, writeReportPage, writeVsCodePage } from './pages.js';
import { paperPreviewModel } from './paper-model.js';
import { applyVsCodeTheme, contrast, DEFAULT_THEMES, hexOf, over, parseColour, surface, type DefaultThemeName } from './themes.js';

const URI = 'file:///work/examples/frontier-moe.moesys';
const TEXT = 4.5;
const NON_TEXT = 3;

const skip = !hasChromium && !process.env.CI;
if (skip) console.warn(`contrast tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

/** The paper's model plus a scenario that fails (the error list) and an infeasible one (the table's red name). */
function auditModel(version: number): ReturnType<typeof paperPreviewModel> {
  const model = paperPreviewModel(version, URI);
  const [first] = model.scenarios;
  return {
    ...model,
    scenarios: [
      ...model.scenarios,
      { name: 'too_big', line: 200, result: { ...first.result!, feasible: false } },
      { name: 'broken', line: 210, error: 'gpuCount must be a whole number, got 1.5' },
    ],
  };
}

/**
 * Records what each canvas's 2D context draws (text with its fill, path fills with their device-space
 * bounds, strokes), from its last full clear: chart.js clears the whole canvas before every frame.
 */
function recordCanvasDrawing(): void {
  type Box = { x0: number; y0: number; x1: number; y1: number };
  const P = CanvasRenderingContext2D.prototype as unknown as Record<string, (...args: number[]) => unknown>;
  const boxes = new WeakMap<CanvasRenderingContext2D, Box>();
  const draws = (ctx: CanvasRenderingContext2D) => {
    const c = ctx.canvas as HTMLCanvasElement & { __draws?: unknown[] };
    return (c.__draws ??= []);
  };
  const point = (ctx: CanvasRenderingContext2D, x: number, y: number) => ctx.getTransform().transformPoint({ x, y });
  const grow = (ctx: CanvasRenderingContext2D, ...xy: number[]) => {
    let b = boxes.get(ctx);
    if (!b) boxes.set(ctx, (b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }));
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const p = point(ctx, xy[i], xy[i + 1]);
      b.x0 = Math.min(b.x0, p.x);
      b.y0 = Math.min(b.y0, p.y);
      b.x1 = Math.max(b.x1, p.x);
      b.y1 = Math.max(b.y1, p.y);
    }
  };
  const wrap = (name: string, before: (ctx: CanvasRenderingContext2D, args: number[]) => void) => {
    const original = P[name];
    P[name] = function (this: CanvasRenderingContext2D, ...args: number[]) {
      before(this, args);
      return original.apply(this, args);
    };
  };
  wrap('beginPath', (ctx) => boxes.delete(ctx));
  for (const name of ['moveTo', 'lineTo']) wrap(name, (ctx, [x, y]) => grow(ctx, x, y));
  wrap('quadraticCurveTo', (ctx, a) => grow(ctx, ...a));
  wrap('bezierCurveTo', (ctx, a) => grow(ctx, ...a));
  wrap('arcTo', (ctx, [x1, y1, x2, y2]) => grow(ctx, x1, y1, x2, y2));
  wrap('arc', (ctx, [x, y, r]) => grow(ctx, x - r, y - r, x + r, y + r));
  wrap('ellipse', (ctx, [x, y, rx, ry]) => grow(ctx, x - rx, y - ry, x + rx, y + ry));
  for (const name of ['rect', 'roundRect']) wrap(name, (ctx, [x, y, w, h]) => grow(ctx, x, y, x + w, y + h));
  wrap('fill', (ctx) => {
    draws(ctx).push({ op: 'fill', style: String(ctx.fillStyle), alpha: ctx.globalAlpha, box: { ...boxes.get(ctx) } });
  });
  wrap('stroke', (ctx) => {
    if (ctx.lineWidth > 0) draws(ctx).push({ op: 'stroke', style: String(ctx.strokeStyle), alpha: ctx.globalAlpha });
  });
  wrap('fillRect', (ctx, [x, y, w, h]) => {
    const a = point(ctx, x, y),
      b = point(ctx, x + w, y + h);
    draws(ctx).push({
      op: 'fill',
      style: String(ctx.fillStyle),
      alpha: ctx.globalAlpha,
      box: { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) },
    });
  });
  wrap('strokeRect', (ctx) => {
    draws(ctx).push({ op: 'stroke', style: String(ctx.strokeStyle), alpha: ctx.globalAlpha });
  });
  wrap('fillText', (ctx, [text, x, y]) => {
    const p = point(ctx, x, y);
    draws(ctx).push({ op: 'text', text: String(text), style: String(ctx.fillStyle), alpha: ctx.globalAlpha, x: p.x, y: p.y });
  });
  wrap('clearRect', (ctx, [x, y, w, h]) => {
    if (x <= 0 && y <= 0 && w >= ctx.canvas.width && h >= ctx.canvas.height) (ctx.canvas as HTMLCanvasElement & { __draws?: unknown[] }).__draws = [];
  });
}

type Draw =
  | { op: 'fill'; style: string; alpha: number; box: { x0: number; y0: number; x1: number; y1: number } }
  | { op: 'stroke'; style: string; alpha: number }
  | { op: 'text'; text: string; style: string; alpha: number; x: number; y: number };

interface Raw {
  texts: { what: string; colour: string; layers: string[] }[];
  controls: { what: string; group?: string; pressed: boolean; border: string; borderWidth: number; fill: string; around: string[] }[];
  canvases: { chart: string; around: string[]; grid: string; draws: Draw[] }[];
}

/** Everything visible under `root` whose contrast matters, with the colours of what lies beneath it. */
function collect(root: string): Raw {
  const layersOf = (start: Element | null): string[] => {
    const out: string[] = [];
    for (let e = start; e; e = e.parentElement) out.unshift(getComputedStyle(e).backgroundColor);
    return out;
  };
  const name = (e: Element) => {
    const text = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const cls = Array.from(e.classList)
      .filter((c) => c.startsWith('mo-'))
      .join('.');
    return `${e.tagName.toLowerCase()}${cls ? '.' + cls : ''}${e.getAttribute('aria-pressed') === 'true' ? '[pressed]' : ''} "${text}"`;
  };
  const visible = (e: Element) => {
    if (e.getClientRects().length === 0) return false;
    if (e.closest('.mo-sr-only, .mo-stale')) return false; // read by screen readers only, or inactive
    const style = getComputedStyle(e);
    return style.visibility !== 'hidden' && !(e as HTMLButtonElement).disabled;
  };
  const scope = document.querySelector(root)!;
  const raw: Raw = { texts: [], controls: [], canvases: [] };
  for (const e of Array.from(scope.querySelectorAll('*'))) {
    if (!visible(e) || e.tagName === 'OPTION' || e.tagName === 'SCRIPT' || e.tagName === 'STYLE') continue;
    const ownText = Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    if (ownText || e.tagName === 'SELECT') raw.texts.push({ what: name(e), colour: getComputedStyle(e).color, layers: layersOf(e) });
    if (e.matches('button:not(.mo-link), select')) {
      const style = getComputedStyle(e);
      raw.controls.push({
        what: name(e),
        group: e.parentElement?.matches('.mo-segmented') ? name(e.parentElement) : undefined,
        pressed: e.getAttribute('aria-pressed') === 'true',
        border: style.borderTopColor,
        borderWidth: parseFloat(style.borderTopWidth),
        fill: style.backgroundColor,
        around: layersOf(e.parentElement),
      });
    }
    if (e.tagName === 'CANVAS') {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.strokeStyle = getComputedStyle(document.body).getPropertyValue('--mo-grid').trim();
      raw.canvases.push({
        chart: e.getAttribute('data-chart') ?? name(e),
        around: layersOf(e.parentElement),
        grid: String(probe.strokeStyle),
        draws: JSON.parse(JSON.stringify((e as HTMLCanvasElement & { __draws?: Draw[] }).__draws ?? [])),
      });
    }
  }
  return raw;
}

/** `pair`: the colours measured, as painted ("#ffffff on #eaeef2"). */
interface Finding {
  what: string;
  kind: 'text' | 'non-text';
  ratio: number;
  pair: string;
}

const required = (f: Finding) => (f.kind === 'text' ? TEXT : NON_TEXT);

/** Contrast of everything collected, each against what lies beneath it. */
function judge(raw: Raw): Finding[] {
  const out: Finding[] = [];
  const add = (what: string, kind: Finding['kind'], fg: ReturnType<typeof parseColour>, bg: ReturnType<typeof parseColour>) => {
    out.push({ what, kind, ratio: contrast(fg, bg), pair: `${hexOf(over(fg, bg))} on ${hexOf(bg)}` });
  };
  for (const t of raw.texts) add(t.what, 'text', parseColour(t.colour), surface(t.layers));
  const groups = new Map<string, typeof raw.controls>();
  for (const c of raw.controls) {
    const around = surface(c.around);
    const fill = over(parseColour(c.fill), around);
    const border = c.borderWidth > 0 ? over(parseColour(c.border), fill) : fill;
    // The boundary that shows where the control is: its border, or its fill when that stands out more.
    const edge = contrast(border, around) >= contrast(fill, around) ? border : fill;
    add(`${c.what} boundary`, 'non-text', edge, around);
    if (c.group) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  }
  for (const [group, buttons] of groups) {
    const pressed = buttons.find((b) => b.pressed);
    if (!pressed) continue;
    for (const other of buttons.filter((b) => !b.pressed)) {
      const around = surface(other.around);
      const look = (b: typeof other) => {
        const fill = over(parseColour(b.fill), around);
        return { fill, border: b.borderWidth > 0 ? over(parseColour(b.border), fill) : fill };
      };
      const [p, u] = [look(pressed), look(other)];
      const fillRatio = contrast(p.fill, u.fill),
        borderRatio = contrast(p.border, u.border);
      const [fg, bg] = fillRatio >= borderRatio ? [p.fill, u.fill] : [p.border, u.border];
      add(`${group}: ${pressed.what} against ${other.what} (selected state)`, 'non-text', fg, bg);
    }
  }
  for (const canvas of raw.canvases) {
    const card = surface(canvas.around);
    const fills = canvas.draws.map((d, i) => ({ d, i })).filter((x) => x.d.op === 'fill');
    canvas.draws.forEach((d, i) => {
      const colour = parseColour(d.style);
      const ink = { ...colour, a: colour.a * d.alpha };
      if (d.op === 'text') {
        if (d.text.trim() === '') return;
        // The last fill drawn under the text's anchor before it (a tooltip's box), or the card.
        const under = fills
          .filter((f) => f.i < i && f.d.op === 'fill' && f.d.box.x0 <= d.x && d.x <= f.d.box.x1 && f.d.box.y0 <= d.y && d.y <= f.d.box.y1)
          .pop();
        const bg = under && under.d.op === 'fill' ? over({ ...parseColour(under.d.style), a: parseColour(under.d.style).a * under.d.alpha }, card) : card;
        add(`${canvas.chart} chart text "${d.text}"`, 'text', ink, bg);
        return;
      }
      if (d.op === 'stroke' && d.style === canvas.grid) return; // grid lines and axis lines
      if (hexOf(over(ink, card)) === hexOf(card)) return; // separators drawn in the card's colour
      add(`${canvas.chart} chart ${d.op} ${d.style}`, 'non-text', ink, card);
    });
  }
  return out;
}

/** The keyboard focus ring of every element Tab reaches, against the surface it is drawn on. */
async function focusRings(page: Page): Promise<Finding[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.click(1, 1);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return undefined;
      const id = e.tagName + (e.getAttribute('data-chart') ?? e.getAttribute('data-scenario') ?? e.getAttribute('data-value') ?? e.textContent?.slice(0, 30));
      const style = getComputedStyle(e);
      const around: string[] = [];
      for (let p = e.parentElement; p; p = p.parentElement) around.unshift(getComputedStyle(p).backgroundColor);
      return {
        id,
        what: `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30)}"`,
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        colour: style.outlineColor,
        around,
        stale: !!e.closest('.mo-stale'),
      };
    });
    if (!ring || seen.has(ring.id)) break;
    seen.add(ring.id);
    if (ring.stale) continue;
    const bg = surface(ring.around);
    const colour = ring.style === 'none' || ring.width === 0 ? { r: bg.r, g: bg.g, b: bg.b, a: 0 } : parseColour(ring.colour);
    out.push({ what: `${ring.what} focus ring`, kind: 'non-text', ratio: contrast(colour, bg), pair: `${hexOf(over(colour, bg))} on ${hexOf(bg)}` });
  }
  expect(out.length, 'Tab reaches the controls').toBeGreaterThan(5);
  return out;
}

async function audit(page: Page, root = 'body'): Promise<Finding[]> {
  return judge(await page.evaluate(collect, root));
}

/** Hovers `selector` (the first visible match) and audits the text of what it hovers. */
async function hovered(page: Page, selector: string): Promise<Finding[]> {
  const target = page.locator(selector).first();
  await target.hover();
  await page.waitForTimeout(50);
  const findings = judge(await page.evaluate(collect, 'body')).filter((f) => f.kind === 'text');
  const names = await target.evaluate((e) =>
    [e, ...Array.from(e.querySelectorAll('*'))].map((x) => (x.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)),
  );
  return findings.filter((f) => names.some((n) => f.what.endsWith(`"${n}"`))).map((f) => ({ ...f, what: `hovered ${f.what}` }));
}

/** A tooltip of the time chart (hovering the middle of its plot), its text against its box. */
async function tooltip(page: Page): Promise<Finding[]> {
  const box = (await page.locator('canvas[data-chart="time"]').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.waitForTimeout(100);
  const raw = await page.evaluate(collect, 'body');
  const time = raw.canvases.filter((c) => c.chart === 'time');
  await page.mouse.move(1, 1);
  const findings = judge({ texts: [], controls: [], canvases: time }).filter((f) => f.kind === 'text');
  expect(findings.length, 'the tooltip shows').toBeGreaterThan((await audit(page)).filter((f) => f.what.startsWith('time chart text')).length);
  return findings.map((f) => ({ ...f, what: `tooltip: ${f.what}` }));
}

/** Each failing element once (a chart draws the same colour many times). */
const failures = (findings: Finding[]) => [
  ...new Set(findings.filter((f) => f.ratio < required(f)).map((f) => `${f.what}: ${f.ratio.toFixed(2)}:1 (${f.pair}), needs ${required(f)}:1`)),
];

const summary: Record<string, { text: number; nonText: number; checked: number; failed: number }> = {};
function record(name: string, findings: Finding[]): void {
  const min = (kind: Finding['kind']) => Math.min(...findings.filter((f) => f.kind === kind).map((f) => f.ratio));
  summary[name] = { text: +min('text').toFixed(2), nonText: +min('non-text').toFixed(2), checked: findings.length, failed: failures(findings).length };
}

describe.skipIf(skip)('contrast (WCAG AA) in Chromium', () => {
  let launched: LaunchedBrowser;

  beforeAll(async () => {
    expect(existsSync('out/webview/main.js'), 'run `npm run build` first').toBe(true);
    launched = await launchChromium();
  });
  afterAll(async () => {
    console.log('minimum contrast ratios:\n' + JSON.stringify(summary, null, 1));
    await launched?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await launched.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(recordCanvasDrawing);
    return page;
  }

  async function everything(page: Page, vscode: boolean): Promise<Finding[]> {
    const findings = [...(await audit(page))];
    findings.push(...(await hovered(page, '.mo-segmented .mo-button[aria-pressed="false"]')));
    findings.push(...(await hovered(page, '.mo-card .mo-button >> nth=0')));
    findings.push(...(await tooltip(page)));
    findings.push(...(await focusRings(page)));
    await page.click('.mo-segmented .mo-button[data-value="table"]');
    await page.waitForSelector('.mo-table');
    findings.push(...(await audit(page)).filter((f) => !f.what.includes('against')).map((f) => ({ ...f, what: `table view: ${f.what}` })));
    findings.push(...(await hovered(page, '.mo-table tbody tr >> nth=2')));
    findings.push(...(await focusRings(page)).map((f) => ({ ...f, what: `table view: ${f.what}` })));
    await page.click('.mo-segmented .mo-button[data-value="charts"]');
    if (vscode) {
      const first = { message: 'unknown GPU "H300"', line: 3 };
      await postToWebview(page, { type: 'problems', uri: URI, version: 8, problems: 2, first });
      await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 8);
      findings.push(...(await audit(page, '.mo-banner')).map((f) => ({ ...f, what: `banner: ${f.what}` })));
    }
    return findings;
  }

  for (const name of Object.keys(DEFAULT_THEMES) as DefaultThemeName[]) {
    it(`VS Code ${name}: every text 4.5:1, every control, state, focus ring and chart mark 3:1`, async () => {
      const page = await newPage();
      await page.goto(writeVsCodePage(URI));
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      await applyVsCodeTheme(page, DEFAULT_THEMES[name]);
      const model = auditModel(5);
      await postToWebview(page, { type: 'update', uri: URI, version: 5, model });
      await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 5);
      await page.waitForTimeout(100); // a theme change redraws the charts on the next animation frame
      const findings = await everything(page, true);
      record(name, findings);
      expect(failures(findings)).toEqual([]);
      await page.close();
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`the HTML report, ${scheme}: the same checks`, async () => {
      const page = await newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(writeReportPage(auditModel(1)));
      await page.waitForFunction(() => window.moesysPreview?.drawnVersion === 1);
      await page.waitForTimeout(100);
      const findings = await everything(page, false);
      record(`report ${scheme}`, findings);
      expect(failures(findings)).toEqual([]);
      await page.close();
    });
  }
});
