import { defineRule } from '../src/engine/types.js';
import type { InstructionNode } from '../src/model/types.js';
import { classifyArgs } from '../src/shell/options.js';
import { commandName, copySources, isArchiveName } from '../src/shell/downloads.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord, SimpleCommand } from '../src/shell/types.js';
import { copyWord } from '../src/shell/word.js';
import { trimEndChars } from '../src/model/trim.js';

interface Copied {
  node: InstructionNode;
  /** The source token reported. */
  source: CopySourceToken;
  /** The absolute (or as-written) path of the archive in the image. */
  path: string;
}

type CopySourceToken = ReturnType<typeof copySources>[number];

const TAR_VALUE = ['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from', '--exclude', '--strip-components', '--transform', '--owner', '--group', '--mode', '--use-compress-program', '-I', '--checkpoint', '--wildcards-match-slash', '--format', '-H', '-b', '--blocking-factor', '-K', '--starting-file', '-N', '--newer', '--newer-mtime', '-L', '--tape-length', '-V', '--label'];

function posixJoin(dir: string, name: string): string {
  const joined = name.startsWith('/') ? name : `${dir.endsWith('/') ? dir : `${dir}/`}${name}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function basename(path: string): string {
  return trimEndChars(path, '/').replace(/^.*\//, '');
}

/** The WORKDIR in effect at an instruction (through the stage's own instructions; '/' by default). */
function workdirAt(node: InstructionNode): string {
  let dir = '/';
  for (const each of node.stage?.instructions ?? []) {
    if (each.index >= node.index) break;
    if (each.keyword !== 'WORKDIR') continue;
    const value = each.argsValue.trim();
    if (value === '' || value.includes('$')) return '';
    dir = posixJoin(dir, value);
  }
  return dir;
}

/** The archive arguments of a `tar`/`bsdtar` command in extract mode, or undefined when it does not extract. */
function extractedFiles(command: SimpleCommand): ShellWord[] | undefined {
  const name = commandName(command);
  if (name !== 'tar' && name !== 'bsdtar') return undefined;
  const args = command.args;
  const first = args[0];
  if (!first) return undefined;
  let extract = false;
  let words = args;
  if (!first.value.startsWith('-') && /^[A-Za-z]+$/.test(first.value)) {
    // Old-style bundled letters: `tar xzf file`: the letters taking values consume the next words in order.
    extract = first.value.includes('x');
    const files: ShellWord[] = [];
    let next = 1;
    for (const letter of first.value) {
      if (letter === 'f') {
        const file = args[next];
        if (file) files.push(file);
        next++;
      } else if ('CTXbKNLV'.includes(letter)) next++;
    }
    if (!extract) return undefined;
    return [...files, ...args.slice(next).filter((word) => !word.value.startsWith('-'))];
  }
  const classified = classifyArgs(words, { withValue: TAR_VALUE });
  extract = classified.options.some((option) => option.name === '-x' || option.name === '--extract' || option.name === '--get');
  if (!extract) return undefined;
  const files = classified.options.filter((option) => option.name === '-f' || option.name === '--file').flatMap((option) => (option.valueWord ? [option.valueWord] : option.value !== undefined ? [copyWord(option.word, { value: option.value })] : []));
  words = classified.operands;
  return [...files, ...words];
}

export default defineRule({
  meta: {
    id: 'prefer-add-for-archive',
    codes: ['DL3010'],
    severity: 'info',
    category: 'size',
    presets: ['recommended'],
    description: 'A local tar archive is copied with COPY and then extracted in a later RUN',
    rationale:
      'COPY puts the archive in one layer and the RUN that extracts it adds another; deleting the archive afterwards ' +
      'does not shrink the image. ADD extracts a local tar archive in a single layer without keeping it.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.22\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\nUSER nobody\n'],
      valid: ['FROM alpine:3.22\nADD app.tar.gz /opt/\nUSER nobody\n', 'FROM alpine:3.22\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      const copied: Copied[] = [];
      for (const node of stage.instructions) {
        if (node.keyword === 'COPY' && !node.flags.some((flag) => flag.name === 'from')) {
          const sources = copySources(file, node);
          const dest = node.json ? node.json.strings.at(-1)?.value : node.args.at(-1)?.text;
          if (dest === undefined) continue;
          const destIsDir = dest.endsWith('/') || dest === '.' || dest.endsWith('/.') || sources.length > 1;
          // The WORKDIR and destination path are resolved on the first source that may be an archive.
          let workdir: string | undefined;
          let destPath: string | undefined;
          for (const source of sources) {
            if (!source.known || source.heredoc) continue;
            const name = basename(source.value);
            const sourceIsArchive = isArchiveName(name);
            // Copied into a directory under a plain name, the target's basename is that name: not an archive either.
            if (!sourceIsArchive && destIsDir && name !== '' && name !== '.' && name !== '..' && !name.includes('/')) continue;
            workdir ??= workdirAt(node);
            destPath ??= posixJoin(workdir || '/', dest);
            const target = destIsDir ? posixJoin(destPath, name) : destPath;
            if (!sourceIsArchive && !isArchiveName(basename(target))) continue;
            copied.push({ node, source, path: workdir === '' && !dest.startsWith('/') ? basename(target) : target });
          }
          continue;
        }
        if (node.keyword !== 'RUN' || copied.length === 0) continue;
        const workdir = workdirAt(node);
        for (const command of analyzeRun(file, node).commands) {
          const files = extractedFiles(command);
          if (!files) continue;
          for (const word of files) {
            if (word.hasVariables) continue;
            const path = workdir === '' ? word.value : posixJoin(workdir, word.value);
            const match = copied.find((each) => each.path === path || (workdir === '' && basename(each.path) === basename(word.value)));
            if (!match) continue;
            context.report({
              message: `'${match.source.value}' is copied and then extracted on line ${command.range.start.line + 1}; ADD extracts tar archives in one layer`,
              range: match.source.token.range,
              codes: ['DL3010'],
              related: [{ range: command.range, message: 'extracted here' }],
            });
            copied.splice(copied.indexOf(match), 1);
          }
        }
      }
    }
  },
});
