import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { Range } from '../src/model/types.js';
import { commandEnd, commandName, commandStart, isInterpreter, recognizeDownload } from '../src/shell/downloads.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord, SimpleCommand } from '../src/shell/types.js';

const SOURCE_COMMANDS = new Set(['.', 'source', 'eval']);
const POWERSHELL_EXEC = /\b(?:iex|Invoke-Expression)\b/i;
const POWERSHELL_FETCH = /\b(?:DownloadString|iwr|Invoke-WebRequest|irm|Invoke-RestMethod)\b/i;

function isDownloaderToStdout(command: SimpleCommand): boolean {
  const download = recognizeDownload(command);
  return download !== undefined && (download.tool === 'curl' || download.toStdout);
}

/** The `|` just before a command (skipping blanks and line continuations), or undefined. */
function pipeBefore(file: BuildFile, command: SimpleCommand): Range | undefined {
  const text = file.text;
  let i = commandStart(file, command) - 1;
  while (i >= 0 && /[\s\\]/.test(text.charAt(i))) i--;
  if (text.charAt(i) !== '|') return undefined;
  return file.lines.range(i, i + 1);
}

function runsScript(command: SimpleCommand): boolean {
  const name = commandName(command);
  if (isInterpreter(name) || (name !== undefined && SOURCE_COMMANDS.has(name))) return true;
  // `sh -c "$(curl …)"`: the wrapper's script is the substitution itself.
  return command.wrappers.some((wrapper) => / -c$/.test(wrapper));
}

export default defineRule({
  meta: {
    id: 'no-curl-pipe-shell',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'Content downloaded at build time is executed directly, without being saved and verified',
    rationale:
      '`curl … | sh` runs whatever the server (or anyone on the path) sends, with the build\'s privileges, and leaves ' +
      'no copy to audit. A truncated download can even run half a script. Save the file, verify its checksum or ' +
      'signature, then run it.',
    fixable: undefined,
    securitySeverity: 7.3,
    alsoKnownAs: ['cis:4.11', 'cis:4.12'],
    examples: {
      invalid: ['FROM alpine:3.22\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER nobody\n'],
      valid: [
        'FROM alpine:3.22\nRUN curl -fsSLo install.sh https://example.com/install.sh \\\n && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  install.sh" | sha256sum -c - \\\n && sh install.sh\nUSER nobody\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    const message = 'Downloaded content is executed directly; save it, verify its checksum or signature, then run it';
    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      if (!analysis.posix) {
        const text = node.argsValue;
        if (POWERSHELL_EXEC.test(text) && POWERSHELL_FETCH.test(text)) context.report({ message, range: node.keywordToken.range, codes: [] });
        continue;
      }
      const commands = analysis.commands;
      const reported = new Set<string>();
      const report = (range: Range): void => {
        const key = `${range.start.line}:${range.start.character}`;
        if (reported.has(key)) return;
        reported.add(key);
        context.report({ message, range, codes: [] });
      };
      // Pipelines: a downloader stage followed by an interpreter stage.
      for (const command of commands) {
        const pipeline = command.pipeline;
        if (!pipeline || pipeline.stage === 0 || !runsScript(command)) continue;
        const earlier = commands.some((other) => other.pipeline?.id === pipeline.id && other.pipeline.stage < pipeline.stage && isDownloaderToStdout(other));
        if (!earlier) continue;
        report(pipeBefore(file, command) ?? command.range);
      }
      // Substitutions: a downloader inside `$( )`/`<( )` that is an interpreter's script.
      for (const download of commands) {
        if (download.scope !== 'substitution' && download.placement !== 'substitution') continue;
        if (!isDownloaderToStdout(download)) continue;
        const start = commandStart(file, download);
        const end = commandEnd(file, download);
        for (const outer of commands) {
          if (outer === download || !runsScript(outer)) continue;
          const words: ShellWord[] = [...(outer.name ? [outer.name] : []), ...outer.args, ...(outer.wrapperWords ?? [])];
          const holder = words.find((word) => word.hasCommandSubstitution || /^[<>]\(/.test(word.raw) ? word.startOffset <= start && end <= word.endOffset : false);
          if (holder) report(holder.range);
        }
      }
    }
  },
});
