/**
 * The small syntax tree the ESLint language hands to ESLint: a Document with one node per
 * instruction, whole-line comment and parser directive. Rules do not read it (they read the
 * BuildFile model through the adapter); it exists for ESLint's traversal, selectors, inline
 * configuration comments and third-party ESLint rules that want a light view of the file.
 * Positions are ESLint's: 1-based lines, 0-based columns, and `range` as file offsets.
 */

export interface AstPosition {
  line: number;
  column: number;
}

export interface AstLocation {
  start: AstPosition;
  end: AstPosition;
}

interface BaseNode {
  type: string;
  loc: AstLocation;
  range: [number, number];
}

export interface InstructionAstNode extends BaseNode {
  type: 'Instruction';
  /** Upper-case keyword (`FROM`, `RUN`, ...). */
  keyword: string;
  /** For ONBUILD: the trigger instruction. */
  trigger: InstructionAstNode | null;
}

export interface CommentAstNode extends BaseNode {
  type: 'Comment';
  /** The text after `#`, trimmed. */
  value: string;
}

export interface ParserDirectiveAstNode extends BaseNode {
  type: 'ParserDirective';
  /** Lower-case directive name (`syntax`, `escape`, `check`). */
  name: string;
  value: string;
}

export interface DocumentAstNode extends BaseNode {
  type: 'Document';
  /** Directives, comments and instructions in source order. */
  children: (InstructionAstNode | CommentAstNode | ParserDirectiveAstNode)[];
}

export type DockerfileAstNode = DocumentAstNode | InstructionAstNode | CommentAstNode | ParserDirectiveAstNode;

export const VISITOR_KEYS: Record<DockerfileAstNode['type'], string[]> = {
  Document: ['children'],
  Instruction: ['trigger'],
  Comment: [],
  ParserDirective: [],
};
