/**
 * What an import may reach: a .moesys file, by a path relative to the importing file, in that
 * file's own file system, inside the workspace when there is one. Everything else is refused with
 * a diagnostic on the import's string, in the user's words, and never read. Tested through the
 * CLI (which reads the real disk) and the language services.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { loadFiles } from '../../cli/load.js';
import { importRefusal } from '../../language/semantics/moesys-scope.js';
import { restrictToSchemes } from '../../server/start-server.js';
import { NodeFileSystem } from 'langium/node';

const HARDWARE = 'link l { kind = lpo; serdesEnergy = 1 pJ/bit }\n';

/** Diagnostics of `main.moesys` (with `text`) in a fresh folder, as `moesys check` sees them: [message, the text they cover]. */
async function checkMain(text: string, files: Record<string, string> = {}): Promise<Array<[string, string]>> {
  const dir = mkdtempSync(join(tmpdir(), 'moesys-imports-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(dir, 'main.moesys'), text);
  const started = performance.now();
  const workspace = await loadFiles([join(dir, 'main.moesys')]);
  expect(performance.now() - started).toBeLessThan(10_000);
  const document = workspace.documents[0];
  return (document.diagnostics ?? []).map((diagnostic) => [String(diagnostic.message), document.textDocument.getText(diagnostic.range)]);
}

describe('imports', () => {
  it('loads a .moesys file next to the importing one, and one in a subfolder', async () => {
    expect(
      await checkMain('import "hardware.moesys"\nimport "parts/more.moesys"\n', {
        'hardware.moesys': HARDWARE,
        'parts/more.moesys': HARDWARE.replace('link l', 'link m'),
      }),
    ).toEqual([]);
  });

  it('refuses what is not a .moesys file, each on its string, without reading it', async () => {
    const diagnostics = await checkMain(
      [
        'import "/proc/self/cmdline"',
        'import "/dev/zero"',
        'import "/etc/passwd"',
        'import "notes.txt"',
        'import "hardware"',
        'import "parts"',
        'import "parts/"',
        'import "file:///etc/hosts.moesys"',
        'import ""',
        'import "folder.moesys"',
        '',
      ].join('\n'),
      { 'notes.txt': 'hello', 'parts/x.moesys': HARDWARE, 'folder.moesys/inside.moesys': HARDWARE },
    );
    expect(diagnostics).toEqual([
      ["An import is a path relative to this file; '/proc/self/cmdline' is absolute.", '"/proc/self/cmdline"'],
      ["An import is a path relative to this file; '/dev/zero' is absolute.", '"/dev/zero"'],
      ["An import is a path relative to this file; '/etc/passwd' is absolute.", '"/etc/passwd"'],
      ["Only .moesys files can be imported; 'notes.txt' is not one.", '"notes.txt"'],
      ["Only .moesys files can be imported: write 'hardware.moesys'.", '"hardware"'],
      ["Only .moesys files can be imported: write 'parts.moesys'.", '"parts"'],
      ["Only .moesys files can be imported: write 'parts.moesys'.", '"parts/"'],
      ["An import is a path relative to this file, not a URI or a drive ('file:///etc/hosts.moesys').", '"file:///etc/hosts.moesys"'],
      ['An import needs the name of a .moesys file, e.g. `import "hardware.moesys"`.', '""'],
      ["'folder.moesys' is a folder; an import names a .moesys file.", '"folder.moesys"'],
    ]);
  });

  it('a bare `import` at the end of a file is a syntax error, not "Path must be a string"', async () => {
    expect(await checkMain('import')).toEqual([['Expected a string but found the end of the file.', '']]);
    expect(await checkMain('link l { kind = lpo; serdesEnergy = 1 pJ/bit }\nimport')).toEqual([
      ['Imports come first: move this `import` above the declarations.', 'import'],
    ]);
    expect(await checkMain('link l { kind = lpo; serdesEnergy = 1 pJ/bit }\nimport "hardware.moesys"')).toEqual([
      ['Imports come first: move this `import` above the declarations.', 'import'],
    ]);
  });

  it('keeps imports inside the workspace when the importing file is in one', () => {
    const folder = URI.file('/work/project');
    const from = URI.file('/work/project/studies/main.moesys');
    expect(importRefusal(from, '../hardware.moesys', [folder])).toBeUndefined();
    expect(importRefusal(from, '../../other/secret.moesys', [folder])).toBe(
      "'../../other/secret.moesys' is outside the workspace: an import may only reach files in the workspace's folders.",
    );
    // A file opened on its own (no workspace folder holds it) imports relative to itself.
    expect(importRefusal(URI.file('/tmp/loose.moesys'), '../shared/hardware.moesys', [folder])).toBeUndefined();
    // A vscode-vfs document resolves in its own repository.
    const remote = URI.parse('vscode-vfs://github/owner/repo/main.moesys');
    expect(importRefusal(remote, 'hardware.moesys', [URI.parse('vscode-vfs://github/owner/repo')])).toBeUndefined();
  });

  it('never reads the local disk for a document of another file system (vscode-vfs:)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moesys-vfs-'));
    writeFileSync(join(dir, 'hardware.moesys'), HARDWARE);
    const provider = restrictToSchemes(NodeFileSystem as never, ['file']).fileSystemProvider(undefined as never);
    // The same path under vscode-vfs: — Node's provider alone would read the local file.
    const remote = URI.parse(`vscode-vfs://github${URI.file(join(dir, 'hardware.moesys')).path}`);
    expect(NodeFileSystem.fileSystemProvider().existsSync(remote)).toBe(true);
    await expect(provider.readFile(remote)).rejects.toThrow(/no file system for 'vscode-vfs:'/);
    await expect(provider.exists(remote)).rejects.toThrow();
    expect(await provider.readDirectory(URI.parse(`vscode-vfs://github${URI.file(dir).path}`))).toEqual([]);
    expect(await provider.readFile(URI.file(join(dir, 'hardware.moesys')))).toBe(HARDWARE);
  });
});
