import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { baseImageEnv } from '../src/model/base-image-env.js';
import { BUILDKIT_STAGE_VARIABLES, PLATFORM_ARGS, PROXY_ARGS, suggest } from '../src/model/buildkit.js';
import type { InstructionNode, Stage, Token } from '../src/model/types.js';
import { findReferences } from '../src/model/variables.js';
import { usesNonPosixShell } from '../src/shell/run-script.js';

type Options = {
  unknownBaseImages: 'typos-only' | 'report' | 'ignore';
  baseImageEnv: Record<string, string[]>;
};

/** Modifiers that handle the unset case themselves. */
const GUARDED = new Set([':-', '-', ':+', '+']);
const SHELL_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
const NO_NAMES: ReadonlySet<string> = new Set();

interface Reference {
  name: string;
  start: number;
  end: number;
  modifier: string | undefined;
}

/** A name of at most 256 characters, matched where a `$` or `${` ends. */
const REFERENCE_NAME = /[A-Za-z_][A-Za-z0-9_]{0,255}/y;

/** `$NAME` and `${NAME…}` in shell text, outside single quotes, escapes and comments. */
function shellReferences(text: string): Reference[] {
  const found: Reference[] = [];
  let inDouble = false;
  // Nothing after the last `$` can be a reference.
  const lastDollar = text.lastIndexOf('$');
  for (let i = 0; i <= lastDollar; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
      continue;
    }
    if (!inDouble && c === SINGLE_QUOTE) {
      const close = text.indexOf("'", i + 1);
      i = close === -1 ? text.length : close;
      continue;
    }
    if (c === DOUBLE_QUOTE) {
      inDouble = !inDouble;
      continue;
    }
    if (!inDouble && c === HASH && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
      continue;
    }
    if (c !== DOLLAR) continue;
    const braced = text[i + 1] === '{';
    const nameStart = i + (braced ? 2 : 1);
    REFERENCE_NAME.lastIndex = nameStart;
    const match = REFERENCE_NAME.exec(text);
    if (!match) continue;
    const name = match[0];
    let end = nameStart + name.length;
    let modifier: string | undefined;
    if (braced) {
      const close = text.indexOf('}', end);
      if (close === -1) continue;
      const rest = text.slice(end, close);
      modifier = rest === '' ? undefined : (/^(:[-+?=]|[-+?=#%/])/.exec(rest)?.[0] ?? rest);
      end = close + 1;
    }
    found.push({ name, start: i, end, modifier });
    i = end - 1;
  }
  return found;
}

const BACKSLASH = 0x5c;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const DOLLAR = 0x24;

/** The characters an assigned name can follow: a blank or a separator (or it starts the text). */
const BEFORE_ASSIGNED_NAME = /[\s;&|(`]/;
const NAME_CHARACTER = /[A-Za-z0-9_]/;

/** `for NAME`, `export NAME`: each captures one assigned name. Shared: `lastIndex` is reset by every scan. */
const KEYWORD_ASSIGNMENTS: readonly RegExp[] = [/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s/g, /\bexport\s+([A-Za-z_][A-Za-z0-9_]*)\b/g];
/** `read`, capturing its names. Names are separated by \s+ (not `(?:name\s*)+`, which splits one name many ways: exponential); at most 8 options. */
const READ_ASSIGNMENT = /\bread\s+(?:-[A-Za-z]+\s+(?:\S+\s+)?){0,8}([A-Za-z_][A-Za-z0-9_]*(?:\s+[A-Za-z_][A-Za-z0-9_]*)*)/g;
const BLANKS = /\s+/;

interface WordUse {
  /** Whether the name stands as a whole word after a blank, a separator or the start of the text, where every assignment's name stands. */
  asWord: boolean;
  /** The offset of the first such word followed by `=` or `+=` (also after `export`, `local`, ...); Infinity for none. */
  firstAssignment: number;
}

function wordUse(text: string, name: string): WordUse {
  let asWord = false;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if ((at !== 0 && !BEFORE_ASSIGNED_NAME.test(text.charAt(at - 1))) || NAME_CHARACTER.test(text.charAt(end))) continue;
    asWord = true;
    if (text[end] === '=' || (text[end] === '+' && text[end + 1] === '=')) return { asWord, firstAssignment: at };
  }
  return { asWord, firstAssignment: Infinity };
}

/**
 * The names a shell script assigns: `NAME=` and `NAME+=` (also after `export`, `local`, `readonly`,
 * `declare`, `typeset` and their options), `for NAME`, `read [options] NAME...` and `export NAME`.
 * An assignment counts from the offset where its match starts (the `read` or `export`, or the blank before the name).
 */
export class ShellAssignments {
  private readonly text: string;
  /** How each name asked about occurs as a word: scripts reference the same names again and again. */
  private readonly wordUses = new Map<string, WordUse>();
  /** `for`, `read` and `export NAME`: the earliest offset of each name, scanned once when first needed. */
  private keywordAssigned: Map<string, number> | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** Whether the script assigns the name before the offset (a `$` there, so never inside an assignment's keywords). */
  before(name: string, offset: number): boolean {
    let use = this.wordUses.get(name);
    if (use === undefined) {
      use = wordUse(this.text, name);
      this.wordUses.set(name, use);
    }
    if (use.firstAssignment < offset) return true;
    return use.asWord && (this.keywordAssignments().get(name) ?? Infinity) < offset;
  }

  private keywordAssignments(): Map<string, number> {
    if (this.keywordAssigned) return this.keywordAssigned;
    const text = this.text;
    const earliest = new Map<string, number>();
    const assign = (name: string, offset: number): void => {
      const known = earliest.get(name);
      if (known === undefined || offset < known) earliest.set(name, offset);
    };
    for (const pattern of KEYWORD_ASSIGNMENTS) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) assign(match[1] as string, match.index);
    }
    READ_ASSIGNMENT.lastIndex = 0;
    for (let match = READ_ASSIGNMENT.exec(text); match; match = READ_ASSIGNMENT.exec(text)) {
      for (const name of (match[1] as string).split(BLANKS)) assign(name, match.index);
    }
    return (this.keywordAssigned = earliest);
  }
}

type Place = 'expanded' | 'shell';

export default defineRule<Options>({
  meta: {
    id: 'undefined-variable',
    codes: ['UndefinedArgInFrom', 'UndefinedVar'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A variable is used where Docker expands it, but nothing defines it there, so it expands to an empty string',
    rationale:
      'An undefined variable silently expands to an empty string: `COPY app /opt/$APP_DIR/` copies to `/opt/`, ' +
      'and a global ARG used inside a stage without `ARG NAME` is empty there. Typos and ARG scoping mistakes are ' +
      'the usual causes, and the build still succeeds with a wrong result.',
    fixable: 'unsafe',
    fixDescription:
      'Replaces a misspelt name with the one defined name within two edits, or, for a global ARG used in a stage, ' +
      'inserts `ARG NAME` right after the stage\'s FROM. Unsafe: both change what the variable expands to.',
    options: {
      schema: {
        type: 'object',
        properties: {
          unknownBaseImages: { enum: ['typos-only', 'report', 'ignore'] },
          baseImageEnv: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        additionalProperties: false,
      },
      defaults: { unknownBaseImages: 'typos-only', baseImageEnv: {} },
      docs: {
        unknownBaseImages:
          'For stages whose root image is not in the base-image environment table: `"typos-only"` reports only names within two edits of a defined name, `"report"` reports every undefined name, `"ignore"` reports only scope errors.',
        baseImageEnv: 'Extra base-image environment entries: image glob → variable names the image defines.',
      },
    },
    examples: {
      invalid: [
        'FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n',
        'ARG VERSION=1.0\nFROM alpine:3.20\nRUN echo "$VERSION"\n',
        'FROM alpine:$TAG\n',
      ],
      valid: [
        'ARG VERSION=1.0\nFROM alpine:3.20\nARG VERSION\nRUN echo "$VERSION"\n',
        'FROM python:3.12-slim\nRUN echo "$PYTHON_VERSION"\nWORKDIR /app/$PYTHON_VERSION\n',
        'FROM alpine:3.20\nENV DIR=/opt\nWORKDIR ${DIR}/app\nCOPY app.txt ${SUBDIR:-/srv}/\n',
      ],
    },
  },
  check(context) {
    const { file, options, settings } = context;
    // Every reference starts with `$`: a third of the files have none.
    if (!file.text.includes('$')) return;
    const globalArgs = new Set<string>();
    const stageArgs = new Map<string, Stage[]>();
    for (const node of file.find('ARG', { triggers: false })) {
      const stage = node.stage;
      for (const property of node.properties) {
        if (stage) stageArgs.set(property.name, [...(stageArgs.get(property.name) ?? []), stage]);
        else globalArgs.add(property.name);
      }
    }
    const known = new Set(settings.knownVariables);

    // FROM lines: only global ARGs and the automatic platform ARGs.
    for (const stage of file.stages) {
      const tokens: Token[] = [];
      if (stage.from.args[0]) tokens.push(stage.from.args[0]);
      if (stage.platform?.valueToken) tokens.push(stage.platform.valueToken);
      for (const token of tokens) {
        for (const reference of findReferences(token.text, file.escapeChar)) {
          if (GUARDED.has(reference.modifier ?? '') || globalArgs.has(reference.name) || PLATFORM_ARGS.includes(reference.name)) continue;
          context.report({
            message: `FROM uses '${reference.name}', which is not declared by an ARG before the first FROM`,
            range: file.lines.range(token.startOffset + reference.start, token.startOffset + reference.end),
            codes: ['UndefinedArgInFrom'],
          });
        }
      }
    }

    // Global ARG defaults see earlier global ARGs (and the platform ARGs).
    const globalSoFar = new Set<string>();
    for (const node of file.globalInstructions) {
      if (node.keyword !== 'ARG') continue;
      for (const property of node.properties) {
        const token = property.valueToken;
        if (token) {
          for (const reference of findReferences(token.text, file.escapeChar)) {
            if (GUARDED.has(reference.modifier ?? '') || globalSoFar.has(reference.name) || PLATFORM_ARGS.includes(reference.name) || known.has(reference.name)) continue;
            context.report({
              message: `Variable '${reference.name}' is not defined here and expands to an empty string`,
              range: file.lines.range(token.startOffset + reference.start, token.startOffset + reference.end),
              codes: ['UndefinedVar'],
            });
          }
        }
        globalSoFar.add(property.name);
      }
    }

    for (const stage of file.stages) {
      // Most stages reference no variable: skip the chain and base-image environment look-ups for them.
      const referencing = stage.instructions.filter(mayReference);
      if (referencing.length === 0) continue;
      const chain = file.chain(stage);
      const root = chain[chain.length - 1] as Stage;
      // A base with unresolved variables (`FROM base-$TARGETARCH`) may name a stage: the chain is not known.
      const chainUnknown = chain.some((each) => each.base.kind === 'image' && !each.base.known);
      // Looked up on first use: most references are declared in the stage.
      let rootEnvLookup: { names: string[] | undefined } | undefined;
      const rootEnv = (): string[] | undefined =>
        (rootEnvLookup ??= { names: chainUnknown ? undefined : baseImageEnv(root, options.baseImageEnv) }).names;
      const windows = stage.windows;
      const fold = (name: string): string => (windows ? name.toUpperCase() : name);
      for (const node of referencing) {
        const scope = file.scope(node);
        // Windows names are case-insensitive; the folded set is built on first use.
        let declaredFolded: Set<string> | undefined;
        const declared = (name: string): boolean =>
          windows ? (declaredFolded ??= new Set(scope.names().map(fold))).has(fold(name)) : scope.declares(name);
        const defined = (name: string): boolean =>
          declared(name) ||
          (name === 'PATH' && !windows) ||
          BUILDKIT_STAGE_VARIABLES.includes(name) ||
          known.has(name) ||
          (rootEnv()?.some((each) => fold(each) === fold(name)) ?? false);
        const candidates = (): string[] => [...scope.names(), ...(windows ? [] : ['PATH']), ...known, ...(rootEnv() ?? [])];

        const consider = (reference: Reference, fileStart: number, place: Place, sameInstruction: ReadonlySet<string>): void => {
          const { name } = reference;
          if (GUARDED.has(reference.modifier ?? '') || sameInstruction.has(name) || defined(name)) return;
          const range = file.lines.range(fileStart + reference.start, fileStart + reference.end);
          const code = ['UndefinedVar'];
          if (chainUnknown && stageArgs.has(name)) return;
          if (globalArgs.has(name) || PLATFORM_ARGS.includes(name)) {
            context.report({ message: `Global ARG '${name}' is not visible in this stage; add 'ARG ${name}' after FROM`, range, codes: code, fix: declareFix(file, stage, name) });
            return;
          }
          const elsewhere = (stageArgs.get(name) ?? []).find((each) => !chain.includes(each));
          if (elsewhere) {
            const label = elsewhere.nameToken?.text ?? String(elsewhere.index);
            context.report({ message: `ARG '${name}' is declared in stage '${label}', not in this stage's chain`, range, codes: code });
            return;
          }
          if (place === 'shell') return;
          const suggestion = suggest(name, candidates(), { ignoreCase: windows });
          const message = `Variable '${name}' is not defined here and expands to an empty string${suggestion ? ` (did you mean $${suggestion}?)` : ''}`;
          const fix = suggestion ? renameFix(file, fileStart, reference, suggestion) : undefined;
          if (PROXY_ARGS.includes(name) || rootEnv() !== undefined || options.unknownBaseImages === 'report' || (options.unknownBaseImages === 'typos-only' && suggestion)) {
            context.report({ message, range, codes: code, fix });
          }
        };
        const expanded = (token: Token | undefined, sameInstruction: ReadonlySet<string> = NO_NAMES): void => {
          if (!token) return;
          for (const reference of findReferences(token.text, file.escapeChar)) consider(reference, token.startOffset, 'expanded', sameInstruction);
        };
        checkInstruction(file, node, expanded, (text, start) => {
          // The script's assignments are read only for references `consider` would not drop anyway.
          let assignments: ShellAssignments | undefined;
          for (const reference of shellReferences(text)) {
            if (GUARDED.has(reference.modifier ?? '') || defined(reference.name)) continue;
            if ((assignments ??= new ShellAssignments(text)).before(reference.name, reference.start)) continue;
            consider(reference, start, 'shell', NO_NAMES);
          }
        });
      }
    }
  },
});

