/** Document links: the path of an `import` opens the imported file. */
import type { LangiumDocument, MaybePromise } from 'langium';
import { GrammarUtils } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import { resolveImport } from '../semantics/moesys-scope.js';

export class MoesysDocumentLinkProvider implements DocumentLinkProvider {
  getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): MaybePromise<DocumentLink[]> {
    const root = document.parseResult.value as Document;
    return (root.imports ?? []).flatMap((imported) => {
      const path = GrammarUtils.findNodeForProperty(imported.$cstNode, 'path');
      if (!path || !imported.path) return [];
      return [{ range: path.range, target: resolveImport(document.uri, imported.path).toString(), tooltip: 'Open the imported file' }];
    });
  }
}
