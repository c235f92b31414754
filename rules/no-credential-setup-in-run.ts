import { defineRule } from '../src/engine/types.js';
import type { InstructionNode } from '../src/model/types.js';
import { classifyArgs } from '../src/shell/options.js';
import { analyzeRun } from '../src/shell/run-script.js';
import { basename } from '../src/shell/basename.js';
import type { ShellWord, SimpleCommand } from '../src/shell/types.js';
import { trimEndChars } from '../src/model/trim.js';

const CODES = ['DS-0031'];
const REGISTRY_LOGIN_TOOLS = new Set(['docker', 'podman', 'buildah', 'skopeo', 'oras', 'nerdctl']);
/** Credential files (by the end of their path) and the fields that make a write a credential write. */
const CREDENTIAL_FILES = ['.npmrc', '.netrc', '_netrc', '.git-credentials', '.pypirc', '.docker/config.json', '.aws/credentials'];
const CREDENTIAL_FIELD = /_authToken|_auth\b|_password|password|login\b/i;
const URL_WITH_CREDENTIALS = /:\/\/[^\s/@:]{1,256}:[^\s/@]{1,256}@/;

interface Setup {
  word: ShellWord;
  /** Paths (ends of paths) whose removal or mounting makes the setup harmless. */
  stores: string[];
  /** Commands that undo the setup (`docker logout`). */
  undo?: string;
}

function operands(command: SimpleCommand, withValue: string[] = []): string[] {
  return classifyArgs(command.args, { withValue }).operands.map((w) => w.value);
}

function hasOption(command: SimpleCommand, names: string[], withValue: string[] = []): boolean {
  return classifyArgs(command.args, { withValue }).options.some((o) => names.includes(o.name));
}

/** The credential-storing CLI call a command makes, if any (RULES.md `no-credential-setup-in-run`); `name` is the command's basename. */
function credentialSetup(command: SimpleCommand, word: ShellWord, name: string): Setup | undefined {
  switch (name) {
    case 'aws': {
      const ops = operands(command, ['--profile', '--region', '--output']);
      if (ops[0] === 'configure' && ops[1] === 'set' && /(?:^|\.)aws_(?:access_key_id|secret_access_key|session_token)$/.test(ops[2] ?? '')) {
        return { word, stores: ['.aws', '.aws/credentials', '.aws/config'] };
      }
      return undefined;
    }
    case 'gcloud': {
      const ops = operands(command, ['--key-file', '--project']);
      if (ops[0] === 'auth' && ops[1] === 'activate-service-account') return { word, stores: ['.config/gcloud', '.config'] };
      return undefined;
    }
    case 'az': {
      if (command.args[0]?.value === 'login' && hasOption(command, ['-p', '--password', '--federated-token'], ['-p', '--password', '-u', '--username', '-t', '--tenant', '--federated-token'])) {
        return { word, stores: ['.azure'] };
      }
      return undefined;
    }
    case 'doctl': {
      const ops = operands(command, ['-t', '--access-token', '--context']);
      if (ops[0] === 'auth' && ops[1] === 'init' && hasOption(command, ['-t', '--access-token'], ['-t', '--access-token', '--context'])) {
        return { word, stores: ['.config/doctl', '.config'] };
      }
      return undefined;
    }
    default:
      break;
  }
  const loginValue = ['-p', '--password', '-u', '--username', '--authfile'];
  if (REGISTRY_LOGIN_TOOLS.has(name) || name === 'helm') {
    const ops = operands(command, loginValue);
    const isLogin = name === 'helm' ? ops[0] === 'registry' && ops[1] === 'login' : ops[0] === 'login';
    if (isLogin && hasOption(command, ['-p', '--password'], loginValue)) {
      return { word, stores: ['.docker', '.docker/config.json', '.config/containers', 'containers/auth.json', '.config/helm', '.config/helm/registry'], undo: `${name} logout` };
    }
    return undefined;
  }
  if (name === 'npm' || name === 'pnpm') {
    const ops = operands(command);
    const set = (ops[0] === 'config' && ops[1] === 'set') ? ops.slice(2) : ops[0] === 'set' && name === 'npm' ? ops.slice(1) : undefined;
    if (set && set.some((o) => /(?:^|:)_(?:authToken|auth|password)(?:=|$)/.test(o))) return { word, stores: ['.npmrc'] };
    return undefined;
  }
  if (name === 'yarn') {
    const ops = operands(command);
    if (ops[0] === 'config' && ops[1] === 'set' && /^npmAuth(?:Token|Ident)$/.test(ops[2] ?? '')) return { word, stores: ['.yarnrc.yml', '.yarnrc'] };
    return undefined;
  }
  if (name === 'git') {
    const ops = operands(command, ['-C', '-c', '--file', '-f']);
    const at = ops.indexOf('config');
    if (at >= 0 && ops.slice(at + 1).some((o) => o === 'credential.helper') && ops.at(-1)?.startsWith('store')) {
      return { word, stores: ['.git-credentials', '.gitconfig'] };
    }
    return undefined;
  }
  if (name === 'pip' || name === 'pip3') {
    const ops = operands(command);
    if (ops[0] === 'config' && ops[1] === 'set' && /index-url$/.test(ops[2] ?? '') && URL_WITH_CREDENTIALS.test(ops[3] ?? '')) {
      return { word, stores: ['pip.conf', '.config/pip', '.pip'] };
    }
    return undefined;
  }
  if (name === 'kubectl') {
    const ops = operands(command, ['--token', '--password', '--username', '--kubeconfig']);
    if (ops[0] === 'config' && ops[1] === 'set-credentials' && hasOption(command, ['--token', '--password'], ['--token', '--password', '--username', '--kubeconfig'])) {
      return { word, stores: ['.kube', '.kube/config'] };
    }
  }
  return undefined;
}

