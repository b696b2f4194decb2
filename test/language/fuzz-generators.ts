/**
 * Seeded, deterministic generators of hostile .moesys documents, shared by the fast fuzz test in
 * `npm test` and the ≥ 10,000-document run of `npm run fuzz`: random bytes, truncations, token
 * mutations, schema edge values, encodings and huge values, all grown from the examples.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** mulberry32: a small deterministic PRNG. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Next = () => number;
const pick = <T>(items: readonly T[], next: Next): T => items[Math.floor(next() * items.length)];

const EXAMPLES_DIR = new URL('../../examples/', import.meta.url);
const readExample = (name: string) => readFileSync(new URL(name, EXAMPLES_DIR), 'utf8');
/**
 * The examples, each with the files it imports pasted in its place: a fuzzed document stands
 * alone, and its references must resolve for the checks behind them (sweeps, scenarios) to run.
 */
export const EXAMPLES: ReadonlyArray<{ name: string; text: string }> = readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith('.moesys'))
  .sort()
  .map((name) => ({
    name,
    text: readExample(name).replace(/^import "([\w.-]+\.moesys)"\s*$/gm, (_, imported: string) => readExample(imported).replace(/^import .*$/gm, '')),
  }));

/** Tokens as the lexer sees them, comments and strings whole, so mutations stay near-valid. */
const TOKEN_PATTERN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|[\w\u00B5.-]+|./g;
export function tokens(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** Every token of every example, once: the vocabulary token mutations draw from. */
const VOCABULARY = [...new Set(EXAMPLES.flatMap((example) => tokens(example.text)).filter((token) => token.trim() && token.length < 40))];

/** Words that reach object prototypes when used as keys. */
const PROTOTYPE_WORDS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'isPrototypeOf', '__defineGetter__'];

/**
 * Values put where an example has a value: numbers at the edges of what doubles and the engine
 * take, units of every dimension (and of none), words of every kind, prototype names.
 */
export const EDGE_VALUES = [
  '0',
  '-0',
  '-1',
  '0.5',
  '1e-308',
  '1e308',
  '1e999',
  '-1e999',
  '9007199254740993',
  '4294967297',
  '720720',
  '720_720',
  '1e12',
  '1e15',
  '1e21',
  '1e12 GPUs',
  '32 GB',
  '450 GB/s',
  '3.6 Tb/s',
  '1 m22',
  '1 mm22',
  '2 m3',
  '1 %',
  '100 %',
  '250 %',
  '1e999 Tb/s',
  '1e-999 s',
  '0 s',
  '0 Tb/s',
  '-5 pJ/bit',
  '5 constructor',
  '5 __proto__',
  '5 toString',
  '5 valueOf',
  '1 Ki',
  '1 B/s/s',
  '1 b/b',
  '1 Btokens',
  '2 Bbit',
  '(1',
  '1 /',
  '1 / 0',
  '(1 GB) / (0 s)',
  '1e200 * 1e200',
  '1e308 + 1e308',
  '1 GB - 1 GB',
  '""',
  '"x"',
  '"__proto__"',
  '[]',
  '[1, 2]',
  '[[]]',
  '[toString]',
  'true',
  'false',
  'none',
  'bf16',
  'lpo',
  'valueOf',
  'toString',
  '__proto__',
  'constructor',
  'h100',
  'passage512',
  'paper-moe-c1',
  '1_',
  '1__000',
  '.5',
  '5.',
  '1e',
  '1e+',
  '0x10',
];

/** `= preset "…"` names: real ones of every kind (swapped into another kind) and prototype names. */
export const PRESET_NAMES = [
  'h100-sxm',
  'h800-sxm',
  'a100-sxm',
  'paper-gpu-2028',
  'gpt3-175b',
  'mixtral-8x7b',
  'deepseek-v3',
  'paper-moe-c1',
  'paper-job-c4',
  'passage512',
  'electrical144',
  'copper-224g',
  'passage-56g-8l',
  '',
  ' ',
  ...PROTOTYPE_WORDS,
];

const TOKENS = [
  '1e999',
  '-0',
  '-1',
  '0',
  '1e-999',
  '32 Tbps',
  '4 xyz/s',
  '7 Gb//s',
  '{',
  '}',
  '=',
  '[',
  ']',
  ',',
  '(',
  ')',
  '*',
  '/',
  '+',
  '-',
  'tier',
  'vary',
  'extends',
  'preset "nope"',
  'preset "__proto__"',
  'preset "toString"',
  'scenario',
  'moe { }',
  '"unterminated',
  '/*',
  '*/',
  '//',
  '\u00B5s',
  'NaN',
  'Infinity',
  '1_000_000',
  '.5',
  '5.',
  'true',
  'bf16',
  'x.y.z',
  '99999999999999999999999',
  '0 GPUs',
  '\u0000',
  '\uFFFF',
  '\r\n',
  'import',
  'import "',
  'import ""',
  'import "."',
  'import "/"',
  'vary valueOf.x in [1]',
  'vary __proto__ in [1]',
  'vary constructor.name in [1]',
  ...PROTOTYPE_WORDS,
];

