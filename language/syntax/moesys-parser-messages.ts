/**
 * Parser error messages in the language's own terms. Chevrotain's default for a failed choice
 * lists every token sequence the grammar allows (thirty lines for a member); a person wants to
 * know what kind of thing was expected.
 */
import { LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';
import { DECLARATION_SCHEMAS } from '../semantics/schema.js';

const RULE_EXPECTATIONS: Record<string, string> = {
  Member: 'a member (`name = value`), a block (`name { … }`), `tier`, `vary` or `}`',
  Property: 'a member (`name = value`)',
  Value: 'a value: a quantity (`32 Tb/s`), a word (`bf16`), a name or a list `[…]`',
  Expression: 'a quantity such as `32 Tb/s`',
  PrimaryExpression: 'a number or `(`',
  Declaration: 'a declaration (`gpu`, `link`, `switch`, `system`, `model`, `training`, `scenario`, `compare`, `sweep`, `search`)',
  Document: 'an `import` or a declaration (`gpu`, `link`, `switch`, `system`, `model`, `training`, `scenario`, `compare`, `sweep`, `search`)',
  Vary: '`in [values]` or `from … to …`',
  Unit: 'a unit such as `Tb/s`',
  UnitAtom: 'a unit such as `Tb/s`',
  PropertyName: 'a member name',
  EnumWord: 'a word such as `bf16` or `true`',
  DeclarationKind: 'a declaration keyword',
};

/** Langium suffixes rule names with a zero-width space to keep them apart from chevrotain's. */
function ruleName(name: string): string {
  return name.replace(/\u200B/g, '');
}

function describe(token: IToken): string {
  return token.tokenType.name === 'EOF' ? 'the end of the file' : `'${token.image}'`;
}

function describeTokenType(type: TokenType): string {
  switch (type.name) {
    case 'ID':
      return 'a name';
    case 'NUMBER':
      return 'a number';
    case 'STRING':
      return 'a string';
    case 'UNIT':
      return 'a unit';
    default:
      return `'${type.name}'`;
  }
}

/** A word of the language where a declaration's name belongs, as in `scenario training { … }`. */
function keywordAsName(options: { expected: TokenType; actual: IToken; previous: IToken }): boolean {
  return (
    options.expected.name === 'ID' &&
    Object.hasOwn(DECLARATION_SCHEMAS, options.previous?.image ?? '') &&
    /^[A-Za-z]\w*$/.test(options.actual.image) &&
    options.actual.tokenType.name !== 'ID'
  );
}

export class MoesysParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
  override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
    if (options.expected.name === 'EOF') return this.buildNotAllInputParsedMessage({ firstRedundant: options.actual, ruleName: options.ruleName });
    if (keywordAsName(options)) {
      const word = options.actual.image;
      return `'${word}' is a word of the language and cannot name a ${options.previous.image}; give it a name of its own, e.g. '${word}-1'.`;
    }
    return `Expected ${describeTokenType(options.expected)} but found ${describe(options.actual)}.`;
  }

  override buildNoViableAltMessage(options: {
    expectedPathsPerAlt: TokenType[][][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    const found = options.actual[0] ? describe(options.actual[0]) : 'nothing';
    const expected = RULE_EXPECTATIONS[ruleName(options.ruleName)];
    if (expected) return `Expected ${expected}, but found ${found}.`;
    const firsts = [
      ...new Set(options.expectedPathsPerAlt.flatMap((paths) => paths.map((path) => (path[0] ? describeTokenType(path[0]) : ''))).filter(Boolean)),
    ];
    return `Unexpected ${found}; expected ${firsts.slice(0, 6).join(', ')}${firsts.length > 6 ? ', …' : ''}.`;
  }

  override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
    if (options.firstRedundant.image === 'import') return 'Imports come first: move this `import` above the declarations.';
    return `Expected ${RULE_EXPECTATIONS.Document}, but found ${describe(options.firstRedundant)}.`;
  }

  override buildEarlyExitMessage(options: {
    expectedIterationPaths: TokenType[][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    const found = options.actual[0] ? describe(options.actual[0]) : 'nothing';
    return `Expected ${RULE_EXPECTATIONS[ruleName(options.ruleName)] ?? 'more input'}, but found ${found}.`;
  }
}
