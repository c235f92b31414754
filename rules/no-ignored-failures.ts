import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { inAndOrList, separatesFromNextCommand } from '../src/shell/command-list.js';
import { analyzeRun, type RunScript } from '../src/shell/run-script.js';
import { optionInEffect } from '../src/shell/shell-options.js';
import type { SimpleCommand } from '../src/shell/types.js';

type Options = {
  exempt: string[];
};

const DEFAULT_EXEMPT = ['set', 'export', 'unset', 'true', ':', 'echo', 'printf'];

/** The exempt names as a set, built once per option list: the same list is passed for every file linted with a config. */
const exemptSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function exemptSet(names: readonly string[]): ReadonlySet<string> {
  let set = exemptSets.get(names);
  if (set === undefined) {
    set = new Set(names);
    exemptSets.set(names, set);
  }
  return set;
}

export default defineRule<Options>({
  meta: {
    id: 'no-ignored-failures',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A RUN command whose failure is ignored because it is followed by `;` or a newline without errexit',
    rationale:
      'A shell only stops at a failed command when `errexit` is on. In `make; make install` a failed `make` goes ' +
      'unnoticed, the build succeeds, and the image is broken in a way that only shows at run time.',
    fixable: 'unsafe',
    fixDescription:
      'Replaces the `;` after the command with ` &&`, when the RUN is a flat list of simple commands. Unsafe: the ' +
      'build now stops at a failure that used to be ignored.',
    alsoKnownAs: ['dockerfile_lint:no_ampersand_usage'],
    options: {
      schema: {
        type: 'object',
        properties: { exempt: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
      defaults: { exempt: DEFAULT_EXEMPT },
      docs: { exempt: 'Command names whose status may be discarded (builtins that cannot meaningfully fail).' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nRUN make; make install\n', 'FROM alpine:3.20\nRUN <<EOF\nmake\nmake install\nEOF\n'],
      valid: [
        'FROM alpine:3.20\nRUN make && make install\n',
        'FROM alpine:3.20\nRUN set -e; make; make install\n',
        'FROM alpine:3.20\nRUN <<EOF\nset -e\nmake\nmake install\nEOF\n',
        'FROM alpine:3.20\nRUN if [ -f x ]; then make; fi\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    const exempt = exemptSet(context.options.exempt);
    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      if (!analysis.posix) continue;
      for (const script of analysis.scripts) {
        const source = script.source;
        if (!source || source.text.length === 0) continue;
        // Where the script ends in the file, mapped on first use (most scripts have no command to check).
        let end: number | undefined;
        for (const command of script.script.commands) {
          if (command.followedBy !== ';' && command.followedBy !== '\n') continue;
          if (command.scope === 'substitution') continue;
          const name = command.name?.value;
          if (name === undefined || exempt.has(name)) continue;
          if (inAndOrList(script, command)) continue;
          // Most scripts run under errexit: asked first, it spares most look-ups of the next word.
          if (optionInEffect(file, node, script, command, 'errexit')) continue;
          end ??= source.toFileOffset(source.text.length - 1) + 1;
          if (!separatesFromNextCommand(file, command, end)) continue;
          context.report({
            message: `If '${name}' fails the build continues; chain with && or use set -e`,
            range: command.range,
            codes: [],
            fix: script.kind === 'shell' && command.followedBy === ';' ? chainFix(file, script, command) : undefined,
          });
        }
      }
    }
  },
});

const BETWEEN_FILLER = /\s|\\\r?\n/g;

/** ` &&` in place of the `;` after the command, when the script is a flat list of simple commands. */
function chainFix(file: BuildFile, script: RunScript, command: SimpleCommand): Fix | undefined {
  const commands = script.script.commands;
  if (script.script.hasSyntaxError || script.script.hasComments) return undefined;
  if (commands.some((c) => c.placement !== 'list' || (c.scope ?? 'list') !== 'list' || c.wrappers.some((w) => w.endsWith(' -c')))) return undefined;
  for (let k = 0; k + 1 < commands.length; k++) {
    const a = commands[k] as SimpleCommand;
    const b = commands[k + 1] as SimpleCommand;
    const between = file.text.slice(file.lines.offsetAt(a.range.end), file.lines.offsetAt(b.range.start)).replace(BETWEEN_FILLER, '');
    if (between !== a.followedBy) return undefined;
  }
  const from = file.lines.offsetAt(command.range.end);
  const semicolon = file.text.indexOf(';', from);
  if (semicolon < 0) return undefined;
  const spaced = /\s/.test(file.text[semicolon - 1] ?? '');
  return {
    safe: false,
    description: "Chain with '&&'",
    edits: [{ range: file.lines.range(semicolon, semicolon + 1), text: spaced ? '&&' : ' &&' }],
  };
}
