/**
 * Dependency injection for the moesys language: the generated services plus our validator,
 * scoping, formatter and LSP providers. `createMoesysServices` is used by the language server,
 * the CLI and the tests alike.
 */
import { inject, URI, type LangiumCoreServices, type Module, type PartialLangiumCoreServices } from 'langium';
import {
  createDefaultModule,
  createDefaultSharedModule,
  DefaultDocumentUpdateHandler,
  type DefaultSharedModuleContext,
  type LangiumServices,
  type LangiumSharedServices,
  type PartialLangiumServices,
  type PartialLangiumSharedServices,
} from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MoesysGeneratedModule, MoesysGeneratedSharedModule } from './generated/module.js';
import { MoesysValidator, registerValidationChecks } from './lsp/moesys-validator.js';
import { registerStructureChecks } from './semantics/structure-checks.js';
import { MoesysScopeComputation, MoesysScopeProvider } from './semantics/moesys-scope.js';
import { MoesysLinker } from './semantics/moesys-linker.js';
import { MoesysFormatter } from './lsp/moesys-formatter.js';
import { MoesysHoverProvider } from './lsp/moesys-hover.js';
import { MoesysCompletionProvider } from './lsp/moesys-completion.js';
import { MoesysSemanticTokenProvider } from './lsp/moesys-semantic-tokens.js';
import { MoesysCodeActionProvider } from './lsp/moesys-code-actions.js';
import { MoesysCommandHandler } from './lsp/moesys-commands.js';
import { MoesysInlayHintProvider } from './lsp/moesys-inlay-hints.js';
import { MoesysDocumentSymbolProvider } from './lsp/moesys-document-symbols.js';
import { MoesysDocumentLinkProvider } from './lsp/moesys-document-links.js';
import { MoesysRenameProvider } from './lsp/moesys-rename.js';
import { BuildAnalysis } from './analysis/build-analysis.js';
import { SearchResults } from './analysis/search-results.js';
import { MoesysTokenBuilder } from './syntax/moesys-token-builder.js';
import { MoesysValueConverter } from './syntax/moesys-value-converter.js';
import { createGuardedParser } from './langium-overrides/parser-guard.js';
import { LangiumOverridesModule } from './langium-overrides/module.js';
import { StaleWhileBuildingDocumentBuilder } from './langium-overrides/stale-while-building.js';
import { MoesysLexerErrorMessageProvider } from './syntax/lexer-messages.js';
import { MoesysParserErrorMessageProvider } from './syntax/moesys-parser-messages.js';
import { MoesysDocumentValidator } from './lsp/missing-imports.js';

/** Services the moesys language adds to Langium's defaults. */
export type MoesysAddedServices = {
  validation: {
    MoesysValidator: MoesysValidator;
  };
  analysis: {
    /** The analysis of a build: every scenario's lowering and engine result, every study's rows or points. */
    BuildAnalysis: BuildAnalysis;
    /** How each `search` study's run stands (the server runs them off the main thread). */
    SearchResults: SearchResults;
  };
};

export type MoesysServices = LangiumServices & MoesysAddedServices;

