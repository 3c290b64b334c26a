// Builds every Custom UI resource: static/<name>/src/index.tsx -> static/<name>/build/
// (index.html + main.js + any files in static/<name>/public). Each resource ships alone,
// minified, React in production mode, so bundle sizes are what Forge would serve.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const STATIC_DIR = join(__dirname, '..', 'static');

export function resourceNames(): string[] {
  return readdirSync(STATIC_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(STATIC_DIR, d.name, 'src', 'index.tsx')))
    .map((d) => d.name);
}

function html(title: string, withCss: boolean): string {
  // Atlaskit's compiled components ship their styles as .compiled.css imports; esbuild
  // gathers them into main.css, which the page must link or every component is unstyled.
  const css = withCss ? '\n    <link rel="stylesheet" href="./main.css" />' : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>${css}
  </head>
  <body>
    <div id="root"></div>
    <script src="./main.js"></script>
  </body>
</html>
`;
}

/**
 * Builds into a fresh directory beside build/, then renames each file into build/ and drops
 * files the new build no longer has. build/index.html is never missing, so a sandbox or a test
 * run that reads build/ while another build runs (npm start beside npm test) is not broken.
 */
export async function buildResource(name: string): Promise<void> {
  const dir = join(STATIC_DIR, name);
  const final = join(dir, 'build');
  const out = mkdtempSync(join(dir, '.build-'));
  try {
    await bundle(dir, out);
    mkdirSync(final, { recursive: true });
    const built = new Set(readdirSync(out));
    for (const file of built) {
      // A file renamed over another replaces it atomically; a directory must make room first.
      if (statSync(join(out, file)).isDirectory()) rmSync(join(final, file), { recursive: true, force: true });
      renameSync(join(out, file), join(final, file));
    }
    for (const stale of readdirSync(final)) if (!built.has(stale)) rmSync(join(final, stale), { recursive: true, force: true });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function bundle(dir: string, out: string): Promise<void> {
  await build({
    entryPoints: [join(dir, 'src', 'index.tsx')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: join(out, 'main.js'),
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
  });
  if (existsSync(join(dir, 'public'))) cpSync(join(dir, 'public'), out, { recursive: true });
  writeFileSync(join(out, 'index.html'), html(basename(dir), existsSync(join(out, 'main.css'))));
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = only.length > 0 ? only : resourceNames();
  const started = Date.now();
  await Promise.all(names.map(buildResource));
  console.log(`built ${names.length} Custom UI resource(s) in ${Date.now() - started} ms: ${names.join(', ')}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
