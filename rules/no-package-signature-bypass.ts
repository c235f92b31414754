import { defineRule, type Fix } from '../src/engine/types.js';
import type { Range } from '../src/model/types.js';
import { commandName, removeWordsEdit } from '../src/shell/downloads.js';
import { envSettings } from '../src/shell/env-settings.js';
import { allFileWrites } from '../src/shell/file-writes.js';
import { allPackageCommands } from '../src/shell/package-config.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord } from '../src/shell/types.js';
import { perToolOptions } from '../src/engine/rule-options.js';

type Tool = 'apk' | 'apt' | 'rpm' | 'zypper' | 'go' | 'dpkg';

interface Options {
  tools: Partial<Record<Tool, boolean>>;
}

const TOOLS: Tool[] = ['apk', 'apt', 'rpm', 'zypper', 'go', 'dpkg'];
const LABEL: Record<Tool, string> = { apk: 'apk', apt: 'apt', rpm: 'yum/dnf/rpm', zypper: 'zypper', go: 'Go', dpkg: 'dpkg' };

const APT_INSECURE_OPTION = /^(?:Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|APT::Get::AllowUnauthenticated)=(?:true|1|yes)$/i;
const GPGCHECK_SETOPT = /^(?:[^=]*\.)?(?:repo_|localpkg_)?gpgcheck=(?:0|false|no)$/i;
const RPM_FLAGS = new Set(['--nosignature', '--nodigest', '--noverify', '--nofiledigest']);

export default defineRule<Options>({
  meta: {
    id: 'no-package-signature-bypass',
    codes: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_11', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10'],
    severity: 'error',
    category: 'security',
    presets: ['recommended'],
    description: 'Package signature or integrity verification is disabled',
    rationale:
      'Package managers verify signatures so that a mirror, a proxy or an attacker on the path cannot substitute ' +
      'packages. Turning the check off installs whatever arrives, as root, into the image. Install the repository\'s ' +
      'signing key instead.',
    fixable: 'unsafe',
    fixDescription: 'Removes the flag. Unsafe: the install then fails until the signing key is installed.',
    securitySeverity: 8.1,
    alsoKnownAs: ['cis:4.11'],
    options: perToolOptions(TOOLS),
    examples: {
      invalid: ['FROM alpine:3.22\nRUN apk add --no-cache --allow-untrusted /tmp/pkg.apk\nUSER nobody\n'],
      valid: ['FROM alpine:3.22\nRUN apk add --no-cache /tmp/pkg.apk\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const report = (tool: Tool, what: string, range: Range, codes: string[], words?: ShellWord[]): void => {
      if (options.tools[tool] === false) return;
      const edit = words ? removeWordsEdit(file, words) : undefined;
      const fix: Fix | undefined = edit ? { edits: [edit], safe: false, description: `Remove ${what}` } : undefined;
      context.report({ message: `${LABEL[tool]} signature verification is disabled (${what}); install the signing key instead`, range, codes, ...(fix ? { fix } : {}) });
    };
    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      for (const command of analysis.commands) {
        const name = commandName(command);
        if (name === 'rpm') {
          for (const word of command.args) if (RPM_FLAGS.has(word.value)) report('rpm', word.value, word.range, ['CKV2_DOCKER_10'], [word]);
        } else if (name === 'dpkg') {
          for (const word of command.args) if (/^--force-(?:bad-verify|all)$/.test(word.value)) report('dpkg', word.value, word.range, [], [word]);
        }
      }
      for (const pc of allPackageCommands(file, node)) {
        for (const option of pc.options) {
          const flag = option.word;
          switch (pc.manager) {
            case 'apk':
              // `apk index --allow-untrusted` indexes local packages; it installs nothing.
              if (option.name === '--allow-untrusted' && pc.subcommand?.value !== 'index') report('apk', option.name, flag.range, ['CKV2_DOCKER_7'], [flag]);
              break;
            case 'apt':
              if (option.name === '--allow-unauthenticated' || option.name === '--allow-insecure-repositories' || option.name === '--allow-downgrades-to-insecure') {
                report('apt', option.name, flag.range, ['CKV2_DOCKER_8'], [flag]);
              } else if (option.name === '--force-yes') report('apt', option.name, flag.range, ['CKV2_DOCKER_11'], [flag]);
              else if ((option.name === '-o' || option.name === '--option') && option.value !== undefined && APT_INSECURE_OPTION.test(option.value)) {
                report('apt', `-o ${option.value}`, (option.valueWord ?? flag).range, ['CKV2_DOCKER_8'], option.valueWord ? [flag, option.valueWord] : [flag]);
              }
              break;
            case 'yum':
            case 'dnf':
              if (option.name === '--nogpgcheck' || option.name === '--no-gpgchecks') report('rpm', option.name, flag.range, ['CKV2_DOCKER_9'], [flag]);
              else if (option.name === '--setopt' && option.value !== undefined && GPGCHECK_SETOPT.test(option.value)) {
                report('rpm', `--setopt=${option.value}`, flag.range, ['CKV2_DOCKER_9'], option.valueWord ? [flag, option.valueWord] : [flag]);
              }
              break;
            case 'zypper':
              if (option.name === '--no-gpg-checks' || option.name === '--no-gpg-check') report('zypper', option.name, flag.range, [], [flag]);
              break;
            default:
              break;
          }
        }
      }
    }
    for (const setting of envSettings(file)) {
      const value = setting.value?.trim();
      if (value === undefined || value === '') continue;
      if (setting.name === 'GOSUMDB' && value === 'off') report('go', 'GOSUMDB=off', setting.nameRange, []);
      else if (setting.name === 'GONOSUMDB' || setting.name === 'GONOSUMCHECK') report('go', setting.name, setting.nameRange, []);
    }
    for (const write of allFileWrites(file)) {
      const path = write.path;
      for (const line of write.lines) {
        const text = line.text;
        if (text.startsWith('#')) continue;
        if (/(?:\.repo|^\/etc\/yum\.conf|^\/etc\/dnf\/dnf\.conf)$/.test(path) && /^(?:repo_|localpkg_)?gpgcheck\s*=\s*(?:0|false|no)\b/i.test(text)) {
          report('rpm', text.replace(/\s+/g, ''), line.range, ['CKV2_DOCKER_9']);
        } else if (/^\/etc\/apt\/apt\.conf(?:\.d\/.*)?$/.test(path) && /(?:AllowInsecureRepositories|AllowUnauthenticated)\s+"?(?:true|1|yes)\b/i.test(text)) {
          const trimmed = text.trimEnd();
          report('apt', trimmed.endsWith(';') ? trimmed.slice(0, -1).trimEnd() : text, line.range, ['CKV2_DOCKER_8']);
        } else if (/^\/etc\/apt\/sources\.list(?:\.d\/.*)?$/.test(path)) {
          const options = /\[([^[\]]*)\]/.exec(text)?.[1] ?? '';
          const found = /(?:^|\s)((?:trusted|allow-insecure)=yes)(?=\s|$)/.exec(options)?.[1];
          // A trusted local repository (`file:`/`copy:`) has no transport to attack: packages built in this build.
          const local = /\]\s*(?:file|copy):/.test(text);
          if (found && !local) report('apt', `[${found}]`, line.range, ['CKV2_DOCKER_8']);
          else if (/^Trusted:\s*yes\b/i.test(text)) report('apt', 'Trusted: yes', line.range, ['CKV2_DOCKER_8']);
        }
      }
    }
  },
});
