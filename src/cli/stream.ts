import { SEVERITY_RANK, type FileResult, type Severity } from '../engine/types.js';
import type { Reporter, ReporterOptions } from '../reporters/types.js';
import { summarize, summaryLine, type Summary } from '../reporters/summary.js';

/**
 * Streams the `json` and `concise` reports to standard output as the files are linted, so a run
 * over any number of files holds one file's findings and at most one chunk of output at a time:
 * peak memory does not grow with the number of files (docs/performance.md). The output is byte for byte what the reporter prints for all
 * results at once; the exit code is decided as `exitCode` in main.ts decides it.
 */
export const STREAMED_FORMATS: ReadonlySet<string> = new Set(['json', 'concise']);

/**
 * The report is written in chunks of at least this many characters (and at the end): a write
 * per file cost ~5% of a run over the corpus (every write goes through the stream machinery
 * and a system call), and a chunk is still a few files' findings.
 */
const CHUNK_CHARS = 64 * 1024;

export class StreamingReport {
  private count = 0;
  private readonly summary: Summary = { files: 0, errors: 0, warnings: 0, info: 0, style: 0, total: 0, fixable: 0, unsafeFixable: 0 };
  private ioError = false;
  private failing = false;
  private warnings = 0;
  /** Reported, not yet written. */
  private pending = '';

  constructor(
    private readonly format: string,
    private readonly reporter: Reporter,
    private readonly options: ReporterOptions,
    private readonly quiet: boolean,
    private readonly write: (text: string) => void,
  ) {}

  /** Reports one file now; keeps only counts. */
  add(result: FileResult, threshold: Severity | 'none'): void {
    if (result.findings.some((f) => f.ruleId === 'io-error')) this.ioError = true;
    if (threshold !== 'none' && result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold])) this.failing = true;
    for (const finding of result.findings) if (finding.severity === 'warning') this.warnings++;
    const shown = this.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
    const one = summarize([shown]);
    for (const key of Object.keys(this.summary) as (keyof Summary)[]) this.summary[key] += one[key];
    const text = this.reporter([shown], this.options);
    if (this.format === 'json') {
      // `[{...}]\n` for one file: the element without its brackets.
      this.emit(`${this.count === 0 ? '[' : ','}${text.slice(1, -2)}`);
    } else if (text !== '') {
      // One file's lines, without the summary line the reporter ends with.
      this.emit(text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    }
    this.count++;
  }

  /** Ends the report: the closing bracket, or the summary line. */
  end(): void {
    if (this.format === 'json') this.emit(this.count === 0 ? '[]\n' : ']\n');
    else if (this.summary.total > 0) this.emit(`${summaryLine(this.summary, false, { icon: false })}\n`);
    this.flush();
  }

  /** Writes what was reported so far (also when the run stops early). */
  flush(): void {
    if (this.pending === '') return;
    this.write(this.pending);
    this.pending = '';
  }

  private emit(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  exitCode(noFail: boolean, maxWarnings: number | undefined, internalFailure: boolean): number {
    if (internalFailure || this.ioError) return 2;
    if (noFail) return 0;
    const tooManyWarnings = maxWarnings !== undefined && this.warnings > maxWarnings;
    return this.failing || tooManyWarnings ? 1 : 0;
  }
}
