import { defineRule } from '../src/engine/types.js';
import { cleanPath } from '../src/model/dockerignore.js';

type Options = {
  allowAbsolute: boolean;
};

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

export default defineRule<Options>({
  meta: {
    id: 'copy-source-outside-context',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A COPY/ADD source tries to leave the build context or uses an absolute host path',
    rationale:
      'Sources are always resolved inside the build context: `../config` and `/etc/app.conf` are silently re-rooted ' +
      'there, so the build copies a different file than the author expected, or fails.',
    fixable: undefined,
    alsoKnownAs: ['dockerfilelint:add_src_invalid'],
    options: {
      schema: { type: 'object', properties: { allowAbsolute: { type: 'boolean' } }, additionalProperties: false },
      defaults: { allowAbsolute: false },
      docs: { allowAbsolute: 'Accept sources that start with `/` (they are relative to the context root).' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nCOPY ../shared/config.yml /app/\n'],
      valid: ['FROM alpine:3.20\nCOPY config.yml ./extra/ /app/\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const keyword of ['COPY', 'ADD']) {
      for (const node of file.find(keyword)) {
        if (node.flags.some((flag) => flag.name === 'from')) continue;
        const sources = node.json
          ? node.json.strings.slice(0, -1).map((each) => ({ text: each.value, range: each.token.range }))
          : node.args.slice(0, -1).filter((arg) => !/^\d*<</.test(arg.text)).map((arg) => ({ text: arg.text.replace(/^(["'])(.*)\1$/, '$2'), range: arg.range }));
        for (const source of sources) {
          if (REMOTE.test(source.text) || /^[A-Za-z]:[\\/]/.test(source.text)) continue;
          const expansion = node.onbuildParent ? { known: !source.text.includes('$'), value: source.text } : file.scope(node).expand(source.text, file.escapeChar);
          if (!expansion.known) continue;
          const path = node.stage?.windows ? expansion.value.replace(/\\/g, '/') : expansion.value;
          const absolute = path.startsWith('/');
          let depth = 0;
          let climbs = false;
          for (const part of path.split('/')) {
            if (part === '..') depth--;
            else if (part !== '' && part !== '.') depth++;
            if (depth < 0) climbs = true;
          }
          if (!climbs && (!absolute || options.allowAbsolute)) continue;
          const resolved = `${cleanPath(path).replace(/^(\.\.\/)+|^\.\.$/, '') || '.'}`;
          context.report({
            message: `'${source.text}' cannot reach outside the build context; it resolves to '${resolved}' inside it`,
            range: source.range,
            codes: [],
          });
        }
      }
    }
  },
});
