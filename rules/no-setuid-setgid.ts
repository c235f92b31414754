import { defineRule } from '../src/engine/types.js';
import type { InstructionNode } from '../src/model/types.js';
import { modeSetting, modeTextOffsets, parseMode } from '../src/shell/file-modes.js';
import { analyzeRun } from '../src/shell/run-script.js';
import { basename } from '../src/shell/basename.js';
import type { SimpleCommand } from '../src/shell/types.js';
import { trimEndChars } from '../src/model/trim.js';

interface Options {
  requireStrip: boolean;
}

const STRIP_MODE = /^[ugoa]*-[rwxXt]*s[rwxXst]*$/;

export default defineRule<Options>({
  meta: {
    id: 'no-setuid-setgid',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'A file is given the setuid or setgid bit',
    rationale:
      'A setuid or setgid binary runs with its owner\'s (often root\'s) privileges whoever starts it, so any flaw ' +
      'in it is a privilege escalation inside the container. Images rarely need such binaries; CIS Docker ' +
      'Benchmark 4.8 asks to remove them.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.8'],
    options: {
      schema: { type: 'object', properties: { requireStrip: { type: 'boolean' } }, additionalProperties: false },
      defaults: { requireStrip: false },
      docs: {
        requireStrip: 'Also require a target stage to strip setuid/setgid bits, e.g. `find / -perm /6000 -type f -exec chmod a-s {} +`.',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nRUN chmod u+s /usr/local/bin/tool\n', 'FROM alpine:3.20\nCOPY --chmod=4755 tool /usr/local/bin/tool\n'],
      valid: ['FROM alpine:3.20\nRUN chmod 0755 /usr/local/bin/tool\n', 'FROM alpine:3.20\nRUN mkdir -p /srv/shared && chmod g+s /srv/shared\n'],
    },
    securitySeverity: 6.0,
  },
  check(context) {
    const { file, options } = context;
    for (const node of [...file.find('COPY'), ...file.find('ADD')]) {
      const flag = node.flags.find((f) => f.name === 'chmod');
      if (!flag?.valueToken || flag.value === undefined) continue;
      const effect = parseMode(flag.value);
      const destination = node.json ? node.json.strings.at(-1)?.value : node.args.at(-1)?.text;
      const isDirectory = destination?.endsWith('/') ?? false;
      if (effect.setuid || (effect.setgid && !isDirectory)) report(flag.value, flag.valueToken.range);
    }
    for (const node of file.find('RUN')) {
      // The directories this RUN's mkdirs create, made on the first mkdir (most RUNs have none).
      let created: Set<string> | undefined;
      for (const command of analyzeRun(file, node).commands) {
        if (command.program === 'mkdir') {
          created ??= new Set();
          for (const arg of command.args) if (!arg.value.startsWith('-')) created.add(trimSlash(arg.value));
        }
        const setting = modeSetting(command);
        if (!setting) continue;
        const effect = parseMode(setting.modeText);
        if (!effect.valid) continue;
        const directories = setting.tool === 'mkdir' || (setting.tool === 'install' && isDirectoryInstall(command));
        const allDirectories = directories || (setting.paths.length > 0 && setting.paths.every((p) => p.value.endsWith('/') || created?.has(trimSlash(p.value))));
        // setgid alone is reported only on a path that looks like a program: setgid directories are common and benign.
        const programs = command.complete && setting.paths.some((p) => looksLikeProgram(p.value));
        if (effect.setuid || (effect.setgid && !allDirectories && programs)) {
          const at = modeTextOffsets(setting);
          report(setting.modeText, file.lines.range(at.start, at.end));
        }
      }
    }
    if (options.requireStrip) {
      for (const target of file.targetStages(context.settings.targets)) {
        if (target.windows) continue;
        const stripped = file.chain(target).some((stage) => stage.instructions.some((node) => node.keyword === 'RUN' && stripsBits(file, node)));
        if (!stripped) context.report({ message: 'This image does not remove setuid/setgid bits', range: target.base.token.range, codes: [] });
      }
    }

    function report(mode: string, range: InstructionNode['token']['range']): void {
      context.report({ message: `Mode '${mode}' sets the setuid/setgid bit; avoid privileged binaries in images`, range, codes: [] });
    }
  },
});

/** A path under a bin/sbin/libexec directory, or a file name with an extension. */
function looksLikeProgram(path: string): boolean {
  if (path.endsWith('/')) return false;
  if (/(?:^|\/)(?:s?bin|libexec)\//.test(path)) return true;
  const base = basename(path);
  return /^[^.]+\.[A-Za-z0-9]{1,5}$/.test(base);
}

function trimSlash(value: string): string {
  return value.length > 1 ? trimEndChars(value, '/') : value;
}

function isDirectoryInstall(command: SimpleCommand): boolean {
  return command.args.some((a) => a.value === '-d' || a.value === '--directory' || (/^-[A-Za-z]+$/.test(a.value) && a.value.includes('d')));
}

function stripsBits(file: Parameters<typeof analyzeRun>[0], node: InstructionNode): boolean {
  return analyzeRun(file, node).commands.some((command) => command.args.some((arg) => STRIP_MODE.test(arg.value)));
}
