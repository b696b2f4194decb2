/**
 * Token builder that makes unit words context-sensitive. Chevrotain takes the first token that
 * matches and has no parser context, so a plain `UNIT` terminal would either shadow `ID` or never
 * match. A custom pattern function can look at the tokens lexed so far and at the text ahead.
 */
import { DefaultTokenBuilder, type GrammarAST } from 'langium';
import type { IToken, TokenType, CustomPatternMatcherReturn } from 'chevrotain';

const UNIT_WORD = /[_a-zA-Z\u00B5][\w\u00B5]*/y;
const NEXT_SIGNIFICANT = /\s*(\S)/y;

/**
 * True when the token before `offset` is a number or the `/` inside a unit, on the same line: a
 * word on the next line starts the next member (`layers = 61` then `recompute = …` being typed).
 */
function followsNumberOrSlash(text: string, offset: number, tokens: IToken[]): boolean {
  const previous = tokens[tokens.length - 1];
  if (!previous) return false;
  const name = previous.tokenType.name;
  if (name !== 'NUMBER' && name !== '/') return false;
  const gap = text.slice(previous.startOffset + previous.image.length, offset);
  return !gap.includes('\n') && !gap.includes('\r');
}

/** Matches a unit word only where a unit may stand. Exported for tests. */
export function matchUnit(text: string, offset: number, tokens: IToken[]): CustomPatternMatcherReturn | null {
  if (!followsNumberOrSlash(text, offset, tokens)) return null;
  UNIT_WORD.lastIndex = offset;
  const match = UNIT_WORD.exec(text);
  if (!match) return null;
  // `x = 5` newline `y = 3`: `y` is the next member's name, not a unit.
  NEXT_SIGNIFICANT.lastIndex = offset + match[0].length;
  const next = NEXT_SIGNIFICANT.exec(text);
  const nextChar = next?.[1];
  if (nextChar === '=' || nextChar === '{' || nextChar === '.') return null;
  return [match[0]] as unknown as CustomPatternMatcherReturn;
}

export class MoesysTokenBuilder extends DefaultTokenBuilder {
  private unitToken: TokenType | undefined;

  protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
    if (terminal.name !== 'UNIT') return super.buildTerminalToken(terminal);
    this.unitToken = {
      name: 'UNIT',
      PATTERN: { exec: matchUnit },
      LINE_BREAKS: false,
      START_CHARS_HINT: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\u00B5'],
    } as TokenType;
    return this.unitToken;
  }

  /** Keywords such as `to` must yield to a unit word such as `tokens` right after a number. */
  protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
    const alternatives = super.findLongerAlt(keyword, terminalTokens);
    return this.unitToken && /^[a-zA-Z_]/.test(keyword.value) ? [this.unitToken, ...alternatives] : alternatives;
  }
}
