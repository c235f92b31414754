import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { keywordInFileCase } from '../src/model/runtime.js';
import type { InstructionNode, Range, Token } from '../src/model/types.js';
import { classifyArgs, hasOption } from '../src/shell/options.js';
import { analyzeRun, isPosixShell } from '../src/shell/run-script.js';
import type { SimpleCommand } from '../src/shell/types.js';

const RELINK_MESSAGE = 'Replacing /bin/sh in a RUN is fragile; select the shell with SHELL';
const CODES = ['DL4005'];
/** Value-taking options of `ln`, `cp`, `mv`. */
const COPY_OPTIONS = ['-t', '--target-directory', '-S', '--suffix', '--backup'];

export default defineRule({
  meta: {
    id: 'use-shell-instruction',
    codes: CODES,
    severity: 'warning',
    category: 'maintainability',
    presets: ['recommended'],
    description: 'A RUN changes the shell (relinking /bin/sh, chsh) or keeps invoking another shell, instead of using SHELL',
    rationale:
      'Relinking `/bin/sh` changes the shell of the final image for every script that relies on it, and `chsh` ' +
      'never affects RUN at all. The SHELL instruction selects the shell for RUN, CMD and ENTRYPOINT explicitly, ' +
      'and replaces repeating `bash -c` in every RUN.',
    fixable: 'unsafe',
    fixDescription:
      'When the RUN is exactly `ln -s[f] <shell> /bin/sh`, replaces it with `SHELL ["<shell>", "-c"]`. Unsafe: ' +
      'the image\'s `/bin/sh` then stays unchanged at run time.',
    alsoKnownAs: ['kics:8a301064', 'semgrep:use-shell-instruction'],
    examples: {
      invalid: [
        'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
        'FROM debian:12\nRUN chsh -s /bin/bash\n',
        'FROM debian:12\nRUN bash -c "echo one"\nRUN bash -c "echo two"\n',
      ],
      valid: [
        'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN echo one\n',
        'FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/mysh\n',
        'FROM debian:12\nRUN bash -c "echo one"\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      for (const command of analysis.commands) {
        const name = command.name?.value;
        if (name === undefined) continue;
        if (replacesBinSh(command) && !providesSelectedShell(file, node, command)) {
          const fix = analysis.commands.length === 1 ? relinkFix(file, node, command) : undefined;
          context.report({ message: RELINK_MESSAGE, range: command.range, codes: CODES, fix });
        } else if ((name === 'chsh' || name === 'usermod') && command.args.some((a) => a.value === '-s' || a.value === '--shell' || a.value.startsWith('--shell='))) {
          context.report({ message: `${name} changes a login shell, not the shell RUN uses; use SHELL`, range: command.range, codes: CODES });
        }
      }
    }
    for (const stage of file.stages) {
      const seen = new Map<string, number>();
      for (const node of stage.instructions) {
        if (node.keyword !== 'RUN') continue;
        const invoked = explicitShell(file, node);
        if (!invoked) continue;
        const count = (seen.get(invoked.shell) ?? 0) + 1;
        seen.set(invoked.shell, count);
        if (count >= 2) context.report({ message: `Several RUNs invoke ${invoked.shell}; set it once with SHELL`, range: invoked.range, codes: CODES });
      }
    }
  },
});

function replacesBinSh(command: SimpleCommand): boolean {
  const name = command.name?.value;
  if (name === 'ln' || name === 'cp' || name === 'mv') {
    const parsed = classifyArgs(command.args, { withValue: COPY_OPTIONS });
    if (hasOption(parsed, '-t', '--target-directory')) return false;
    return parsed.operands.length >= 2 && parsed.operands.at(-1)?.value === '/bin/sh';
  }
  if (name === 'update-alternatives') {
    const install = command.args.findIndex((a) => a.value === '--install');
    return install >= 0 && command.args[install + 1]?.value === '/bin/sh';
  }
  if (name === 'dpkg-reconfigure') return command.args.some((a) => a.value === 'dash');
  return false;
}

