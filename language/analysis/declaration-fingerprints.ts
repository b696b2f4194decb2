/**
 * Fingerprints of top-level declarations by content: a number that is the same in two builds
 * exactly when the declaration's text and the fingerprints of everything it references (in
 * order) are the same. A scenario's lowering and evaluation depend on nothing else, so an edit
 * re-analyses only the scenarios that depend on what was edited.
 */
import { type AstNode, AstUtils, type LangiumDocument, type ReferenceInfo } from 'langium';
import { contentsOf } from '../langium-overrides/ast-contents.js';
import { type Declaration, isDeclaration, isDocument } from '../generated/ast.js';

/**
 * The numbering shared by successive builds. Keys of declarations from this build and the one
 * before are kept (two generations), so old document texts are not retained.
 */
export class FingerprintNumbering {
  private previous = new Map<string, number>();
  private current = new Map<string, number>();
  private next = 1;

  /** Starts a build; returns the fingerprints still alive (seen in the last build). */
  startBuild(): Set<number> {
    const alive = new Set(this.current.values());
    this.previous = this.current;
    this.current = new Map();
    return alive;
  }

  numberOf(key: string): number {
    const fingerprint = this.current.get(key) ?? this.previous.get(key) ?? this.next++;
    this.current.set(key, fingerprint);
    return fingerprint;
  }
}

/** Fingerprints of one build's declarations. */
export class BuildFingerprints {
  /** Per declaration; null when it can't be fingerprinted (cycle, parse errors). */
  private readonly known = new Map<Declaration, number | null>();
  private readonly referencesByDocument = new Map<LangiumDocument, Map<Declaration, ReferenceInfo[]>>();

  constructor(private readonly numbering: FingerprintNumbering) {}

  of(declaration: Declaration, visiting = new Set<Declaration>()): number | undefined {
    const known = this.known.get(declaration);
    if (known !== undefined) return known ?? undefined;
    if (visiting.has(declaration)) return undefined;
    const fingerprint = this.compute(declaration, visiting);
    this.known.set(declaration, fingerprint ?? null);
    return fingerprint;
  }

  private compute(declaration: Declaration, visiting: Set<Declaration>): number | undefined {
    const text = declaration.$cstNode?.text;
    const document = AstUtils.getDocument(declaration);
    // With syntax errors, recovery may shape the AST differently around the same text.
    const { parserErrors, lexerErrors } = document.parseResult;
    if (text === undefined || parserErrors.length > 0 || lexerErrors.length > 0 || !isDocument(declaration.$container)) return undefined;
    visiting.add(declaration);
    let key = `${text}\u0000`;
    try {
      for (const info of this.referencesIn(document, declaration)) {
        const reference = info.reference as { ref?: AstNode; $refText: string };
        if (!('ref' in reference)) return undefined;
        const target = reference.ref;
        if (target === undefined) {
          key += '-,';
          continue;
        }
        if (!isDeclaration(target)) return undefined;
        const fingerprint = this.of(target, visiting);
        if (fingerprint === undefined) return undefined;
        key += `${fingerprint},`;
      }
    } finally {
      visiting.delete(declaration);
    }
    return this.numbering.numberOf(key);
  }

  /** Cross-references written inside a top-level declaration, in document order. */
  private referencesIn(document: LangiumDocument, declaration: Declaration): ReferenceInfo[] {
    let byDeclaration = this.referencesByDocument.get(document);
    if (!byDeclaration) {
      byDeclaration = new Map();
      for (const info of contentsOf(document.parseResult.value).references) {
        let node: AstNode = info.container;
        while (node.$container && !isDocument(node.$container)) node = node.$container;
        if (!isDeclaration(node)) continue;
        let list = byDeclaration.get(node);
        if (!list) byDeclaration.set(node, (list = []));
        list.push(info);
      }
      this.referencesByDocument.set(document, byDeclaration);
    }
    return byDeclaration.get(declaration) ?? [];
  }
}
