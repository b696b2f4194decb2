/**
 * Rename that refuses names the language cannot read back: not an identifier, a keyword, or the
 * name of another declaration. Langium's default writes any text into every reference.
 */
import { AstUtils, GrammarAST, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import type { MoesysServices } from '../moesys-module.js';

/** The `ID` terminal of the grammar, anchored. */
const IDENTIFIER = /^[_a-zA-Z\u00B5][\w\u00B5]*(-[a-zA-Z0-9_]+)*$/;

export class MoesysRenameProvider extends DefaultRenameProvider {
  private readonly keywords: ReadonlySet<string>;
  private readonly indexManager: MoesysServices['shared']['workspace']['IndexManager'];

  constructor(services: MoesysServices) {
    super(services);
    this.indexManager = services.shared.workspace.IndexManager;
    this.keywords = new Set(
      AstUtils.streamAllContents(services.Grammar)
        .filter(GrammarAST.isKeyword)
        .map((keyword) => keyword.value),
    );
  }

  override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
    const problem = this.problemWith(params.newName);
    // A refused rename is an error the editor shows, not a silent no-op.
    if (problem) throw new ResponseError(LSPErrorCodes.RequestFailed, problem);
    return super.rename(document, params, cancelToken);
  }

  private problemWith(name: string): string | undefined {
    if (!IDENTIFIER.test(name)) return `'${name}' is not a name: start with a letter or _, then letters, digits, _ or single - between words`;
    if (this.keywords.has(name)) return `'${name}' is a keyword of the language`;
    if (this.indexManager.allElements().some((element) => element.name === name)) return `a declaration named '${name}' already exists`;
    return undefined;
  }
}
