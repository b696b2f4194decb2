/**
 * Guards the parser against pathological nesting. Chevrotain parses nested blocks, parentheses
 * and lists recursively, so a document nested tens of thousands of levels deep would overflow
 * the stack and take the server down. Such a document gets one diagnostic instead of an AST.
 */
import type { LangiumCoreServices, ParseResult } from 'langium';

/** Far beyond anything a person writes; far below what overflows the stack. */
export const MAX_NESTING = 200;
/** Longest chain of arithmetic operators in one value (each one nests the AST one level). */
export const MAX_OPERATORS = 1000;

interface DeepSpot { offset: number; line: number; column: number; message: string }

/** The first place where nesting or an operator chain gets too deep, if any. Linear in the text. */
export function findTooDeep(text: string): DeepSpot | undefined {
    let depth = 0;
    let operators = 0;
    let line = 1;
    let lineStart = 0;
    // Limits can only be crossed where a count goes up, so only those characters check them.
    const spot = (offset: number, message: string): DeepSpot => ({ offset, line, column: offset - lineStart + 1, message });
    for (let offset = 0, length = text.length; offset < length; offset++) {
        const char = text.charCodeAt(offset);
        if (char > 125) continue; // beyond every character below
        if (char === 10) {
            line++; lineStart = offset + 1; operators = 0;
        } else if (char === 123 || char === 40 || char === 91) { // { ( [
            if (++depth > MAX_NESTING) return spot(offset, `Nesting deeper than ${MAX_NESTING} levels is not supported.`);
        } else if (char === 125 || char === 41 || char === 93) { // } ) ]
            if (depth > 0) depth--;
        } else if (char === 43 || char === 42 || char === 45) { // + * -
            if (++operators > MAX_OPERATORS) return spot(offset, `More than ${MAX_OPERATORS} arithmetic operators on one line is not supported.`);
        }
    }
    return undefined;
}

/** Wraps the language's parser so that too-deep documents parse as empty with one error. */
export function guardParser(services: LangiumCoreServices): void {
    const parser = services.parser.LangiumParser;
    const parse = parser.parse.bind(parser) as (text: string, options?: unknown) => ParseResult;
    (parser as { parse: (text: string, options?: unknown) => ParseResult }).parse = (text: string, options?: unknown) => {
        const deep = findTooDeep(text);
        if (!deep) return parse(text, options);
        const empty = parse('', options);
        return {
            ...empty,
            lexerErrors: [{ offset: deep.offset, line: deep.line, column: deep.column, length: 1, message: deep.message }],
        } as ParseResult;
    };
}
