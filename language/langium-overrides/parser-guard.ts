/**
 * Langium overrides: the parser, guarded against pathological nesting.
 *
 * Written against langium 4.4.0. Wraps `LangiumParser.parse` of the parser that
 * `createLangiumParser` builds, provided through the DI module (`parser.LangiumParser`), so every
 * service that parses (the document factory, the CLI, tests) gets the guarded one.
 *
 * Chevrotain parses nested blocks, parentheses
 * and lists recursively, so a document nested a few hundred levels deep would overflow the stack
 * (about 185 parentheses do, in the bundled server) and take the server down. Such a document
 * gets one diagnostic instead of an AST. Comments and strings are skipped, as the lexer skips
 * them: a `{` in a comment nests nothing. Every other document's parse errors are reported once per
 * root cause (`syntax/parse-errors.ts`).
 */
import { createLangiumParser, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import { oneErrorPerRootCause } from '../syntax/parse-errors.js';

/**
 * Far beyond anything a person writes (the examples nest 3 levels), far below what overflows the
 * stack: the parser has been measured to 185 parentheses with the default stack, and a
 * browser worker's stack may be smaller.
 */
export const MAX_NESTING = 64;
/** Longest chain of arithmetic operators in one value (each one nests the AST one level). */
export const MAX_OPERATORS = 1000;
/**
 * Largest document analysed, in characters: 8 million is 50 times the 3,000-line benchmark file; a
 * 20 MB paste would otherwise hold the server for minutes and gigabytes.
 */
export const MAX_DOCUMENT_CHARS = 8_000_000;

interface DeepSpot {
  offset: number;
  line: number;
  column: number;
  message: string;
}

const enum Char {
  newline = 10,
  quote = 34,
  parenOpen = 40,
  parenClose = 41,
  star = 42,
  plus = 43,
  comma = 44,
  minus = 45,
  slash = 47,
  semicolon = 59,
  equals = 61,
  bracketOpen = 91,
  backslash = 92,
  bracketClose = 93,
  braceOpen = 123,
  braceClose = 125,
}

function isWordChar(char: number): boolean {
  return (char >= 48 && char <= 57) || (char >= 65 && char <= 90) || (char >= 97 && char <= 122) || char === 95 || char === 0xb5;
}

/** The first place where nesting or an operator chain gets too deep, if any. Linear in the text. */
export function findTooDeep(text: string): DeepSpot | undefined {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return {
      offset: 0,
      line: 1,
      column: 1,
      message: `This file has ${(text.length / 1e6).toFixed(1)} million characters; moesys analyses files of at most ${MAX_DOCUMENT_CHARS / 1e6} million.`,
    };
  }
  let depth = 0;
  let operators = 0;
  let line = 1;
  let lineStart = 0;
  /** Whether the current word is an identifier (where `-` joins words: `copper-224g`). */
  let inIdentifier = false;
  const spot = (offset: number, message: string): DeepSpot => ({ offset, line, column: offset - lineStart + 1, message });
  for (let offset = 0, length = text.length; offset < length; offset++) {
    const char = text.charCodeAt(offset);
    if (isWordChar(char)) {
      // A word that starts with a letter is an identifier; one that starts with a digit a number.
      if (offset === 0 || !isWordChar(text.charCodeAt(offset - 1)))
        inIdentifier = (inIdentifier && text.charCodeAt(offset - 1) === Char.minus) || !(char >= 48 && char <= 57);
      continue;
    }
    if (char > Char.braceClose) {
      inIdentifier = false;
      continue;
    }
    if (char === Char.newline) {
      line++;
      lineStart = offset + 1;
    } else if (char === Char.slash && text.charCodeAt(offset + 1) === Char.slash) {
      const end = text.indexOf('\n', offset);
      offset = (end < 0 ? length : end) - 1;
    } else if (char === Char.slash && text.charCodeAt(offset + 1) === Char.star) {
      const end = text.indexOf('*/', offset + 2);
      const stop = end < 0 ? length : end + 2;
      for (let at = text.indexOf('\n', offset); at >= 0 && at < stop; at = text.indexOf('\n', at + 1)) {
        line++;
        lineStart = at + 1;
      }
      offset = stop - 1;
    } else if (char === Char.quote) {
      // A string ends at its closing quote or, unterminated, at the end of the line (as the lexer sees it).
      let at = offset + 1;
      while (at < length) {
        const inside = text.charCodeAt(at);
        if (inside === Char.backslash) at += 2;
        else if (inside === Char.quote || inside === Char.newline || inside === 13) break;
        else at++;
      }
      offset = text.charCodeAt(at) === Char.quote ? at : at - 1;
    } else if (char === Char.braceOpen || char === Char.parenOpen || char === Char.bracketOpen) {
      if (++depth > MAX_NESTING) return spot(offset, `Nesting deeper than ${MAX_NESTING} levels (blocks, parentheses and lists together) is not supported.`);
      if (char !== Char.parenOpen) operators = 0;
    } else if (char === Char.braceClose || char === Char.parenClose || char === Char.bracketClose) {
      if (depth > 0) depth--;
      if (char !== Char.parenClose) operators = 0;
    } else if (char === Char.equals || char === Char.semicolon || char === Char.comma) {
      operators = 0; // a new value begins
    } else if (
      char === Char.plus ||
      char === Char.star ||
      char === Char.slash ||
      (char === Char.minus && !(inIdentifier && isWordChar(text.charCodeAt(offset + 1))))
    ) {
      if (++operators > MAX_OPERATORS) return spot(offset, `More than ${MAX_OPERATORS} arithmetic operators in one value is not supported.`);
    }
    if (char !== Char.minus) inIdentifier = false;
  }
  return undefined;
}

/** Langium's parser for the language, wrapped so that too-deep documents parse as empty with one error. */
export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
  const parser = createLangiumParser(services);
  const parse = parser.parse.bind(parser) as (text: string, options?: unknown) => ParseResult;
  (parser as { parse: (text: string, options?: unknown) => ParseResult }).parse = (text: string, options?: unknown) => {
    const deep = findTooDeep(text);
    if (!deep) return oneErrorPerRootCause(parse(text, options));
    const empty = parse('', options);
    return {
      ...empty,
      lexerErrors: [{ offset: deep.offset, line: deep.line, column: deep.column, length: 1, message: deep.message }],
    } as ParseResult;
  };
  return parser;
}
