export interface ColorInputs {
  /** `--color` (true) / `--no-color` (false); undefined when neither was given. */
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  /** Whether the output stream is a terminal. */
  isTTY: boolean;
  /** The chosen format is for machines (json, sarif, ...): its output is never coloured. */
  machineFormat: boolean;
}

/**
 * Whether to colour the output. The first rule that applies wins:
 * 1. machine formats (json, sarif, ...) are never coloured;
 * 2. `--color` / `--no-color`;
 * 3. `FORCE_COLOR`: set to `0` or `false` → off; set to anything else (even empty) → on;
 * 4. `NO_COLOR` set and non-empty → off (https://no-color.org);
 * 5. `TERM=dumb` → off;
 * 6. otherwise colour exactly when the output is a terminal.
 */
export function decideColor(inputs: ColorInputs): boolean {
  const { flag, env, isTTY, machineFormat } = inputs;
  if (machineFormat) return false;
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
