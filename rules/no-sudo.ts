import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode } from '../src/model/types.js';
import { isRootName, userAt } from '../src/model/users.js';
import { analyzeRun } from '../src/shell/run-script.js';
import { basename } from '../src/shell/basename.js';
import type { ShellWord, SimpleCommand } from '../src/shell/types.js';
import { WRAPPER_NAMES } from '../src/shell/unwrap.js';

const CODES = ['DL3004', 'DS-0010', 'CKV2_DOCKER_1'];
const ESCALATORS = new Set(['sudo', 'doas']);

export default defineRule({
  meta: {
    id: 'no-sudo',
    codes: CODES,
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'A RUN uses sudo or doas',
    rationale:
      'sudo in a build step means the image carries a privilege-escalation tool and usually a sudoers entry, so a ' +
      'process that runs as the unprivileged user can become root again. Build steps that need root should run ' +
      'under `USER root` and switch back, which leaves nothing to escalate with at run time.',
    fixable: 'safe/unsafe',
    fixDescription:
      'Removes `sudo`/`doas` and its options, leaving the inner command. Safe when the effective USER at the RUN is ' +
      'explicitly root (the command already runs as root); unsafe otherwise, because the command may then lack ' +
      'the privileges it needs.',
    alsoKnownAs: ['kics:8ada6e80', 'semgrep:no-sudo-in-dockerfile', 'dockerfile_lint:no_run_with_sudo', 'dockerfilelint:sudo_usage'],
    examples: {
      invalid: [
        'FROM debian:12\nUSER app\nRUN sudo apt-get update\n',
        'FROM alpine:3.20\nRUN env LANG=C doas apk add --no-cache curl\n',
      ],
      valid: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends sudo=1.9.13p3-1+deb12u1 && rm -rf /var/lib/apt/lists/*\n',
        'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl=8.9.1-r0\nUSER app\n',
      ],
    },
    securitySeverity: 5.0,
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        const word = escalatorWord(command);
        if (!word) continue;
        context.report({
          message: 'Avoid sudo in RUN; switch USER for steps that need root',
          range: word.range,
          codes: CODES,
          fix: removalFix(file, node, command, word),
        });
      }
    }
  },
});

function escalatorWord(command: SimpleCommand): ShellWord | undefined {
  for (const word of command.wrapperWords ?? []) if (ESCALATORS.has(basename(word.value)) && !word.quoted) return word;
  if (command.program !== undefined && ESCALATORS.has(command.program)) return command.name;
  return undefined;
}

function removalFix(file: BuildFile, node: InstructionNode, command: SimpleCommand, word: ShellWord): Fix | undefined {
  if (word === command.name || !command.name) return undefined;
  const words = command.words;
  const at = words.indexOf(word);
  const wrapperWords = new Set(command.wrapperWords ?? []);
  let next: ShellWord | undefined;
  for (let i = at + 1; i < words.length; i++) {
    const candidate = words[i] as ShellWord;
    if (candidate === command.name || candidate.startOffset === command.name.startOffset) {
      next = candidate;
      break;
    }
    if (wrapperWords.has(candidate) && WRAPPER_NAMES.has(basename(candidate.value)) && !candidate.value.startsWith('-')) {
      next = candidate;
      break;
    }
  }
  if (!next) return undefined;
  const user = userAt(file, node);
  const safe = user !== undefined && user.known && isRootName(user.user, node.stage?.windows);
  return {
    safe,
    description: `Remove '${file.text.slice(word.startOffset, next.startOffset).trim()}'`,
    edits: [{ range: file.lines.range(word.startOffset, next.startOffset), text: '' }],
  };
}