/** A redirect or `tee` of credential fields into a credential file. */
function credentialWrite(command: SimpleCommand, word: ShellWord, name: string, node: InstructionNode): Setup | undefined {
  if (command.redirects.length === 0 && name !== 'tee') return undefined;
  const targets: string[] = command.redirects.filter((r) => r.operator.includes('>') && r.target).map((r) => r.target?.value ?? '');
  if (name === 'tee') targets.push(...command.args.filter((a) => !a.value.startsWith('-')).map((a) => a.value));
  const target = targets.find((t) => CREDENTIAL_FILES.some((f) => t === f || t.endsWith(`/${f}`)));
  if (!target) return undefined;
  const body = command.args.map((a) => a.value).join(' ') + node.heredocs.map((h) => h.body?.text ?? '').join('\n');
  if (!CREDENTIAL_FIELD.test(body)) return undefined;
  const file = CREDENTIAL_FILES.find((f) => target === f || target.endsWith(`/${f}`)) as string;
  return { word, stores: [file, target] };
}

function pathCovers(written: string, stores: string[]): boolean {
  const cleaned = trimEndChars(written, '/');
  return stores.some((store) => cleaned === store || cleaned.endsWith(`/${store}`) || cleaned === `~/${store}` || cleaned === `$HOME/${store}` || cleaned === `\${HOME}/${store}`);
}

/** Whether the RUN removes what the setup wrote, later in the same RUN, or mounts over it. */
function undone(node: InstructionNode, commands: SimpleCommand[], index: number, setup: Setup): boolean {
  for (const flag of node.flags) {
    if (flag.name !== 'mount') continue;
    const type = flag.options.find((o) => o.key === 'type')?.value;
    const target = flag.options.find((o) => o.key === 'target' || o.key === 'dst' || o.key === 'destination')?.value;
    if ((type === 'tmpfs' || type === 'secret') && target && pathCovers(target, setup.stores)) return true;
  }
  for (const later of commands.slice(index + 1)) {
    const name = later.program ?? '';
    if (name === 'rm' && later.args.some((a) => !a.value.startsWith('-') && pathCovers(a.value, setup.stores))) return true;
    if (setup.undo && `${name} ${later.args[0]?.value ?? ''}` === setup.undo) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'no-credential-setup-in-run',
    codes: CODES,
    severity: 'error',
    category: 'security',
    presets: ['recommended'],
    description: 'A RUN writes credentials into a configuration file in the layer (CLI login or config command)',
    rationale:
      'CLI logins and `config set` commands store the credential in a file under the home directory, and that ' +
      'file becomes part of the layer: anyone who pulls the image can read it. A secret mount alone does not help ' +
      'when the command copies the secret into such a file; remove the file in the same RUN or mount over it.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.10'],
    examples: {
      invalid: [
        'FROM amazon/aws-cli:2.17.0\nRUN aws configure set aws_access_key_id "$KEY_ID"\n',
        'FROM node:22-alpine\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci\n',
      ],
      valid: [
        'FROM node:22-alpine\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
        'FROM docker:27-cli\nRUN --mount=type=secret,id=pw,env=PW docker login -u ci -p "$PW" registry.example.com && docker pull registry.example.com/x:1 && docker logout registry.example.com\n',
      ],
    },
    securitySeverity: 8.0,
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      const commands = analyzeRun(file, node).commands;
      commands.forEach((command, index) => {
        const word = command.name;
        if (!word) return;
        const name = basename(word.value);
        const setup = credentialSetup(command, word, name) ?? credentialWrite(command, word, name, node);
        if (!setup || undone(node, commands, index, setup)) return;
        context.report({
          message: `${basename(setup.word.value)} stores credentials in the image layer; use a secret mount and avoid writing credential files`,
          range: setup.word.range,
          codes: CODES,
        });
      });
    }
  },
});
