/**
 * Linking errors that say what went wrong. Scopes are filtered by the kind a property expects
 * (see MoesysScopeProvider), so `model = h100` fails to link even though `gpu h100` exists;
 * Langium's default message ("Could not resolve reference to Declaration named 'h100'") hides
 * that. Here it reads "h100 is a gpu; `model` expects a model", or "No model named 'x' is declared
 * in this file or a file it imports.", with the nearest model name.
 */
import { AstUtils, type AstNodeDescription, DefaultLinker, type LinkingError, type ReferenceInfo } from 'langium';
import { isDeclaration, isReferenceValue } from '../generated/ast.js';
import { missingValueMessage, propertyMissingValue } from '../syntax/missing-value.js';
import type { MoesysServices } from '../moesys-module.js';
import { expectedKind, type MoesysScopeProvider } from './moesys-scope.js';
import { closest, shortened } from './nearest-name.js';
import { presetNames } from './presets.js';
import { propertyOfValue, propertySpecOf } from './schema-lookup.js';
import type { DeclarationKind } from './schema.js';

/**
 * Did-you-mean is offered for the first this many unresolved references of a parse; past that
 * (a pasted file whose imports are missing, thousands of broken names) the messages stay plain,
 * so linking stays linear.
 */
export const MAX_SUGGESTED_REFERENCES = 200;

/** Names other tools give a word of the language (PyTorch's dtypes, recipe names), and what else to write with it. */
const WORD_ALIASES: Readonly<Record<string, { word: string; note?: string }>> = {
  bfloat16: { word: 'bf16' },
  float16: { word: 'fp16' },
  half: { word: 'fp16' },
  float32: { word: 'fp32' },
  float: { word: 'fp32' },
  float8: { word: 'fp8' },
  e4m3: { word: 'fp8' },
  mxfp8: { word: 'fp8', note: 'with lowPrecisionScaling = perBlock' },
  nvfp4: { word: 'fp4', note: 'with lowPrecisionScaling = perBlock' },
  mxfp4: { word: 'fp4', note: 'with lowPrecisionScaling = perBlock' },
};

export class MoesysLinker extends DefaultLinker {
  private readonly scopes: MoesysScopeProvider;
  /** Suggestions made per parse (keyed by its root node, which every parse makes anew). */
  private readonly suggested = new WeakMap<object, number>();

  constructor(services: MoesysServices) {
    super(services);
    this.scopes = services.references.ScopeProvider as MoesysScopeProvider;
  }

  protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
    const error = super.createLinkingError(refInfo, targetDescription);
    const expected = expectedKind(refInfo);
    if (targetDescription) return error;
    const unwritten = propertyMissingValue(refInfo.container);
    if (unwritten && isReferenceValue(refInfo.container)) return { ...error, message: missingValueMessage(refInfo.container, unwritten) };
    const name = refInfo.reference.$refText;
    // A word slot (`cudaGraphs = router`): the one error says which words it takes; the validator adds none.
    const property = propertyOfValue(refInfo.container);
    const spec = property && propertySpecOf(property);
    if (spec?.type.kind === 'enum') {
      const words = Object.keys(spec.type.values);
      const alias = WORD_ALIASES[name.toLowerCase()];
      const typo =
        alias && words.includes(alias.word)
          ? alias.word
          : (words.find((word) => name.length > 2 && word.toLowerCase().includes(name.toLowerCase())) ?? closest(name, words));
      return {
        ...error,
        message: `'${spec.name}' takes one of ${words.join(', ')}; '${shortened(name)}' is not one of them.${typo ? ` Did you mean '${typo}'${typo === alias?.word && alias.note ? `, ${alias.note}` : ''}?` : ''}`,
      };
    }
    if (spec?.type.kind === 'boolean') {
      const meant = /^(yes|on|enabled?|y|1)$/i.test(name) ? 'true' : /^(no|off|disabled?|n|0)$/i.test(name) ? 'false' : undefined;
      return { ...error, message: `'${spec.name}' takes true or false; '${shortened(name)}' is neither.${meant ? ` Did you mean '${meant}'?` : ''}` };
    }
    if (!expected) return { ...error, message: `Nothing named '${shortened(name)}' is declared in this file or a file it imports.` };
    const document = AstUtils.getDocument(refInfo.container);
    const root = document.parseResult.value;
    const count = (this.suggested.get(root) ?? 0) + 1;
    this.suggested.set(root, count);
    const other = this.scopes
      .declarationsVisibleFrom(document, undefined)
      .getElements(name)
      .find((description) => kindOf(description) !== undefined);
    // A declaration never usefully refers to itself (`gpu h extends h`).
    const fitting =
      count > MAX_SUGGESTED_REFERENCES
        ? []
        : this.scopes
            .declarationsVisibleFrom(document, expected)
            .getAllElements()
            .filter((description) => kindOf(description) === expected && description.node !== refInfo.container)
            .map((description) => description.name)
            .toArray();
    if (!other) {
      const missing = `No ${expected} named '${shortened(name)}' is declared in this file or a file it imports.`;
      // An engine preset is not a declaration: it is started from with `= preset "…"`.
      if (presetNames(expected).includes(name)) {
        return { ...error, message: `${missing} '${name}' is an engine preset: declare one from it, \`${expected} ${name} = preset "${name}"\`.` };
      }
      const typo = closest(name, fitting);
      return { ...error, message: `${missing}${typo ? ` Did you mean '${typo}'?` : ''}` };
    }
    // The name is right but the kind is wrong: any name of the right kind is a better start.
    const suggestion = closest(name, fitting, Infinity);
    const didYouMean = suggestion ? ` Did you mean '${suggestion}'?` : '';
    const member = isDeclaration(refInfo.container) && refInfo.property === 'base' ? 'extends' : (propertyOfValue(refInfo.container)?.name ?? refInfo.property);
    return { ...error, message: `${shortened(name)} is a ${kindOf(other)}; \`${member}\` expects ${article(expected)} ${expected}.${didYouMean}` };
  }
}

function kindOf(description: AstNodeDescription): DeclarationKind | undefined {
  return isDeclaration(description.node) ? (description.node.kind as DeclarationKind) : undefined;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
