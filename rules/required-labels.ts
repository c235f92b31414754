import { defineRule } from '../src/engine/types.js';
import { chainLabelKeys } from '../src/model/labels.js';
import { stageReferences } from '../src/model/stage-refs.js';
import type { Stage } from '../src/model/types.js';

interface Options {
  stages: 'targets' | 'leaves';
}

export default defineRule<Options>({
  meta: {
    id: 'required-labels',
    codes: ['DL3049'],
    severity: 'info',
    category: 'maintainability',
    presets: ['all'],
    enabledWhenConfigured: (settings) => Object.keys(settings.labels.schema).length > 0,
    description: 'A target image lacks a label that the configured label schema requires',
    rationale:
      'Labels are how registries, scanners and people find out where an image comes from, who owns it and ' +
      'under which license it ships. A label schema (`labels.schema`) makes the ones your organisation relies ' +
      'on mandatory.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile_lint:defined_namevals'],
    options: {
      schema: { type: 'object', properties: { stages: { enum: ['targets', 'leaves'] } }, additionalProperties: false },
      defaults: { stages: 'targets' },
      docs: {
        stages:
          '`"targets"` checks the target stages (the last stage, or `targets`); `"leaves"` checks every stage that no ' +
          'other stage builds on or copies from, as hadolint does.',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.22\nUSER app\n'],
      valid: ['FROM alpine:3.22\nLABEL org.opencontainers.image.source="https://example.com/app"\nUSER app\n'],
      settings: { labels: { schema: { 'org.opencontainers.image.source': { type: 'url', required: true } }, strict: false } },
    },
  },
  check(context) {
    const { file, options, settings } = context;
    const required = Object.entries(settings.labels.schema)
      .filter(([, entry]) => entry.required)
      .map(([key]) => key);
    if (required.length === 0) return;
    let stages: Stage[];
    if (options.stages === 'leaves') {
      const used = new Set<Stage>();
      for (const stage of file.stages) if (stage.parent) used.add(stage.parent);
      for (const reference of stageReferences(file)) {
        const value = reference.value.toLowerCase();
        const target = /^\d+$/.test(value) ? file.stages[Number(value)] : file.stages.find((each) => each.name === value);
        if (target) used.add(target);
      }
      stages = file.stages.filter((stage) => !used.has(stage));
    } else stages = file.targetStages(settings.targets);
    for (const stage of stages) {
      const keys = chainLabelKeys(file, stage);
      // One diagnostic per stage: findings with the same range and codes are merged by the engine.
      const missing = required.filter((label) => !keys.has(label));
      if (missing.length === 0) continue;
      const message =
        missing.length === 1
          ? `The image does not set required label '${missing[0] ?? ''}'`
          : `The image does not set required labels ${missing.map((label) => `'${label}'`).join(', ')}`;
      context.report({ message, range: stage.base.token.range, codes: ['DL3049'] });
    }
  },
});
