import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { suggest } from '../src/model/buildkit.js';
import { syntaxFrontend } from '../src/model/frontend-features.js';
import type { FlagNode, FlagOptionNode, InstructionNode, Range } from '../src/model/types.js';
import { findReferences } from '../src/model/variables.js';

type FlagType = 'string' | 'bool' | 'duration' | 'integer';
interface FlagSpec {
  type: FlagType;
  repeat?: boolean;
  labs?: boolean;
}

const FLAGS: Record<string, Record<string, FlagSpec>> = {
  FROM: { platform: { type: 'string' } },
  RUN: { mount: { type: 'string', repeat: true }, network: { type: 'string' }, security: { type: 'string' }, device: { type: 'string', repeat: true, labs: true } },
  COPY: { from: { type: 'string' }, chown: { type: 'string' }, chmod: { type: 'string' }, link: { type: 'bool' }, parents: { type: 'bool' }, exclude: { type: 'string', repeat: true } },
  ADD: {
    chown: { type: 'string' }, chmod: { type: 'string' }, link: { type: 'bool' }, 'keep-git-dir': { type: 'bool' }, checksum: { type: 'string' },
    unpack: { type: 'bool' }, exclude: { type: 'string', repeat: true },
  },
  HEALTHCHECK: { interval: { type: 'duration' }, timeout: { type: 'duration' }, 'start-period': { type: 'duration' }, 'start-interval': { type: 'duration' }, retries: { type: 'integer' } },
};

