import { defineRule, type Fix } from '../src/engine/types.js';
import type { Range } from '../src/model/types.js';
import { commandName, recognizeDownload, removeClusterLetterEdit, removeWordsEdit } from '../src/shell/downloads.js';
import { envSettings } from '../src/shell/env-settings.js';
import { allFileWrites } from '../src/shell/file-writes.js';
import { recognizeGit } from '../src/shell/git.js';
import { allPackageCommands, operandsAfterSubcommand } from '../src/shell/package-config.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord } from '../src/shell/types.js';
import { perToolOptions } from '../src/engine/rule-options.js';

type Tool = 'curl' | 'wget' | 'pip' | 'python' | 'node' | 'npm' | 'git' | 'rpm' | 'apt' | 'composer' | 'conda' | 'go' | 'kube';

interface Options {
  tools: Partial<Record<Tool, boolean>>;
}

const TOOLS: Tool[] = ['curl', 'wget', 'pip', 'python', 'node', 'npm', 'git', 'rpm', 'apt', 'composer', 'conda', 'go', 'kube'];

const LABEL: Record<Tool, string> = {
  curl: 'curl',
  wget: 'wget',
  pip: 'pip',
  python: 'Python',
  node: 'Node.js',
  npm: 'npm',
  git: 'git',
  rpm: 'yum/dnf',
  apt: 'apt',
  composer: 'composer',
  conda: 'conda',
  go: 'Go',
  kube: 'kubectl/helm',
};

const FALSE = /^(?:false|0|no|off)$/i;
const CURL_FLAGS = new Set(['-k', '--insecure', '--proxy-insecure', '--doh-insecure']);
const SSLVERIFY_SETOPT = /^(?:[^=]*\.)?sslverify=(?:0|false|no)$/i;
const APT_VERIFY = /^Acquire::https?::(?:[^:=]+::)?Verify-(?:Peer|Host)=(?:false|0|no)$/i;

interface ConfigPattern {
  tool: Tool;
  codes: string[];
  file: RegExp;
  line: RegExp;
  what: string;
}

