/**
 * Collects every regular expression in the TypeScript sources: regex literals, and
 * `new RegExp(...)` / `RegExp(...)` calls. A call whose pattern is a string literal, a
 * template (String.raw or plain) whose substitutions are module constants, or a `.source`
 * of a collected literal is resolved to its pattern; anything else is "dynamic" and must be
 * reviewed (see regex-safety.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface RegexSite {
  file: string;
  line: number;
  /** The pattern and flags, when known statically. */
  pattern?: string;
  flags?: string;
  /** The source text of the pattern argument, for dynamic constructions. */
  expression: string;
}

export function sourceFiles(roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  for (const root of roots) walk(root);
  return out.sort();
}

export function collectRegexSites(file: string, displayName: string): RegexSite[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const constants = new Map<string, ts.Expression>();
  const literalSources = new Map<string, string>();
  const sites: RegexSite[] = [];

  // Module-level (and any) `const NAME = <expr>` bindings, for resolving template substitutions.
  const gather = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.getCombinedNodeFlags(node.parent) & ts.NodeFlags.Const) {
      constants.set(node.name.text, node.initializer);
      if (ts.isRegularExpressionLiteral(node.initializer)) literalSources.set(node.name.text, splitLiteral(node.initializer.text).pattern);
    }
    ts.forEachChild(node, gather);
  };
  gather(source);

  const evaluate = (expr: ts.Expression, depth = 0): string | undefined => {
    if (depth > 8) return undefined;
    if (ts.isParenthesizedExpression(expr)) return evaluate(expr.expression, depth + 1);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
    if (ts.isTaggedTemplateExpression(expr) && expr.tag.getText(source) === 'String.raw') {
      const template = expr.template;
      if (ts.isNoSubstitutionTemplateLiteral(template)) return rawText(template, source);
      let out = rawText(template.head, source);
      for (const span of template.templateSpans) {
        const value = evaluate(span.expression, depth + 1);
        if (value === undefined) return undefined;
        out += value + rawText(span.literal, source);
      }
      return out;
    }
    if (ts.isTemplateExpression(expr)) {
      let out = expr.head.text;
      for (const span of expr.templateSpans) {
        const value = evaluate(span.expression, depth + 1);
        if (value === undefined) return undefined;
        out += value + span.literal.text;
      }
      return out;
    }
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = evaluate(expr.left, depth + 1);
      const right = evaluate(expr.right, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    if (ts.isIdentifier(expr)) {
      const init = constants.get(expr.text);
      return init === undefined ? undefined : evaluate(init, depth + 1);
    }
    if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'source') {
      if (ts.isRegularExpressionLiteral(expr.expression)) return splitLiteral(expr.expression.text).pattern;
      if (ts.isIdentifier(expr.expression)) return literalSources.get(expr.expression.text);
    }
    return undefined;
  };

  const visit = (node: ts.Node): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    if (ts.isRegularExpressionLiteral(node)) {
      const { pattern, flags } = splitLiteral(node.text);
      sites.push({ file: displayName, line, pattern, flags, expression: node.text });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [first, second] = node.arguments ?? [];
      if (first !== undefined) {
        const pattern = evaluate(first);
        const flags = second === undefined ? '' : evaluate(second);
        const site: RegexSite = { file: displayName, line, expression: first.getText(source) };
        if (pattern !== undefined && flags !== undefined) {
          site.pattern = pattern;
          site.flags = flags;
        }
        sites.push(site);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

function rawText(node: ts.TemplateLiteralLikeNode, source: ts.SourceFile): string {
  const text = node.getText(source);
  // Strip the delimiters: ` … `, ` … ${, } … ${, } … `.
  const start = text.startsWith('`') || text.startsWith('}') ? 1 : 0;
  const end = text.endsWith('${') ? text.length - 2 : text.endsWith('`') ? text.length - 1 : text.length;
  return text.slice(start, end);
}

function splitLiteral(literal: string): { pattern: string; flags: string } {
  const slash = literal.lastIndexOf('/');
  return { pattern: literal.slice(1, slash), flags: literal.slice(slash + 1) };
}
