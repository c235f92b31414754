import { LineTable } from './line-table.js';
import { scanInstructionStarts } from './instruction-starts.js';
import { trimEndChars } from './trim.js';
import { ParsedInstruction } from './instruction.js';
import { parseImageRef } from './image-ref.js';
import type { Scope} from './scope.js';
import { scopeForStageStart, GLOBAL_SCOPE_EMPTY } from './scope.js';
import { isWindowsStage, setsWindowsShell } from './windows.js';
import type { CommentNode, DirectiveNode, InstructionNode, Stage } from './types.js';

export interface BuildFileOptions {
  /** `--build-arg` values: they replace ARG defaults. */
  buildArgs?: Record<string, string>;
}

export interface ParseProblem {
  message: string;
  offset: number;
}

// The value's trailing blanks are trimmed in code: `(.*?)[ \t]*$` backtracks quadratically on long blank runs.
const DIRECTIVE_LINE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*)$/s;

/**
 * The model of one build file: instructions with tokens and ranges, stages, directives,
 * comments and variable scopes, computed once and shared by every rule.
 */
export class BuildFile {
  readonly text: string;
  readonly lines: LineTable;
  readonly escapeChar: string;
  readonly directives: DirectiveNode[];
  /** Whole-line comments outside instructions, directives excluded. */
  readonly comments: CommentNode[];
  /** Top-level instructions in order (ONBUILD triggers are reachable via `trigger`). */
  readonly instructions: InstructionNode[];
  /** Instructions before the first FROM. */
  readonly globalInstructions: InstructionNode[];
  readonly stages: Stage[];
  readonly buildArgs: Record<string, string>;
  /** Offsets of blank lines inside line continuations. */
  readonly emptyContinuationLines: number[];
  private readonly scopes = new Map<InstructionNode, Scope>();
  private readonly byKeywordIndex = new Map<string, InstructionNode[]>();
  /** `find` without ONBUILD triggers, filtered once per keyword asked (rules ask for every file). */
  private readonly topLevelByKeyword = new Map<string, InstructionNode[]>();
  /**
   * The analyses derived from this file (per-file.ts), by the token of the function that computes
   * each. The file owns them so that they die with it: kept in module-level WeakMaps keyed by the
   * file, they survived V8's minor collections until the next major one (docs/performance.md).
   */
  private readonly derivedAnswers = new Map<object, unknown>();

  constructor(text: string, options: BuildFileOptions = {}) {
    this.text = text;
    this.lines = new LineTable(text);
    this.buildArgs = options.buildArgs ?? {};
    const scanned = scanInstructionStarts(text);
    this.escapeChar = scanned.escapeChar;
    this.directives = this.readDirectives();
    const directiveEnd = this.directives.at(-1)?.token.endOffset ?? -1;

    const instructions: InstructionNode[] = [];
    const globalInstructions: InstructionNode[] = [];
    const stages: Stage[] = [];
    const emptyContinuationLines: number[] = [];
    const source = { text, lines: this.lines, escapeChar: this.escapeChar };
    let coveredUntil = -1;

    let scope = GLOBAL_SCOPE_EMPTY.withBuildArgs(this.buildArgs);
    let globalScope = scope;
    let currentStage: Stage | undefined;

    for (const start of scanned.starts) {
      if (start < coveredUntil) continue; // inside a heredoc body or continuation the scan ended earlier
      const node = new ParsedInstruction(source, start, instructions.length, currentStage);
      coveredUntil = node.endOffset;
      for (const offset of node.logical.emptyContinuationLines) emptyContinuationLines.push(offset);

      if (node.keyword === 'FROM') {
        const stage = this.createStage(node, stages, globalScope);
        node.stage = stage;
        stages.push(stage);
        currentStage = stage;
        scope = scopeForStageStart(stage, globalScope, this.buildArgs, this.scopes);
        this.scopes.set(node, globalScope);
      } else {
        this.scopes.set(node, scope);
        scope = scope.after(node, globalScope, currentStage);
        if (!currentStage) globalScope = scope;
      }
      if (currentStage) currentStage.instructions.push(node);
      else globalInstructions.push(node);
      // The other signs of a Windows stage were read when it began: only a SHELL can add one since.
      if (currentStage && node.keyword !== 'FROM') currentStage.windows ||= setsWindowsShell(node);
      if (node.trigger) this.scopes.set(node.trigger, GLOBAL_SCOPE_EMPTY.forTrigger());
      instructions.push(node);
      this.index(node);
      if (node.trigger) this.index(node.trigger);
    }

    this.instructions = instructions;
    this.globalInstructions = globalInstructions;
    this.stages = stages;
    this.emptyContinuationLines = emptyContinuationLines;
    this.comments = this.readComments(directiveEnd);
    this.attachLeadingComments();
  }

