/**
 * One parse error per token. Chevrotain's recovery reports a stray word once for the rule that
 * failed ("Expected a member …, but found 'GB'") and again for what it wanted next ("Expected '}'
 * but found 'GB'"); the first says it all.
 */
import type { ParseResult } from 'langium';

export function oneErrorPerToken<T extends ParseResult>(result: T): T {
  if (result.parserErrors.length < 2) return result;
  const seen = new Set<number>();
  const parserErrors = result.parserErrors.filter((error) => {
    const offset = error.token.startOffset;
    // A token recovery inserted has no place; each such error stands.
    if (!Number.isFinite(offset) || offset < 0) return true;
    if (seen.has(offset)) return false;
    seen.add(offset);
    return true;
  });
  return parserErrors.length === result.parserErrors.length ? result : { ...result, parserErrors };
}
