// Loads a Forge app the way the platform does: reads manifest.yml, validates it with Forge's
// own validator (@forge/manifest FULL, what `forge lint` runs), bundles src/index.ts with
// esbuild (node, cjs, packages external so the REAL @forge/* packages from node_modules are
// used) and requires the bundle. The Forge globals must be installed before the require.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { installForgeGlobals } from './runtime';

const ModuleEntry = z.looseObject({ key: z.string() });
const ManifestSchema = z.looseObject({
  app: z.looseObject({
    id: z.string().regex(/^ari:cloud:ecosystem::app\/[0-9a-f-]+$/, 'app.id must be ari:cloud:ecosystem::app/<uuid>'),
    storage: z
      .looseObject({ entities: z.array(z.looseObject({ name: z.string(), indexes: z.array(z.unknown()).optional() })).optional() })
      .optional(),
  }),
  modules: z.record(z.string(), z.array(ModuleEntry)),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).optional(),
  permissions: z.looseObject({ scopes: z.array(z.string()).optional() }).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export type ModuleDef = z.infer<typeof ModuleEntry> & Record<string, unknown>;
export type Handler = (...args: unknown[]) => unknown;

export interface LoadedApp {
  appDir: string;
  manifest: Manifest;
  /** The uuid part of app.id: what getAppContext().appAri is built from. */
  appId: string;
  scopes: string[];
  /** module key -> {type, module} for every module except `function`. */
  modules: Map<string, { type: string; module: ModuleDef }>;
  resources: Map<string, string>;
  /** Resolves a function key of the manifest to the exported handler of the bundle. */
  handler(functionKey: string): Handler;
  bundleFile: string;
}

export class AppLoadError extends Error {
  override name = 'AppLoadError';
}

/** Path of the esbuild binary: the CLI, because esbuild's JS API breaks under jest (cross-realm Uint8Array). */
function esbuildBinary(): string {
  const bin = join(dirname(require.resolve('esbuild/package.json')), 'bin', 'esbuild');
  if (!existsSync(bin)) throw new AppLoadError(`esbuild binary not found at ${bin}; run npm install`);
  return bin;
}

export async function validateManifest(appDir: string): Promise<void> {
  const result = await ProcessorBuilder.instance()
    .withValidation(ValidationTypes.FULL)
    .withOptions({ deprecatedRuntimes: [] })
    .build()
    .process(join(appDir, 'manifest.yml'));
  if (!result.success) {
    const lines = (result.errors ?? []).map((e) => `  manifest.yml${e.line ? `:${e.line}` : ''}: ${e.message}`);
    throw new AppLoadError(`Forge rejects ${join(appDir, 'manifest.yml')}:\n${lines.join('\n')}`);
  }
}

export function bundleBackend(appDir: string, outFile: string): void {
  const entry = join(appDir, 'src', 'index.ts');
  if (!existsSync(entry)) throw new AppLoadError(`The app has no backend entry ${entry}`);
  mkdirSync(dirname(outFile), { recursive: true });
  try {
    execFileSync(
      esbuildBinary(),
      [
        entry,
        '--bundle',
        '--platform=node',
        '--format=cjs',
        '--target=node20',
        '--packages=external',
        '--sourcemap=inline',
        `--outfile=${outFile}`,
        '--log-level=error',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
    throw new AppLoadError(`Bundling ${entry} failed:\n${stderr}`);
  }
}

/**
 * Compiles the bundle with Node's real loader, resolving its bare imports (@forge/api, zod, ...)
 * from the app directory although the file itself lives in the data dir.
 */
function requireBundle(bundleFile: string, appDir: string): Record<string, unknown> {
  const M = Module as unknown as {
    new (id: string): { filename: string; paths: string[]; exports: Record<string, unknown>; _compile(code: string, file: string): void };
    _nodeModulePaths(dir: string): string[];
  };
  const m = new M(bundleFile);
  m.filename = bundleFile;
  m.paths = M._nodeModulePaths(appDir);
  m._compile(readFileSync(bundleFile, 'utf8'), bundleFile);
  return m.exports;
}

/**
 * validate: false skips Forge's validator here (2 s): `npm start` runs it once the Custom UI
 * builds it checks have finished, so the first page does not wait for them. Tests validate first.
 */
export async function loadApp(appDirIn: string, buildDir: string, opts: { validate?: boolean } = {}): Promise<LoadedApp> {
  const appDir = resolve(appDirIn);
  const manifestFile = join(appDir, 'manifest.yml');
  if (!existsSync(manifestFile)) throw new AppLoadError(`No manifest.yml in ${appDir}`);
  if (opts.validate !== false) await validateManifest(appDir);
  const parsed = ManifestSchema.safeParse(parseYaml(readFileSync(manifestFile, 'utf8')));
  if (!parsed.success)
    throw new AppLoadError(`manifest.yml is not a Forge manifest the sandbox understands:\n${z.prettifyError(parsed.error)}`);
  const manifest = parsed.data;

  installForgeGlobals(); // before the app's top-level code runs, as on Forge
  const bundleFile = join(buildDir, 'backend', 'index.js');
  bundleBackend(appDir, bundleFile);
  const exports = requireBundle(bundleFile, appDir);

  const functions = new Map<string, string>();
  for (const f of manifest.modules['function'] ?? []) functions.set(f.key, String((f as Record<string, unknown>)['handler']));
  const modules = new Map<string, { type: string; module: ModuleDef }>();
  for (const [type, list] of Object.entries(manifest.modules)) {
    if (type === 'function') continue;
    for (const module of list) modules.set(module.key, { type, module });
  }

  return {
    appDir,
    manifest,
    appId: manifest.app.id.split('/').pop() ?? '',
    scopes: manifest.permissions?.scopes ?? [],
    modules,
    resources: new Map((manifest.resources ?? []).map((r) => [r.key, resolve(appDir, r.path)])),
    bundleFile,
    handler(functionKey) {
      const spec = functions.get(functionKey);
      if (!spec) throw new AppLoadError(`manifest.yml has no function '${functionKey}'`);
      // handler "index.panelResolver": file index (the one bundle), export panelResolver
      const exportName = spec.split('.').pop() ?? '';
      const fn = exports[exportName];
      if (typeof fn !== 'function') {
        throw new AppLoadError(`Function '${functionKey}' names handler '${spec}', but src/index.ts exports no function '${exportName}'`);
      }
      return fn as Handler;
    },
  };
}
