// index.html loads the `main` entry, whatever order esbuild lists its outputs in: a module the app
// imports lazily is an entry point of its own chunk in the metafile too (the roadmap page once
// booted its scope tracker tab instead of the page).
import type { Metafile } from 'esbuild';
import { entryFiles } from '../../../scripts/build-static';

test('the entry is the main-<hash>.js output even when a lazy chunk with an entry point comes first', () => {
  const out = '/b';
  const metafile = {
    inputs: {},
    outputs: {
      '/b/chunks/scope-tracker-tab-AAAA.js': {
        entryPoint: 'static/roadmap-page/src/scope-tracker/scope-tracker-tab.tsx',
        imports: [],
        exports: ['ScopeTrackerTab'],
        inputs: {},
        bytes: 10,
        cssBundle: '/b/chunks/scope-tracker-tab-AAAA.css',
      },
      '/b/main-BBBB.js': {
        entryPoint: 'static/roadmap-page/src/index.tsx',
        imports: [{ path: '/b/chunks/chunk-CCCC.js', kind: 'import-statement' }],
        exports: [],
        inputs: {},
        bytes: 10,
        cssBundle: '/b/main-BBBB.css',
      },
      '/b/chunks/chunk-CCCC.js': { imports: [], exports: [], inputs: {}, bytes: 10 },
    },
  } as unknown as Metafile;
  const entry = entryFiles(metafile, out);
  expect(entry.js).toBe('main-BBBB.js');
  expect(entry.css).toBe('main-BBBB.css');
  expect(entry.preload).toContain('chunks/chunk-CCCC.js');
});
