import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file atomically: a temporary file in the same directory, then a rename, so a
 * reader or a crash never sees a half-written file. The original's mode is kept, and an
 * unchanged content is not written at all.
 */
export function writeFileAtomic(target: string, content: string | Buffer): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let mode: number | undefined;
  try {
    const existing = fs.readFileSync(target);
    if (existing.equals(data)) return;
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.layerlint-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temporary, data, mode === undefined ? undefined : { mode });
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
