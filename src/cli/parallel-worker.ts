// The entry of a lint worker thread (parallel.ts): lints the files it is sent exactly as the
// sequential loop in main.ts does, with the same config overrides, registry and plugins.
import { parentPort, workerData } from 'node:worker_threads';
import { isConfigError } from '../config/errors.js';
import { lintBytes } from '../engine/lint.js';
import { RuleRegistry } from '../engine/registry.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { createLintSetup, describeReadError, isIgnored, lintOptionsFor, readRegularFile } from './lint-file.js';
import type { FileOutcome, WorkerReply, WorkerRequest, WorkerSetup } from './parallel.js';

const data = workerData as WorkerSetup;
const setup = createLintSetup(data.cwd, data.overrides, new RuleRegistry(BUILTIN_RULES));

async function lintFile(absolute: string): Promise<FileOutcome> {
  let bytes: Buffer | undefined;
  let readError: string | undefined;
  try {
    bytes = readRegularFile(absolute);
  } catch (error) {
    readError = describeReadError(error);
  }
  let warnings: string[] = [];
  try {
    const config = await setup.loader.forFile(absolute);
    warnings = config.warnings ?? [];
    if (isIgnored(config.ignore, config.baseDir ?? data.cwd, absolute)) return { kind: 'ignored', warnings };
    if (bytes === undefined) return { kind: 'unreadable', warnings, readError: readError ?? 'unknown error', threshold: config.failureThreshold };
    const { options } = await lintOptionsFor(setup, config, absolute, false, data.reportUnusedIgnores);
    const output = lintBytes(bytes, options);
    return {
      kind: 'linted',
      warnings,
      threshold: config.failureThreshold,
      findings: output.findings,
      source: data.keepSource ? output.text : undefined,
      notices: output.notices ?? [],
      failures: output.ruleFailures.map((failure) => ({ ruleId: failure.ruleId, message: failure.error instanceof Error ? failure.error.message : String(failure.error) })),
    };
  } catch (error) {
    const usage = isConfigError(error) || (error instanceof Error && error.name === 'UsageError');
    return { kind: 'error', warnings, usage, message: error instanceof Error ? error.message : String(error) };
  }
}

// One batch at a time, in the order they arrive.
let queue = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const outcomes: FileOutcome[] = [];
    for (const file of request.files) outcomes.push(await lintFile(file));
    const reply: WorkerReply = { batch: request.batch, outcomes };
    parentPort?.postMessage(reply);
  });
});
