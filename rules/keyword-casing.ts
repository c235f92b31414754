import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { DOCKERFILE_KEYWORDS } from '../src/model/buildkit.js';
import type { InstructionNode, Token } from '../src/model/types.js';

type Options = {
  style: 'consistent' | 'upper' | 'lower';
  directives: boolean;
};

type Case = 'upper' | 'lower' | 'mixed';

/** Known instruction keywords (a Set: looked up for every instruction). */
const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(DOCKERFILE_KEYWORDS);

function caseOf(word: string): Case {
  // ASCII words (all keywords in practice) by character codes, without building the upper- and lower-case copies.
  let hasUpper = false;
  let hasLower = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 97 && code <= 122) hasLower = true;
    else if (code >= 65 && code <= 90) hasUpper = true;
    else if (code > 127) return unicodeCaseOf(word);
  }
  if (!hasLower) return 'upper';
  return hasUpper ? 'mixed' : 'lower';
}

function unicodeCaseOf(word: string): Case {
  if (word === word.toUpperCase()) return 'upper';
  if (word === word.toLowerCase()) return 'lower';
  return 'mixed';
}

function recase(file: BuildFile, token: Token, to: 'upper' | 'lower'): Fix {
  return {
    edits: [{ range: token.range, text: to === 'upper' ? token.text.toUpperCase() : token.text.toLowerCase() }],
    safe: true,
    description: `Write '${token.text}' in ${to === 'upper' ? 'upper' : 'lower'} case`,
  };
}

/** Every known instruction keyword, triggers included, with HEALTHCHECK's CMD/NONE word. */
function keywordTokens(file: BuildFile): Token[] {
  const tokens: Token[] = [];
  const add = (node: InstructionNode): void => {
    if (!KNOWN_KEYWORDS.has(node.keyword)) return;
    tokens.push(node.keywordToken);
    if (node.keyword === 'HEALTHCHECK') {
      const type = node.args[0];
      if (type && ['CMD', 'NONE'].includes(type.text.toUpperCase())) tokens.push(type);
    }
    if (node.trigger) add(node.trigger);
  };
  for (const node of file.instructions) add(node);
  return tokens;
}

/** Each stage's `AS` token by the offset of its FROM keyword (the first stage wins, as a search would). */
function asTokensByFromOffset(file: BuildFile): Map<number, Token | undefined> {
  const byOffset = new Map<number, Token | undefined>();
  for (const stage of file.stages) {
    const offset = stage.from.keywordToken.startOffset;
    if (!byOffset.has(offset)) byOffset.set(offset, stage.asToken);
  }
  return byOffset;
}

export default defineRule<Options>({
  meta: {
    id: 'keyword-casing',
    codes: ['ConsistentInstructionCasing', 'FromAsCasing'],
    severity: 'style',
    category: 'style',
    presets: ['recommended'],
    description: 'Keywords are not cased consistently, or not in the configured case',
    rationale:
      'Docker accepts keywords in any case, but a file that mixes `RUN` and `run`, or `FROM … as …`, is harder to ' +
      'scan and suggests copy-pasted fragments. One case throughout reads as one file.',
    fixable: 'safe',
    fixDescription: 'Changes the word to the expected case; keywords are case-insensitive, so the build is unchanged.',
    alsoKnownAs: ['dockerfile-utils:CASING_INSTRUCTION', 'dockerfile-utils:CASING_DIRECTIVE', 'dockerfilelint:uppercase_commands'],
    options: {
      schema: {
        type: 'object',
        properties: { style: { enum: ['consistent', 'upper', 'lower'] }, directives: { type: 'boolean' } },
        additionalProperties: false,
      },
      defaults: { style: 'consistent', directives: true },
      docs: {
        style: '`"consistent"` uses the majority case of the file (upper case on a tie); `"upper"` or `"lower"` require that case.',
        directives: 'Also require lower-case parser directive names (`syntax`, `escape`, `check`).',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nrun echo hi\nRUN echo ho\n', 'FROM alpine:3.20 as build\n', 'From alpine:3.20\n'],
      valid: ['FROM alpine:3.20 AS build\nRUN echo hi\n', 'from alpine:3.20 as build\nrun echo hi\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const tokens = keywordTokens(file);
    let expected: 'upper' | 'lower' = options.style === 'lower' ? 'lower' : 'upper';
    if (options.style === 'consistent') {
      let upper = 0;
      let lower = 0;
      for (const node of file.instructions) {
        if (!KNOWN_KEYWORDS.has(node.keyword)) continue;
        const c = caseOf(node.keywordToken.text);
        if (c === 'upper') upper++;
        else if (c === 'lower') lower++;
      }
      expected = lower > upper ? 'lower' : 'upper';
    }
    // Built on the first finding: most files have none.
    let fromAs: Map<number, Token | undefined> | undefined;
    for (const token of tokens) {
      if (caseOf(token.text) === expected) continue;
      const fix = recase(file, token, expected);
      // Recasing FROM recases its AS too, so the fix never leaves a new FROM/AS mismatch.
      fromAs ??= asTokensByFromOffset(file);
      const as = fromAs.get(token.startOffset);
      if (as && caseOf(as.text) !== expected) fix.edits.push(recase(file, as, expected).edits[0] as Fix['edits'][number]);
      context.report({
        message: `'${token.text}' should be ${expected === 'upper' ? 'uppercase' : 'lowercase'} like the rest of the file`,
        range: token.range,
        codes: ['ConsistentInstructionCasing'],
        fix,
      });
    }
    for (const stage of file.stages) {
      const as = stage.asToken;
      const from = stage.from.keywordToken;
      const fromCase = caseOf(from.text);
      if (!as || fromCase === 'mixed' || caseOf(as.text) === fromCase) continue;
      context.report({
        message: `'${as.text}' should match the case of '${from.text}'`,
        range: as.range,
        codes: ['FromAsCasing'],
        fix: recase(file, as, fromCase),
      });
    }
    if (!options.directives) return;
    for (const directive of file.directives) {
      if (!['syntax', 'escape', 'check'].includes(directive.name) || directive.nameToken.text === directive.name) continue;
      context.report({
        message: `Directive names are conventionally lowercase: '${directive.nameToken.text}'`,
        range: directive.nameToken.range,
        codes: [],
        fix: recase(file, directive.nameToken, 'lower'),
      });
    }
  },
});
