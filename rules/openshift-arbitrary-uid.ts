import { defineRule, type RuleContext } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode, Range, Stage } from '../src/model/types.js';
import { isRootName, isWithin, resolveAgainst, runtimeUser, workdirAt } from '../src/model/users.js';
import { parseMode } from '../src/shell/file-modes.js';
import { pathChanges } from '../src/shell/ownership.js';
import { analyzeRun } from '../src/shell/run-script.js';

interface Options {
  ignorePaths: string[];
}

interface Ownership {
  range: Range;
  owner: string;
  paths: string[];
}

const ROOT_GROUPS = new Set(['0', 'root']);
const OWNERSHIP_COMMANDS = new Set(['chown', 'chgrp', 'chmod']);

/** Whether a RUN runs chown, chgrp or chmod: only then can it have path changes (which cost a WORKDIR walk to compute). */
function changesOwnership(file: BuildFile, node: InstructionNode): boolean {
  for (const command of analyzeRun(file, node).commands) {
    if (command.program !== undefined && OWNERSHIP_COMMANDS.has(command.program)) return true;
  }
  return false;
}

function ownerParts(spec: string): { user: string; group: string | undefined } {
  const at = spec.search(/[:.]/);
  if (at < 0) return { user: spec, group: undefined };
  return { user: spec.slice(0, at), group: spec.slice(at + 1) };
}

export default defineRule<Options>({
  meta: {
    id: 'openshift-arbitrary-uid',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['openshift', 'all'],
    description: 'The image cannot run under an arbitrary non-root UID in the root group, as OpenShift runs containers',
    rationale:
      'OpenShift\'s restricted policy starts every container with a random UID that belongs to group 0 and ignores ' +
      'the image\'s named users. Paths owned by one specific user are then unwritable. Red Hat\'s image guidelines ' +
      'ask for runtime-writable paths owned by group 0 and group-writable (`chgrp -R 0 dir && chmod -R g=u dir`).',
    fixable: undefined,
    options: {
      schema: { type: 'object', properties: { ignorePaths: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { ignorePaths: ['/tmp', '/var/tmp'] },
      docs: { ignorePaths: 'Paths (and everything under them) whose ownership is not checked.' },
    },
    examples: {
      invalid: ['FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN mkdir /app && chown 1001:1001 /app\nUSER 1001\n', 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nUSER 1001:1001\n'],
      valid: ['FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN mkdir /app && chown -R 1001:0 /app && chmod -R g=u /app\nUSER 1001\n'],
    },
    securitySeverity: 3.0,
  },
  check(context) {
    const { file } = context;
    for (const target of file.targetStages(context.settings.targets)) {
      if (target.windows) continue;
      checkOwnership(context, file, target);
      const user = runtimeUser(file, target);
      const token = user?.node.args[0];
      if (!user || !user.known || !token || isRootName(user.user) || /^container(?:user|administrator)$/i.test(user.user)) continue;
      if (!/^\d+$/.test(user.user)) {
        context.report({ message: `USER '${user.user}' is a name; OpenShift runs the image with an arbitrary UID, so use a numeric UID in group 0`, range: token.range, codes: [] });
      } else if (user.group !== undefined && !ROOT_GROUPS.has(user.group)) {
        context.report({ message: `USER ${token.text} sets group ${user.group}; use group 0 so an arbitrary UID can use the image's files`, range: token.range, codes: [] });
      }
    }
  },
});

function checkOwnership(context: RuleContext<Options>, file: BuildFile, target: Stage): void {
  const ignored = context.options.ignorePaths;
  const owned: Ownership[] = [];
  const rootGroup: string[] = [];
  const groupWritable: string[] = [];
  for (const stage of file.chain(target).reverse()) {
    for (const node of stage.instructions) {
      if (node.keyword === 'COPY' || node.keyword === 'ADD') {
        const chown = node.flags.find((f) => f.name === 'chown');
        const chmod = node.flags.find((f) => f.name === 'chmod');
        if (chown === undefined && chmod === undefined) continue;
        const words = node.json ? node.json.strings.map((s) => s.value) : node.args.map((t) => t.text);
        const written = words.at(-1);
        if (written === undefined || words.length < 2) continue;
        const expansion = file.scope(node).expand(written.replace(/^(["'])(.*)\1$/, '$2'), file.escapeChar);
        const destination = expansion.known ? resolveAgainst(workdirAt(file, node), expansion.value) : undefined;
        if (!destination) continue;
        if (chmod?.value !== undefined && parseMode(chmod.value).groupWritable) groupWritable.push(destination);
        if (chown?.value === undefined) continue;
        const spec = file.scope(node).expand(chown.value, file.escapeChar);
        if (!spec.known) continue;
        const { user, group } = ownerParts(spec.value);
        if (group !== undefined && ROOT_GROUPS.has(group)) rootGroup.push(destination);
        else if (!isRootName(user)) owned.push({ range: chown.token.range, owner: spec.value, paths: [destination] });
        continue;
      }
      if (node.keyword !== 'RUN' || !changesOwnership(file, node)) continue;
      for (const change of pathChanges(file, node)) {
        if (change.kind === 'chgrp') {
          if (ROOT_GROUPS.has(change.spec)) rootGroup.push(...change.paths);
        } else if (change.kind === 'chmod') {
          if (parseMode(change.spec).groupWritable) groupWritable.push(...change.paths);
        } else {
          const { user, group } = ownerParts(change.spec);
          if (group !== undefined && ROOT_GROUPS.has(group)) rootGroup.push(...change.paths);
          else if (!isRootName(user) && change.paths.length > 0) owned.push({ range: change.word.range, owner: change.spec, paths: change.paths });
        }
      }
    }
  }
  const covered = (list: string[], path: string): boolean => list.some((dir) => isWithin(path, dir));
  for (const ownership of owned) {
    const path = ownership.paths.find((p) => !ignored.some((dir) => isWithin(p, dir)) && !(covered(rootGroup, p) && covered(groupWritable, p)));
    if (path === undefined) continue;
    context.report({
      message: `'${path}' is owned by ${ownership.owner} but not writable by the root group; OpenShift runs with an arbitrary UID in group 0 (chgrp -R 0 ${path} && chmod -R g=u ${path})`,
      range: ownership.range,
      codes: [],
    });
  }
}
