export type {
  CommandPlacement,
  ShellAssignment,
  ShellRedirect,
  ShellScript,
  ShellWord,
  SimpleCommand,
} from './types.js';
export { parseShellScript, parseShellText, type ScriptSource } from './parse.js';
export {
  assignmentPrefix,
  SHELL_NAMES,
  splitAssignmentWord,
  unwrapWords,
  WRAPPER_NAMES,
  type UnwrapHooks,
  type UnwrapResult,
} from './unwrap.js';
export { classifyArgs, hasOption, optionValue, type ClassifiedArgs, type OptionSpec } from './options.js';
