/**
 * A document's text at git HEAD, through the API of VS Code's built-in Git extension (`vscode.git`,
 * version 1), when there is one: VS Code for the web ships none, and a file may be outside every
 * repository or not committed yet. Each case fails with a sentence the preview shows as it is.
 */
import * as vscode from 'vscode';

/** The few members of the Git extension's API (extensions/git/src/api/git.d.ts) read here. */
interface GitRepository {
  readonly state: { readonly HEAD?: { readonly commit?: string } };
  show(ref: string, path: string): Promise<string>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled?: boolean;
  getAPI(version: 1): GitApi;
}

export interface HeadText {
  text: string;
  /** "git HEAD (a1b2c3d)". */
  label: string;
}

export async function textAtHead(uri: vscode.Uri): Promise<HeadText> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) throw new Error('Git HEAD is not available here: VS Code runs without its Git extension (as VS Code for the web does).');
  const git = extension.isActive ? extension.exports : await extension.activate();
  if (git.enabled === false) throw new Error('Git HEAD is not available: Git is disabled (the git.enabled setting).');
  const repository = git.getAPI(1).getRepository(uri);
  if (!repository) throw new Error(`Git HEAD is not available: ${baseName(uri)} is not in a git repository.`);
  const commit = repository.state.HEAD?.commit;
  if (!commit) throw new Error('Git HEAD is not available: the repository has no commit yet.');
  let text: string;
  try {
    text = await repository.show('HEAD', uri.fsPath);
  } catch {
    throw new Error(`Git HEAD has no ${baseName(uri)}: the file is untracked or new since the last commit.`);
  }
  return { text, label: `git HEAD (${commit.slice(0, 7)})` };
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}
