/**
 * Screenshots for docs/images/, taken by test/vscode/run-web.mjs when MOESYS_WEB_SHOWCASE=1:
 * completion after `ffnKind = `, a hover over a tier's bandwidth and a diagnostic with its
 * quick fix. Each step puts the editor in that state and asks the runner for a picture.
 */
import * as vscode from 'vscode';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The runner takes the picture when it reads this line; give it time before moving on. */
async function screenshot(name: string): Promise<void> {
  console.log(`MOESYS_SCREENSHOT ${name}`);
  await sleep(2500);
}

const SHOWCASE = `/** A first look at moesys: today's GB200 racks training a Mixtral-class MoE. */
system racks = preset "gb200-nvl72"

link copper { kind = electrical; serdesEnergy = 5 pJ/bit; reach = 2 m }

switch leaf {
    radix = 64
    portBandwidth = 800 Gb
}

model moe = preset "mixtral-8x7b" {
    ffnKind = swiglu
}

training job {
    globalBatch = 4608
    trainingTokens = 2 Ttokens
    tensorParallel = 8
    expertsPerDpRank = 8
    expertTensorParallel = true
    recompute = selective
}

scenario first { system = racks; model = moe; training = job }
`;

async function place(editor: vscode.TextEditor, needle: string, after = 0): Promise<vscode.Position> {
  const offset = editor.document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`showcase: no '${needle}'`);
  const position = editor.document.positionAt(offset + after);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  return position;
}

export async function runShowcase(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const uri = vscode.Uri.joinPath(folder.uri, 'first-look.moesys');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(SHOWCASE));
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
  await sleep(4000); // the server builds it and publishes diagnostics

  // Completion of an enum slot: its words, the default first.
  await place(editor, 'ffnKind = swiglu', 'ffnKind = '.length);
  await editor.edit((edit) => edit.delete(new vscode.Range(editor.selection.active, editor.selection.active.translate(0, 'swiglu'.length))));
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  await sleep(1500);
  await vscode.commands.executeCommand('toggleSuggestionDetails');
  await sleep(800);
  await screenshot('vscode-completion.png');
  await vscode.commands.executeCommand('hideSuggestWidget');
  await vscode.commands.executeCommand('undo');

  // Hover over a preset: its figures.
  await place(editor, 'gb200-nvl72', 3);
  await vscode.commands.executeCommand('editor.action.showHover');
  await sleep(1500);
  await screenshot('vscode-hover.png');
  await vscode.commands.executeCommand('editor.action.hideHover');

  // A diagnostic in the user's units, with its quick fix.
  await place(editor, '800 Gb', 1);
  await vscode.commands.executeCommand('editor.action.marker.next');
  await sleep(1500);
  await screenshot('vscode-diagnostic.png');
  await vscode.commands.executeCommand('closeMarkersNavigation');
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
