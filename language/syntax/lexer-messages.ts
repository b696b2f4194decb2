/**
 * Lexer errors in the language's own terms. Chevrotain's default, "unexpected character: ->:<- at
 * offset: 24, skipped 1 characters", names neither what was meant nor the fix; a character that
 * means something in another notation (YAML's `:`, Python's `#`, a typeset minus pasted from a
 * paper) is almost always that.
 */
import { DefaultLexerErrorMessageProvider } from 'langium';

/** A character moesys does not use, what a writer usually meant by it, and its replacement. */
interface ForeignCharacter {
  meaning: string;
  replacement?: string;
}

const FOREIGN_CHARACTERS: Record<string, ForeignCharacter> = {
  ':': { meaning: 'does not assign in moesys; a member is written `name = value`', replacement: '=' },
  '#': { meaning: 'does not start a comment in moesys; write `//` (to the end of the line) or `/* … */`', replacement: '//' },
  "'": { meaning: 'does not quote in moesys; strings are written in double quotes, `"…"`' },
  '−': { meaning: 'is a typeset minus sign (U+2212); write `-`', replacement: '-' },
  '–': { meaning: 'is an en dash (U+2013); write `-`', replacement: '-' },
  '×': { meaning: 'is a multiplication sign (U+00D7); write `*`', replacement: '*' },
  '·': { meaning: 'is a middle dot (U+00B7); write `*`', replacement: '*' },
};

/** What the character at `offset` means elsewhere, when moesys has a use for the intent. */
function foreignCharacter(text: string, offset: number): ForeignCharacter | undefined {
  return FOREIGN_CHARACTERS[text.charAt(offset)];
}

/** The text that replaces a foreign character: `=` keeps a space on each side of it. */
export function foreignCharacterReplacement(text: string, offset: number): string | undefined {
  const replacement = foreignCharacter(text, offset)?.replacement;
  if (replacement !== '=') return replacement;
  return `${/\s/.test(text.charAt(offset - 1)) ? '' : ' '}=${/\s/.test(text.charAt(offset + 1)) ? '' : ' '}`;
}

/** The line around `offset`, trimmed, with the foreign character replaced: the member as meant. */
function meantLine(text: string, offset: number, replacement: string): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return (text.slice(start, offset) + replacement + text.slice(offset + 1, end)).trim();
}

export class MoesysLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
  override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
    const character = fullText.charAt(startOffset);
    const foreign = foreignCharacter(fullText, startOffset);
    if (!foreign) {
      const shown = fullText.slice(startOffset, startOffset + length);
      return `'${shown}' is not part of the moesys language; delete it, or move it into a comment or a string.`;
    }
    const replacement = foreignCharacterReplacement(fullText, startOffset);
    const example = replacement === undefined ? '' : `: \`${meantLine(fullText, startOffset, replacement)}\``;
    return `'${character}' ${foreign.meaning}${example}.`;
  }
}
