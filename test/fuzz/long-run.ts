/**
 * The long fuzz run (`npm run fuzz`), split in two files so vitest runs the halves in
 * parallel: well over 100,000 cases across the generators, every corpus file truncated at
 * every instruction boundary, and a time guard that reports (does not fail on) any single
 * lint over 100 ms. Each half writes its figures to test/fuzz/last-run-<part>.json.
 * LAYERLINT_FUZZ_SCALE scales the case counts; LAYERLINT_FUZZ_SEED changes the seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCampaign, type CampaignResult } from './campaign.js';

export const scale = Number(process.env['LAYERLINT_FUZZ_SCALE'] ?? '1') || 1;
const seed = Number(process.env['LAYERLINT_FUZZ_SEED'] ?? '20261127');

export function longRun(part: string, generators: Record<string, number>, options: { sweepBoundaries?: boolean; fixEvery?: number } = {}): number {
  const cases = Object.fromEntries(Object.entries(generators).map(([name, n]) => [name, Math.round(n * scale)]));
  const started = Date.now();
  let result: CampaignResult | undefined;
  let failure: unknown;
  try {
    result = runCampaign({ cases, seed, slowMs: 100, log: (line) => console.log(`[${part}] ${line}`), ...options });
  } catch (error) {
    failure = error;
  }
  const summary = {
    date: new Date().toISOString().slice(0, 10),
    seed,
    scale,
    seconds: Math.round((Date.now() - started) / 1000),
    figures: result?.figures.map((f) => ({ generator: f.generator, cases: f.cases, seconds: Math.round(f.ms / 100) / 10 })) ?? [],
    totalCases: result?.figures.reduce((sum, f) => sum + f.cases, 0) ?? 0,
    slowCount: result?.slow.length ?? 0,
    slowInputs: result?.slow.sort((a, b) => b.ms - a.ms).slice(0, 50).map((s) => ({ ...s, ms: Math.round(s.ms) })) ?? [],
    failure: failure === undefined ? null : String(failure instanceof Error ? failure.message : failure).slice(0, 4000),
  };
  fs.writeFileSync(path.join(import.meta.dirname, `last-run-${part}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`[${part}] total: ${summary.totalCases} cases in ${summary.seconds} s; ${summary.slowCount} lints over 100 ms`);
  for (const s of summary.slowInputs.slice(0, 20)) console.log(`[${part}] slow (${s.ms} ms, ${s.generator}): ${s.input}`);
  if (failure !== undefined) throw failure;
  return summary.totalCases;
}