/**
 * `ln -s /busybox/sh /bin/sh` under `SHELL ["/busybox/sh", "-c"]`: RUN already uses that shell
 * through SHELL, so the link only provides a `/bin/sh` for run time (distroless debug images).
 */
function providesSelectedShell(file: BuildFile, node: InstructionNode, command: SimpleCommand): boolean {
  const name = command.name?.value;
  if (name !== 'ln' && name !== 'cp' && name !== 'mv') return false;
  const shell = file.shellAt(node)[0];
  const operands = classifyArgs(command.args, { withValue: COPY_OPTIONS }).operands;
  return shell !== undefined && shell !== '/bin/sh' && operands.length === 2 && operands[0]?.value === shell;
}

/** `RUN ln -s[f] <shell> /bin/sh` alone → `SHELL ["<shell>", "-c"]`. */
function relinkFix(file: BuildFile, node: InstructionNode, command: SimpleCommand): Fix | undefined {
  if (node.onbuildParent || node.json || node.heredocs.length > 0 || node.flags.length > 0) return undefined;
  if (command.name?.value !== 'ln' || command.wrappers.length > 0 || command.redirects.length > 0 || command.assignments.length > 0) return undefined;
  const options = command.args.filter((a) => a.value.startsWith('-'));
  const operands = command.args.filter((a) => !a.value.startsWith('-'));
  if (!options.every((o) => /^-(s|sf|fs|snf|sfn|nsf|fsn|nfs|fns|sn|ns)$/.test(o.value)) || !options.some((o) => o.value.includes('s'))) return undefined;
  const shell = operands[0];
  if (operands.length !== 2 || !shell || shell.hasVariables || !isPosixShell(shell.value) || !shell.value.startsWith('/')) return undefined;
  const keyword = keywordInFileCase(file, 'SHELL');
  return { safe: false, description: `Replace with ${keyword} ["${shell.value}", "-c"]`, edits: [{ range: node.token.range, text: `${keyword} ["${shell.value}", "-c"]` }] };
}

const NON_POSIX = /^(powershell|pwsh)(\.exe)?$/i;

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** A shell-form word without its opening and closing quote, as the shell-invocation check compares it. */
function unquoted(text: string): string {
  // Asked of the first word of every RUN, which is rarely quoted: no regex for those.
  const first = text[0];
  const last = text[text.length - 1];
  return first === '"' || first === "'" || last === '"' || last === "'" ? text.replace(/^["']|["']$/g, '') : text;
}

/** The shell a RUN invokes explicitly as its command (`bash -c …`, `powershell …`), other than the effective one. */
function explicitShell(file: BuildFile, node: InstructionNode): { shell: string; range: Range } | undefined {
  // Only the first word and the `-c` options after it matter: no word list is built for every RUN.
  const json = node.json;
  const firstToken = json ? json.strings[0]?.token : node.firstArg;
  if (!firstToken) return undefined;
  const program = basename(json ? (json.strings[0] as { value: string }).value : unquoted(firstToken.text));
  const nonPosix = NON_POSIX.test(program);
  // Neither a PowerShell nor a POSIX shell: never reported, whatever the effective shell is.
  if (!nonPosix && !isPosixShell(program)) return undefined;
  const shell = program.replace(/\.exe$/i, '').toLowerCase();
  if (shell === 'sh') return undefined;
  const current = basename(file.shellAt(node)[0] ?? '/bin/sh').replace(/\.exe$/i, '').toLowerCase();
  if (shell === current) return undefined;
  if (nonPosix) return { shell, range: firstToken.range };
  const count = json ? json.strings.length : node.args.length;
  for (let i = 1; i < count; i++) {
    const value = json ? (json.strings[i] as { value: string }).value : unquoted((node.args[i] as Token).text);
    if (/^-[a-z]*c$/.test(value)) return { shell, range: firstToken.range };
  }
  return undefined;
}
