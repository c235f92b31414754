import { defineRule } from '../src/engine/types.js';
import type { Range } from '../src/model/types.js';
import { globToRegExp } from '../src/model/variables.js';
import { modeSetting, modeTextOffsets, parseMode } from '../src/shell/file-modes.js';
import { analyzeRun } from '../src/shell/run-script.js';

interface Options {
  allowPaths: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'no-world-writable',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'A file or directory is made writable by every user',
    rationale:
      'A world-writable file or directory can be changed by any process in the container, whatever its user: a ' +
      'compromised unprivileged process can replace binaries, scripts or configuration that a privileged one ' +
      'later runs. Grant write access to the one user or group that needs it.',
    fixable: undefined,
    options: {
      schema: { type: 'object', properties: { allowPaths: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { allowPaths: [] },
      docs: { allowPaths: 'Path globs where world-writable is intended (e.g. `/var/cache/app/**`).' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nRUN chmod -R 777 /app\n', 'FROM alpine:3.20\nCOPY --chmod=666 config.yml /etc/app/config.yml\n'],
      valid: ['FROM alpine:3.20\nRUN chmod 1777 /scratch\n', 'FROM alpine:3.20\nRUN chmod -R g+w /app\n'],
    },
    securitySeverity: 5.5,
  },
  check(context) {
    const { file, options } = context;
    const allow = options.allowPaths.map((glob) => globToRegExp(glob, true));
    const allowed = (p: string): boolean => allow.some((regex) => regex.test(p));
    const report = (mode: string, p: string, range: Range): void => {
      if (allowed(p)) return;
      context.report({ message: `Mode '${mode}' makes '${p}' writable by every user`, range, codes: [] });
    };
    for (const node of [...file.find('COPY'), ...file.find('ADD')]) {
      const flag = node.flags.find((f) => f.name === 'chmod');
      if (!flag?.valueToken || flag.value === undefined) continue;
      const destination = (node.json ? node.json.strings.at(-1)?.value : node.args.at(-1)?.text) ?? '';
      if (parseMode(flag.value).worldWritable) report(flag.value, destination, flag.valueToken.range);
    }
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        const setting = modeSetting(command);
        if (!setting) continue;
        const effect = parseMode(setting.modeText);
        if (!effect.valid || !effect.worldWritable) continue;
        const paths = setting.paths.map((p) => p.value);
        if (paths.length > 0 && paths.every(allowed)) continue;
        const at = modeTextOffsets(setting);
        report(setting.modeText, paths.find((p) => !allowed(p)) ?? '', file.lines.range(at.start, at.end));
      }
    }
  },
});
