import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * src/domain is the LCOO process as pure TypeScript: it may import only itself and zod.
 * ESLint enforces the same with no-restricted-imports; this test fails even if lint is
 * skipped or its patterns miss a spelling (a bare package, a dynamic import, a require).
 */
const DOMAIN = resolve(__dirname, '../../src/domain');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|tsx|js|mjs|cjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier a file names: import/export ... from, side-effect imports, import(), require(). */
function specifiersOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"`]([^'"`]+)['"`]/g,
    /\bimport\s*['"`]([^'"`]+)['"`]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) if (m[1]) found.push(m[1]);
  return found;
}

describe('src/domain purity', () => {
  const files = sourceFiles(DOMAIN);

  it('finds the domain sources', () => {
    expect(files.map((f) => relative(DOMAIN, f))).toEqual(expect.arrayContaining(['index.ts', 'gates.ts', 'vetting.ts', 'portfolio.ts']));
  });

  it('recognises every way to import a module (so the check below can fail)', () => {
    const sample = [
      "import { z } from 'zod';",
      "import type { X } from './x';",
      "export * from './y';",
      "import '@forge/api';",
      "const k = await import('node:fs');",
      "const c = require('crypto');",
      "// import nothing from 'commented-out'",
    ].join('\n');
    expect(specifiersOf(sample)).toEqual(['zod', './x', './y', '@forge/api', 'node:fs', 'crypto']);
  });

  it.each(files.map((f) => [relative(DOMAIN, f), f]))('%s imports only relative modules inside src/domain and zod', (_name, file) => {
    const offending = specifiersOf(readFileSync(file, 'utf8')).filter((spec) => {
      if (spec === 'zod') return false;
      if (spec.startsWith('./') || spec.startsWith('../')) {
        const target = resolve(dirname(file), spec);
        return !(target === DOMAIN || target.startsWith(DOMAIN + '/'));
      }
      return true;
    });
    expect(offending).toEqual([]);
  });

  it('does no I/O through globals either (fetch, process, timers)', () => {
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect({
        file: relative(DOMAIN, file),
        uses: code.match(/\b(fetch|process\.|setTimeout|setInterval|XMLHttpRequest|localStorage)\b/g) ?? [],
      }).toEqual({
        file: relative(DOMAIN, file),
        uses: [],
      });
    }
  });
});
