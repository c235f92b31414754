import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { DOCKERFILE_KEYWORDS, editDistance } from '../src/model/buildkit.js';
import type { InstructionNode, Range, Token } from '../src/model/types.js';

/** Unknown instructions are another rule's concern. */
const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(DOCKERFILE_KEYWORDS);

/** The first word whose quotes are not closed, with the quote character. */
function unclosedQuote(words: readonly Token[], escapeChar: string): { token: Token; quote: string } | undefined {
  for (const token of words) {
    let quote = '';
    const text = token.text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (quote === "'") {
        if (c === "'") quote = '';
        continue;
      }
      if (c === escapeChar) {
        i++;
        continue;
      }
      if (quote === '"') {
        if (c === '"') quote = '';
        continue;
      }
      if (c === '"' || c === "'") quote = c;
    }
    if (quote) return { token, quote };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'invalid-instruction-arguments',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'An instruction has the wrong number or shape of arguments',
    rationale:
      'Docker rejects an instruction with missing or extra arguments (`FROM` without an image, `COPY` with one ' +
      'operand, `ENV key` without a value, an unclosed quote) and the whole build fails.',
    fixable: 'unsafe',
    fixDescription: 'Replaces a misspelt `AS` in FROM, or removes extra STOPSIGNAL words. Unsafe: the intent may differ.',
    alsoKnownAs: [
      'dockerfile-utils:ARGUMENT_MISSING', 'dockerfile-utils:ARGUMENT_EXTRA', 'dockerfile-utils:ARGUMENT_REQUIRES_AT_LEAST_ONE',
      'dockerfile-utils:ARGUMENT_REQUIRES_TWO', 'dockerfile-utils:ARGUMENT_REQUIRES_AT_LEAST_TWO', 'dockerfile-utils:ARGUMENT_REQUIRES_ONE_OR_THREE',
      'dockerfile-utils:ARGUMENT_UNNECESSARY', 'dockerfile-utils:INVALID_AS', 'dockerfile-utils:SHELL_JSON_FORM', 'dockerfile-utils:SHELL_REQUIRES_ONE',
      'dockerfile-utils:SYNTAX_MISSING_EQUALS', 'dockerfile-utils:SYNTAX_MISSING_NAMES', 'dockerfile-utils:SYNTAX_MISSING_SINGLE_QUOTE',
      'dockerfile-utils:SYNTAX_MISSING_DOUBLE_QUOTE', 'dockerfile-utils:UNKNOWN_TYPE', 'dockerfile-utils:HEALTHCHECK_CMD_ARGUMENT_MISSING',
      'dockerfilelint:required_params', 'dockerfilelint:missing_args', 'dockerfilelint:extra_args', 'dockerfilelint:label_invalid', 'dockerfilelint:invalid_format',
    ],
    examples: {
      invalid: ['FROM alpine:3.20 AS\n', 'FROM alpine:3.20\nCOPY app.txt\n', 'FROM alpine:3.20\nENV DEBUG\n', 'FROM alpine:3.20\nSHELL /bin/bash -c\n'],
      valid: ['FROM alpine:3.20 AS build\nENV A=1 B="two words"\nCOPY a.txt /app/\nENTRYPOINT []\nRUN\nHEALTHCHECK NONE\n'],
    },
  },
  check(context) {
    const { file } = context;
    const report: Report = (message, range, fix) => context.report({ message, range, codes: [], fix });
    for (const node of file.instructions) {
      if (KNOWN_KEYWORDS.has(node.keyword)) checkNode(file, node, report);
      if (node.trigger && KNOWN_KEYWORDS.has(node.trigger.keyword)) checkNode(file, node.trigger, report);
    }
  },
});

type Report = (message: string, range: Range, fix?: Fix) => void;

