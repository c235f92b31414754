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
