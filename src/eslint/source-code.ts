import { BuildFile } from '../model/build-file.js';
import type { InstructionNode, Position, Token } from '../model/types.js';
import type {
  AstLocation,
  CommentAstNode,
  DockerfileAstNode,
  DocumentAstNode,
  InstructionAstNode,
  ParserDirectiveAstNode,
} from './ast.js';
import { VISITOR_KEYS } from './ast.js';
import { parseDirective, parseRulesConfig, type ParsedDirective } from './directives.js';

/** 0-based model position → ESLint position (1-based line, 0-based column). */
export function toAstPosition(position: Position): { line: number; column: number } {
  return { line: position.line + 1, column: position.character };
}

function locOf(token: Token): AstLocation {
  return { start: toAstPosition(token.range.start), end: toAstPosition(token.range.end) };
}

function instructionNode(node: InstructionNode): InstructionAstNode {
  return {
    type: 'Instruction',
    keyword: node.keyword,
    trigger: node.trigger ? instructionNode(node.trigger) : null,
    loc: locOf(node.token),
    range: [node.token.startOffset, node.token.endOffset],
  };
}

function commentNode(file: BuildFile, start: number, end: number): CommentAstNode {
  const token = file.lines.token(start, end);
  return { type: 'Comment', value: token.text.replace(/^\s*#/, '').trim(), loc: locOf(token), range: [start, end] };
}

/** The AST of a parsed build file. */
export function buildAst(file: BuildFile): DocumentAstNode {
  const children: DocumentAstNode['children'] = [];
  for (const directive of file.directives) {
    children.push({
      type: 'ParserDirective',
      name: directive.name,
      value: directive.value,
      loc: locOf(directive.token),
      range: [directive.token.startOffset, directive.token.endOffset],
    } satisfies ParserDirectiveAstNode);
  }
  for (const comment of file.comments) children.push(commentNode(file, comment.token.startOffset, comment.token.endOffset));
  for (const node of file.instructions) children.push(instructionNode(node));
  children.sort((a, b) => a.range[0] - b.range[0]);
  const end = file.lines.positionAt(file.text.length);
  return {
    type: 'Document',
    children,
    loc: { start: { line: 1, column: 0 }, end: toAstPosition(end) },
    range: [0, file.text.length],
  };
}

const SHELL_FORM_WITH_COMMENTS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
const TRAILING_DIRECTIVE = /^#\s*eslint-disable-line(?:\s|$)/u;

/**
 * Comments that can carry ESLint directives: whole-line comments (also those inside an
 * instruction's line continuations, which Docker drops) and, on shell-form RUN, CMD and
 * ENTRYPOINT lines, a trailing shell comment `# eslint-disable-line ...`.
 */
function directiveComments(file: BuildFile, ast: DocumentAstNode): CommentAstNode[] {
  const out: CommentAstNode[] = ast.children.filter((child): child is CommentAstNode => child.type === 'Comment');
  for (const node of file.instructions) {
    const heredocBodies = node.heredocs.flatMap((heredoc) => [heredoc.body, heredoc.terminator]).filter((t): t is Token => t !== undefined);
    const inHeredoc = (offset: number): boolean => heredocBodies.some((t) => t.startOffset <= offset && offset <= t.endOffset);
    const first = node.keywordToken.range.start.line;
    const last = node.token.range.end.line;
    for (let line = first + 1; line <= last; line++) {
      const start = file.lines.lineStart(line);
      if (inHeredoc(start)) continue;
      const text = file.lines.lineText(line);
      const hash = text.search(/\S/);
      if (hash !== -1 && text[hash] === '#') out.push(commentNode(file, start + hash, start + text.length));
    }
    const shellNode = node.trigger ?? node;
    if (SHELL_FORM_WITH_COMMENTS.has(shellNode.keyword) && !shellNode.json && shellNode.argsToken) {
      for (const at of trailingComments(file.text, shellNode.argsToken)) {
        if (inHeredoc(at)) continue;
        const lineEnd = file.lines.lineEnd(file.lines.positionAt(at).line);
        const text = file.text.slice(at, lineEnd);
        if (TRAILING_DIRECTIVE.test(text)) out.push(commentNode(file, at, lineEnd));
      }
    }
  }
  const unique = new Map(out.map((node) => [node.range[0], node]));
  return [...unique.values()].sort((a, b) => a.range[0] - b.range[0]);
}

/** Offsets of `#` that start a shell comment (after whitespace, outside quotes) in a shell-form argument. */
function trailingComments(text: string, args: Token): number[] {
  const out: number[] = [];
  let quote: '"' | "'" | undefined;
  for (let i = args.startOffset; i < args.endOffset; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && i > args.startOffset && /\s/.test(text[i - 1] ?? '')) {
      out.push(i);
      // The comment runs to the end of the line.
      while (i < args.endOffset && text[i] !== '\n' && text[i] !== '\r') i++;
    }
  }
  return out;
}

export interface DisableDirective {
  type: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  node: CommentAstNode;
  value: string;
  justification: string;
}

export interface FileProblem {
  ruleId: string | null;
  message: string;
  loc: AstLocation;
}

export interface TraversalStep {
  kind: 1;
  target: DockerfileAstNode;
  phase: 1 | 2;
  args: [DockerfileAstNode, DockerfileAstNode | undefined];
}

/** What ESLint rules see as `context.sourceCode` for a Dockerfile. */
export class DockerfileSourceCode {
  readonly text: string;
  readonly ast: DocumentAstNode;
  /** The lines of the text, without line breaks (`\n`, `\r\n` or `\r`). */
  readonly lines: string[];
  readonly visitorKeys = VISITOR_KEYS;
  /** The layerlint model of the file (parsed with `languageOptions.buildArgs`). */
  readonly buildFile: BuildFile;
  private readonly models = new Map<string, BuildFile>();
  private steps: TraversalStep[] | undefined;
  private directiveNodes: { node: CommentAstNode; directive: ParsedDirective }[] | undefined;
  private readonly parents = new WeakMap<DockerfileAstNode, DockerfileAstNode>();

  constructor(options: { text: string; ast: DocumentAstNode; buildFile: BuildFile }) {
    this.text = options.text;
    this.ast = options.ast;
    this.buildFile = options.buildFile;
    this.lines = Array.from({ length: options.buildFile.lines.lineCount }, (_, line) => options.buildFile.lines.lineText(line));
    this.models.set(JSON.stringify(sortedEntries(options.buildFile.buildArgs)), options.buildFile);
  }

  /** The model for a set of build arguments (they change ARG values), built once per set. */
  modelFor(buildArgs: Record<string, string>): BuildFile {
    const key = JSON.stringify(sortedEntries(buildArgs));
    let model = this.models.get(key);
    if (!model) {
      model = new BuildFile(this.text, { buildArgs });
      this.models.set(key, model);
    }
    return model;
  }

  getLoc(node: { loc: AstLocation }): AstLocation {
    return node.loc;
  }

  getRange(node: { range: [number, number] }): [number, number] {
    return node.range;
  }

  /** The source text of a node, or the whole text. */
  getText(node?: { range: [number, number] }): string {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  getParent(node: DockerfileAstNode): DockerfileAstNode | undefined {
    if (!this.steps) this.traverse();
    return this.parents.get(node);
  }

  getAncestors(node: DockerfileAstNode): DockerfileAstNode[] {
    const out: DockerfileAstNode[] = [];
    for (let parent = this.getParent(node); parent; parent = this.getParent(parent)) out.unshift(parent);
    return out;
  }

  /** Enter and exit steps for every node, depth first, as ESLint's traverser expects. */
  traverse(): Iterable<TraversalStep> {
    if (this.steps) return this.steps;
    const steps: TraversalStep[] = [];
    const visit = (node: DockerfileAstNode, parent: DockerfileAstNode | undefined): void => {
      if (parent) this.parents.set(node, parent);
      steps.push({ kind: 1, target: node, phase: 1, args: [node, parent] });
      for (const key of VISITOR_KEYS[node.type]) {
        const value = (node as unknown as Record<string, unknown>)[key];
        const children = Array.isArray(value) ? value : value ? [value] : [];
        for (const child of children as DockerfileAstNode[]) visit(child, node);
      }
      steps.push({ kind: 1, target: node, phase: 2, args: [node, parent] });
    };
    visit(this.ast, undefined);
    this.steps = steps;
    return steps;
  }

  private directives(): { node: CommentAstNode; directive: ParsedDirective }[] {
    if (!this.directiveNodes) {
      this.directiveNodes = [];
      for (const node of directiveComments(this.buildFile, this.ast)) {
        const directive = parseDirective(node.value);
        if (directive) this.directiveNodes.push({ node, directive });
      }
    }
    return this.directiveNodes;
  }

  /** Every comment that is an ESLint directive or inline configuration. */
  getInlineConfigNodes(): CommentAstNode[] {
    return this.directives().map((each) => each.node);
  }

  getDisableDirectives(): { directives: DisableDirective[]; problems: FileProblem[] } {
    const directives: DisableDirective[] = [];
    const problems: FileProblem[] = [];
    for (const { node, directive } of this.directives()) {
      if (directive.label === 'eslint') continue;
      directives.push({
        type: directive.label.slice('eslint-'.length) as DisableDirective['type'],
        node,
        value: directive.value,
        justification: directive.justification,
      });
    }
    return { directives, problems };
  }

  /** `# eslint rule: setting` comments. */
  applyInlineConfig(): { configs: { config: { rules: Record<string, unknown> }; loc: AstLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: Record<string, unknown> }; loc: AstLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const { node, directive } of this.directives()) {
      if (directive.label !== 'eslint') continue;
      const parsed = parseRulesConfig(directive.value);
      if (parsed.ok) configs.push({ config: { rules: parsed.rules }, loc: node.loc });
      else problems.push({ ruleId: null, message: parsed.message, loc: node.loc });
    }
    return { configs, problems };
  }
}

function sortedEntries(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
