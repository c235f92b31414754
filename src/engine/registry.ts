import { normalizeCode } from './codes.js';
import type { RuleDefinition } from './types.js';

/** Rules by id and by every selector that names them (codes, secondary references). */
export class RuleRegistry {
  readonly rules: readonly RuleDefinition[];
  private readonly byId = new Map<string, RuleDefinition>();
  private readonly bySelector = new Map<string, RuleDefinition[]>();

  constructor(rules: readonly RuleDefinition[]) {
    this.rules = rules;
    for (const rule of rules) {
      if (this.byId.has(rule.meta.id)) throw new Error(`Duplicate rule id ${rule.meta.id}`);
      this.byId.set(rule.meta.id, rule);
      for (const selector of [rule.meta.id, ...rule.meta.codes, ...(rule.meta.alsoKnownAs ?? [])]) {
        const key = normalizeCode(selector);
        const list = this.bySelector.get(key);
        if (list) {
          if (!list.includes(rule)) list.push(rule);
        } else this.bySelector.set(key, [rule]);
      }
    }
  }

  get(id: string): RuleDefinition | undefined {
    return this.byId.get(id);
  }

  /** The rules a selector (rule id, peer code or namespaced reference) names. */
  resolve(selector: string): RuleDefinition[] {
    return this.bySelector.get(normalizeCode(selector)) ?? (isShellCheckCode(selector) ? this.shellcheck() : []);
  }

  isKnownSelector(selector: string): boolean {
    return this.resolve(selector).length > 0;
  }

  private shellcheck(): RuleDefinition[] {
    const rule = this.byId.get('shellcheck');
    return rule ? [rule] : [];
  }
}

function isShellCheckCode(selector: string): boolean {
  return /^SC\d{4}$/i.test(selector.trim());
}