/** Deletes, inserts, duplicates, swaps or replaces tokens of `text`. */
export function mutateTokens(text: string, next: Next): string {
  const parts = tokens(text);
  const edits = 1 + Math.floor(next() * 4);
  for (let edit = 0; edit < edits && parts.length > 0; edit++) {
    const at = Math.floor(next() * parts.length);
    const choice = next();
    if (choice < 0.2) parts.splice(at, 1 + Math.floor(next() * 3));
    else if (choice < 0.4) parts.splice(at, 0, ' ', pick(VOCABULARY, next), ' ');
    else if (choice < 0.55) parts.splice(at, 0, parts[at]);
    else if (choice < 0.65) {
      const other = Math.floor(next() * parts.length);
      [parts[at], parts[other]] = [parts[other], parts[at]];
    } else if (choice < 0.85) parts[at] = pick(TOKENS, next);
    else parts[at] = pick(VOCABULARY, next);
  }
  return parts.join('');
}

/** The older character-level mutation: deletions, insertions of tokens and control characters. */
export function mutateCharacters(text: string, next: Next): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (result.length + 1));
    const choice = next();
    if (choice < 0.3) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 20));
    else if (choice < 0.7) result = `${result.slice(0, at)} ${pick(TOKENS, next)} ${result.slice(at)}`;
    else if (choice < 0.85) result = result.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + result.slice(at);
    else {
      const digits = result.slice(at).search(/\d/);
      if (digits >= 0) result = `${result.slice(0, at + digits)}${pick(TOKENS.slice(0, 4), next)}${result.slice(at + digits + 1)}`;
    }
  }
  return result;
}

/** Replaces one to three values (`name = value`), presets, or `vary` paths with edge values. */
export function schemaEdge(text: string, next: Next): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let edit = 0; edit < edits; edit++) {
    const choice = next();
    if (choice < 0.15 && /preset\s+"[^"]*"/.test(result)) {
      const presets = [...result.matchAll(/preset\s+"[^"]*"/g)];
      const target = pick(presets, next);
      result = `${result.slice(0, target.index)}preset "${pick(PRESET_NAMES, next)}"${result.slice(target.index + target[0].length)}`;
    } else if (choice < 0.22) {
      // A declaration that starts from a preset, of any kind with any name.
      const kind = pick(['gpu', 'link', 'switch', 'system', 'model', 'training', 'scenario', 'compare', 'sweep'], next);
      result += `\n${kind} edge${edit} = preset "${pick(PRESET_NAMES, next)}" { }\n`;
    } else if (choice < 0.3 && /vary\s+[\w.-]+/.test(result)) {
      const varies = [...result.matchAll(/vary\s+([\w.-]+)/g)];
      const target = pick(varies, next);
      const path = next() < 0.5 ? `${pick(PROTOTYPE_WORDS, next)}.x` : `${target[1]}.${pick(PROTOTYPE_WORDS, next)}`;
      result = `${result.slice(0, target.index)}vary ${path}${result.slice(target.index + target[0].length)}`;
    } else {
      const values = [...result.matchAll(/(\b[\w-]+\s*=\s*)([^;\n}]+)/g)];
      if (values.length === 0) return result;
      const target = pick(values, next);
      const start = target.index + target[1].length;
      const replacement = next() < 0.1 ? `${pick(PROTOTYPE_WORDS, next)} = ${pick(EDGE_VALUES, next)}` : pick(EDGE_VALUES, next);
      result =
        next() < 0.1 && target[1].trim()
          ? `${result.slice(0, target.index)}${replacement}${result.slice(start + target[2].length)}`
          : `${result.slice(0, start)}${replacement}${result.slice(start + target[2].length)}`;
    }
  }
  return result;
}

