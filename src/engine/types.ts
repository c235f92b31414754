import type { BuildFile } from '../model/build-file.js';
import type { Range } from '../model/types.js';
import type { SharedSettings } from '../config/types.js';
import type { ShellCheckResults } from './shellcheck.js';

export type Severity = 'error' | 'warning' | 'info' | 'style';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];
/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, style: 0 };

export type Category =
  | 'security'
  | 'reproducibility'
  | 'correctness'
  | 'size'
  | 'maintainability'
  | 'style';

export type Preset = 'recommended' | 'all' | 'openshift' | 'opt-in' | 'always';
export type FixApplicability = 'safe' | 'unsafe';

/** A text replacement in 0-based positions (exclusive end). */
export interface TextEdit {
  range: Range;
  text: string;
}

export interface Fix {
  edits: TextEdit[];
  safe: boolean;
  /** A short description shown in hints and editor quick fixes. */
  description?: string;
  /**
   * A suggestion to show, never applied by `--fix` or `--fix-unsafe` (RULES.md §0.6): the edit
   * needs a human decision (e.g. a secret ARG turned into a `--mount=type=secret`).
   */
  displayOnly?: boolean;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

/** What a rule hands to `context.report()`. */
export interface ReportDescriptor {
  message: string;
  range: Range;
  /** The peer codes this finding answers to; must be a subset of the rule's `codes`. */
  codes?: string[];
  fix?: Fix;
  related?: RelatedLocation[];
  /** Overrides the configured severity (only the shellcheck rule uses this). */
  severity?: Severity;
  /** Ranges of secret text that no output may print in full (code frames mask them). */
  redact?: Range[];
}

/** One finding after configuration and suppressions, in 0-based positions. */
export interface Finding {
  ruleId: string;
  codes: string[];
  severity: Severity;
  message: string;
  range: Range;
  fix: Fix | undefined;
  related: RelatedLocation[];
  /** Ranges of secret text that no output may print in full. */
  redact?: Range[];
}

export interface RuleExamples {
  /** Build files that must produce at least one finding of the rule. */
  invalid: string[];
  /** Build files that must produce no finding of the rule. */
  valid: string[];
  /** Shared settings the examples are linted with (for rules that need configured data). */
  settings?: Partial<SharedSettings>;
  /** Rule options the examples are linted with, over the defaults. */
  options?: Record<string, unknown>;
}

export interface OptionSchema {
  /** A JSON schema (draft-07) for the rule's options object. */
  schema: Record<string, unknown>;
}

export interface RuleMeta {
  id: string;
  codes: string[];
  severity: Severity;
  category: Category;
  /** The presets that turn the rule on by default. */
  presets: Preset[];
  /** One line: what the rule flags. */
  description: string;
  /** Why the flagged pattern is a problem. */
  rationale: string;
  fixable: FixApplicability | 'safe/unsafe' | undefined;
  /** What the fix does and why it is (un)safe; required when `fixable` is set. */
  fixDescription?: string;
  /** Secondary references (KICS, Semgrep, CIS, ...), namespaced as in RULES.md §0.2. */
  alsoKnownAs?: string[];
  /**
   * Turned on automatically when the named shared setting is configured (RULES.md §0.6
   * "configured" rules).
   */
  enabledWhenConfigured?: (settings: SharedSettings) => boolean;
  /** Options schema and the defaults; `check` receives the defaults merged with config. */
  options?: {
    schema: Record<string, unknown>;
    defaults: Record<string, unknown>;
    /** Markdown describing each option. */
    docs: Record<string, string>;
  };
  examples: RuleExamples;
  /** A CVSS-like score for security findings in SARIF. */
  securitySeverity?: number;
}

export interface RuleContext<Options = Record<string, unknown>> {
  readonly file: BuildFile;
  readonly options: Options;
  readonly settings: SharedSettings;
  /** ShellCheck's findings for the file, run by the engine only while the `shellcheck` rule is on. */
  readonly shellcheck?: ShellCheckResults;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleDefinition<Options = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}

/** Identity helper that keeps a rule's options typed. */
export function defineRule<Options>(rule: RuleDefinition<Options>): RuleDefinition<Options> {
  return rule;
}

/** The outcome of linting one file: what every reporter renders. */
export interface FileResult {
  /** The path as given or discovered, relative to the working directory where possible. */
  filePath: string;
  /** The file text (undefined when it could not be read), for code frames. */
  source: string | undefined;
  findings: Finding[];
  /** The text after fixes, when fixes were applied. */
  fixedSource?: string;
}