function checkNode(file: BuildFile, node: InstructionNode, report: Report): void {
  // Any arguments will do for RUN and CMD; reading them would split every word of a RUN script for nothing.
  if (node.keyword === 'RUN' || node.keyword === 'CMD') return;
  const keyword = node.keywordToken;
  // Each case reads `node.args` only when it needs the words: no other rule splits those of most ARG and ENV instructions.
  const missing = (message: string): void => report(message, keyword.range);
  switch (node.keyword) {
    case 'FROM': {
      const args = node.args;
      const as = args[1];
      if (args.length === 0) return missing('FROM needs an image');
      if (args.length === 1) return;
      if (as && as.text.toLowerCase() !== 'as') {
        const close = args.length === 3 && editDistance(as.text.toUpperCase(), 'AS') <= 2 && as.text.length <= 4;
        report("FROM takes an image and optionally 'AS <name>'", as.range, close ? { edits: [{ range: as.range, text: 'AS' }], safe: false, description: "Replace with 'AS'" } : undefined);
        return;
      }
      if (args.length === 2) return missing("FROM takes an image and optionally 'AS <name>'; the stage name is missing");
      if (args[3]) report("FROM takes an image and optionally 'AS <name>'", args[3].range);
      return;
    }
    case 'ARG':
    case 'ENV':
    case 'LABEL': {
      if (node.properties.length === 0) return missing(`${node.keyword} needs at least one ${node.keyword === 'ARG' ? 'name' : 'key=value pair'}`);
      // The words lie within the arguments' text: without a quote there, no word needs a scan.
      const argsText = node.argsToken?.text ?? '';
      const quote = argsText.includes('"') || argsText.includes("'") ? unclosedQuote(node.args, file.escapeChar) : undefined;
      if (quote) return report(`Unclosed ${quote.quote === '"' ? 'double' : 'single'} quote`, quote.token.range);
      for (const property of node.properties) {
        if (property.name === '') {
          report(`${node.keyword} has an empty ${node.keyword === 'ARG' ? 'name' : 'key'}`, property.nameToken.range);
          continue;
        }
        if (node.keyword === 'ARG') continue;
        if (property.legacy && property.valueToken === undefined) report(`${node.keyword} '${property.name}' has no value`, property.nameToken.range);
        else if (!property.legacy && property.value === undefined) report(`${node.keyword} '${property.name}' has no value; write '${property.name}=value'`, property.nameToken.range);
      }
      return;
    }
    case 'COPY':
    case 'ADD': {
      const count = node.json ? node.json.strings.length : node.args.length;
      if (count < 2) missing(`${node.keyword} needs at least one source and a destination`);
      return;
    }
    case 'USER':
    case 'STOPSIGNAL': {
      const args = node.args;
      if (args.length === 0) return missing(`${node.keyword} needs exactly one argument`);
      const extra = args[1];
      if (!extra) return;
      const last = args.at(-1) as Token;
      const fix: Fix | undefined = node.keyword === 'STOPSIGNAL'
        ? { edits: [{ range: file.lines.range((args[0] as Token).endOffset, last.endOffset), text: '' }], safe: false, description: 'Remove the extra words' }
        : undefined;
      report(`${node.keyword} takes exactly one argument`, extra.range, fix);
      return;
    }
    case 'WORKDIR':
    case 'MAINTAINER':
      if (node.args.length === 0) missing(`${node.keyword} needs an argument`);
      else if (node.keyword === 'WORKDIR' && /^(""|'')$/.test(node.argsValue.trim())) report('WORKDIR needs a non-empty path', (node.args[0] as Token).range);
      return;
    case 'VOLUME':
      if (node.args.length === 0 || (node.json && node.json.strings.length === 0)) missing('VOLUME needs at least one path');
      return;
    case 'EXPOSE': {
      const args = node.args;
      if (args.length === 0) return missing('EXPOSE needs at least one port');
      if (node.onbuildParent) return;
      const scope = file.scope(node);
      const expanded = args.map((arg) => scope.expand(arg.text, file.escapeChar));
      if (expanded.every((each) => each.known && each.value.trim() === '')) missing('EXPOSE needs at least one port; the arguments expand to nothing');
      return;
    }
    case 'ENTRYPOINT':
      if (node.args.length === 0) missing('ENTRYPOINT needs a command');
      return;
    case 'HEALTHCHECK': {
      const args = node.args;
      const type = args[0];
      if (!type) return missing('HEALTHCHECK needs NONE or CMD <command>');
      const upper = type.text.toUpperCase();
      if (upper === 'NONE') {
        if (args[1]) report('Nothing may follow HEALTHCHECK NONE', args[1].range);
        return;
      }
      if (upper !== 'CMD') return report(`'${type.text}' is not a HEALTHCHECK type; use CMD or NONE`, type.range);
      const rest = node.argsValue.trim().slice(type.text.length).trim();
      if (rest === '' || /^\[\s*\]$/.test(rest)) report('HEALTHCHECK CMD needs a command', type.range);
      return;
    }
    case 'SHELL':
      if (!node.json || node.json.strings.length === 0) report('SHELL needs a JSON array, e.g. ["/bin/bash", "-c"]', node.argsToken?.range ?? keyword.range);
      return;
    case 'ONBUILD':
      if (!node.trigger) missing('ONBUILD needs an instruction to run downstream');
      return;
    default:
  }
}