/** Every reference starts with `$`; most instructions have none, so they are skipped before building anything. */
function mayReference(node: InstructionNode): boolean {
  return node.keyword !== 'FROM' && node.token.text.includes('$');
}

function checkInstruction(
  file: BuildFile,
  node: InstructionNode,
  expanded: (token: Token | undefined, sameInstruction?: ReadonlySet<string>) => void,
  shell: (text: string, fileStart: number) => void,
): void {
  switch (node.keyword) {
    case 'ENV': {
      const keys = node.properties.map((property) => property.name);
      for (const property of node.properties) {
        // Most ENVs set one name: no other names to build a set of.
        const others = keys.length === 1 ? NO_NAMES : new Set(keys.filter((key) => key !== property.name));
        expanded(property.nameToken);
        expanded(property.valueToken, others);
      }
      return;
    }
    case 'ARG': {
      const earlier = new Set<string>();
      for (const property of node.properties) {
        expanded(property.valueToken, earlier);
        earlier.add(property.name);
      }
      return;
    }
    case 'LABEL':
      for (const property of node.properties) {
        expanded(property.nameToken);
        expanded(property.valueToken);
      }
      return;
    case 'COPY':
    case 'ADD':
      for (const flag of node.flags) if (['chown', 'chmod', 'checksum'].includes(flag.name)) expanded(flag.valueToken);
      if (node.json) for (const each of node.json.strings) expanded(each.token);
      else for (const arg of node.args) if (!/^\d*<</.test(arg.text)) expanded(arg);
      for (const heredoc of node.heredocs) if (!heredoc.quoted) expanded(heredoc.body);
      return;
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
    case 'EXPOSE':
      for (const arg of node.args) expanded(arg);
      return;
    case 'VOLUME':
      if (node.json) for (const each of node.json.strings) expanded(each.token);
      else for (const arg of node.args) expanded(arg);
      return;
    default:
  }
  if (node.keyword === 'RUN') {
    for (const flag of node.flags) if (flag.name === 'mount') expanded(flag.valueToken);
  }
  if (!SHELL_KEYWORDS.has(node.keyword) || node.json || !node.argsToken) return;
  if (usesNonPosixShell(file, node)) return;
  const token = node.argsToken;
  shell(token.text, token.startOffset);
  for (const heredoc of node.heredocs) if (!heredoc.quoted && heredoc.body) shell(heredoc.body.text, heredoc.body.startOffset);
}

function renameFix(file: BuildFile, fileStart: number, reference: { start: number; name: string }, suggestion: string): Fix {
  const text = file.text;
  const nameStart = fileStart + reference.start + (text[fileStart + reference.start + 1] === '{' ? 2 : 1);
  return {
    edits: [{ range: file.lines.range(nameStart, nameStart + reference.name.length), text: suggestion }],
    safe: false,
    description: `Use ${suggestion}`,
  };
}

function declareFix(file: BuildFile, stage: Stage, name: string): Fix {
  const from = stage.from;
  const keyword = from.keywordToken.text === from.keywordToken.text.toLowerCase() ? 'arg' : 'ARG';
  const at = from.token.endOffset;
  return { edits: [{ range: file.lines.range(at, at), text: `\n${keyword} ${name}` }], safe: false, description: `Declare ARG ${name} in this stage` };
}