  private readDirectives(): DirectiveNode[] {
    const directives: DirectiveNode[] = [];
    for (let line = 0; line < this.lines.lineCount; line++) {
      const start = this.lines.lineStart(line);
      const content = this.lines.lineText(line);
      // A first-line `#!` does not end the directive block (RULES.md §9 ineffective-parser-directive).
      if (line === 0 && /^\uFEFF?#!/.test(content)) continue;
      const match = DIRECTIVE_LINE.exec(line === 0 ? content.replace(/^\uFEFF/, '') : content);
      if (!match) break;
      const name = match[1] as string;
      const value = trimEndChars(match[2] as string, ' \t');
      const nameStart = start + content.indexOf(name);
      const valueStart = value === '' ? start + content.length : start + content.lastIndexOf(value);
      directives.push({
        name: name.toLowerCase(),
        value,
        token: this.lines.token(start, start + content.length),
        nameToken: this.lines.token(nameStart, nameStart + name.length),
        valueToken: this.lines.token(valueStart, valueStart + value.length),
      });
    }
    return directives;
  }

  /** Whole-line comments outside instructions (their `token`s, heredoc bodies included) and the directive block. */
  private readComments(directiveEnd: number): CommentNode[] {
    const comments: CommentNode[] = [];
    const instructions = this.instructions;
    let e = 0;
    for (let line = 0; line < this.lines.lineCount; line++) {
      const start = this.lines.lineStart(line);
      if (start <= directiveEnd) continue;
      const end = this.lines.lineEnd(line);
      while (e < instructions.length && (instructions[e] as InstructionNode).token.endOffset <= start) e++;
      const covering = instructions[e];
      if (covering && covering.token.startOffset <= start && start < covering.token.endOffset) continue;
      const raw = this.text.slice(start, end);
      const hash = raw.search(/\S/);
      if (hash === -1 || raw[hash] !== '#') continue;
      comments.push({ content: raw.slice(hash + 1).trim(), token: this.lines.token(start + hash, end) });
    }
    return comments;
  }

  /** Gives each instruction the comments on the lines right above it (both lists are in file order). */
  private attachLeadingComments(): void {
    const commentLines = this.comments.map((comment) => this.lines.lineAt(comment.token.startOffset));
    let below = 0; // the first comment at or below the instruction's line
    for (const node of this.instructions) {
      const line = this.lines.lineAt(node.keywordToken.startOffset);
      while (below < commentLines.length && (commentLines[below] as number) < line) below++;
      let first = below;
      while (first > 0 && commentLines[first - 1] === line - (below - first + 1)) first--;
      if (first < below) node.leadingComments = this.comments.slice(first, below);
    }
  }

  private createStage(node: InstructionNode, earlier: Stage[], globalScope: Scope): Stage {
    const imageToken = node.args[0];
    const asWord = node.args[1];
    const nameToken = asWord && asWord.text.toLowerCase() === 'as' ? node.args[2] : undefined;
    const platform = node.flags.find((flag) => flag.name === 'platform');
    const written = imageToken?.text ?? '';
    const expansion = globalScope.expand(written, this.escapeChar);
    const base = parseImageRef({
      written,
      resolved: expansion.value,
      known: expansion.known,
      token: imageToken ?? node.keywordToken,
      earlierStages: earlier,
    });
    const stage: Stage = {
      index: earlier.length,
      name: nameToken?.text.toLowerCase(),
      nameToken,
      asToken: nameToken ? asWord : undefined,
      from: node,
      base,
      platform,
      parent: base.stage,
      instructions: [],
      windows: false,
    };
    stage.windows = isWindowsStage(stage);
    return stage;
  }

  private index(node: InstructionNode): void {
    const list = this.byKeywordIndex.get(node.keyword);
    if (list) list.push(node);
    else this.byKeywordIndex.set(node.keyword, [node]);
  }

  /**
   * Instructions with a keyword, in file order. ONBUILD triggers are included unless
   * `triggers` is false; a trigger's `onbuildParent` tells it apart.
   */
  find(keyword: string, options?: { triggers?: boolean }): InstructionNode[] {
    // A fresh empty list for a keyword the file lacks, not a shared frozen one: V8 does not inline
    // iteration over frozen arrays, so every `for...of` over it allocated its results (~13 MB per corpus pass).
    if (options?.triggers !== false) return this.byKeywordIndex.get(keyword) ?? [];
    let topLevel = this.topLevelByKeyword.get(keyword);
    if (!topLevel) {
      topLevel = (this.byKeywordIndex.get(keyword) ?? []).filter((node) => !node.onbuildParent);
      this.topLevelByKeyword.set(keyword, topLevel);
    }
    return topLevel;
  }

  /** The variables visible to an instruction (for FROM: the global scope). */
  scope(node: InstructionNode): Scope {
    return this.scopes.get(node) ?? GLOBAL_SCOPE_EMPTY;
  }

  stageByName(name: string): Stage | undefined {
    const lower = name.toLowerCase();
    return this.stages.find((stage) => stage.name === lower);
  }

  /** The stages built as images: the named targets, or the last stage. */
  targetStages(targets: readonly string[] = []): Stage[] {
    if (targets.length > 0) {
      const found = targets.map((name) => this.stageByName(name)).filter((stage): stage is Stage => stage !== undefined);
      if (found.length > 0) return found;
    }
    const last = this.stages.at(-1);
    return last ? [last] : [];
  }

  /** A stage and its ancestors, nearest first. */
  chain(stage: Stage): Stage[] {
    const chain: Stage[] = [];
    // A stage's parent is always an earlier stage, so the walk ends.
    for (let current: Stage | undefined = stage; current; current = current.parent) chain.push(current);
    return chain;
  }

  /** The union of the target stages' chains: the stages whose layers end up in an image. */
  shippedStages(targets: readonly string[] = []): Set<Stage> {
    const shipped = new Set<Stage>();
    for (const target of this.targetStages(targets)) for (const stage of this.chain(target)) shipped.add(stage);
    return shipped;
  }

  /** The effective SHELL of an instruction's stage at that instruction, through the chain. */
  shellAt(node: InstructionNode): string[] {
    const stage = node.onbuildParent ? undefined : node.stage;
    if (!stage) return ['/bin/sh', '-c'];
    // Asked for every RUN: walk the chain and each stage backwards without building arrays
    // (a stage's parent is always an earlier stage, so the walk ends).
    for (let each: Stage | undefined = stage; each; each = each.parent) {
      for (let i = each.instructions.length - 1; i >= 0; i--) {
        const candidate = each.instructions[i] as InstructionNode;
        if (candidate.keyword === 'SHELL' && candidate.json && (each !== stage || candidate.index < node.index)) {
          return candidate.json.strings.map((s) => s.value);
        }
      }
    }
    const pragma = this.shellPragma();
    if (pragma) return [pragma, stage.windows && /^(cmd|cmd\.exe)$/i.test(pragma) ? '/S' : '-c'];
    return stage.windows ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'];
  }

  private shellPragmaValue: string | null | undefined;

  /** `# layerlint shell=<name>` or hadolint's `# hadolint shell=<name>`: the default shell of the file. */
  shellPragma(): string | undefined {
    if (this.shellPragmaValue === undefined) {
      this.shellPragmaValue = null;
      for (const comment of this.comments) {
        const match = /^(?:layerlint|hadolint)\s+shell\s*=\s*(\S+)/i.exec(comment.content);
        if (match) this.shellPragmaValue = match[1] as string;
      }
    }
    return this.shellPragmaValue ?? undefined;
  }

  /**
   * `compute`'s answer for this file, computed on the first call for `token` (per-file.ts keeps
   * one token per analysis; rules use `perFile` instead of calling this).
   */
  derived<T>(token: object, compute: (file: BuildFile) => T): T {
    if (this.derivedAnswers.has(token)) return this.derivedAnswers.get(token) as T;
    const answer = compute(this);
    this.derivedAnswers.set(token, answer);
    return answer;
  }
}
