/**
 * One parse error per root cause. Chevrotain's recovery reports a stray word once for the rule that
 * failed ("Expected a member …, but found 'GB'") and again for what it wanted next ("Expected '}'
 * but found 'GB'"); the first says it all. A character the lexer skipped (`hbmCapacity: 80 GB`)
 * leaves its line unparseable, so the lexer's error, which names the character and the fix, is the
 * line's only one. A member whose value is not written yet leaves an error at the next line's `=`,
 * which the linker's message replaces (`missing-value.ts`).
 */
import type { ParseResult } from 'langium';
import { isAfterMissingValue } from './missing-value.js';

export function oneErrorPerRootCause<T extends ParseResult>(result: T): T {
  const lexed = new Set<number>();
  const lexerErrors = result.lexerErrors.filter((error) => {
    if (error.line === undefined) return true;
    if (lexed.has(error.line)) return false;
    lexed.add(error.line);
    return true;
  });
  const seen = new Set<number>();
  const parserErrors = result.parserErrors.filter((error) => {
    if (lexed.has(error.token.startLine ?? Number.NaN)) return false;
    const offset = error.token.startOffset;
    // A token recovery inserted has no place; each such error stands.
    if (!Number.isFinite(offset) || offset < 0) return true;
    if (seen.has(offset)) return false;
    seen.add(offset);
    return !isAfterMissingValue(error.token, result.value);
  });
  const unchanged = parserErrors.length === result.parserErrors.length && lexerErrors.length === result.lexerErrors.length;
  return unchanged ? result : { ...result, lexerErrors, parserErrors };
}
