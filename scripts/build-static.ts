// Builds every Custom UI resource: static/<name>/src/index.tsx -> static/<name>/build/.
// Each resource ships alone, minified, React in production mode, as ES modules with code
// splitting, so what is loaded later (the dark theme) is a chunk of its own. Every file but
// index.html carries a hash of its content in its name (main-3FQK2L7A.js, chunks/...), so a CDN
// or a browser may cache it for good and a new deploy is never mixed with an old cached file;
// index.html names the files of its build. Forge uploads the resource folder as built
// (manifest.yml `resources[].path` stays static/<name>/build).
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { count } from '../static/shared/plural';
import { leanBundlePlugins } from './lean-bundle-plugins';

export const STATIC_DIR = join(__dirname, '..', 'static');

export function resourceNames(): string[] {
  return readdirSync(STATIC_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(STATIC_DIR, d.name, 'src', 'index.tsx')))
    .map((d) => d.name);
}

/**
 * esbuild options of one resource. `lean: false` is the build as it was before the bundles were
 * trimmed (one IIFE, every theme and the feature-flag client inlined): scripts/bundle-report.ts
 * builds it in memory to show what the trimming removed.
 */
export function bundleOptions(dir: string, outdir: string, opts: { lean?: boolean } = {}): BuildOptions {
  const common: BuildOptions = {
    entryPoints: { main: join(dir, 'src', 'index.tsx') },
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'es2020',
    outdir,
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  };
  if (opts.lean === false) return { ...common, format: 'iife' };
  return {
    ...common,
    format: 'esm',
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    plugins: leanBundlePlugins(),
  };
}

/**
 * The files index.html loads at start: the entry module, the chunks it imports statically, its
 * CSS, and the app's own modules the entry imports dynamically (an entry may start work, such as
 * a resolver call, before the bulk of the app is evaluated: that bulk is still needed at once,
 * so it is preloaded too). Dynamic imports of packages (themes, iframe-resizer) stay lazy.
 */
export interface EntryFiles {
  js: string;
  css?: string;
  preload: string[];
}

/** Paths relative to the build folder, from esbuild's metafile. */
export function entryFiles(metafile: Metafile, outdir: string): EntryFiles {
  const outputs = Object.entries(metafile.outputs);
  // The output named after the `main` entry point (entryNames '[name]-[hash]'): every module
  // imported lazily is an entry point of its own chunk in the metafile too, so the first output
  // with an entry point can be a lazy tab (the roadmap page once loaded its scope tracker first).
  const entry = outputs.find(
    ([path, o]) => o.entryPoint !== undefined && !o.entryPoint.endsWith('.css') && /^main-[^/]+\.js$/.test(basename(path)),
  );
  if (!entry) throw new Error(`esbuild produced no entry module in ${outdir}`);
  const rel = (p: string) => relative(outdir, p).split('\\').join('/');
  const preload: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string) => {
    for (const imp of metafile.outputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement' || seen.has(imp.path)) continue;
      seen.add(imp.path);
      preload.push(rel(imp.path));
      walk(imp.path);
    }
  };
  walk(entry[0]);
  const appDir = entry[1].entryPoint?.replace(/[^/]+$/, '') ?? '';
  for (const imp of metafile.outputs[entry[0]]?.imports ?? []) {
    const chunk = metafile.outputs[imp.path];
    if (imp.kind !== 'dynamic-import' || seen.has(imp.path) || !chunk?.entryPoint?.startsWith(appDir)) continue;
    seen.add(imp.path);
    preload.push(rel(imp.path));
    walk(imp.path);
  }
  return { js: rel(entry[0]), ...(entry[1].cssBundle ? { css: rel(entry[1].cssBundle) } : {}), preload };
}

export function indexHtml(title: string, files: EntryFiles): string {
  // Atlaskit's compiled components ship their styles as .compiled.css imports; esbuild
  // gathers them into the entry's CSS file, which the page must link or every component is unstyled.
  const css = files.css ? `\n    <link rel="stylesheet" href="./${files.css}" />` : '';
  const preload = files.preload.map((p) => `\n    <link rel="modulepreload" href="./${p}" />`).join('');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>${css}${preload}
    <script type="module" src="./${files.js}"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;
}

export interface BuiltResource {
  name: string;
  metafile: Metafile;
  entry: EntryFiles;
}

/**
 * Builds into a fresh directory beside build/, then renames each file into build/ and drops
 * files the new build no longer has. build/index.html is never missing, so a sandbox or a test
 * run that reads build/ while another build runs (npm start beside npm test) is not broken.
 */
export async function buildResource(name: string): Promise<BuiltResource> {
  const dir = join(STATIC_DIR, name);
  const final = join(dir, 'build');
  const out = mkdtempSync(join(dir, '.build-'));
  try {
    const built = await bundle(dir, out);
    mkdirSync(final, { recursive: true });
    const files = new Set(readdirSync(out));
    // index.html last: the files it names are in place before it names them.
    for (const file of [...files].filter((f) => f !== 'index.html').concat('index.html')) {
      // A file renamed over another replaces it atomically; a directory must make room first.
      if (statSync(join(out, file)).isDirectory()) rmSync(join(final, file), { recursive: true, force: true });
      renameSync(join(out, file), join(final, file));
    }
    for (const stale of readdirSync(final)) if (!files.has(stale)) rmSync(join(final, stale), { recursive: true, force: true });
    return built;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function bundle(dir: string, out: string): Promise<BuiltResource> {
  const { metafile } = await build(bundleOptions(dir, out));
  if (!metafile) throw new Error('esbuild gave no metafile although bundleOptions asks for one');
  const entry = entryFiles(metafile, out);
  // esbuild also writes a CSS file beside each chunk that imports CSS, while the entry's CSS
  // already holds all of it; nothing links those copies (a module never loads CSS by itself),
  // so they are not shipped.
  for (const file of Object.keys(metafile.outputs)) {
    const path = relative(out, file).split('\\').join('/');
    if (path.endsWith('.css') && path !== entry.css) rmSync(join(out, path), { force: true });
  }
  if (existsSync(join(dir, 'public'))) cpSync(join(dir, 'public'), out, { recursive: true });
  writeFileSync(join(out, 'index.html'), indexHtml(basename(dir), entry));
  return { name: basename(dir), metafile, entry };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = only.length > 0 ? only : resourceNames();
  const started = Date.now();
  await Promise.all(names.map(buildResource));
  console.log(
    `built ${count(names.length, 'Custom UI resource', 'Custom UI resources')} in ${Date.now() - started} ms: ${names.join(', ')}`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
