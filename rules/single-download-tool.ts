import { defineRule } from '../src/engine/types.js';
import type { ShellWord } from '../src/shell/types.js';
import { analyzeRun } from '../src/shell/run-script.js';

export default defineRule({
  meta: {
    id: 'single-download-tool',
    codes: ['DL4001', 'DS-0014'],
    severity: 'info',
    category: 'size',
    presets: ['recommended'],
    description: 'One stage uses both curl and wget, so the image probably carries both',
    rationale:
      'curl and wget do the same job. Installing both makes the image larger and widens its attack surface; ' +
      'picking one keeps the stage smaller and the scripts consistent.',
    fixable: undefined,
    alsoKnownAs: ['kics:fc775e75', 'semgrep:use-either-wget-or-curl', 'cis:4.3'],
    examples: {
      invalid: ['FROM debian:12\nRUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n'],
      valid: [
        'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz\n',
        'FROM debian:12 AS fetch\nRUN wget -q https://example.com/a.tgz\nFROM debian:12\nRUN curl -fsSLO https://example.com/b.tgz\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      const first = new Map<string, ShellWord>();
      const order: string[] = [];
      for (const node of stage.instructions) {
        if (node.keyword !== 'RUN') continue;
        for (const command of analyzeRun(file, node).commands) {
          const name = command.name;
          if (!name || (name.value !== 'curl' && name.value !== 'wget') || first.has(name.value)) continue;
          first.set(name.value, name);
          order.push(name.value);
        }
      }
      if (order.length < 2) continue;
      const second = first.get(order[1] as string) as ShellWord;
      const other = first.get(order[0] as string) as ShellWord;
      context.report({
        message: 'This stage uses both curl and wget; use one download tool',
        range: second.range,
        codes: ['DL4001', 'DS-0014'],
        related: [{ range: other.range, message: `${order[0]} is used here` }],
      });
    }
  },
});