const CONFIG_PATTERNS: ConfigPattern[] = [
  { tool: 'curl', codes: ['CKV2_DOCKER_2'], file: /(?:^|\/)[._]?curlrc$/, line: /^(?:-k|--insecure|insecure)(?:\s|$)/, what: 'insecure in .curlrc' },
  { tool: 'wget', codes: ['CKV2_DOCKER_3'], file: /(?:^|\/)(?:\.wgetrc|wgetrc)$/, line: /^check_certificate\s*=\s*(?:off|0|no|false)\b/i, what: 'check_certificate = off in wgetrc' },
  { tool: 'pip', codes: ['CKV2_DOCKER_4'], file: /(?:^|\/)pip\.(?:conf|ini)$/, line: /^trusted[-_]host\s*[=:]/i, what: 'trusted-host in pip.conf' },
  { tool: 'npm', codes: ['CKV2_DOCKER_13'], file: /(?:^|\/)\.npmrc$/, line: /^strict-ssl\s*=\s*false\b/i, what: 'strict-ssl=false in .npmrc' },
  { tool: 'npm', codes: ['CKV2_DOCKER_13'], file: /(?:^|\/)\.yarnrc(?:\.yml)?$/, line: /^(?:"?strict-ssl"?\s+false|enableStrictSsl:\s*false)\b/i, what: 'strict SSL off in .yarnrc' },
  { tool: 'rpm', codes: ['CKV2_DOCKER_15'], file: /(?:\.repo|^\/etc\/yum\.conf|^\/etc\/dnf\/dnf\.conf)$/, line: /^sslverify\s*=\s*(?:0|false|no)\b/i, what: 'sslverify=0 in a repo config' },
  { tool: 'apt', codes: [], file: /^\/etc\/apt\/apt\.conf(?:\.d\/.*)?$/, line: /Verify-(?:Peer|Host)\s+"?(?:false|0|no)\b/i, what: 'Verify-Peer false in apt.conf' },
  { tool: 'git', codes: ['CKV2_DOCKER_14'], file: /(?:^|\/)\.?gitconfig$/, line: /^sslVerify\s*=\s*(?:false|0|no|off)\b/i, what: 'sslVerify = false in gitconfig' },
];

const POWERSHELL_FLAG = /(?:^|\s)(--insecure|--no-check-certificate|-SkipCertificateCheck)(?=\s|$)/gi;
/** A word every POWERSHELL_FLAG contains: scanning for it is much cheaper than matching the flags at every blank. */
const POWERSHELL_FLAG_WORD = /insecure|certificate/i;

export default defineRule<Options>({
  meta: {
    id: 'no-tls-verify-bypass',
    codes: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_16', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15'],
    severity: 'error',
    category: 'security',
    presets: ['recommended'],
    description: 'TLS certificate verification is disabled for a download tool, runtime or package manager',
    rationale:
      'Without certificate verification, anyone on the network path can impersonate the server and hand the build ' +
      'arbitrary code. The usual cause, a corporate proxy or a private CA, is fixed by installing that CA certificate ' +
      'in the image, not by turning verification off.',
    fixable: 'unsafe',
    fixDescription:
      'Removes the flag (with its value for `--trusted-host`); removing `k` from a cluster such as `-fsSLk` keeps the ' +
      'other letters. Unsafe: the build may then fail against a server whose certificate is not trusted.',
    securitySeverity: 8.1,
    alsoKnownAs: ['cis:4.11'],
    options: perToolOptions(TOOLS),
    examples: {
      invalid: [
        'FROM alpine:3.22\nRUN curl -fsSLk -o /tmp/x.tgz https://example.com/x.tgz\nUSER nobody\n',
        'FROM node:22-alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nUSER node\n',
      ],
      valid: ['FROM alpine:3.22\nRUN curl -fsSL -o /tmp/x.tgz https://example.com/x.tgz\nUSER nobody\n', 'FROM node:22-alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\nUSER node\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const enabled = (tool: Tool): boolean => options.tools[tool] !== false;
    const report = (tool: Tool, what: string, range: Range, codes: string[], edits?: ({ range: Range; text: string } | undefined)[]): void => {
      if (!enabled(tool)) return;
      const defined = edits?.filter((edit): edit is { range: Range; text: string } => edit !== undefined) ?? [];
      const fix: Fix | undefined =
        defined.length > 0 && defined.length === edits?.length ? { edits: defined, safe: false, description: `Remove ${what}` } : undefined;
      context.report({ message: `${LABEL[tool]} TLS certificate verification is disabled (${what}); fix the CA trust instead`, range, codes, ...(fix ? { fix } : {}) });
    };
    const removeOption = (word: ShellWord, valueWord?: ShellWord): ({ range: Range; text: string } | undefined)[] => [removeWordsEdit(file, valueWord ? [word, valueWord] : [word])];

    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      if (!analysis.posix) {
        if (!POWERSHELL_FLAG_WORD.test(node.argsValue)) continue;
        for (const match of node.argsValue.matchAll(POWERSHELL_FLAG)) {
          const flag = match[1] as string;
          const start = node.mapArgsOffset((match.index ?? 0) + match[0].indexOf(flag));
          const tool: Tool = /check-certificate/.test(flag) ? 'wget' : 'curl';
          report(tool, flag, file.lines.range(start, start + flag.length), tool === 'wget' ? ['CKV2_DOCKER_3'] : /^--insecure$/.test(flag) ? ['CKV2_DOCKER_2'] : []);
        }
        continue;
      }
      for (const command of analysis.commands) {
        const name = commandName(command);
        // Each recogniser reads the name again: call only the one this name can match.
        const download = name === 'curl' || name === 'wget' ? recognizeDownload(command) : undefined;
        if (download?.tool === 'curl') {
          for (const option of download.classified.options) {
            if (!CURL_FLAGS.has(option.name)) continue;
            const cluster = option.name === '-k' && option.word.value !== '-k';
            const edits = cluster ? [removeClusterLetterEdit(file, option.word, 'k')] : removeOption(option.word);
            report('curl', option.name === '-k' ? '-k' : option.name, cluster ? option.word.range : option.word.range, ['CKV2_DOCKER_2'], edits);
          }
          continue;
        }
        if (download?.tool === 'wget') {
          for (const option of download.classified.options) {
            if (option.name === '--no-check-certificate') report('wget', option.name, option.word.range, ['CKV2_DOCKER_3'], removeOption(option.word));
          }
          continue;
        }
        const git = name === 'git' ? recognizeGit(command) : undefined;
        if (git) {
          for (const setting of git.settings) {
            if (/^http\..*sslverify$|^http\.sslverify$/i.test(setting.key) && FALSE.test(setting.value)) {
              report('git', `-c ${setting.key}=${setting.value}`, setting.word.range, ['CKV2_DOCKER_14']);
            }
          }
          if (git.subcommand?.value === 'config') {
            const operands: ShellWord[] = [];
            for (let i = 0; i < git.args.length; i++) {
              const word = git.args[i] as ShellWord;
              if (word.value === '--file' || word.value === '-f' || word.value === '--blob' || word.value === '--type') i++;
              else if (!word.value.startsWith('-')) operands.push(word);
            }
            const [key, value] = operands;
            if (key && value && /^http(?:\..+)?\.sslverify$/i.test(key.value) && FALSE.test(value.value)) {
              report('git', `${key.value} ${value.value}`, key.range, ['CKV2_DOCKER_14']);
            }
          }
          continue;
        }
        if (name === 'helm' || name === 'kubectl' || name === 'oc') {
          for (const word of command.args) {
            if (/^--insecure-skip-tls-verify(?:=true)?$/.test(word.value)) report('kube', '--insecure-skip-tls-verify', word.range, [], removeOption(word));
          }
          continue;
        }
        if (name === 'yum-config-manager') {
          command.args.forEach((word, i) => {
            const value = word.value.startsWith('--setopt=') ? word.value.slice(9) : word.value === '--setopt' ? command.args[i + 1]?.value : undefined;
            if (value !== undefined && SSLVERIFY_SETOPT.test(value)) report('rpm', `--setopt=${value}`, word.range, ['CKV2_DOCKER_15']);
          });
        }
        if (name === 'conda' || name === 'mamba' || name === 'micromamba') {
          command.args.forEach((word, i) => {
            if (word.value === '--set' && command.args[i + 1]?.value === 'ssl_verify' && FALSE.test(command.args[i + 2]?.value ?? '')) {
              report('conda', 'ssl_verify false', command.args[i + 1]?.range ?? word.range, []);
            }
          });
        }
      }
      for (const pc of allPackageCommands(file, node)) {
        const sub = pc.subcommand?.value;
        if (pc.manager === 'pip') {
          for (const option of pc.options) {
            if (option.name === '--trusted-host') report('pip', `--trusted-host ${option.value ?? ''}`.trim(), option.word.range, ['CKV2_DOCKER_4'], removeOption(option.word, option.valueWord));
            if (option.name === '--allow-insecure-host') report('pip', '--allow-insecure-host', option.word.range, [], removeOption(option.word, option.valueWord));
          }
          if (sub === 'config') {
            const [verb, key] = operandsAfterSubcommand(pc);
            if (verb?.value === 'set' && key && /(?:^|\.)trusted-host(?:=|$)/.test(key.value)) report('pip', 'config set trusted-host', key.range, ['CKV2_DOCKER_4']);
          }
        }
        if (pc.manager === 'npm' || pc.manager === 'yarn' || pc.manager === 'pnpm') {
          for (const option of pc.options) {
            if (option.name === '--strict-ssl' && option.value !== undefined && FALSE.test(option.value)) report('npm', '--strict-ssl=false', option.word.range, ['CKV2_DOCKER_13'], removeOption(option.word));
          }
          if (sub === 'config' || sub === 'set') {
            const operands = operandsAfterSubcommand(pc);
            const args = sub === 'config' ? (operands[0]?.value === 'set' ? operands.slice(1) : []) : operands;
            const key = args[0];
            if (key) {
              const eq = key.value.indexOf('=');
              const keyName = eq < 0 ? key.value : key.value.slice(0, eq);
              const value = eq < 0 ? args[1]?.value : key.value.slice(eq + 1);
              if (/^(?:strict-ssl|strictSsl|enableStrictSsl)$/.test(keyName) && value !== undefined && FALSE.test(value)) {
                report('npm', `${keyName} false`, key.range, ['CKV2_DOCKER_13']);
              }
            }
          }
        }
        if (pc.manager === 'yum' || pc.manager === 'dnf') {
          for (const option of pc.options) {
            if (option.name === '--setopt' && option.value !== undefined && SSLVERIFY_SETOPT.test(option.value)) {
              report('rpm', `--setopt=${option.value}`, option.word.range, ['CKV2_DOCKER_15'], removeOption(option.word, option.valueWord));
            }
          }
        }
        if (pc.manager === 'apt') {
          for (const option of pc.options) {
            if ((option.name === '-o' || option.name === '--option') && option.value !== undefined && APT_VERIFY.test(option.value)) {
              report('apt', `-o ${option.value}`, (option.valueWord ?? option.word).range, [], removeOption(option.word, option.valueWord));
            }
          }
        }
        if (pc.manager === 'composer' && sub === 'config') {
          const [key, value] = operandsAfterSubcommand(pc);
          if (key && value && ((key.value === 'disable-tls' && /^(?:true|1)$/.test(value.value)) || (key.value === 'secure-http' && FALSE.test(value.value)))) {
            report('composer', `${key.value} ${value.value}`, key.range, []);
          }
        }
      }
    }

    for (const setting of envSettings(file)) {
      const value = setting.value;
      if (value === undefined) continue;
      const name = setting.name;
      if (name === 'PYTHONHTTPSVERIFY' && value.trim() === '0') report('python', 'PYTHONHTTPSVERIFY=0', setting.nameRange, ['CKV2_DOCKER_5']);
      else if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && value.trim() === '0') report('node', 'NODE_TLS_REJECT_UNAUTHORIZED=0', setting.nameRange, ['CKV2_DOCKER_6']);
      else if (/^npm_config_strict_ssl$/i.test(name) && FALSE.test(value.trim())) report('npm', `${name}=${value}`, setting.nameRange, ['CKV2_DOCKER_12']);
      else if ((name === 'YARN_ENABLE_STRICT_SSL' || name === 'YARN_STRICT_SSL') && FALSE.test(value.trim())) report('npm', `${name}=${value}`, setting.nameRange, ['CKV2_DOCKER_13']);
      else if (name === 'PIP_TRUSTED_HOST' && value.trim() !== '') report('pip', 'PIP_TRUSTED_HOST', setting.nameRange, ['CKV2_DOCKER_16']);
      else if (name === 'UV_INSECURE_HOST' && value.trim() !== '') report('pip', 'UV_INSECURE_HOST', setting.nameRange, []);
      else if (name === 'GIT_SSL_NO_VERIFY') report('git', 'GIT_SSL_NO_VERIFY', setting.nameRange, ['CKV2_DOCKER_14']);
      else if (name === 'GOINSECURE' && value.trim() !== '') report('go', 'GOINSECURE', setting.nameRange, []);
      else if (name === 'GOFLAGS' && /(?:^|\s)-insecure\b/.test(value)) report('go', 'GOFLAGS=-insecure', setting.nameRange, []);
    }

    for (const write of allFileWrites(file)) {
      for (const pattern of CONFIG_PATTERNS) {
        if (!pattern.file.test(write.path)) continue;
        for (const line of write.lines) if (pattern.line.test(line.text)) report(pattern.tool, pattern.what, line.range, pattern.codes);
      }
    }
  },
});
