/**
 * "moesys: New Scenario from Template": pick one of the examples shipped in the extension and get
 * it as a new, unsaved document. Its imports are written into it (`inlineImports`), so it checks
 * and previews without the files beside it, in the desktop and in VS Code for the web alike.
 */
import * as vscode from 'vscode';
import { inlineImports, TEMPLATES } from './template-text.js';

export const NEW_FROM_TEMPLATE_COMMAND = 'moesys.newScenarioFromTemplate';

export function registerTemplateCommand(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_FROM_TEMPLATE_COMMAND, async (file?: unknown) => {
    const template =
      typeof file === 'string'
        ? TEMPLATES.find((candidate) => candidate.file === file)
        : (
            await vscode.window.showQuickPick(
              TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })),
              {
                title: 'New scenario from template',
                placeHolder: 'Start from an example; it opens as a new file you can save anywhere',
              },
            )
          )?.template;
    if (!template) return undefined;
    const read = async (path: string) =>
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'examples', path)));
    const content = await inlineImports(await read(template.file), read, new Set([template.file]));
    const document = await vscode.workspace.openTextDocument({ language: 'moesys', content });
    await vscode.window.showTextDocument(document);
    return document.uri.toString();
  });
}
