import { BuildFile } from '../model/build-file.js';
import { LineTable } from '../model/line-table.js';
import { MAX_LINE_BYTES } from '../engine/decode.js';
import { longLine } from '../engine/lint.js';
import type { DocumentAstNode } from './ast.js';
import { VISITOR_KEYS } from './ast.js';
import { buildAst, DockerfileSourceCode } from './source-code.js';

/** `languageOptions` of the `layerlint/dockerfile` language. */
export interface DockerfileLanguageOptions {
  /** `--build-arg` values used when resolving ARGs (`settings.layerlint.buildArgs` overrides them). */
  buildArgs?: Record<string, string>;
}

export interface EslintFile {
  path: string;
  physicalPath: string;
  bom: boolean;
  body: string | Uint8Array;
}

export interface FileError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based (ESLint reports parse errors' positions as given). */
  column: number;
}

export type DockerfileParseResult =
  | { ok: true; ast: DocumentAstNode; buildFile: BuildFile }
  | { ok: false; errors: FileError[] };

const LANGUAGE_OPTION_KEYS = new Set(['buildArgs']);

function parseError(line: number, character: number, reason: string): DockerfileParseResult {
  // The same words as layerlint's own parse-error finding.
  return { ok: false, errors: [{ message: `Cannot parse file: ${reason}`, line: line + 1, column: character + 1 }] };
}

/**
 * Parses a build file the way layerlint's engine does. Never throws: the cases the engine
 * reports as `parse-error` (NUL bytes, a line longer than Docker accepts, a model failure)
 * become ESLint parse errors.
 */
export function parseDockerfile(text: string, buildArgs: Record<string, string> = {}): DockerfileParseResult {
  try {
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      const at = new LineTable(text).positionAt(nul);
      return parseError(at.line, at.character, 'it contains NUL bytes (binary data)');
    }
    const tooLong = longLine(text);
    if (tooLong) {
      const line = tooLong.start.line;
      return parseError(line, 0, `line ${line + 1} is longer than ${MAX_LINE_BYTES} bytes, the most Docker accepts`);
    }
    const buildFile = new BuildFile(text, { buildArgs });
    return { ok: true, ast: buildAst(buildFile), buildFile };
  } catch (error) {
    return parseError(0, 0, error instanceof Error ? error.message : String(error));
  }
}

function bodyText(file: EslintFile): string {
  const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The `dockerfile` language of the ESLint plugin (ESLint's `Language` interface). */
export const dockerfileLanguage = {
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: 'type',
  visitorKeys: VISITOR_KEYS,
  defaultLanguageOptions: {} as DockerfileLanguageOptions,

  validateLanguageOptions(languageOptions: Record<string, unknown>): void {
    for (const key of Object.keys(languageOptions)) {
      if (!LANGUAGE_OPTION_KEYS.has(key)) throw new TypeError(`Unknown language option "${key}" for layerlint/dockerfile; expected buildArgs`);
    }
    const buildArgs = languageOptions.buildArgs;
    if (buildArgs === undefined) return;
    if (buildArgs === null || typeof buildArgs !== 'object' || Array.isArray(buildArgs) || Object.values(buildArgs).some((v) => typeof v !== 'string')) {
      throw new TypeError('Expected "buildArgs" to be an object of strings (NAME: value)');
    }
  },

  parse(file: EslintFile, context: { languageOptions?: DockerfileLanguageOptions } = {}): DockerfileParseResult {
    return parseDockerfile(bodyText(file), context.languageOptions?.buildArgs ?? {});
  },

  createSourceCode(file: EslintFile, input: { ast: DocumentAstNode; buildFile?: BuildFile }): DockerfileSourceCode {
    const text = bodyText(file);
    const buildFile = input.buildFile ?? new BuildFile(text);
    return new DockerfileSourceCode({ text, ast: input.ast, buildFile });
  },
};
