/**
 * Imports that do not resolve, and the linking errors they explain. A file whose import is missing
 * names the gpus, systems and models it would have declared (`extends dgx-h100-256`); one "Nothing
 * named …" per name would bury the one cause. The import's error lists those names instead, and
 * `MoesysDocumentValidator` leaves out their linking errors.
 */
import { AstUtils, DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document, Import } from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';
import { importRefusal, resolveImport, workspaceFolderUris } from '../semantics/moesys-scope.js';
import { importRefusals } from '../semantics/import-loader.js';

/** Why an import does not resolve, or undefined when it does (or imports the file itself). */
export function importProblem(imported: Import, shared: LangiumSharedServices): string | undefined {
  if (typeof imported.path !== 'string') return undefined;
  const from = AstUtils.getDocument(imported).uri;
  const refusal = importRefusal(from, imported.path, workspaceFolderUris(shared.workspace.WorkspaceManager));
  if (refusal) return refusal;
  const target = resolveImport(from, imported.path);
  if (target.toString() === from.toString() || shared.workspace.LangiumDocuments.hasDocument(target)) return undefined;
  return importRefusals(shared).get(target.toString()) ?? `Cannot find '${imported.path}' (looked for ${target.path}).`;
}

/** The names a document uses that link to nothing. */
export function unresolvedNames(document: LangiumDocument): string[] {
  return [...new Set(document.references.filter((reference) => reference.error !== undefined).map((reference) => reference.$refText))];
}

export class MoesysDocumentValidator extends DefaultDocumentValidator {
  private readonly shared: LangiumSharedServices;

  constructor(services: MoesysServices) {
    super(services);
    this.shared = services.shared;
  }

  protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
    const root = document.parseResult.value as Document;
    // While an import is missing, a name not found may be one it declares: its error names them all.
    if (root.imports?.some((imported) => importProblem(imported, this.shared) !== undefined)) return;
    super.processLinkingErrors(document, diagnostics, options);
  }
}
