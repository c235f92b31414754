/**
 * The one generic adapter that exposes a layerlint rule as an ESLint rule. The rule's `check`
 * runs unchanged on the BuildFile model behind `context.sourceCode`; each `report()` becomes a
 * `context.report()`, safe fixes become ESLint fixes and unsafe ones suggestions.
 */
import path from 'node:path';
import { readIgnoreRules } from '../cli/context-ignore.js';
import { localToday } from '../config/resolve.js';
import type { LabelSchemaEntry, SharedSettings } from '../config/types.js';
import type { Range } from '../model/types.js';
import { perFile } from '../model/per-file.js';
import type { Fix, ReportDescriptor, RuleContext, RuleDefinition } from '../engine/types.js';
import type { AstLocation } from './ast.js';
import { DockerfileSourceCode, toAstPosition } from './source-code.js';

/** `settings.layerlint` in an ESLint config: the shared settings of a layerlint config file. */
export interface LayerlintEslintSettings {
  targets?: string[];
  buildArgs?: Record<string, string>;
  /** The build context directory; relative paths are resolved against ESLint's cwd. Default: the file's directory. */
  context?: string;
  knownVariables?: string[];
  today?: string;
  trustedRegistries?: string[];
  labels?: { schema?: Record<string, string | { type: string; required?: boolean }>; strict?: boolean };
}

interface RuleFix {
  range: [number, number];
  text: string;
}

interface RuleFixer {
  replaceTextRange(range: [number, number], text: string): RuleFix;
}

interface EslintReport {
  message: string;
  loc: AstLocation;
  fix?: (fixer: RuleFixer) => RuleFix[];
  suggest?: { desc: string; fix: (fixer: RuleFixer) => RuleFix[] }[];
}

/** The parts of ESLint's rule context the adapter uses. */
export interface EslintRuleContext {
  sourceCode: unknown;
  options: unknown[];
  settings: Record<string, unknown>;
  cwd?: string;
  filename?: string;
  physicalFilename?: string;
  report(descriptor: EslintReport): void;
}

export interface EslintRule {
  meta: {
    type: 'problem' | 'suggestion';
    docs: { description: string; recommended: boolean };
    fixable?: 'code';
    hasSuggestions?: boolean;
    schema: Record<string, unknown>[];
  };
  create(context: EslintRuleContext): Record<string, () => void>;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : [];
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, each] of Object.entries(value)) if (typeof each === 'string') out[key] = each;
  }
  return out;
}

/** Shared settings from `settings.layerlint`, with the defaults the command line uses. */
export function resolveSettings(raw: unknown, context: Pick<EslintRuleContext, 'cwd' | 'physicalFilename' | 'filename'>): SharedSettings {
  const given = (raw && typeof raw === 'object' ? raw : {}) as LayerlintEslintSettings;
  const cwd = context.cwd ?? process.cwd();
  const filePath = context.physicalFilename ?? context.filename;
  const absolute = filePath !== undefined && path.isAbsolute(filePath) ? filePath : undefined;
  const schema: Record<string, LabelSchemaEntry> = {};
  for (const [label, entry] of Object.entries(given.labels?.schema ?? {})) {
    if (typeof entry === 'string') schema[label] = { type: entry, required: false };
    else if (entry && typeof entry === 'object') schema[label] = { type: String(entry.type), required: entry.required === true };
  }
  const buildContext = typeof given.context === 'string' ? path.resolve(cwd, given.context) : absolute === undefined ? undefined : path.dirname(absolute);
  const ignoreRules = readIgnoreRules(absolute, buildContext);
  return {
    targets: stringArray(given.targets),
    buildArgs: stringRecord(given.buildArgs),
    context: buildContext,
    knownVariables: stringArray(given.knownVariables),
    today: typeof given.today === 'string' ? given.today : localToday(),
    trustedRegistries: stringArray(given.trustedRegistries),
    labels: { schema, strict: given.labels?.strict === true },
    ...(ignoreRules ? { ignoreRules } : {}),
  };
}

/** Settings are resolved once per file (all rules of a file share ESLint's settings object). */
const settingsCache = perFile(() => new Map<unknown, SharedSettings>());

function settingsFor(sourceCode: DockerfileSourceCode, context: EslintRuleContext): SharedSettings {
  const resolved = settingsCache(sourceCode.buildFile);
  const raw = context.settings?.layerlint;
  let settings = resolved.get(raw);
  if (!settings) {
    settings = resolveSettings(raw, context);
    resolved.set(raw, settings);
  }
  return settings;
}

function toLoc(range: Range): AstLocation {
  return { start: toAstPosition(range.start), end: toAstPosition(range.end) };
}

function fixFunction(fix: Fix, sourceCode: DockerfileSourceCode): (fixer: RuleFixer) => RuleFix[] {
  const lines = sourceCode.buildFile.lines;
  return (fixer) =>
    fix.edits.map((edit) => fixer.replaceTextRange([lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)], edit.text));
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Wraps one layerlint rule as an ESLint rule of the `layerlint/dockerfile` language. */
export function toEslintRule(rule: RuleDefinition): EslintRule {
  const meta = rule.meta;
  const fixable = meta.fixable ?? '';
  const autofix = fixable.includes('safe') && fixable !== 'unsafe';
  const suggestions = fixable !== '';
  const defaults = meta.options?.defaults ?? {};
  return {
    meta: {
      type: meta.category === 'security' || meta.category === 'correctness' ? 'problem' : 'suggestion',
      docs: { description: meta.description, recommended: meta.presets.includes('recommended') },
      ...(autofix ? { fixable: 'code' as const } : {}),
      ...(suggestions ? { hasSuggestions: true } : {}),
      // ESLint validates `[{...options}]` with the rule's own schema; rules without options take none.
      schema: meta.options ? [meta.options.schema] : [],
    },
    create(context): Record<string, () => void> {
      const sourceCode = context.sourceCode;
      if (!(sourceCode instanceof DockerfileSourceCode)) return {};
      const settings = settingsFor(sourceCode, context);
      const configured = (context.options[0] ?? {}) as Record<string, unknown>;
      const ruleContext: RuleContext = {
        file: sourceCode.modelFor(settings.buildArgs),
        options: { ...defaults, ...configured },
        settings,
        report: () => undefined,
      };
      const seen = new Set<string>();
      const report = (descriptor: ReportDescriptor): void => {
        const key = `${(descriptor.codes ?? meta.codes).join(',')}|${rangeKey(descriptor.range)}|${descriptor.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        const out: EslintReport = { message: descriptor.message, loc: toLoc(descriptor.range) };
        const fix = descriptor.fix;
        if (fix && fix.edits.length > 0) {
          if (fix.safe && autofix) out.fix = fixFunction(fix, sourceCode);
          else if (suggestions) out.suggest = [{ desc: fix.description ?? 'Apply the fix', fix: fixFunction(fix, sourceCode) }];
        }
        context.report(out);
      };
      return {
        Document() {
          rule.check({ ...ruleContext, report });
        },
      };
    },
  };
}
