/**
 * Langium overrides: stale-while-building completion and hover.
 *
 * Written against langium 4.4.0. Replaces:
 * - the `textDocument/completion` and `textDocument/hover` handlers that `startLanguageServer`
 *   registers (`addCompletionHandler`/`addHoverHandler` → `createRequestHandler` in
 *   `langium/lib/lsp/language-server.js`). Those wait in `waitUntilPhase` →
 *   `DocumentBuilder.waitUntil(DocumentState.Linked, uri)` until the document's *current* build
 *   has linked it, then read under `WorkspaceLock.read(…, ReadPriority.Immediate)`. A superseded
 *   build is cancelled before it links, so under a burst of edits a request waits through one
 *   build after another.
 * - `DefaultDocumentBuilder.resetToState` (via a subclass, `StaleWhileBuildingDocumentBuilder`):
 *   before a document whose text changed is reset for a rebuild, its last linked analysis (AST,
 *   resolved references, local symbols, the text it was parsed from) is detached into a snapshot.
 *   Langium's reset unlinks the references of the *same* objects (`Linker.unlink`), so without
 *   this the old AST cannot answer anything.
 *
 * Behaviour (the contract pinned by test/language/langium-overrides.test.ts):
 * - A document that is not being rebuilt (linked, and parsed from the client's current text) is
 *   answered by Langium's own handler (`createRequestHandler`), so the answer is Langium's.
 * - While a build is pending or running, the request is answered at once from the last linked
 *   analysis, *only if the request's position means the same thing in that analysis's text*:
 *   positions are in the client's current text, so the line must lie wholly outside the edited
 *   region and, when it lies after it, the edit must not have added or removed lines (then line
 *   and character, and the whole line's text, are identical in both texts). Every range in the
 *   answer must satisfy the same test, or the answer is dropped. Otherwise (an edit on the
 *   request's line, lines added above it, no analysis yet) the request waits as Langium's does.
 *   The answer is correct for the analysed text; what the edit changed elsewhere (a value above)
 *   shows up once the rebuild finishes.
 * - Completion additionally waits while the rebuilt document's declarations are missing from the
 *   index (between the reset and the new parse being indexed, a short parse), since reference
 *   candidates are taken from the index.
 * - Superseded work: a request cancelled by the client answers RequestCancelled without running;
 *   superseded builds are cancelled by Langium's WorkspaceLock when the next build is written.
 *
 * Update this file, and its contract test, whenever Langium is upgraded.
 */
