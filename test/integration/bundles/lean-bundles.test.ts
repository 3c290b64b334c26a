// The Custom UI bundles carry only what the apps run: of @atlaskit/tokens' themes only light and
// dark, each as a chunk loaded when needed (never with the start-up files); no feature-flag
// client; no token-name map (token() calls are computed at build time); and index.html loads
// files with content-hashed names that exist beside it.
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleOptions, entryFiles, indexHtml, resourceNames, STATIC_DIR } from '../../../scripts/build-static';

const outdir = mkdtempSync(join(tmpdir(), 'lcoo-bundles-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const built = new Map<string, Promise<{ metafile: Metafile; out: string; text: (outputKey: string) => string }>>();
function metafileOf(name: string) {
  let p = built.get(name);
  if (!p) {
    const out = join(outdir, name);
    p = build({ ...bundleOptions(join(STATIC_DIR, name), out), write: false, logLevel: 'error' }).then((r) => {
      if (!r.metafile) throw new Error('no metafile');
      const files = new Map(r.outputFiles.map((f) => [relative(process.cwd(), f.path).split('\\').join('/'), f.text]));
      return { metafile: r.metafile, out, text: (k: string) => files.get(k) ?? '' };
    });
    built.set(name, p);
  }
  return p;
}

const THEME_FILE = /@atlaskit\/tokens\/dist\/[^/]+\/artifacts\/themes\/([\w-]+)\.js$/;

describe.each(resourceNames())('%s', (name) => {
  test('ships the light and dark themes only, each in a chunk of its own loaded when needed', async () => {
    const { metafile, out } = await metafileOf(name);
    const themes = Object.keys(metafile.inputs)
      .map((i) => THEME_FILE.exec(i)?.[1])
      .filter((t): t is string => t !== undefined);
    expect([...new Set(themes)].sort()).toEqual(['atlassian-dark', 'atlassian-light']);

    const entry = entryFiles(metafile, out);
    const startKeys = [entry.js, ...entry.preload].map((f) => relative(process.cwd(), join(out, f)).split('\\').join('/'));
    const startInputs = startKeys.flatMap((k) => Object.keys(metafile.outputs[k]?.inputs ?? {}));
    expect(startInputs.filter((i) => THEME_FILE.test(i))).toEqual([]);
    for (const theme of ['atlassian-light', 'atlassian-dark']) {
      const chunk = Object.entries(metafile.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith(`/themes/${theme}.js`)));
      expect(chunk?.[0]).toMatch(new RegExp(`chunks/${theme}-[A-Z0-9]{8}\\.js$`));
      // Reached only through import(): the start-up files import it dynamically, never statically.
      const imports = startKeys.flatMap((k) => metafile.outputs[k]?.imports ?? []).filter((i) => i.path === chunk?.[0]);
      expect(imports.map((i) => i.kind)).toEqual(['dynamic-import']);
    }
  });

  test('holds no feature-flag client and no token-name map', async () => {
    const { metafile } = await metafileOf(name);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((i) => /@statsig\/|@atlaskit\/feature-gate-js-client\//.test(i))).toEqual([]);
    // The map may stay for Atlaskit's custom-theme code (a chunk nobody loads here), never at start.
    const { out } = await metafileOf(name);
    const entry = entryFiles(metafile, out);
    const startInputs = [entry.js, ...entry.preload].flatMap((f) =>
      Object.keys(metafile.outputs[relative(process.cwd(), join(out, f)).split('\\').join('/')]?.inputs ?? {}),
    );
    expect(startInputs.filter((i) => i.endsWith('artifacts/token-names.js'))).toEqual([]);
  });
});

test('the CSS of every chunk is in the CSS index.html links (the build ships only that one)', async () => {
  for (const name of resourceNames()) {
    const { metafile, out, text } = await metafileOf(name);
    const entryCss = text(
      relative(process.cwd(), join(out, entryFiles(metafile, out).css ?? ''))
        .split('\\')
        .join('/'),
    );
    const chunkCss = Object.values(metafile.outputs)
      .map((o) => o.cssBundle)
      .filter((c): c is string => c !== undefined);
    for (const css of chunkCss) {
      // esbuild orders the rules differently in each file: compare rule by rule.
      const missing = text(css)
        .split('}')
        .map((r) => r.trim())
        .filter((r) => r !== '' && !entryCss.includes(r));
      expect({ name, css, missing }).toEqual({ name, css, missing: [] });
    }
  }
});

test("the panel's entry preloads the app chunk it imports after asking for panel/load", async () => {
  const { metafile, out } = await metafileOf('issue-panel');
  const entry = entryFiles(metafile, out);
  const mount = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === 'static/issue-panel/src/mount.tsx');
  expect(mount).toBeDefined();
  expect(entry.preload).toContain(
    relative(out, join(process.cwd(), mount?.[0] ?? ''))
      .split('\\')
      .join('/'),
  );
  // Package chunks the entry imports dynamically stay lazy.
  expect(entry.preload.filter((f) => /iframe-resizer|atlassian-(light|dark)|custom-theme/.test(f))).toEqual([]);
});

test('index.html loads the hashed entry as a module, its CSS and its static chunks', () => {
  const html = indexHtml('issue-panel', { js: 'main-ABCDEFGH.js', css: 'main-IJKLMNOP.css', preload: ['chunks/chunk-QRSTUVWX.js'] });
  expect(html).toContain('<script type="module" src="./main-ABCDEFGH.js"></script>');
  expect(html).toContain('<link rel="stylesheet" href="./main-IJKLMNOP.css" />');
  expect(html).toContain('<link rel="modulepreload" href="./chunks/chunk-QRSTUVWX.js" />');
});

test('the built resource folders hold hashed files only, besides index.html and public files', () => {
  for (const name of resourceNames()) {
    const dir = join(STATIC_DIR, name, 'build');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => relative(dir, join(d.parentPath, d.name)));
    const publicFiles = new Set(
      readdirSync(join(STATIC_DIR, name)).includes('public') ? readdirSync(join(STATIC_DIR, name, 'public')) : [],
    );
    const unhashed = files.filter((f) => f !== 'index.html' && !publicFiles.has(f) && !/-[A-Z0-9]{8}\.(js|css)$/.test(f));
    expect({ name, unhashed }).toEqual({ name, unhashed: [] });
  }
});