export const MoesysModule: Module<MoesysServices, PartialLangiumServices & MoesysAddedServices> = {
  validation: {
    MoesysValidator: (services) => new MoesysValidator(services),
    DocumentValidator: (services) => new MoesysDocumentValidator(services),
  },
  analysis: {
    BuildAnalysis: (services) => new BuildAnalysis(services),
    SearchResults: () => new SearchResults(),
  },
  parser: {
    // Too-deep documents get one diagnostic instead of a stack overflow (langium-overrides/parser-guard.ts).
    LangiumParser: (services) => createGuardedParser(services),
    TokenBuilder: () => new MoesysTokenBuilder(),
    ValueConverter: () => new MoesysValueConverter(),
    ParserErrorMessageProvider: () => new MoesysParserErrorMessageProvider(),
    LexerErrorMessageProvider: () => new MoesysLexerErrorMessageProvider(),
  },
  references: {
    ScopeProvider: (services) => new MoesysScopeProvider(services),
    ScopeComputation: (services) => new MoesysScopeComputation(services),
    Linker: (services) => new MoesysLinker(services),
  },
  lsp: {
    Formatter: () => new MoesysFormatter(),
    HoverProvider: (services) => new MoesysHoverProvider(services),
    CompletionProvider: (services) => new MoesysCompletionProvider(services),
    SemanticTokenProvider: (services) => new MoesysSemanticTokenProvider(services),
    CodeActionProvider: (services) => new MoesysCodeActionProvider(services),
    InlayHintProvider: (services) => new MoesysInlayHintProvider(services),
    DocumentSymbolProvider: (services) => new MoesysDocumentSymbolProvider(services),
    DocumentLinkProvider: () => new MoesysDocumentLinkProvider(),
    RenameProvider: (services) => new MoesysRenameProvider(services),
  },
};

/**
 * Ignores documents of other languages. A client may open any file with the server (Neovim,
 * Helix and Emacs do not filter by language as VS Code does); building `notes.txt` would throw
 * "no services for the extension '.txt'" inside the build and take the server down.
 */
export class MoesysDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
  private readonly changed = new Map<string, URI>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastBuild = -Infinity;

  override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
    const uri = URI.parse(change.document.uri);
    if (!this.serviceRegistry.hasServices(uri)) return;
    this.changed.set(uri.toString(), uri);
    if (this.timer) return;
    // At most one build starts per BUILD_INTERVAL_MS: the first edit after a pause builds at
    // once; a burst of edits builds its latest text, not every keystroke it passed through
    // (each of which would parse before being cancelled, and delay every request queued behind
    // it). Requests meanwhile are answered from the last build.
    const wait = this.lastBuild + BUILD_INTERVAL_MS - Date.now();
    if (wait <= 0) this.build();
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.build();
      }, wait);
  }

  private build(): void {
    this.lastBuild = Date.now();
    const uris = [...this.changed.values()];
    this.changed.clear();
    this.fireDocumentUpdate(uris, []);
  }
}

/** Shortest time between two builds started by edits (a burst of keystrokes shares builds). */
export const BUILD_INTERVAL_MS = 40;

/**
 * Creates the shared and language services. Pass `NodeFileSystem` (server, CLI) or
 * `EmptyFileSystem` (tests, browser) and, for a server, the connection. `langiumOverrides: false`
 * builds them with Langium's own linker, indexer and validator (the overrides' contract test).
 */
export function createMoesysServices(
  context: DefaultSharedModuleContext,
  options: { langiumOverrides?: boolean } = {},
): { shared: LangiumSharedServices; moesys: MoesysServices } {
  const shared = inject(createDefaultSharedModule(context), MoesysGeneratedSharedModule, {
    lsp: {
      DocumentUpdateHandler: (services: LangiumSharedServices) => new MoesysDocumentUpdateHandler(services),
      ExecuteCommandHandler: (services: LangiumSharedServices) => new MoesysCommandHandler(services),
    },
    // Keeps the last linked analysis while a rebuild runs (see language/langium-overrides/).
    workspace: { DocumentBuilder: (services: LangiumSharedServices) => new StaleWhileBuildingDocumentBuilder(services) },
  } as Module<LangiumSharedServices, PartialLangiumSharedServices>);
  const moesys = inject(
    createDefaultModule({ shared }),
    MoesysGeneratedModule as Module<LangiumCoreServices, PartialLangiumCoreServices>,
    MoesysModule,
    options.langiumOverrides === false ? {} : LangiumOverridesModule,
  );
  shared.ServiceRegistry.register(moesys);
  registerValidationChecks(moesys);
  registerStructureChecks(moesys);
  if (!context.connection) {
    // No language client will send configuration: mark it initialised so builds don't wait.
    shared.workspace.ConfigurationProvider.initialized({});
  }
  return { shared, moesys };
}
