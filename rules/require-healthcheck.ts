import { defineRule } from '../src/engine/types.js';
import { chainInstruction, rootImage } from '../src/model/runtime.js';
import type { Stage } from '../src/model/types.js';
import { globToRegExp } from '../src/model/variables.js';

type Options = {
  stages: 'targets' | 'all';
  ignoreImages: string[];
};

const CODES = ['DL3057', 'DS-0026', 'CKV_DOCKER_2'];

export default defineRule<Options>({
  meta: {
    id: 'require-healthcheck',
    codes: CODES,
    severity: 'info',
    category: 'security',
    presets: ['all'],
    description: 'The image defines no HEALTHCHECK',
    rationale:
      'Without a HEALTHCHECK, Docker and Swarm only know whether the process runs, not whether it works: a hung ' +
      'server keeps receiving traffic. (Kubernetes ignores HEALTHCHECK and uses its own probes, so the rule is ' +
      'off by default.)',
    fixable: undefined,
    alsoKnownAs: ['kics:b03a748a', 'cis:4.6'],
    options: {
      schema: {
        type: 'object',
        properties: { stages: { enum: ['targets', 'all'] }, ignoreImages: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
      defaults: { stages: 'targets', ignoreImages: [] },
      docs: {
        stages: '`"targets"` checks the target stages; `"all"` checks every stage that is not the parent of a stage with a HEALTHCHECK (as hadolint DL3057 does).',
        ignoreImages: 'Globs matched against the normalised root image reference, for base images that already define a HEALTHCHECK.',
      },
    },
    examples: {
      invalid: ['FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n'],
      valid: [
        'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
        'FROM nginx:1.27\nHEALTHCHECK NONE\n',
        'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nFROM base\nCOPY site /usr/share/nginx/html\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    const ignored = options.ignoreImages.map((glob) => globToRegExp(glob, true));
    const hasHealthcheck = (stage: Stage): boolean => chainInstruction(file, stage, ['HEALTHCHECK']) !== undefined;
    let stages: Stage[];
    if (options.stages === 'all') {
      stages = file.stages.filter((stage) => !file.stages.some((other) => other !== stage && file.chain(other).includes(stage) && hasHealthcheck(other)));
    } else {
      stages = file.targetStages(context.settings.targets);
    }
    for (const stage of stages) {
      if (hasHealthcheck(stage)) continue;
      const root = rootImage(file, stage);
      if (root.kind === 'image' && ignored.some((regex) => regex.test(root.normalized) || regex.test(root.resolved))) continue;
      context.report({ message: 'The image defines no HEALTHCHECK', range: stage.base.token.range, codes: CODES });
    }
  },
});
