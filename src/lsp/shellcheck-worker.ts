/**
 * Runs the `shellcheck` rule off the server's main thread. ShellCheck is an external program
 * (one spawn per lint, often much slower than every other rule together); running it here keeps
 * the server answering while it works, and lets the other rules' diagnostics appear first.
 */
import { parentPort } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/types.js';
import { lintText } from '../engine/lint.js';
import { RuleRegistry } from '../engine/registry.js';
import type { Finding } from '../engine/types.js';
import { BUILTIN_RULES } from '../../rules/index.js';

export interface ShellCheckJob {
  id: number;
  text: string;
  config: ResolvedConfig;
}

export interface ShellCheckReply {
  id: number;
  findings: Finding[];
  notices: string[];
  /** A message when the rule itself failed. */
  failure: string | undefined;
}

const rule = BUILTIN_RULES.find((each) => each.meta.id === 'shellcheck');
const registry = new RuleRegistry(rule ? [rule] : []);

parentPort?.on('message', (job: ShellCheckJob) => {
  let reply: ShellCheckReply;
  try {
    const output = lintText(job.text, { config: job.config, registry });
    const failure = output.ruleFailures[0];
    reply = {
      id: job.id,
      findings: output.findings.filter((finding) => finding.ruleId === 'shellcheck'),
      notices: output.notices ?? [],
      failure: failure === undefined ? undefined : failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error),
    };
  } catch (error) {
    reply = { id: job.id, findings: [], notices: [], failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
