import type { CliOverrides } from '../config/resolve.js';
import type { RuleSetting } from '../config/types.js';

/** When diagnostics are computed: as you type, or when the document is saved. */
export type RunMode = 'onType' | 'onSave';

/** The client settings of the `layerlint` section (`workspace/configuration`). */
export interface ClientSettings {
  /** Lint at all (default true). */
  enable: boolean;
  /** Replaces the config's `extends` when set. */
  preset: string[] | undefined;
  /** Rule settings on top of the config file's, as `--rule` would set them. */
  rules: Record<string, RuleSetting>;
  run: RunMode;
}

export const DEFAULT_SETTINGS: ClientSettings = { enable: true, preset: undefined, rules: {}, run: 'onType' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads client settings leniently: a value of the wrong type is ignored (and reported through
 * `problems`) rather than failing the whole section. Accepts the section itself or an object
 * with a `layerlint` key (as some clients send `didChangeConfiguration`).
 */
export function parseSettings(raw: unknown, base: ClientSettings = DEFAULT_SETTINGS, problems: string[] = []): ClientSettings {
  const section = isRecord(raw) && isRecord(raw['layerlint']) ? raw['layerlint'] : raw;
  const out: ClientSettings = { ...base, rules: { ...base.rules } };
  if (!isRecord(section)) return out;
  const { enable, preset, rules, run } = section;
  if (enable !== undefined) {
    if (typeof enable === 'boolean') out.enable = enable;
    else problems.push('layerlint.enable must be true or false');
  }
  if (preset !== undefined && preset !== null) {
    const list = typeof preset === 'string' ? preset.split(',') : Array.isArray(preset) ? preset : undefined;
    if (list !== undefined && list.every((p) => typeof p === 'string')) {
      const presets = (list as string[]).map((p) => p.trim()).filter((p) => p !== '');
      out.preset = presets.length > 0 ? presets : undefined;
    } else problems.push('layerlint.preset must be a preset name or a list of names');
  }
  if (rules !== undefined && rules !== null) {
    if (isRecord(rules)) Object.assign(out.rules, rules as Record<string, RuleSetting>);
    else problems.push('layerlint.rules must be an object of rule settings');
  }
  if (run !== undefined) {
    if (run === 'onType' || run === 'onSave') out.run = run;
    else problems.push('layerlint.run must be "onType" or "onSave"');
  }
  return out;
}

/** The settings as configuration overrides (applied on top of the nearest config file). */
export function overridesFor(settings: ClientSettings): CliOverrides {
  const overrides: CliOverrides = { rules: settings.rules };
  if (settings.preset !== undefined) overrides.presets = settings.preset;
  return overrides;
}

/** A stable key for settings that change the configuration (one ConfigLoader per key). */
export function overridesKey(settings: ClientSettings): string {
  return JSON.stringify([settings.preset ?? null, settings.rules]);
}
