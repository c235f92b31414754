/**
 * The fuzz campaign: every generator run for a number of cases, with the properties of
 * properties.ts. The bounded reliability test and `npm run fuzz` both call runCampaign.
 */
import fc from 'fast-check';
import { buildResolvedConfig } from '../../src/config/resolve.js';
import { validateConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';
import { ruleOptionsProblem } from '../../src/engine/active-rules.js';
import { configObjectArbitrary, corpusTexts, instructionBoundaries, mutate, mutationArbitrary, ruleOptionsArbitrary, tokenStreamArbitrary } from './generators.js';
import { checkFix, checkLintBytes, checkLintText, fuzzConfig, registry } from './properties.js';
import { lintText } from '../../src/engine/lint.js';

export interface SlowInput {
  generator: string;
  ms: number;
  input: string;
}

export interface GeneratorFigures {
  generator: string;
  cases: number;
  ms: number;
}

export interface CampaignResult {
  figures: GeneratorFigures[];
  slow: SlowInput[];
}

export interface CampaignOptions {
  /** Cases per generator (the corpus sweep is one case per file and boundary). */
  cases: Record<string, number>;
  seed?: number;
  /** A single lint slower than this is recorded (not failed). */
  slowMs?: number;
  /** Also sweep every corpus file, truncated at every instruction boundary (the long run). */
  sweepBoundaries?: boolean;
  /** Check `--fix` output on every nth case of the lint generators (1: every case). */
  fixEvery?: number;
  /** Corpus files used (all when undefined). */
  corpusLimit?: number;
  log?: (line: string) => void;
}

const preview = (text: string): string => JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text);

export function runCampaign(options: CampaignOptions): CampaignResult {
  const slowMs = options.slowMs ?? 100;
  const seed = options.seed ?? 20_261_127;
  const figures: GeneratorFigures[] = [];
  const slow: SlowInput[] = [];
  const log = options.log ?? (() => undefined);
  const corpus = corpusTexts(options.corpusLimit);

  const timed = (generator: string, cases: number, body: () => void): void => {
    if (cases <= 0) return;
    const started = performance.now();
    body();
    const ms = performance.now() - started;
    figures.push({ generator, cases, ms });
    log(`${generator}: ${cases} cases in ${(ms / 1000).toFixed(1)} s`);
  };
  const note = (generator: string, ms: number, input: string): void => {
    if (ms > slowMs) slow.push({ generator, ms, input: preview(input) });
  };
  const fixEvery = Math.max(1, options.fixEvery ?? 1);
  let counter = 0;
  const fixThisCase = (): boolean => counter++ % fixEvery === 0;
  const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, seed, endOnFailure: true });

  timed('token-stream', options.cases['token-stream'] ?? 0, () => {
    fc.assert(
      fc.property(tokenStreamArbitrary, (text) => {
        note('token-stream', checkLintText(text).lintMs, text);
        if (fixThisCase()) checkFix(text);
      }),
      params(options.cases['token-stream'] ?? 0),
    );
  });

  timed('corpus-mutation', corpus.length === 0 ? 0 : (options.cases['corpus-mutation'] ?? 0), () => {
    fc.assert(
      fc.property(mutationArbitrary(corpus.length), ({ file, kind, seed: s }) => {
        const bytes = mutate((corpus[file] as { text: string }).text, kind, s);
        const { lintMs, text } = checkLintBytes(bytes);
        note('corpus-mutation', lintMs, `${(corpus[file] as { name: string }).name} ${kind} ${s}`);
        if (text !== undefined && fixThisCase()) checkFix(text);
      }),
      params(options.cases['corpus-mutation'] ?? 0),
    );
  });

  if (options.sweepBoundaries && corpus.length > 0) {
    let cases = 0;
    const started = performance.now();
    for (const { name, text } of corpus) {
      for (const boundary of instructionBoundaries(text)) {
        const prefix = text.slice(0, boundary);
        try {
          // One lint per prefix (the determinism and fix properties are covered by the random generators).
          const { lintMs } = checkLintBytes(Buffer.from(prefix, 'latin1'), undefined, { once: true });
          note('corpus-truncation-sweep', lintMs, `${name} truncated at ${boundary}`);
        } catch (error) {
          throw new Error(`${name} truncated at offset ${boundary}: ${error instanceof Error ? error.message : String(error)}`);
        }
        cases++;
      }
    }
    figures.push({ generator: 'corpus-truncation-sweep', cases, ms: performance.now() - started });
    log(`corpus-truncation-sweep: ${cases} cases`);
  }

  timed('config-object', options.cases['config-object'] ?? 0, () => {
    fc.assert(
      fc.property(configObjectArbitrary, (raw) => {
        try {
          const file = validateConfig(raw, '/fuzz/.layerlint.yaml');
          const resolved = buildResolvedConfig(file, { path: '/fuzz/.layerlint.yaml', kind: 'layerlint' }, '/fuzz', {}, {
            isKnownSelector: (selector) => registry.isKnownSelector(selector),
            validateRuleOptions: (selector, opts) => {
              const [rule] = registry.resolve(selector);
              return rule ? ruleOptionsProblem(rule, opts) : undefined;
            },
          });
          // A config that validates must lint without a rule failure.
          const output = lintText('FROM alpine:3.19\nRUN echo hi\n', { config: { ...resolved, settings: { ...resolved.settings, context: undefined } }, registry });
          if (output.ruleFailures.length > 0) throw new Error(`a valid config made a rule fail: ${output.ruleFailures.map((f) => `${f.ruleId}: ${String(f.error)}`).join('; ')}`);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          if (error.message.includes('\n')) throw new Error(`ConfigError message is not one line: ${error.message}`);
        }
      }),
      params(options.cases['config-object'] ?? 0),
    );
  });

  const SAMPLE = 'FROM node:20 AS build\nARG VERSION=1\nENV A=b\nLABEL maintainer="x" org.opencontainers.image.version="1"\nRUN apt-get update && apt-get install -y curl && pip install requests && npm install\nCOPY --chown=1:1 . /app\nUSER root\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/\nFROM build\nCMD ["node", "app.js"]\n';
  timed('rule-options', options.cases['rule-options'] ?? 0, () => {
    fc.assert(
      fc.property(ruleOptionsArbitrary(registry.rules), ({ rule, options: opts }) => {
        if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) return;
        const problem = ruleOptionsProblem(rule, opts as Record<string, unknown>);
        if (problem !== undefined) return;
        // Options that pass the schema must not make the rule crash.
        checkLintText(SAMPLE, { config: fuzzConfig({ rules: { [rule.meta.id]: ['warning', opts as Record<string, unknown>] } }), registry });
      }),
      params(options.cases['rule-options'] ?? 0),
    );
  });

  return { figures, slow };
}
