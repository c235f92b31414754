import { defineRule } from '../src/engine/types.js';
import { resolveShellWord } from '../src/shell/downloads.js';
import { isPinnedRef, isRemoteRepository, recognizeGit, recognizeGitClone } from '../src/shell/git.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { SimpleCommand } from '../src/shell/types.js';
import { copyWord } from '../src/shell/word.js';
import { trimEndChars } from '../src/model/trim.js';

function basename(path: string): string {
  return trimEndChars(path, '/').replace(/^.*\//, '');
}

export default defineRule({
  meta: {
    id: 'pinned-git-clone',
    codes: [],
    severity: 'info',
    category: 'reproducibility',
    presets: ['all'],
    description: '`git clone` fetches a moving branch instead of a fixed tag or commit',
    rationale:
      'A clone of the default branch (or of any branch) builds whatever was pushed last, so two builds of the same ' +
      'file differ and a compromised branch flows straight into the image. Clone a tag or check out a commit.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.22\nRUN git clone https://github.com/example/tool.git /src\nUSER nobody\n'],
      valid: [
        'FROM alpine:3.22\nRUN git clone --depth 1 --branch v1.4.2 https://github.com/example/tool.git /src\nUSER nobody\n',
        'FROM alpine:3.22\nRUN git clone https://github.com/example/tool.git /src && git -C /src checkout 3f2a9c1\nUSER nobody\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      const commands = analyzeRun(file, node).commands;
      commands.forEach((command, index) => {
        const git = recognizeGit(command);
        const clone = git && recognizeGitClone(git);
        if (!clone?.url) return;
        const url = resolveShellWord(file, node, clone.url);
        if (!url.known || !isRemoteRepository(url.value)) return;
        const urlWord = clone.url;
        const resolveRef = (ref: string): { value: string; known: boolean } =>
          /\$\(|`/.test(ref) ? { value: ref, known: false } : resolveShellWord(file, node, copyWord(urlWord, { value: ref, hasVariables: ref.includes('$') }));
        const refs = [clone.branch, clone.revision].filter((ref): ref is string => ref !== undefined).map(resolveRef);
        if (refs.some((ref) => !ref.known || isPinnedRef(ref.value))) return;
        if (checkedOutLater(commands.slice(index + 1), clone.directory)) return;
        context.report({ message: `git clone of '${url.value}' is not pinned to a tag or commit`, range: clone.url.range, codes: [] });
      });
    }
  },
});

/** A later `git checkout|switch --detach|reset --hard <pinned ref>` in the clone (via `-C` or `cd`), or anywhere. */
function checkedOutLater(commands: readonly SimpleCommand[], directory: string | undefined): boolean {
  for (const command of commands) {
    const git = recognizeGit(command);
    if (!git?.subcommand) continue;
    if (git.directory !== undefined && directory !== undefined && basename(git.directory) !== basename(directory)) continue;
    const verb = git.subcommand.value;
    const words = git.args.map((word) => word.value);
    const operands = words.filter((word) => !word.startsWith('-'));
    const ref = operands[0];
    if (ref === undefined) continue;
    const pinned = ref.includes('$') || isPinnedRef(ref) || /^tags\//.test(ref);
    if (verb === 'checkout' && pinned) return true;
    if (verb === 'switch' && words.includes('--detach') && pinned) return true;
    if (verb === 'reset' && words.includes('--hard') && pinned) return true;
  }
  return false;
}
