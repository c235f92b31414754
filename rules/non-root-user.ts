import { defineRule, type RuleContext } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode, Stage } from '../src/model/types.js';
import { globToRegExp } from '../src/model/variables.js';

interface Options {
  requireUser: boolean;
  nonRootBaseImages: string[];
  stages: 'targets' | 'all';
  fixUser: string;
}

const EXPLICIT_CODES = ['DL3002', 'DS-0002', 'CKV_DOCKER_8'];
const MISSING_CODES = ['DS-0002', 'CKV_DOCKER_3'];

export default defineRule<Options>({
  meta: {
    id: 'non-root-user',
    codes: ['DL3002', 'DS-0002', 'CKV_DOCKER_8', 'CKV_DOCKER_3'],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'The image runs as root, because USER says so or because no USER is ever set',
    rationale:
      'A process running as root inside a container is root on the shared kernel: a container escape or a ' +
      'writable host mount becomes a host compromise. Switching to an unprivileged user in the final image ' +
      'removes that whole class of risk at no cost to most applications.',
    fixable: 'unsafe',
    fixDescription:
      'When no USER is set, inserts `USER {fixUser}` before the first CMD, ENTRYPOINT or HEALTHCHECK of the target ' +
      'stage (or at its end). Unsafe: an application that writes to root-owned paths stops working.',
    alsoKnownAs: ['kics:67fd0c4a', 'kics:fd54f200', 'semgrep:last-user-is-root', 'semgrep:missing-user', 'semgrep:missing-user-entrypoint', 'dockerfile_lint:root_user', 'cis:4.1'],
    options: {
      schema: {
        type: 'object',
        properties: {
          requireUser: { type: 'boolean' },
          nonRootBaseImages: { type: 'array', items: { type: 'string' } },
          stages: { enum: ['targets', 'all'] },
          fixUser: { type: 'string', minLength: 1 },
        },
        additionalProperties: false,
      },
      defaults: { requireUser: true, nonRootBaseImages: ['*nonroot*', '*rootless*', '*unprivileged*'], stages: 'targets', fixUser: '65532:65532' },
      docs: {
        requireUser: 'Report a target stage whose chain never sets USER.',
        nonRootBaseImages: 'Globs matched against the normalised root image reference; such bases already run unprivileged.',
        stages: '`"all"` also reports every stage whose own last USER is root, as hadolint DL3002 does.',
        fixUser: 'The user the unsafe fix inserts.',
      },
    },
    examples: {
      invalid: [
        'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n',
        'FROM alpine:3.20\nRUN adduser -D app\n',
        'FROM alpine:3.20\nUSER 0:0\n',
        'FROM alpine:3.20 AS base\nUSER app\nFROM base\nUSER root\n',
        'FROM scratch\nCOPY app /app\n',
      ],
      valid: [
        'FROM alpine:3.20\nRUN adduser -D app\nUSER app\n',
        'FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER 1000:0\n',
        'FROM alpine:3.20 AS base\nUSER app\nFROM base\nRUN true\n',
        'FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n',
        'FROM alpine:3.20\nUSER $APP_USER\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    const targets = file.targetStages(context.settings.targets);
    const reported = new Set<InstructionNode>();
    for (const target of targets) {
      const effective = effectiveUser(file, target);
      if (effective) {
        if (isRootUser(file, effective.node, effective.stage) && !reported.has(effective.node)) {
          reported.add(effective.node);
          reportExplicit(context, effective.node);
        }
        continue;
      }
      if (!options.requireUser || target.windows) continue;
      const root = file.chain(target).at(-1) ?? target;
      if (root.base.kind === 'image' && nonRootBaseRegExps(options.nonRootBaseImages).some((regex) => regex.test(root.base.normalized) || regex.test(root.base.resolved))) continue;
      context.report({
        message: 'The image never sets USER, so it runs as the base image\'s user (usually root)',
        range: target.base.token.range,
        codes: MISSING_CODES,
        fix: missingUserFix(file, target, options.fixUser),
      });
    }
    if (options.stages === 'all') {
      for (const stage of file.stages) {
        const last = lastUser(stage);
        if (last && !reported.has(last) && isRootUser(file, last, stage)) {
          reported.add(last);
          reportExplicit(context, last);
        }
      }
    }
  },
});

/** Compiled once per option list: the same list is passed for every file linted with a config. */
const compiledNonRootBases = new WeakMap<readonly string[], RegExp[]>();

function nonRootBaseRegExps(globs: readonly string[]): RegExp[] {
  let regexps = compiledNonRootBases.get(globs);
  if (regexps === undefined) {
    regexps = globs.map((glob) => globToRegExp(glob, true));
    compiledNonRootBases.set(globs, regexps);
  }
  return regexps;
}

function lastUser(stage: Stage): InstructionNode | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const node = stage.instructions[i] as InstructionNode;
    if (node.keyword === 'USER') return node;
  }
  return undefined;
}

/** The USER that sets a stage's runtime user: its own last USER, else its parent's, up the chain. */
function effectiveUser(file: BuildFile, stage: Stage): { node: InstructionNode; stage: Stage } | undefined {
  for (const each of file.chain(stage)) {
    const node = lastUser(each);
    if (node) return { node, stage: each };
  }
  return undefined;
}

function isRootUser(file: BuildFile, node: InstructionNode, stage: Stage): boolean {
  const written = node.args[0]?.text;
  if (written === undefined) return false;
  const expansion = file.scope(node).expand(written, file.escapeChar);
  if (!expansion.known) return false;
  const user = (expansion.value.split(':')[0] ?? '').trim();
  if (stage.windows) return user.toLowerCase() === 'containeradministrator';
  return user === 'root' || user === '0';
}

function reportExplicit(context: RuleContext<Options>, node: InstructionNode): void {
  const token = node.args[0];
  if (!token) return;
  context.report({
    message: `The image runs as root (USER ${token.text}); switch to an unprivileged user`,
    range: token.range,
    codes: EXPLICIT_CODES,
  });
}

function missingUserFix(file: BuildFile, stage: Stage, user: string) {
  const anchor = stage.instructions.find((node) => node.keyword === 'CMD' || node.keyword === 'ENTRYPOINT' || node.keyword === 'HEALTHCHECK');
  const keyword = file.instructions.every((node) => node.keywordToken.text === node.keywordToken.text.toLowerCase()) ? 'user' : 'USER';
  if (anchor) {
    const at = anchor.keywordToken.range.start;
    return { safe: false, description: `Insert '${keyword} ${user}'`, edits: [{ range: { start: at, end: at }, text: `${keyword} ${user}\n` }] };
  }
  const last = stage.instructions.at(-1) ?? stage.from;
  const end = last.token.range.end;
  return { safe: false, description: `Insert '${keyword} ${user}'`, edits: [{ range: { start: end, end }, text: `\n${keyword} ${user}` }] };
}