/** The same text as another editor or file system may deliver it. */
export function reencode(text: string, next: Next): string {
  switch (Math.floor(next() * 9)) {
    case 0:
      return `\uFEFF${text}`;
    case 1:
      return text.replace(/\n/g, '\r\n');
    case 2:
      return text.replace(/\n/g, '\r');
    case 3:
      return text.replace(/ /g, '\u00A0');
    case 4:
      return text.replace(/ /g, (space) => (next() < 0.1 ? '\u200B' : space));
    // UTF-8 read as Latin-1: `µs` becomes `Âµs`, `…` three characters.
    case 5:
      return Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('');
    // UTF-16LE read as Latin-1: a NUL after every character.
    case 6:
      return Array.from(text, (char) => `${char}\u0000`).join('');
    case 7: {
      const at = Math.floor(next() * text.length);
      return `${text.slice(0, at)}\uD800${text.slice(at)}`;
    }
    default:
      return text.replace(/\t| {4}/g, '\t');
  }
}

/** Random bytes, as if a binary file had been opened. */
export function randomBytes(next: Next, length = Math.floor(next() * 600)): string {
  return Array.from({ length }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
}

/** A cut at a random character or just after a random token (`import` at the end of the file). */
export function truncate(text: string, next: Next): string {
  if (next() < 0.5) return text.slice(0, Math.floor(next() * text.length));
  const parts = tokens(text);
  return parts.slice(0, Math.floor(next() * parts.length)).join('');
}

/**
 * Huge values at a size that `scale` sets (1 in the fast run): long identifiers, numbers and
 * lines, many declarations and broken references, long sweeps, nesting just below the guard,
 * braces in comments and strings.
 */
export function huge(kind: number, next: Next, scale = 1): string {
  const example = pick(EXAMPLES, next).text;
  switch (kind % 10) {
    case 0:
      return `gpu ${'g'.repeat(20_000 * scale)} { hbmCapacity = 80 GB }\nscenario s { system = ${'x'.repeat(20_000 * scale)} }`;
    case 1:
      return `switch s { radix = ${'9'.repeat(5_000 * scale)}; portBandwidth = 0.${'0'.repeat(5_000 * scale)}1 Tb/s }`;
    case 2:
      return Array.from({ length: 300 * scale }, (_, i) => `scenario s${i} { system = sys${i}; model = m${i}; training = t${i} }`).join('\n');
    case 3:
      return `${example}\nsweep big { scenario = passage512_c4; vary system.gpuCount in [${Array.from({ length: 2_000 * scale }, (_, i) => i + 1).join(', ')}] }`;
    case 4:
      return `gpu g { hbmCapacity = ${'('.repeat(150 + Math.floor(next() * 50))}1 GB${')'.repeat(200)} }`;
    case 5:
      return `// ${'{'.repeat(500)}\n/* ${'('.repeat(500)} */\ngpu g = preset "h100-sxm" { hbmCapacity = 80 GB }\nlink l { kind = lpo; serdesEnergy = 1 pJ/bit } // "${'['.repeat(300)}"`;
    case 6:
      return `${example}\n${'model m'.repeat(1_000 * scale)}`;
    case 7:
      return example.replace(/=\s*\d[\d_]*(\s|;)/g, (match, end: string) => `= ${pick(['720720', '1e12', '1e15', '99999999', '4294967296'], next)}${end}`);
    case 8:
      return `${example}\nsweep s2 { scenario = ${pick(['passage512_c4', 'mixtral_h100', 'x'], next)}; vary system.gpuCount from 1 to 1e9 step 1 }`;
    default:
      return example.repeat(1 + Math.floor(next() * 3 * scale));
  }
}

export const GENERATOR_NAMES = [
  'random bytes',
  'truncation',
  'token mutation',
  'character mutation',
  'schema edge value',
  'encoding',
  'huge value',
  'token soup',
] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

/** Document number `index` of the corpus: generators in turn, each over the examples in turn. */
export function generate(index: number, next: Next, scale = 1): { generator: GeneratorName; text: string } {
  const generator = GENERATOR_NAMES[index % GENERATOR_NAMES.length];
  const example = EXAMPLES[Math.floor(index / GENERATOR_NAMES.length) % EXAMPLES.length].text;
  switch (generator) {
    case 'random bytes':
      return { generator, text: randomBytes(next) };
    case 'truncation':
      return { generator, text: truncate(example, next) };
    case 'token mutation':
      return { generator, text: mutateTokens(example, next) };
    case 'character mutation':
      return { generator, text: mutateCharacters(example, next) };
    case 'schema edge value':
      return { generator, text: schemaEdge(example, next) };
    case 'encoding':
      return { generator, text: reencode(next() < 0.5 ? example : mutateTokens(example, next), next) };
    case 'huge value':
      return { generator, text: huge(Math.floor(index / GENERATOR_NAMES.length), next, scale) };
    default:
      return { generator, text: Array.from({ length: 1 + Math.floor(next() * 40) }, () => pick(next() < 0.5 ? TOKENS : VOCABULARY, next)).join(' ') };
  }
}
