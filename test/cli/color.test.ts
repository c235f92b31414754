import { describe, expect, it } from 'vitest';
import type { ColorInputs } from '../../src/cli/color.js';
import { decideColor } from '../../src/cli/color.js';

function inputs(overrides: Partial<ColorInputs>): ColorInputs {
  return { flag: undefined, env: {}, isTTY: true, machineFormat: false, ...overrides };
}

describe('decideColor', () => {
  it.each<[string, Partial<ColorInputs>, boolean]>([
    // 1. machine formats beat everything
    ['machine format, --color, FORCE_COLOR, TTY', { machineFormat: true, flag: true, env: { FORCE_COLOR: '1' }, isTTY: true }, false],
    // 2. the flag beats the environment and the terminal
    ['--color without a TTY, NO_COLOR and TERM=dumb', { flag: true, isTTY: false, env: { NO_COLOR: '1', TERM: 'dumb' } }, true],
    ['--color with FORCE_COLOR=0', { flag: true, env: { FORCE_COLOR: '0' } }, true],
    ['--no-color on a TTY with FORCE_COLOR=1', { flag: false, env: { FORCE_COLOR: '1' } }, false],
    // 3. FORCE_COLOR
    ['FORCE_COLOR=1 without a TTY', { isTTY: false, env: { FORCE_COLOR: '1' } }, true],
    ['FORCE_COLOR=3 without a TTY', { isTTY: false, env: { FORCE_COLOR: '3' } }, true],
    ['FORCE_COLOR empty without a TTY', { isTTY: false, env: { FORCE_COLOR: '' } }, true],
    ['FORCE_COLOR=1 beats NO_COLOR and TERM=dumb', { isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1', TERM: 'dumb' } }, true],
    ['FORCE_COLOR=0 on a TTY', { env: { FORCE_COLOR: '0' } }, false],
    ['FORCE_COLOR=false on a TTY', { env: { FORCE_COLOR: 'false' } }, false],
    // 4. NO_COLOR
    ['NO_COLOR=1 on a TTY', { env: { NO_COLOR: '1' } }, false],
    ['NO_COLOR=0 on a TTY (any non-empty value)', { env: { NO_COLOR: '0' } }, false],
    ['NO_COLOR empty on a TTY', { env: { NO_COLOR: '' } }, true],
    // 5. TERM=dumb
    ['TERM=dumb on a TTY', { env: { TERM: 'dumb' } }, false],
    ['TERM=xterm-256color on a TTY', { env: { TERM: 'xterm-256color' } }, true],
    // 6. the terminal
    ['TTY, nothing set', {}, true],
    ['no TTY, nothing set', { isTTY: false }, false],
    ['no TTY, machine format', { isTTY: false, machineFormat: true }, false],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(decideColor(inputs(overrides))).toBe(expected);
  });
});
