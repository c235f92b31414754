import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, mustRun, ROOT, run, snapshotWorkingTree, tempDir } from './snapshot.js';

/**
 * The package as users get it: `npm pack` of a copy of this checkout (which runs the `prepare`
 * build), installed from the tarball into an empty project; the installed `layerlint` must run.
 * This catches files missing from `files`, a broken build step and bad `bin`/`exports`.
 */
describe('npm package', () => {
  it('packs, installs into an empty project and lints a Dockerfile', () => {
    const source = snapshotWorkingTree();
    // The build needs the dev dependencies (TypeScript); reuse this checkout's.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');

    // pre-commit reads `npm pack`'s standard output as the tarball name: it must be nothing else.
    const packed = mustRun('npm', ['pack'], source);
    const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      bin: Record<string, string>;
      exports: Record<string, unknown>;
    };
    const tarballName = `${manifest.name}-${manifest.version}.tgz`;
    expect(packed).toBe(`${tarballName}\n`);
    const tarball = path.join(source, tarballName);

    const listing = mustRun('tar', ['-tzf', tarball], source).split('\n');
    expect(listing).toContain('package/dist/src/cli/bin.js');
    expect(listing).toContain('package/dist/src/index.d.ts');
    expect(listing).toContain('package/README.md');
    expect(listing.filter((file) => /^package\/(test|src|rules|bench)\//.test(file))).toEqual([]);
    for (const bin of Object.values(manifest.bin)) expect(listing).toContain(`package/${bin}`);

    const project = tempDir('npm-install');
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
    mustRun('npm', ['install', '--no-audit', '--no-fund', tarball], project);
    fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM ubuntu\nUSER 1000\n');

    const bin = path.join(project, 'node_modules', '.bin', 'layerlint');
    const lint = run(bin, ['--format', 'json', 'Dockerfile'], project, cleanEnv());
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(1);
    const [file] = JSON.parse(lint.stdout) as Array<{ filePath: string; diagnostics: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(file?.filePath).toBe('Dockerfile');
    expect(file?.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'no-latest-tag', line: 1, column: 6 }));
    expect(run(bin, ['--version'], project).stdout.trim()).toBe(manifest.version);
    for (const name of Object.keys(manifest.bin)) expect(fs.existsSync(path.join(project, 'node_modules', '.bin', name))).toBe(true);

    // The library API resolves through `exports`, with its type declarations shipped.
    const api = run(process.execPath, ['--input-type=module', '-e', "const m = await import('layerlint'); const f = await m.lint('FROM ubuntu\\n'); console.log(f.map((x) => x.ruleId).join(','))"], project);
    expect(api.stderr).toBe('');
    expect(api.stdout).toContain('no-latest-tag');
    for (const entry of Object.values(manifest.exports)) {
      if (typeof entry !== 'object' || entry === null) continue;
      for (const target of Object.values(entry as Record<string, string>)) {
        expect(fs.existsSync(path.join(project, 'node_modules', manifest.name, target)), target).toBe(true);
      }
    }
  }, 300_000);
});