import { type AstNode, DefaultDocumentBuilder, DocumentState, type LangiumDocument, type LangiumSharedCoreServices, URI } from 'langium';
import { createRequestHandler, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import {
  type CancellationToken,
  type CompletionList,
  type CompletionParams,
  type Connection,
  type Hover,
  type HoverParams,
  LSPErrorCodes,
  type Range,
  ResponseError,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The langium version this file was written against (the contract test checks it). */
export const LANGIUM_VERSION_OVERRIDDEN = '4.4.0';

/** The text a document's AST was parsed from. */
function parsedText(document: LangiumDocument): string | undefined {
  return document.parseResult.value.$cstNode?.root.fullText;
}

/** A detached, read-only view of a document's last linked analysis. */
function snapshotOf(document: LangiumDocument, text: string): LangiumDocument {
  const live = document.textDocument;
  return {
    uri: document.uri,
    textDocument: TextDocument.create(live.uri, live.languageId, -1, text),
    state: document.state,
    parseResult: document.parseResult,
    localSymbols: document.localSymbols,
    references: document.references,
    diagnostics: document.diagnostics,
  };
}

/** The last linked analysis of each document whose rebuild has started. */
export class AnalysisSnapshots {
  private readonly byUri = new Map<string, LangiumDocument>();

  /** Called before `document` is reset for a rebuild. */
  detach(document: LangiumDocument, current: string | undefined): void {
    const key = document.uri.toString();
    const text = parsedText(document);
    if (document.state < DocumentState.Linked || text === undefined || current === undefined) return; // keep the previous snapshot
    if (current === text) {
      // Same text, relinked because another document changed: the AST is reused and relinked
      // in place, so no detached view of it can exist.
      this.byUri.delete(key);
      return;
    }
    const snapshot = snapshotOf(document, text);
    // The old AST now belongs to the snapshot: `AstUtils.getDocument` on its nodes finds the
    // snapshot (its text, symbols and references), and Langium's unlink, which walks
    // `document.references`, leaves the old references resolved. The re-parse makes a new AST.
    (document.parseResult.value as { $document?: LangiumDocument }).$document = snapshot;
    document.references = [];
    this.byUri.set(key, snapshot);
  }

  get(uri: URI): LangiumDocument | undefined {
    return this.byUri.get(uri.toString());
  }

  delete(uri: URI): void {
    this.byUri.delete(uri.toString());
  }
}

/** Langium's document builder, detaching the last linked analysis before a rebuild resets it. */
export class StaleWhileBuildingDocumentBuilder extends DefaultDocumentBuilder {
  readonly snapshots = new AnalysisSnapshots();

  constructor(services: LangiumSharedCoreServices) {
    super(services);
    this.onUpdate((_changed, deleted) => {
      for (const uri of deleted) this.snapshots.delete(uri);
    });
  }

  override resetToState<T extends AstNode>(document: LangiumDocument<T>, state: DocumentState): void {
    const root = document.parseResult.value as { $document?: LangiumDocument };
    if (root.$document !== undefined && root.$document !== document) {
      // Detached, and the text changed again before the re-parse. If it went back to the
      // detached AST's text, Langium will reuse that AST (it re-parses only changed text):
      // give it back, unlinked, so it is relinked as Langium expects.
      if (this.currentText(document) === parsedText(document)) {
        const snapshot = root.$document;
        root.$document = document;
        document.references = snapshot.references;
        this.snapshots.delete(document.uri);
      }
    } else if (state === DocumentState.Changed && document.state >= DocumentState.Linked) {
      this.snapshots.detach(document, this.currentText(document));
    }
    super.resetToState(document, state);
  }

  /** The text the next parse will read: the client's open document (what Langium's factory reads first). */
  private currentText(document: LangiumDocument): string | undefined {
    try {
      return (this.textDocuments?.get(document.uri.toString()) ?? document.textDocument).getText();
    } catch {
      return undefined;
    }
  }
}

/**
 * Whether a position of `current` means the same in `stale`: its line lies before the first
 * changed line, or after the last one with as many lines changed as there were. Exported for the
 * contract test.
 */
export function lineMapper(current: string, stale: string): (line: number) => boolean {
  if (current === stale) return () => true;
  let prefix = 0;
  const shortest = Math.min(current.length, stale.length);
  while (prefix < shortest && current.charCodeAt(prefix) === stale.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && current.charCodeAt(current.length - 1 - suffix) === stale.charCodeAt(stale.length - 1 - suffix)) suffix++;
  const lineOf = (text: string, offset: number) => {
    let line = 0;
    for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  };
  const firstChanged = lineOf(current, prefix);
  const lastChangedCurrent = lineOf(current, current.length - suffix);
  const sameLineCount = lastChangedCurrent - firstChanged === lineOf(stale, stale.length - suffix) - lineOf(stale, prefix);
  return (line) => line < firstChanged || (sameLineCount && line > lastChangedCurrent);
}

function rangesOf(value: unknown, into: Range[] = []): Range[] {
  if (Array.isArray(value)) {
    for (const item of value) rangesOf(item, into);
    return into;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const start = record.start as { line?: unknown } | undefined,
      end = record.end as { line?: unknown } | undefined;
    if (start && end && typeof start.line === 'number' && typeof end.line === 'number') into.push(record as unknown as Range);
    else for (const member of Object.values(record)) rangesOf(member, into);
  }
  return into;
}

type Answer<R> = R | null | undefined | ResponseError;
type Call<P, R> = (services: LangiumServices, document: LangiumDocument, params: P, token: CancellationToken) => Promise<R | undefined> | R | undefined;

/** Counts of how requests were answered (for tests and benchmarks). */
export interface StaleWhileBuildingStats {
  fresh: number;
  stale: number;
  waited: number;
  cancelled: number;
}

/**
 * A request handler answering from the last linked analysis while the document is rebuilt, and
 * through Langium's own handler otherwise.
 */
export function staleWhileBuilding<P extends { textDocument: { uri: string }; position: { line: number } }, R>(
  shared: LangiumSharedServices,
  call: Call<P, R>,
  needsIndex: boolean,
  stats: StaleWhileBuildingStats,
): (params: P, token: CancellationToken) => Promise<Answer<R>> {
  const langium = createRequestHandler<P, NonNullable<R>>(
    (services, document, params, token) => call(services as LangiumServices, document, params, token) as never,
    shared,
    DocumentState.Linked,
  );
  const documents = shared.workspace.LangiumDocuments;
  const builder = shared.workspace.DocumentBuilder;
  const snapshots = builder instanceof StaleWhileBuildingDocumentBuilder ? builder.snapshots : undefined;
  const registry = shared.ServiceRegistry;
  return async (params, token) => {
    if (token.isCancellationRequested) {
      stats.cancelled++;
      return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
    }
    const uri = URI.parse(params.textDocument.uri);
    const live = documents.hasDocument(uri) ? documents.getDocument(uri) : undefined;
    const current = shared.workspace.TextDocuments.get(uri.toString())?.getText();
    if (!live || current === undefined || !registry.hasServices(uri)) {
      stats.waited++;
      return langium(params, token);
    }
    const liveText = parsedText(live);
    if (live.state >= DocumentState.Linked && liveText === current) {
      stats.fresh++;
      return langium(params, token);
    }
    // Rebuild pending (debounced: the live AST is still the last linked one) or running (detached snapshot).
    const stale = live.state >= DocumentState.Linked && liveText !== undefined ? snapshotOf(live, liveText) : snapshots?.get(uri);
    const staleText = stale ? parsedText(stale) : undefined;
    const indexed = !needsIndex || live.state >= DocumentState.IndexedContent;
    if (stale && staleText !== undefined && indexed) {
      const valid = lineMapper(current, staleText);
      if (valid(params.position.line)) {
        try {
          const answer = await call(registry.getServices(uri) as LangiumServices, stale, params, token);
          if (rangesOf(answer).every((range) => valid(range.start.line) && valid(range.end.line))) {
            stats.stale++;
            return answer ?? null;
          }
        } catch {
          // The stale analysis could not answer: ask Langium's way.
        }
      }
    }
    stats.waited++;
    return langium(params, token);
  };
}

/**
 * Replaces the completion and hover handlers `startLanguageServer` registered (call it right
 * after `startLanguageServer`; the connection keeps one handler per request).
 */
export function addStaleWhileBuildingHandlers(connection: Connection, shared: LangiumSharedServices): StaleWhileBuildingStats {
  const stats: StaleWhileBuildingStats = { fresh: 0, stale: 0, waited: 0, cancelled: 0 };
  connection.onCompletion(
    staleWhileBuilding<CompletionParams, CompletionList>(
      shared,
      (services, document, params, token) => services.lsp.CompletionProvider?.getCompletion(document, params, token),
      true,
      stats,
    ),
  );
  connection.onHover(
    staleWhileBuilding<HoverParams, Hover>(
      shared,
      (services, document, params, token) => services.lsp.HoverProvider?.getHoverContent(document, params, token),
      false,
      stats,
    ),
  );
  return stats;
}
