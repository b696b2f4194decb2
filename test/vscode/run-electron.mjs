// The extension in desktop VS Code (Electron) with @vscode/test-electron. Desktop VS Code must be
// downloaded from Microsoft's update service, which this project's machines cannot reach, so this
// runs only where MOESYS_VSCODE_EXECUTABLE names an installed `code` binary, or where
// MOESYS_VSCODE_DOWNLOAD=1 allows the download. On Linux without a display, run it under xvfb-run.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const executable = process.env.MOESYS_VSCODE_EXECUTABLE;
if (!executable && process.env.MOESYS_VSCODE_DOWNLOAD !== '1') {
  console.error('run-electron: set MOESYS_VSCODE_EXECUTABLE or MOESYS_VSCODE_DOWNLOAD=1 (desktop VS Code cannot be downloaded here)');
  process.exit(2);
}
for (const file of ['out/client/extension.cjs', 'out/server/main.cjs', 'out/webview/main.js']) {
  if (!existsSync(join(root, file))) {
    console.error(`run-electron: ${file} missing; run \`npm run build\``);
    process.exit(1);
  }
}

const workspace = join(root, '.vscode-test', 'workspace');
rmSync(workspace, { recursive: true, force: true });
mkdirSync(workspace, { recursive: true });
for (const example of readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.moesys'))) {
  cpSync(join(root, 'examples', example), join(workspace, example));
}
writeFileSync(join(workspace, 'broken.moesys'), 'gpu broken {\n    hbmBandwidth = 26 pJ/bit\n    peakFlops { bf16 = 2 }\n}\n');
writeFileSync(join(workspace, 'completion.moesys'), 'gpu probe {\n    \n}\n');

const extensionTestsPath = join(root, 'out/test/vscode/electron/suite.cjs');
await esbuild.build({
  entryPoints: [join(root, 'test/vscode/electron/suite.ts')],
  outfile: extensionTestsPath,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath,
    ...(executable ? { vscodeExecutablePath: executable } : {}),
    launchArgs: [workspace, '--disable-extensions', '--disable-gpu', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('run-electron: the desktop VS Code suite passed');
} catch (error) {
  console.error(`run-electron: the desktop VS Code suite failed: ${error}`);
  process.exit(1);
}
