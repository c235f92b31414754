import { createRequire } from 'node:module';
import { Instruction } from 'dockerfile-ast';

/**
 * dockerfile-ast recomputes an instruction's argument list from the document text every time
 * it is asked, and its own parser asks several times per instruction (JSON detection, flags,
 * heredocs), each time converting offsets to positions again. The text of a parsed document
 * never changes, so the first answer is kept per instruction. This roughly halves the time
 * of `DockerfileParser.parse` on real files (see docs/performance.md).
 */
type WithRawArguments = { getRawArguments(): unknown[] };

const prototype = Instruction.prototype as unknown as WithRawArguments & { __layerlintMemo?: true };
if (!prototype.__layerlintMemo) {
  const original = prototype.getRawArguments;
  const cache = new WeakMap<object, unknown[]>();
  prototype.getRawArguments = function memoizedRawArguments(this: object): unknown[] {
    let args = cache.get(this);
    if (!args) {
      args = original.call(this);
      cache.set(this, args);
    }
    return args.slice();
  };
  prototype.__layerlintMemo = true;
}

interface Ranged {
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface Template extends Ranged {
  addComment(comment: unknown): void;
}
interface OrganizableDockerfile {
  getComments(): Ranged[];
  initialInstructions: Template;
  buildStages: Template[];
  organizeComments(): void;
  __layerlintMemo?: true;
}

/** Position `p` inside `range`, ends included (dockerfile-ast's Util.isInsideRange). */
function inside(p: { line: number; character: number }, range: ReturnType<Ranged['getRange']>): boolean {
  if (range.start.line === range.end.line) return range.start.line === p.line && range.start.character <= p.character && p.character <= range.end.character;
  if (range.start.line === p.line) return range.start.character <= p.character;
  if (range.end.line === p.line) return p.character <= range.end.character;
  return range.start.line < p.line && p.line < range.end.line;
}

/**
 * dockerfile-ast allocates comments to build stages by recomputing every stage's range for
 * every comment: quadratic in a file with many stages and comments (a 2,000-line file with
 * 200 stages spends most of its parse there). Stage ranges depend only on their instructions,
 * so they are computed once; the allocation is the same.
 */
const dockerfileModule = createRequire(import.meta.url)('dockerfile-ast/lib/dockerfile.js') as { Dockerfile: { prototype: OrganizableDockerfile } };
const dockerfilePrototype = dockerfileModule.Dockerfile.prototype;
if (!dockerfilePrototype.__layerlintMemo) {
  dockerfilePrototype.organizeComments = function organizeCommentsOnce(this: OrganizableDockerfile): void {
    const comments = this.getComments();
    if (comments.length === 0) return;
    const initial = this.initialInstructions.getRange();
    const stages = this.buildStages.map((stage) => ({ stage, range: stage.getRange() }));
    for (const comment of comments) {
      const range = comment.getRange();
      if (inside(range.end, initial)) {
        this.initialInstructions.addComment(comment);
        continue;
      }
      for (const { stage, range: stageRange } of stages) if (inside(range.start, stageRange)) stage.addComment(comment);
    }
  };
  dockerfilePrototype.__layerlintMemo = true;
}
