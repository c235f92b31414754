/**
 * The build-file model every rule reads. Positions are 0-based line and character (UTF-16
 * code units), with an exclusive end, as in the Language Server Protocol; the engine turns
 * them into the 1-based positions of the JSON contract.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of source text with its exact range and its offset span in the file text. */
export interface Token {
  /** The text as written (quotes and escapes kept). */
  text: string;
  range: Range;
  /** Offset of the first character in the file text. */
  startOffset: number;
  /** Offset just past the last character in the file text. */
  endOffset: number;
}

/** A `--name=value` flag of an instruction (FROM --platform, RUN --mount, COPY --from, ...). */
export interface FlagNode {
  /** Lower-case name without the leading dashes. */
  name: string;
  /** The whole flag, `--name=value`. */
  token: Token;
  nameToken: Token;
  /** Undefined for a bare `--link`. */
  valueToken: Token | undefined;
  /** The value with surrounding quotes removed; undefined for a bare flag. */
  value: string | undefined;
  /** For comma-separated option flags (`--mount=type=cache,target=/x`). */
  options: FlagOptionNode[];
}

export interface FlagOptionNode {
  /** Lower-case option key. */
  key: string;
  value: string | undefined;
  token: Token;
  valueToken: Token | undefined;
}

/** `KEY=value` (or legacy `KEY value`) in ENV, ARG and LABEL. */
export interface PropertyNode {
  name: string;
  nameToken: Token;
  /** The value with quotes and escapes removed; undefined for `ARG NAME` with no default. */
  value: string | undefined;
  valueToken: Token | undefined;
  /**
   * The value as written (quotes and `$` references kept) with line continuations joined and
   * comment lines dropped, as BuildKit sees it; `valueToken.text` is the file text.
   */
  rawValue?: string;
  /** True for the legacy space-separated form `ENV KEY value`. */
  legacy: boolean;
}

export interface HeredocNode {
  /** The delimiter word, without quotes or `-`. */
  name: string;
  /** `<<EOF`, `<<-"EOF"`, `<<3 EOF` as written. */
  startToken: Token;
  /** True when the delimiter is quoted: the body is taken literally. */
  quoted: boolean;
  /** True for `<<-`: leading tabs are stripped. */
  stripTabs: boolean;
  /** The body text (without the terminator line); undefined when unterminated at EOF. */
  body: Token | undefined;
  /** The terminator line; undefined when the heredoc is unterminated. */
  terminator: Token | undefined;
}

export type ImageRefKind = 'image' | 'scratch' | 'stage' | 'empty';

/** A parsed `[registry/]path[:tag][@digest]` reference, after variable resolution. */
export interface ImageRef {
  kind: ImageRefKind;
  /** The reference as written. */
  written: string;
  /** The reference after variable substitution (may still contain unknown parts). */
  resolved: string;
  /** Whether every variable in the reference resolved to a known value. */
  known: boolean;
  /** The registry host, `docker.io` when implied. */
  registry: string;
  /** Whether the registry was written (not implied). */
  explicitRegistry: boolean;
  /** The repository path, without registry, e.g. `library/ubuntu`. */
  repository: string;
  /** The repository as written without registry (`ubuntu`, not `library/ubuntu`). */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
  /** Fully normalised `registry/repository[:tag][@digest]`. */
  normalized: string;
  /** The token the reference came from (the FROM argument, the --from value, ...). */
  token: Token;
  /** The referenced stage, for `kind === 'stage'`. */
  stage: Stage | undefined;
}

export type Keyword =
  | 'ADD'
  | 'ARG'
  | 'CMD'
  | 'COPY'
  | 'ENTRYPOINT'
  | 'ENV'
  | 'EXPOSE'
  | 'FROM'
  | 'HEALTHCHECK'
  | 'LABEL'
  | 'MAINTAINER'
  | 'ONBUILD'
  | 'RUN'
  | 'SHELL'
  | 'STOPSIGNAL'
  | 'USER'
  | 'VOLUME'
  | 'WORKDIR';

export interface InstructionNode {
  /** Position in `BuildFile.instructions` (ONBUILD triggers share their parent's index). */
  index: number;
  /** Upper-case keyword, also for unknown instructions. */
  keyword: string;
  keywordToken: Token;
  /** The whole instruction, keyword to last argument (heredoc bodies included). */
  token: Token;
  /** The stage this instruction belongs to; undefined in the global scope. */
  stage: Stage | undefined;
  flags: FlagNode[];
  /** Argument words after the flags, as written, split on whitespace (shell form). */
  args: Token[];
  /** `args[0]`, without splitting the rest (a RUN script has many words). */
  firstArg: Token | undefined;
  /** The argument text after the flags, continuations kept, as one token. */
  argsToken: Token | undefined;
  /**
   * The argument text after the flags with line continuations joined and comment lines
   * inside the continuation removed, as BuildKit sees it. Offsets into it map back to the
   * file through `mapArgsOffset`.
   */
  argsValue: string;
  /** Maps an offset into `argsValue` to a file offset. */
  mapArgsOffset(offset: number): number;
  /** Exec form (`["a", "b"]`), with the decoded strings; undefined in shell form. */
  json: JsonForm | undefined;
  heredocs: HeredocNode[];
  /** For ENV, ARG and LABEL. */
  properties: PropertyNode[];
  /** For ONBUILD: the trigger instruction, with `onbuildParent` set. */
  trigger: InstructionNode | undefined;
  onbuildParent: InstructionNode | undefined;
  /** Comment lines directly above the instruction (no blank or other line between). */
  leadingComments: CommentNode[];
}

export interface JsonForm {
  /** Decoded strings, each with its token (quotes included). */
  strings: { value: string; token: Token }[];
}

export interface CommentNode {
  /** The text after `#`, trimmed. */
  content: string;
  token: Token;
}

export interface DirectiveNode {
  /** Lower-case directive name: `syntax`, `escape`, `check`, ... */
  name: string;
  value: string;
  token: Token;
  nameToken: Token;
  valueToken: Token;
}

export interface Stage {
  index: number;
  /** Lower-case name, or undefined when the stage has no `AS name`. */
  name: string | undefined;
  /** The name as written. */
  nameToken: Token | undefined;
  /** The `AS` keyword token. */
  asToken: Token | undefined;
  from: InstructionNode;
  base: ImageRef;
  platform: FlagNode | undefined;
  /** The earlier stage this stage is built on, if any. */
  parent: Stage | undefined;
  /** Every instruction of the stage, FROM first. */
  instructions: InstructionNode[];
  /** Whether the stage targets Windows (§0.5 of RULES.md). */
  windows: boolean;
}

export type VariableValue =
  | { known: true; value: string }
  | { known: false };

/** The result of expanding variables in a word. */
export interface Expansion {
  /** The text with known variables substituted and unknown ones left as written. */
  value: string;
  /** True when every variable reference resolved. */
  known: boolean;
  /** The variable references found, in order. */
  references: VariableReference[];
}

export interface VariableReference {
  name: string;
  /** Offset span of the whole reference (`$X`, `${X:-y}`) in the expanded source word. */
  start: number;
  end: number;
  /** The modifier (`:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, `/`, `//`), if any. */
  modifier: string | undefined;
  /** The word after the modifier, if any. */
  modifierWord: string | undefined;
}
