/**
 * Langium overrides: linking and reference indexing over the shared walk (ast-contents.ts).
 *
 * Written against langium 4.4.0. Replaces `DefaultLinker.link` (which walks `streamAst` and awaits
 * `interruptAndCheck` per node) and `DefaultReferenceDescriptionProvider.createDescriptions` (the
 * same per reference). Both visit the same references in the same order, still give way to the
 * event loop every few hundred nodes and honour cancellation. The profiler path stays Langium's.
 * Contract: identical diagnostics with and without these overrides (test/language/langium-overrides.test.ts).
 */
import { DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription } from 'langium';
import { MoesysLinker } from '../semantics/moesys-linker.js';
import { CancellationToken, contentsOf, needsCheck } from './ast-contents.js';

/** The moesys linker (its messages) with the shared walk. */
export class FastMoesysLinker extends MoesysLinker {
  override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
    if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
    const { references } = contentsOf(document.parseResult.value);
    for (let index = 0; index < references.length; index++) {
      if (needsCheck(index, cancelToken)) await interruptAndCheck(cancelToken);
      this.doLink(references[index], document);
    }
  }
}

export class FastReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
  override async createDescriptions(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<ReferenceDescription[]> {
    const descriptions: ReferenceDescription[] = [];
    const { references } = contentsOf(document.parseResult.value);
    for (let index = 0; index < references.length; index++) {
      if (needsCheck(index, cancelToken)) await interruptAndCheck(cancelToken);
      const info = references[index];
      if (!info.reference.error) {
        for (const description of this.createInfoDescriptions(info)) descriptions.push(description);
      }
    }
    return descriptions;
  }
}
