// What each Custom UI bundle holds, from esbuild's metafile, and what a browser downloads.
//   npm run bundle:report                 every resource: sizes and top contributors, before and after trimming
//   npm run bundle:report -- issue-panel  one resource
// "Before" is the build as it was (one IIFE with every @atlaskit/tokens theme and Atlassian's
// feature-flag client inlined: bundleOptions(..., { lean: false })), built in memory; "after"
// is today's build (scripts/build-static.ts). The bench (bench/bundles.bench.ts) uses the size
// functions here for its figures.
import { build, type Metafile, type OutputFile } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { bundleOptions, entryFiles, resourceNames, STATIC_DIR } from './build-static';

export const KIB = 1024;
export const gzipSize = (b: Buffer | Uint8Array) => gzipSync(b, { level: 9 }).length;
export const brotliSize = (b: Buffer | Uint8Array) => brotliCompressSync(b).length;

/** The files a resource's index.html loads at start (module script, modulepreloads, stylesheets), relative to build/. */
export function startFiles(buildDir: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\.\//, ''));
  return {
    js: [...attr(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...attr(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)],
    css: attr(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g),
  };
}

export interface BundleSizes {
  /** Bytes, compressed with gzip -9 / brotli, of what index.html loads at start. */
  jsGzip: number;
  cssGzip: number;
  jsBrotli: number;
  cssBrotli: number;
  /** Raw bytes of the same. */
  jsRaw: number;
  cssRaw: number;
}

export function bundleSizes(buildDir: string): BundleSizes {
  const files = startFiles(buildDir);
  const read = (f: string) => (existsSync(join(buildDir, f)) ? readFileSync(join(buildDir, f)) : Buffer.alloc(0));
  const sum = (list: string[], size: (b: Buffer) => number) => list.reduce((n, f) => n + size(read(f)), 0);
  return {
    jsGzip: sum(files.js, gzipSize),
    cssGzip: sum(files.css, gzipSize),
    jsBrotli: sum(files.js, brotliSize),
    cssBrotli: sum(files.css, brotliSize),
    jsRaw: sum(files.js, (b) => b.length),
    cssRaw: sum(files.css, (b) => b.length),
  };
}

/** The package (or app folder) an input file belongs to: node_modules/@scope/name, else static/<dir>. */
export function ownerOf(input: string): string {
  const pkgs = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const last = pkgs[pkgs.length - 1]?.[1];
  if (last) return last;
  const parts = input.split('/');
  return parts[0] === 'static' || parts[0] === 'src' ? `app: ${parts.slice(0, 2).join('/')}` : input;
}

export interface Contributor {
  owner: string;
  bytes: number;
}

/** Bytes each package puts in the JS loaded at start (entry + static imports), largest first. */
export function topContributors(metafile: Metafile, outputs: string[]): Contributor[] {
  const by = new Map<string, number>();
  for (const out of outputs) {
    for (const [input, v] of Object.entries(metafile.outputs[out]?.inputs ?? {})) {
      by.set(ownerOf(input), (by.get(ownerOf(input)) ?? 0) + v.bytesInOutput);
    }
  }
  return [...by.entries()].map(([owner, bytes]) => ({ owner, bytes })).sort((a, b) => b.bytes - a.bytes);
}

interface Measured {
  contributors: Contributor[];
  jsBytes: number;
  jsGzip: number;
  cssGzip: number;
  lazy: { file: string; gzip: number }[];
}

/** Builds a resource in memory (nothing written) and measures what loads at start. */
export async function measure(name: string, lean: boolean): Promise<Measured> {
  const dir = join(STATIC_DIR, name);
  const outdir = join(dir, '.report-out');
  const result = await build({ ...bundleOptions(dir, outdir, { lean }), write: false, logLevel: 'error' });
  const metafile = result.metafile;
  if (!metafile) throw new Error('no metafile');
  const byPath = new Map<string, OutputFile>(result.outputFiles.map((f) => [f.path, f]));
  const abs = (rel: string) => join(outdir, rel);
  const rel = (p: string) => p.slice(outdir.length + 1);
  let js: string[];
  let css: string[];
  if (lean) {
    const e = entryFiles(metafile, outdir);
    js = [e.js, ...e.preload].map(abs);
    css = e.css ? [abs(e.css)] : [];
  } else {
    js = result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.path);
    css = result.outputFiles.filter((f) => f.path.endsWith('.css')).map((f) => f.path);
  }
  const size = (paths: string[], fn: (b: Uint8Array) => number) =>
    paths.reduce((n, p) => n + fn(byPath.get(p)?.contents ?? new Uint8Array()), 0);
  // Metafile keys are paths relative to the working directory, outputFiles' paths absolute.
  const jsKeys = js.map((p) => relative(process.cwd(), p).split(sep).join('/'));
  const lazy = result.outputFiles
    .filter((f) => f.path.endsWith('.js') && !js.includes(f.path))
    .map((f) => ({ file: rel(f.path), gzip: gzipSize(f.contents) }))
    .sort((a, b) => b.gzip - a.gzip);
  return {
    contributors: topContributors(metafile, jsKeys),
    jsBytes: size(js, (b) => b.length),
    jsGzip: size(js, gzipSize),
    cssGzip: size(css, gzipSize),
    lazy,
  };
}

const kib = (n: number) => `${(n / KIB).toFixed(1)} KiB`;
const pct = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)}%`;

export function contributorLines(m: Measured, top: number): string[] {
  return m.contributors.slice(0, top).map((c) => `  ${kib(c.bytes).padStart(10)}  ${pct(c.bytes, m.jsBytes).padStart(6)}  ${c.owner}`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = only.length ? only : resourceNames();
  const top = Number(process.env['TOP'] ?? 12);
  for (const name of names) {
    const [before, after] = [await measure(name, false), await measure(name, true)];
    console.log(`\n## ${name}`);
    console.log(
      `loaded at start, gzip -9: before ${kib(before.jsGzip)} JS + ${kib(before.cssGzip)} CSS = ${kib(before.jsGzip + before.cssGzip)}; ` +
        `after ${kib(after.jsGzip)} JS + ${kib(after.cssGzip)} CSS = ${kib(after.jsGzip + after.cssGzip)}`,
    );
    console.log(`before: top contributors of ${kib(before.jsBytes)} minified JS`);
    for (const l of contributorLines(before, top)) console.log(l);
    console.log(`after: top contributors of ${kib(after.jsBytes)} minified JS loaded at start`);
    for (const l of contributorLines(after, top)) console.log(l);
    console.log('after: loaded later, when needed (gzip -9)');
    for (const l of after.lazy) console.log(`  ${kib(l.gzip).padStart(10)}  ${l.file}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
