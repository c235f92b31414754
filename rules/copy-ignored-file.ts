import { defineRule } from '../src/engine/types.js';
import { cleanPath, IgnoreMatcher } from '../src/model/dockerignore.js';

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

export default defineRule({
  meta: {
    id: 'copy-ignored-file',
    codes: ['CopyIgnoredFile'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A COPY/ADD source is excluded by the context\'s ignore file',
    rationale:
      'Files matched by `.dockerignore` are not sent to the builder, so a COPY of them fails, or a glob silently ' +
      'copies less than intended.',
    fixable: undefined,
    examples: {
      invalid: [],
      valid: ['FROM alpine:3.20\nCOPY app.txt /app/\n'],
    },
  },
  check(context) {
    const { file, settings } = context;
    const rules = settings.ignoreRules;
    if (!rules || settings.context === undefined) return;
    const matcher = new IgnoreMatcher(rules.patterns);
    for (const keyword of ['COPY', 'ADD']) {
      for (const node of file.find(keyword)) {
        if (node.flags.some((flag) => flag.name === 'from')) continue;
        const sources = node.json
          ? node.json.strings.slice(0, -1).map((each) => ({ value: each.value, range: each.token.range }))
          : node.args.slice(0, -1).filter((arg) => !/^\d*<</.test(arg.text)).map((arg) => ({ value: arg.text.replace(/^(["'])(.*)\1$/, '$2'), range: arg.range }));
        const scope = node.onbuildParent ? undefined : file.scope(node);
        for (const source of sources) {
          if (REMOTE.test(source.value)) continue;
          const expansion = scope ? scope.expand(source.value, file.escapeChar) : { known: !source.value.includes('$'), value: source.value };
          if (!expansion.known) continue;
          let path = cleanPath(expansion.value);
          if (path === '') {
            if (!matcher.excludesEverything || matcher.hasExceptions) continue;
          } else {
            const glob = path.search(/[*?[]/);
            if (glob !== -1) path = path.slice(0, path.lastIndexOf('/', glob) + 1).replace(/\/$/, '');
            if (path === '' || !matcher.excludes(path)) continue;
          }
          context.report({
            message: `'${source.value}' is excluded by ${rules.file} and will not be in the build context`,
            range: source.range,
            codes: ['CopyIgnoredFile'],
          });
        }
      }
    }
  },
});
