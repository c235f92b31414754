import { expandWord } from './variables.js';
import type { Expansion, InstructionNode, Stage, VariableValue } from './types.js';

const UNKNOWN: VariableValue = { known: false };
const EMPTY: VariableValue = { known: true, value: '' };

/**
 * The variables visible at one instruction (RULES.md §0.5 "Variable resolution"). Scopes are
 * immutable: an ARG or ENV produces a new scope, every other instruction shares its
 * predecessor's.
 */
export class Scope {
  private readonly vars: ReadonlyMap<string, VariableValue>;
  /** Undeclared names resolve to the empty string (a scratch-rooted stage has no base env). */
  private readonly undeclaredIsEmpty: boolean;
  private readonly buildArgs: Record<string, string>;

  constructor(vars: ReadonlyMap<string, VariableValue>, undeclaredIsEmpty: boolean, buildArgs: Record<string, string>) {
    this.vars = vars;
    this.undeclaredIsEmpty = undeclaredIsEmpty;
    this.buildArgs = buildArgs;
  }

  /** The value of a variable; undefined when nothing declared it (the base image might). */
  lookup(name: string): VariableValue | undefined {
    const found = this.vars.get(name);
    if (found) return found;
    return this.undeclaredIsEmpty ? EMPTY : undefined;
  }

  /** Whether an ARG or ENV in scope declares the name. */
  declares(name: string): boolean {
    return this.vars.has(name);
  }

  names(): string[] {
    return [...this.vars.keys()];
  }

  expand(word: string, escapeChar = '\\'): Expansion {
    return expandWord(word, this.boundLookup, escapeChar);
  }

  /** `lookup` bound once per scope, not per `expand` call (rules expand thousands of words). */
  private readonly boundLookup = (name: string): VariableValue | undefined => this.lookup(name);

  withBuildArgs(buildArgs: Record<string, string>): Scope {
    return new Scope(this.vars, this.undeclaredIsEmpty, buildArgs);
  }

  /** The scope of an ONBUILD trigger: a downstream stage where nothing is known. */
  forTrigger(): Scope {
    return new Scope(new Map(), false, {});
  }

  /** The scope after an instruction: ARG and ENV declare, everything else changes nothing. */
  after(node: InstructionNode, globalScope: Scope, stage: Stage | undefined): Scope {
    if (node.keyword !== 'ARG' && node.keyword !== 'ENV') return this;
    const vars = new Map(this.vars);
    for (const property of node.properties) {
      const name = property.name;
      if (node.keyword === 'ENV') {
        const raw = property.rawValue ?? property.valueToken?.text ?? '';
        const expansion = this.expandWithin(vars, raw);
        vars.set(name, expansion.known ? { known: true, value: expansion.value } : UNKNOWN);
        continue;
      }
      const fromBuild = this.buildArgs[name];
      if (fromBuild !== undefined) {
        vars.set(name, { known: true, value: fromBuild });
      } else if (property.valueToken !== undefined) {
        const expansion = this.expandWithin(vars, property.rawValue ?? property.valueToken.text);
        vars.set(name, expansion.known ? { known: true, value: expansion.value } : UNKNOWN);
      } else if (stage && globalScope.declares(name)) {
        vars.set(name, globalScope.lookup(name) ?? UNKNOWN);
      } else if (!vars.has(name) || !stage) {
        vars.set(name, UNKNOWN);
      }
    }
    return new Scope(vars, this.undeclaredIsEmpty, this.buildArgs);
  }

  private expandWithin(vars: ReadonlyMap<string, VariableValue>, raw: string): Expansion {
    return expandWord(raw, (name) => vars.get(name) ?? (this.undeclaredIsEmpty ? EMPTY : undefined));
  }
}

export const GLOBAL_SCOPE_EMPTY = new Scope(new Map(), false, {});

/** The scope at the start of a stage: its parent stage's final scope, or a fresh one. */
export function scopeForStageStart(
  stage: Stage,
  globalScope: Scope,
  buildArgs: Record<string, string>,
  scopes: ReadonlyMap<InstructionNode, Scope>,
): Scope {
  if (stage.parent) {
    const last = stage.parent.instructions.at(-1);
    const parentScope = last ? scopes.get(last) : undefined;
    if (parentScope && last) return parentScope.after(last, globalScope, stage.parent);
  }
  let root: Stage = stage;
  const seen = new Set<Stage>();
  while (root.parent && !seen.has(root)) {
    seen.add(root);
    root = root.parent;
  }
  const vars = new Map<string, VariableValue>();
  if (!stage.windows) vars.set('PATH', UNKNOWN);
  return new Scope(vars, root.base.kind === 'scratch', buildArgs);
}
