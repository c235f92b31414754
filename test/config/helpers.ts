import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp directory with the given files (path → content) written into it. */
export function tempTree(files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-config-')));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

/** The ConfigError thrown by `run`, or a failure if none was thrown. */
export async function configErrorOf(run: () => unknown): Promise<Error & { filePath?: string; key?: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error) return error as Error & { filePath?: string; key?: string };
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}
