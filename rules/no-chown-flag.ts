import { defineRule } from '../src/engine/types.js';
import { runtimeUser } from '../src/model/users.js';

interface Options {
  onlyRuntimeUser: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'no-chown-flag',
    codes: [],
    severity: 'info',
    category: 'security',
    presets: ['all'],
    description: 'COPY or ADD uses --chown, making the copied files owned by that user',
    rationale:
      'Files owned by the runtime user can be rewritten by the application, so a compromised process can change ' +
      'its own code and configuration. Application files are safer owned by root and only readable by the ' +
      'runtime user. This is KICS\'s policy; it pulls the other way from `prefer-copy-chown`, so choose one.',
    fixable: undefined,
    alsoKnownAs: ['kics:aa93e17f'],
    options: {
      schema: { type: 'object', properties: { onlyRuntimeUser: { type: 'boolean' } }, additionalProperties: false },
      defaults: { onlyRuntimeUser: false },
      docs: { onlyRuntimeUser: 'Report only when the owner is a target stage\'s runtime user (the case that makes files writable at run time).' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nCOPY --chown=app:app . /app\nUSER app\n'],
      valid: ['FROM alpine:3.20\nCOPY . /app\nUSER app\n'],
    },
    securitySeverity: 3.0,
  },
  check(context) {
    const { file, options } = context;
    const runtimeUsers = new Set<string>();
    if (options.onlyRuntimeUser) {
      for (const target of file.targetStages(context.settings.targets)) {
        const user = runtimeUser(file, target);
        if (user?.known) runtimeUsers.add(user.user);
      }
    }
    for (const node of [...file.find('COPY'), ...file.find('ADD')]) {
      const flag = node.flags.find((f) => f.name === 'chown');
      if (!flag || flag.value === undefined) continue;
      const owner = file.scope(node).expand(flag.value, file.escapeChar);
      const user = owner.value.split(':')[0] ?? '';
      // Root ownership is what the rule asks for.
      if (owner.known && (user === 'root' || user === '0')) continue;
      if (options.onlyRuntimeUser && (!owner.known || !runtimeUsers.has(user))) continue;
      context.report({
        message: `Files copied with --chown=${flag.value} are writable by that user at run time; keep application files root-owned unless they must change`,
        range: flag.token.range,
        codes: [],
      });
    }
  },
});
