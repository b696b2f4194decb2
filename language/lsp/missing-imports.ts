/**
 * Imports that do not resolve, and the linking errors they explain. A file whose import is missing
 * names the gpus, systems and models it would have declared (`extends dgx-h100-256`); one "Nothing
 * named …" per name would bury the one cause. The import's error lists those names instead, and
 * `MoesysDocumentValidator` leaves out their linking errors.
 */
import { AstUtils, DefaultDocumentValidator, type LangiumDocument, type MultiReference, type Reference, type ValidationOptions } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document, Import } from '../generated/ast.js';
import type { MoesysServices } from '../moesys-module.js';
import { importRefusal, resolveImport, workspaceFolderUris } from '../semantics/moesys-scope.js';
import { importRefusals } from '../semantics/import-loader.js';
import { propertyOfValue, propertySpecOf } from '../semantics/schema-lookup.js';
import { propertyMissingValue } from '../syntax/missing-value.js';

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

/**
 * Whether an unresolved reference may name something a missing import declares: a reference to a
 * declaration (`gpu = h800`, `extends dgx-h100-256`), not a word of a property that takes words
 * (`recompute = ful`) nor the next member's name read as a missing value (`hiddenSize =`), whose
 * linking errors say something else.
 */
function mayBeImported(reference: Reference | MultiReference): boolean {
  const container = reference.error?.info.container;
  if (!container || propertyMissingValue(container)) return false;
  const property = propertyOfValue(container);
  const kind = property && propertySpecOf(property)?.type.kind;
  return kind !== 'enum' && kind !== 'boolean';
}

/** The references of a document that link to nothing and may name what a missing import declares. */
function importableReferences(document: LangiumDocument): (Reference | MultiReference)[] {
  return document.references.filter((reference) => reference.error !== undefined && mayBeImported(reference));
}

/** The names a document uses that link to nothing and that a missing import may declare. */
export function unresolvedNames(document: LangiumDocument): string[] {
  return [...new Set(importableReferences(document).map((reference) => reference.$refText))];
}

export class MoesysDocumentValidator extends DefaultDocumentValidator {
  private readonly shared: LangiumSharedServices;

  constructor(services: MoesysServices) {
    super(services);
    this.shared = services.shared;
  }

  protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
    const root = document.parseResult.value as Document;
    if (!root.imports?.some((imported) => importProblem(imported, this.shared) !== undefined)) {
      super.processLinkingErrors(document, diagnostics, options);
      return;
    }
    // While an import is missing, a declaration not found may be one it declares: its error names them all.
    const explained = new Set(importableReferences(document).map((reference) => reference.$refNode?.offset));
    const all: Diagnostic[] = [];
    super.processLinkingErrors(document, all, options);
    diagnostics.push(...all.filter((diagnostic) => !explained.has(document.textDocument.offsetAt(diagnostic.range.start))));
  }
}
