import { defineRule, type Fix, type RuleContext } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { FlagNode, InstructionNode } from '../src/model/types.js';
import { analyzeRun } from '../src/shell/run-script.js';

interface Options {
  mode: 'simple' | 'all';
  mergeCopy: boolean;
  ignoreCommands: string[];
}

/** Builtins whose effect on later commands would change if two RUNs were merged. */
const STATE_CHANGING = new Set([
  'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'source', '.', 'umask', 'ulimit', 'alias',
  'exec', 'trap', 'declare', 'typeset', 'readonly', 'local', 'eval', 'read',
]);
const DIRECTIVE_COMMENT = /^\s*#\s*[A-Za-z][A-Za-z0-9_-]*\s*=/;
const STATEMENT_SEPARATOR = /;|&&|\|\||\||&|\n/;

export default defineRule<Options>({
  meta: {
    id: 'minimize-run-layers',
    codes: ['DL3059'],
    severity: 'info',
    category: 'size',
    presets: ['recommended'],
    description: 'Consecutive RUN instructions (or COPY/ADD into the same directory) that could be one instruction',
    rationale:
      'Every RUN, COPY and ADD adds a layer. Consecutive instructions that could be one make the image larger ' +
      '(files deleted in a later layer still ship in the earlier one), slower to pull and slower to build.',
    fixable: 'safe',
    fixDescription:
      'Joins the later RUN onto the earlier one with ` && \\` and a line break, keeping the indentation. Offered only ' +
      'for shell-form RUNs with a POSIX shell, no comment between them, and no state-changing builtin (`cd`, ' +
      '`export`, `set`, ...) in the earlier script, so the merged script does exactly what the two did. The COPY/ADD ' +
      'fix moves the later sources into the earlier instruction.',
    alsoKnownAs: ['kics:0008c003'],
    options: {
      schema: {
        type: 'object',
        properties: {
          mode: { enum: ['simple', 'all'] },
          mergeCopy: { type: 'boolean' },
          ignoreCommands: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
      defaults: { mode: 'simple', mergeCopy: true, ignoreCommands: [] },
      docs: {
        mode: '`"simple"` reports only RUNs that are each one simple command (as hadolint DL3059 does); `"all"` reports any consecutive RUNs with the same flags.',
        mergeCopy: 'Also report consecutive COPY (or ADD) instructions with the same flags into the same directory.',
        ignoreCommands: 'Command names that exempt a RUN, for RUNs split on purpose for caching.',
      },
    },
    examples: {
      invalid: [
        'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN mkdir /app\n',
        'FROM alpine:3.20\nRUN echo one\n# a comment\n\nRUN echo two\n',
        'FROM alpine:3.20\nCOPY a.txt /app/\nCOPY b.txt /app/\n',
      ],
      valid: [
        'FROM alpine:3.20\nRUN apk add --no-cache curl && mkdir /app\n',
        'FROM alpine:3.20\nRUN echo one\nENV A=1\nRUN echo two\n',
        'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache pip install -r req.txt\nRUN echo done\n',
        'FROM alpine:3.20\nRUN cd /src && make\nRUN make install\n',
        'FROM alpine:3.20\nCOPY a.txt /app/a.txt\nCOPY b.txt /app/b.txt\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    const ignored = new Set(context.options.ignoreCommands);
    const instructions = file.instructions;
    for (let i = 1; i < instructions.length; i++) {
      const previous = instructions[i - 1] as InstructionNode;
      const current = instructions[i] as InstructionNode;
      if (previous.stage !== current.stage) continue;
      const earlier = previous.keyword === 'ONBUILD' ? previous.trigger : previous;
      const later = current.keyword === 'ONBUILD' ? current.trigger : current;
      if (!earlier || !later || (previous.keyword === 'ONBUILD') !== (current.keyword === 'ONBUILD')) continue;
      const runs = earlier.keyword === 'RUN' && later.keyword === 'RUN';
      const copies = !runs && context.options.mergeCopy && earlier.keyword === later.keyword && (earlier.keyword === 'COPY' || earlier.keyword === 'ADD');
      // The keywords first: the lines between are read only for pairs that could merge.
      if ((!runs && !copies) || !onlyCommentsBetween(file, previous, current)) continue;
      if (runs) checkRuns(context, earlier, later, ignored);
      else checkCopies(context, earlier, later);
    }
  },
});

function onlyCommentsBetween(file: BuildFile, a: InstructionNode, b: InstructionNode): boolean {
  for (let line = a.token.range.end.line + 1; line < b.keywordToken.range.start.line; line++) {
    const text = file.lines.lineText(line);
    if (text.trim() === '') continue;
    if (!text.trimStart().startsWith('#') || DIRECTIVE_COMMENT.test(text)) return false;
  }
  return true;
}

function hasCommentBetween(file: BuildFile, a: InstructionNode, b: InstructionNode): boolean {
  for (let line = a.token.range.end.line + 1; line < b.keywordToken.range.start.line; line++) {
    if (file.lines.lineText(line).trimStart().startsWith('#')) return true;
  }
  return false;
}

function mountKey(flag: FlagNode): string {
  const options = new Map<string, string>();
  for (const option of flag.options) {
    const key = option.key === 'dst' || option.key === 'destination' ? 'target' : option.key === 'src' ? 'source' : option.key;
    options.set(key, option.value ?? '');
  }
  if (!options.has('type')) options.set('type', 'bind');
  return [...options.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
}

function runFlagsKey(node: InstructionNode): string {
  const mounts = node.flags.filter((flag) => flag.name === 'mount').map(mountKey).sort();
  const others = node.flags
    .filter((flag) => flag.name === 'network' || flag.name === 'security' || flag.name === 'device')
    .map((flag) => `${flag.name}=${flag.value ?? ''}`)
    .sort();
  return JSON.stringify([mounts, others]);
}

function isSimple(file: BuildFile, node: InstructionNode): boolean {
  const analysis = analyzeRun(file, node);
  if (!analysis.posix) return !STATEMENT_SEPARATOR.test(node.argsValue.trim());
  if (node.json) return true;
  const commands = analysis.commands;
  if (commands.length !== 1) return false;
  const only = commands[0];
  return only !== undefined && only.placement === 'list' && analysis.scripts.every((s) => !s.script.hasSyntaxError);
}

function commandNames(file: BuildFile, node: InstructionNode): string[] {
  return analyzeRun(file, node).commands.flatMap((command) => (command.name ? [command.name.value] : []));
}

function checkRuns(context: RuleContext<Options>, earlier: InstructionNode, later: InstructionNode, ignored: Set<string>): void {
  const { file } = context;
  // The cached analyses first: most pairs are not both simple, and the flag keys (sorted mount options) are built only after.
  if (context.options.mode === 'simple' && !(isSimple(file, earlier) && isSimple(file, later))) return;
  // Most RUNs have no flags at all: equal keys without building them.
  if ((earlier.flags.length > 0 || later.flags.length > 0) && runFlagsKey(earlier) !== runFlagsKey(later)) return;
  if (ignored.size > 0 && [...commandNames(file, earlier), ...commandNames(file, later)].some((name) => ignored.has(name))) return;
  context.report({
    message: `Merge this RUN into the RUN on line ${earlier.keywordToken.range.start.line + 1}; each RUN adds a layer`,
    range: later.keywordToken.range,
    codes: ['DL3059'],
    fix: mergeRunsFix(file, earlier, later),
  });
}

function mergeRunsFix(file: BuildFile, earlier: InstructionNode, later: InstructionNode): Fix | undefined {
  if (earlier.json || later.json || earlier.heredocs.length > 0 || later.heredocs.length > 0) return undefined;
  if (earlier.onbuildParent || later.onbuildParent) return undefined;
  if (hasCommentBetween(file, earlier, later) || !earlier.argsToken || !later.argsToken) return undefined;
  const analysis = analyzeRun(file, earlier);
  if (!analysis.posix || !analyzeRun(file, later).posix) return undefined;
  const script = analysis.scripts[0]?.script;
  if (!script || script.hasComments || script.hasSyntaxError) return undefined;
  if (/[;&]\s*$/.test(earlier.argsValue)) return undefined;
  const topLevel = script.commands.filter((command) => command.placement !== 'substitution');
  if (topLevel.some((command) => command.name === undefined || STATE_CHANGING.has(command.name.value))) return undefined;
  const laterLine = file.lines.lineText(later.keywordToken.range.start.line);
  const indentation = /^[ \t]*/.exec(laterLine)?.[0] || '    ';
  return {
    safe: true,
    description: 'Merge into the previous RUN',
    edits: [
      {
        range: { start: earlier.argsToken.range.end, end: later.argsToken.range.start },
        text: ` && ${file.escapeChar}\n${indentation}`,
      },
    ],
  };
}

function copyDestination(node: InstructionNode): string | undefined {
  const words = node.json ? node.json.strings.map((s) => s.value) : node.args.map((a) => a.text);
  if (words.length < 2) return undefined;
  const destination = words.at(-1) as string;
  if (destination === '.' || destination === './') return './';
  if (!destination.endsWith('/')) return undefined;
  return destination.replace(/\/+/g, '/');
}

function copyFlagsKey(node: InstructionNode): string {
  return JSON.stringify(node.flags.map((flag) => `${flag.name}=${flag.value ?? ''}`).sort());
}

function checkCopies(context: RuleContext<Options>, earlier: InstructionNode, later: InstructionNode): void {
  if (earlier.heredocs.length > 0 || later.heredocs.length > 0) return;
  const destination = copyDestination(earlier);
  if (destination === undefined || destination !== copyDestination(later)) return;
  if (copyFlagsKey(earlier) !== copyFlagsKey(later)) return;
  context.report({
    message: `Merge this ${later.keyword} into the one on line ${earlier.keywordToken.range.start.line + 1}; both copy into ${destination}`,
    range: later.keywordToken.range,
    codes: [],
    fix: mergeCopiesFix(context.file, earlier, later),
  });
}

function mergeCopiesFix(file: BuildFile, earlier: InstructionNode, later: InstructionNode): Fix | undefined {
  if (earlier.json || later.json || earlier.onbuildParent || hasCommentBetween(file, earlier, later)) return undefined;
  const earlierDestination = earlier.args.at(-1);
  const laterSources = later.args.slice(0, -1);
  const firstSource = laterSources[0];
  const lastSource = laterSources.at(-1);
  if (!earlierDestination || !firstSource || !lastSource) return undefined;
  const sources = file.text.slice(firstSource.startOffset, lastSource.endOffset);
  const destinationText = earlierDestination.text === '.' ? './' : earlierDestination.text;
  const laterStart = file.lines.lineStart(later.keywordToken.range.start.line);
  const laterEndLine = later.token.range.end.line;
  const laterEnd = laterEndLine + 1 < file.lines.lineCount ? file.lines.lineStart(laterEndLine + 1) : file.text.length;
  return {
    safe: true,
    description: `Merge into the previous ${earlier.keyword}`,
    edits: [
      { range: earlierDestination.range, text: `${sources} ${destinationText}` },
      { range: file.lines.range(laterStart, laterEnd), text: '' },
    ],
  };
}
