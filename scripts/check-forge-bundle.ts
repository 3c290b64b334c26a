// Bundles the backend exactly as `forge deploy` does, offline, and fails on any error.
//
// `forge deploy` hands the app to @forge/bundler's node bundler (out/runtime.js getNodeBundler):
// webpack with getCommonWebpackConfig (out/config/common.js), whose ts-loader compiles with
// the app's OWN tsconfig.json. A tsconfig that type-checks fine (e.g. with "noEmit": true)
// can still make that compile fail ("TypeScript emitted no output for src/index.ts"), which
// only a real deploy would show. This runs the same code path with the real package:
//   - the handlers come from manifest.yml through @forge/cli-shared's ConfigFile, as the CLI reads them;
//   - entry points are @forge/bundler's getEntryPoints (src/<module>);
//   - the Node runtime wrapper, which the CLI downloads from Atlassian's CDN, comes from a
//     local stand-in (FORGE_RUNTIME_PATH, @forge/bundler's LocalWrapperProvider): it is copied
//     next to the bundle unchanged and plays no part in compiling the app.
// Exit code 0 and "0 errors" only when webpack finished without errors.
import { FileSystemReader, FileSystemWriter, type Logger } from '@forge/cli-shared';
import { ConfigFile } from '@forge/cli-shared/out/config/config-file';
import { getEntryPoints, getNodeBundler, LocalWrapperProvider } from '@forge/bundler';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_DIR = resolve(__dirname, '..');

export interface ForgeBundleResult {
  ok: boolean;
  /** Each error as @forge/bundler reported it (webpack / ts-loader messages). */
  errors: string[];
  warnings: string[];
  /** The .cjs files webpack wrote, with their sizes, when it succeeded. */
  files: { name: string; bytes: number }[];
}

/** Runs @forge/bundler's node bundler over the app in appDir (its manifest.yml, src/ and tsconfig.json). */
export async function bundleLikeForgeDeploy(appDir = REPO_DIR): Promise<ForgeBundleResult> {
  const warnings: string[] = [];
  const logger: Logger = {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (m) => warnings.push(m),
    error: (e) => warnings.push(e.message),
  };
  const runtimeDir = mkdtempSync(join(tmpdir(), 'forge-runtime-stand-in-'));
  mkdirSync(join(runtimeDir, 'dist'));
  for (const f of ['wrapper.js', 'loader.js'])
    writeFileSync(join(runtimeDir, 'dist', f), '// local stand-in for the Forge Node runtime script (not part of the app)\n');

  // The CLI resolves src/ and manifest.yml relative to the working directory (the app's root).
  const cwd = process.cwd();
  process.chdir(appDir);
  let outputDir: string | undefined;
  try {
    const reader = new FileSystemReader();
    const config = new ConfigFile(reader, new FileSystemWriter());
    const handlers = await config.getAppHandlers();
    const bundler = getNodeBundler(logger, new LocalWrapperProvider(reader, runtimeDir), config);
    const out = await bundler.bundle({ appDirectory: appDir, entryPoints: getEntryPoints(handlers) });
    outputDir = out.outputDir;
    const files = readdirSync(out.outputDir)
      .filter((n) => n.endsWith('.cjs'))
      .map((name) => ({ name, bytes: statSync(join(out.outputDir, name)).size }));
    return { ok: true, errors: [], warnings, files };
  } catch (e) {
    return { ok: false, errors: [e instanceof Error ? e.message : String(e)], warnings, files: [] };
  } finally {
    process.chdir(cwd);
    rmSync(runtimeDir, { recursive: true, force: true });
    if (outputDir && existsSync(outputDir)) rmSync(outputDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const r = await bundleLikeForgeDeploy();
  for (const w of r.warnings) console.warn(`@forge/bundler warning: ${w}`);
  if (!r.ok) {
    console.error(`@forge/bundler (what forge deploy runs) failed to bundle the backend:\n${r.errors.join('\n')}`);
    process.exit(1);
  }
  const files = r.files.map((f) => `${f.name} ${Math.round(f.bytes / 1024)} KB`).join(', ');
  console.log(`@forge/bundler: backend bundled as forge deploy does, 0 errors (${files}; ${Date.now() - started} ms)`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