const MOUNT_KEYS = ['type', 'from', 'source', 'src', 'target', 'dst', 'destination', 'ro', 'readonly', 'rw', 'readwrite', 'id', 'sharing', 'required', 'size', 'mode', 'uid', 'gid', 'env'];
const MOUNT_BOOLEANS = new Set(['ro', 'readonly', 'rw', 'readwrite', 'required']);
const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const MOUNT_ONLY: Record<string, string[]> = {
  sharing: ['cache'], required: ['secret', 'ssh'], size: ['tmpfs'], mode: ['secret', 'ssh', 'cache'], uid: ['secret', 'ssh', 'cache'],
  gid: ['secret', 'ssh', 'cache'], env: ['secret'], from: ['bind', 'cache'],
};
const DURATION = /^(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h)/;
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const CHMOD_SYMBOLIC = /^[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*$/;
const CHECKSUM = /^(?:sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$/;

/** Why a duration is invalid, or undefined when it is valid Go duration syntax at or above 1ms. */
function durationProblem(value: string): string | undefined {
  if (value === '0') return undefined;
  if (value.startsWith('-')) return `'${value}' is negative`;
  if (/^\d+(?:\.\d+)?$/.test(value)) return `'${value}' is not a valid duration (missing unit?)`;
  let rest = value.replace(/^\+/, '');
  let seconds = 0;
  if (rest === '') return `'${value}' is not a valid duration`;
  while (rest !== '') {
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)([A-Za-zµμ]+)/.exec(rest);
    if (number && UNIT_SECONDS[number[1] as string] === undefined) return `'${value}' has an unknown unit '${number[1]}'`;
    const match = DURATION.exec(rest);
    if (!match) return `'${value}' is not a valid duration`;
    const unit = match[0].replace(/^[\d.]+/, '');
    seconds += parseFloat(match[0]) * (UNIT_SECONDS[unit] ?? 0);
    rest = rest.slice(match[0].length);
  }
  if (seconds > 0 && seconds < 0.001) return `'${value}' is less than 1ms`;
  return undefined;
}

type Report = (message: string, range: Range, fix?: Fix) => void;

export default defineRule({
  meta: {
    id: 'invalid-flag',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'An instruction flag is unknown, repeated, missing its value, or has an invalid value',
    rationale:
      'Docker rejects unknown flags and malformed values (`--mount` options, durations, `--chmod` modes, checksums) ' +
      'when it parses the file, so one typo in a flag fails the build.',
    fixable: 'safe/unsafe',
    fixDescription: 'Removes a flag that exactly repeats an earlier one (safe), or renames an unknown flag to the one known flag within two edits (unsafe).',
    alsoKnownAs: [
      'dockerfile-utils:UNKNOWN_ADD_FLAG', 'dockerfile-utils:UNKNOWN_COPY_FLAG', 'dockerfile-utils:UNKNOWN_FROM_FLAG', 'dockerfile-utils:UNKNOWN_HEALTHCHECK_FLAG',
      'dockerfile-utils:FLAG_DUPLICATE', 'dockerfile-utils:FLAG_MISSING_VALUE', 'dockerfile-utils:FLAG_EXPECTED_BOOLEAN_VALUE', 'dockerfile-utils:FLAG_INVALID_FROM_VALUE',
      'dockerfile-utils:FLAG_INVALID_DURATION', 'dockerfile-utils:FLAG_LESS_THAN_1MS', 'dockerfile-utils:FLAG_MISSING_DURATION', 'dockerfile-utils:FLAG_UNKNOWN_UNIT',
      'dockerfile-utils:FLAG_AT_LEAST_ONE', 'dockerfile-utils:INVALID_SYNTAX', 'dockerfilelint:healthcheck_options_missing_args', 'dockerfilelint:invalid_format',
    ],
    examples: {
      invalid: ['FROM alpine:3.20\nCOPY --chwon=app:app a.txt /app/\n', 'FROM alpine:3.20\nHEALTHCHECK --interval=30 CMD true\n', 'FROM alpine:3.20\nRUN --mount=type=cache,tagret=/root/.cache true\n'],
      valid: [
        'FROM --platform=$BUILDPLATFORM alpine:3.20 AS build\nRUN --mount=type=cache,target=/root/.cache,sharing=locked --network=none true\nCOPY --chown=app:app --chmod=0755 --link a.txt /app/\nHEALTHCHECK --interval=30s --timeout=1m30s --retries=0 CMD true\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    const frontend = syntaxFrontend(file.directives);
    if (frontend && !frontend.docker) return;
    const labs = frontend?.labs ?? false;
    const report: Report = (message, range, fix) => context.report({ message, range, codes: [], fix });
    for (const each of file.instructions) {
      // Most instructions (and most ONBUILD parents) have no flags: no per-instruction list of the node and its trigger.
      if (each.flags.length > 0) checkFlags(each);
      if (each.trigger && each.trigger.flags.length > 0) checkFlags(each.trigger);
    }

    function checkFlags(node: InstructionNode): void {
      const specs = FLAGS[node.keyword];
      if (!specs) return;
      const seen = new Map<string, FlagNode>();
      for (const flag of node.flags) {
        const name = flag.nameToken.text.slice(2);
        const spec = specs[name];
        if (!spec || (spec.labs && !labs)) {
          report(unknownMessage(node.keyword, name, Object.keys(specs), spec !== undefined), flag.nameToken.range, renameFix(name, Object.keys(specs), flag));
          continue;
        }
        const earlier = seen.get(name);
        if (earlier && !spec.repeat) {
          const fix: Fix | undefined = earlier.token.text === flag.token.text ? removeFlag(file, flag) : undefined;
          report(`--${name} is given twice`, flag.nameToken.range, fix);
          continue;
        }
        seen.set(name, flag);
        const value = flag.value;
        if (spec.type === 'bool') {
          if (value !== undefined && !/^(true|false)$/i.test(value)) report(`--${name} takes true or false; got '${value}'`, (flag.valueToken ?? flag.nameToken).range);
          continue;
        }
        if (value === undefined || value === '') {
          report(`--${name} needs a value`, flag.nameToken.range);
          continue;
        }
        checkValue(file, node, flag, name, value, report);
      }
    }
  },
});

function unknownMessage(keyword: string, name: string, known: string[], labsOnly: boolean): string {
  if (labsOnly) return `--${name} needs a -labs Dockerfile frontend`;
  if (keyword === 'ADD' && name === 'from') return 'ADD has no --from flag; use COPY --from';
  if (keyword === 'COPY' && ['checksum', 'keep-git-dir', 'unpack'].includes(name)) return `COPY has no --${name} flag; only ADD has it`;
  const suggestion = suggest(name, known);
  return `${keyword} has no --${name} flag${suggestion ? ` (did you mean --${suggestion}?)` : ''}`;
}

function renameFix(name: string, known: string[], flag: FlagNode): Fix | undefined {
  const suggestion = suggest(name, known);
  if (!suggestion) return undefined;
  return { edits: [{ range: flag.nameToken.range, text: `--${suggestion}` }], safe: false, description: `Rename to --${suggestion}` };
}

function removeFlag(file: BuildFile, flag: FlagNode): Fix {
  let end = flag.token.endOffset;
  while (end < file.text.length && /[ \t]/.test(file.text[end] as string)) end++;
  return { edits: [{ range: file.lines.range(flag.token.startOffset, end), text: '' }], safe: true, description: 'Remove the repeated flag' };
}

function hasVariable(file: BuildFile, value: string): boolean {
  return findReferences(value, file.escapeChar).length > 0;
}

function checkValue(file: BuildFile, node: InstructionNode, flag: FlagNode, name: string, value: string, report: Report): void {
  const valueRange = (flag.valueToken ?? flag.nameToken).range;
  switch (name) {
    case 'platform':
      if (!hasVariable(file, value) && !/^[a-z0-9_.-]+(?:\/[a-z0-9_.-]+){0,2}$/.test(value)) report(`'${value}' is not a platform (os[/arch[/variant]])`, valueRange);
      return;
    case 'mount':
      checkMount(file, flag, report);
      return;
    case 'network':
      if (!['default', 'none', 'host'].includes(value)) report(`--network must be default, none or host; got '${value}'`, valueRange);
      return;
    case 'security':
      if (!['sandbox', 'insecure'].includes(value)) report(`--security must be sandbox or insecure; got '${value}'`, valueRange);
      return;
    case 'device':
      if (!/^[^,]+(?:,required(?:=(?:true|false))?)?$/i.test(value)) report(`'${value}' is not a device (name[,required])`, valueRange);
      return;
    case 'from':
      if (hasVariable(file, value)) report('--from cannot contain variables; BuildKit does not expand them', valueRange);
      else if (!/^[A-Za-z0-9]/.test(value)) report(`'${value}' is not a stage name, index or image`, valueRange);
      return;
    case 'chown': {
      let literal = value;
      for (const reference of findReferences(value, file.escapeChar).reverse()) literal = literal.slice(0, reference.start) + 'x' + literal.slice(reference.end);
      const parts = literal.split(':');
      if (parts.length > 2 || parts.every((part) => part === '') || (parts.length === 2 && parts[1] === '')) report(`'${value}' is not user[:group]`, valueRange);
      return;
    }
    case 'chmod':
      if (!hasVariable(file, value) && !/^[0-7]{3,4}$/.test(value) && !CHMOD_SYMBOLIC.test(value)) report(`'${value}' is not an octal or symbolic file mode`, valueRange);
      return;
    case 'checksum': {
      if (hasVariable(file, value)) return;
      const sources = node.json ? node.json.strings.slice(0, -1).map((each) => each.value) : node.args.slice(0, -1).map((arg) => arg.text);
      const git = sources.some((source) => /^(?:git@|git:\/\/|https?:\/\/.*\.git(?:[#?].*)?$)/s.test(source));
      const http = sources.some((source) => /^https?:\/\//.test(source));
      if (git) {
        if (!/^[0-9a-f]{7,64}$/.test(value)) report(`'${value}' is not a git commit`, valueRange);
      } else if (http) {
        if (!CHECKSUM.test(value)) report(`'${value}' is not sha256:, sha384: or sha512: with the right number of hex digits`, valueRange);
      } else if (sources.length > 0 && !sources.some((source) => source.includes('$'))) {
        report('--checksum only works with URL or git sources', flag.nameToken.range);
      }
      return;
    }
    case 'retries':
      if (!/^\d+$/.test(value)) report(`--retries needs a whole number of 0 or more; got '${value}'`, valueRange);
      return;
    case 'interval':
    case 'timeout':
    case 'start-period':
    case 'start-interval': {
      const problem = durationProblem(value);
      if (problem) report(problem, valueRange);
      return;
    }
    default:
  }
}

function checkMount(file: BuildFile, flag: FlagNode, report: Report): void {
  const options: FlagOptionNode[] = flag.options.length > 0 ? flag.options : [];
  if (options.length === 0) {
    // A value without `=`: bare keys only. `--mount=ro` is a read-only bind mount of the context at the
    // working directory (BuildKit accepts bare ro/readonly/rw/readwrite; docker/cli relies on it).
    const bare = (flag.value ?? '').split(',').map((field) => field.trim().toLowerCase());
    if (bare.every((field) => ['ro', 'readonly', 'rw', 'readwrite'].includes(field))) return;
    if (flag.valueToken) report(`'${flag.value ?? ''}' is not a list of mount options (type=...,target=...)`, flag.valueToken.range);
    return;
  }
  const typeOption = options.find((option) => option.key === 'type');
  const type = typeOption?.value?.toLowerCase() ?? 'bind';
  if (typeOption && !MOUNT_TYPES.includes(type)) {
    report(`Unknown mount type '${typeOption.value ?? ''}'; use bind, cache, tmpfs, secret or ssh`, typeOption.token.range);
    return;
  }
  const has = (...keys: string[]): FlagOptionNode | undefined => options.find((option) => keys.includes(option.key));
  for (const option of options) {
    if (!MOUNT_KEYS.includes(option.key)) {
      const suggestion = suggest(option.key, MOUNT_KEYS);
      report(`Unknown mount option '${option.key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, option.token.range);
      continue;
    }
    if (MOUNT_BOOLEANS.has(option.key)) {
      if (option.value !== undefined && !/^(true|false)$/i.test(option.value)) report(`Mount option '${option.key}' takes true or false; got '${option.value}'`, option.token.range);
      continue;
    }
    if (option.key !== 'type' && option.value === undefined) {
      report(`Mount option '${option.key}' needs a value`, option.token.range);
      continue;
    }
    const allowed = MOUNT_ONLY[option.key];
    if (allowed && !allowed.includes(type)) {
      report(`Mount option '${option.key}' is not allowed for type=${type}`, option.token.range);
      continue;
    }
    const value = option.value ?? '';
    if (option.key === 'sharing' && !['shared', 'private', 'locked'].includes(value)) report(`sharing must be shared, private or locked; got '${value}'`, option.token.range);
    if (option.key === 'mode' && !/^[0-7]{1,4}$/.test(value) && !hasVariable(file, value)) report(`mode must be octal; got '${value}'`, option.token.range);
    if ((option.key === 'uid' || option.key === 'gid') && !/^\d+$/.test(value) && !hasVariable(file, value)) report(`${option.key} must be a number; got '${value}'`, option.token.range);
    if (option.key === 'from' && hasVariable(file, value)) report('Mount from= cannot contain variables; BuildKit does not expand them', option.token.range);
  }
  // BuildKit defaults a bind mount's target (moby, buildx and compose rely on it), so only cache and tmpfs need one.
  if (['cache', 'tmpfs'].includes(type) && !has('target', 'dst', 'destination')) report(`A ${type} mount needs target=`, (flag.valueToken ?? flag.nameToken).range);
  if (type === 'secret') {
    if (!has('id', 'source', 'src', 'target', 'dst', 'destination')) report('A secret mount needs id=, source= or target=', (flag.valueToken ?? flag.nameToken).range);
    const source = has('source', 'src');
    if (source && has('id')) report('A secret mount cannot combine source= with id=', source.token.range);
  }
}
