// The replacements the Custom UI build makes answer as the packages they replace do
// (scripts/lean-bundle-plugins.ts): platform feature flags default off with and without a
// product's resolver; token() calls compiled at build time give the string token() returns;
// zod without its other languages answers as zod does.
import { build, type Plugin } from 'esbuild';
import { compileTokenCalls, DEFAULT_OFF_RESOLVER_SOURCE, themeImportMapSource, zodEnglishOnly } from '../../../scripts/lean-bundle-plugins';

type Resolve = (flag: string) => boolean;
const GLOBAL = '__PLATFORM_FEATURE_FLAGS__';

/** The replacement, run as the bundle runs it. */
function defaultOff(): Resolve {
  const body = DEFAULT_OFF_RESOLVER_SOURCE.replace('export function', 'return function');
  return new Function(body)() as Resolve;
}

/** @atlaskit/platform-feature-flags' own resolver (with Atlassian's FeatureGates client, never initialised, as in a Forge frame). */
function packageResolver(): Resolve {
  let fn: Resolve | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fn = (require('@atlaskit/platform-feature-flags/dist/cjs/resolveBooleanFlag') as { resolveBooleanFlag: Resolve }).resolveBooleanFlag;
  });
  if (!fn) throw new Error('resolveBooleanFlag did not load');
  return fn;
}

describe('feature flags without the FeatureGates client', () => {
  const flags = [
    'platform_increased-contrast-themes',
    'platform-component-visual-refresh',
    'platform_dst_popup-disable-focuslock',
    'no-such-flag',
  ];
  const g = globalThis as Record<string, unknown>;
  let saved: unknown;
  let warn: jest.SpyInstance;
  beforeEach(() => {
    saved = g[GLOBAL];
    // The package's client warns once that it is not initialised: that is the behaviour compared.
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    g[GLOBAL] = saved;
    warn.mockRestore();
  });

  test('with no resolver registered every flag is off, as the package answers in a Custom UI frame', () => {
    g[GLOBAL] = { booleanResolver: undefined };
    const original = packageResolver();
    const replacement = defaultOff();
    for (const f of flags) expect({ f, on: replacement(f) }).toEqual({ f, on: original(f) });
    expect(flags.map(replacement)).toEqual(flags.map(() => false));
    // The package got there through its FeatureGates client, which is not initialised in a frame.
    expect(JSON.stringify(warn.mock.calls)).toContain('checking the feature gate');
  });

  test("a product's registered resolver still decides, and a non-boolean answer counts as off", () => {
    g[GLOBAL] = { booleanResolver: (f: string) => (f === 'no-such-flag' ? ('yes' as unknown as boolean) : f.startsWith('platform_')) };
    const original = packageResolver();
    const replacement = defaultOff();
    for (const f of flags) expect({ f, on: replacement(f) }).toEqual({ f, on: original(f) });
    expect(replacement('platform_increased-contrast-themes')).toBe(true);
  });

  test('a resolver that throws counts as off', () => {
    g[GLOBAL] = {
      booleanResolver: () => {
        throw new Error('boom');
      },
    };
    expect(defaultOff()('platform_x')).toBe(packageResolver()('platform_x'));
  });
});

describe('token() calls computed at build time', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { token } = require('@atlaskit/tokens') as { token: (name: string, fallback?: string) => string };

  test('each literal call becomes the string token() returns, pure marks included', () => {
    const src = `import { token } from '@atlaskit/tokens';
export const text = /* @__PURE__ */ token('color.text', '#172B4D');
export const s = token("space.100", "8px");
export const none = token('color.border');
export const font = token('font.body', 'normal 400 14px/20px ui-sans-serif, system-ui, sans-serif');`;
    const { code, left } = compileTokenCalls(src, token);
    expect(left).toBe(0);
    expect(code).toContain(`export const text = ${JSON.stringify(token('color.text', '#172B4D'))};`);
    expect(code).toContain(`export const s = ${JSON.stringify(token('space.100', '8px'))};`);
    expect(code).toContain(`export const none = ${JSON.stringify(token('color.border'))};`);
    expect(code).toContain(JSON.stringify(token('font.body', 'normal 400 14px/20px ui-sans-serif, system-ui, sans-serif')));
    expect(token('color.text', '#172B4D')).toBe('var(--ds-text, #172B4D)');
  });

  test('a call that is not made of literals is left for run time and counted', () => {
    const src = `import { token } from '@atlaskit/tokens';\n// token('in a comment') is ignored\nconst name = 'color.text';\nexport const t = token(name, '#000');`;
    const { code, left } = compileTokenCalls(src, token);
    expect(code).toContain("token(name, '#000')");
    expect(left).toBe(1);
  });

  test('a file that does not import @atlaskit/tokens is left alone', () => {
    const src = `const token = (x: string) => x;\nexport const a = token('color.text');`;
    expect(compileTokenCalls(src, token)).toEqual({ code: src, left: 0 });
  });
});

test('the rebuilt theme import map offers light and dark and answers any other id with no CSS', async () => {
  const source = themeImportMapSource()
    .replace(/import\("\.\/themes\/(atlassian-\w+)\.js"\)/g, 'Promise.resolve({ default: "$1 css" })')
    .replace(/^export \{[^}]*\};$/m, '')
    .replace('export default themeImportMap;', 'return themeImportMap;');
  const map = new Function(source)() as Record<string, () => Promise<{ default: string }>>;
  await expect(map['light']?.()).resolves.toEqual({ default: 'atlassian-light css' });
  await expect(map['dark']?.()).resolves.toEqual({ default: 'atlassian-dark css' });
  await expect(map['UNSAFE-test-dark']?.()).resolves.toEqual({ default: '' });
  await expect(map['light-increased-contrast']?.()).resolves.toEqual({ default: '' });
});

test('zod without its other languages still words its own errors in English and parses as before', async () => {
  const bundle = (plugins: Plugin[]) =>
    build({
      stdin: {
        contents:
          "import { z } from 'zod'; const r = z.object({ n: z.number() }).safeParse({ n: 'x' }); globalThis.out = { message: r.success ? '' : r.error.issues[0].message, locales: Object.keys(z.locales).length, ok: z.string().min(2).safeParse('ab').success };",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      minify: true,
      plugins,
    });
  const run = (code: string) => {
    const g: { out?: unknown } = {};
    new Function('globalThis', code)(g);
    return g.out as { message: string; locales: number; ok: boolean };
  };
  const lean = await bundle([zodEnglishOnly()]);
  const full = await bundle([]);
  const leanOut = run(lean.outputFiles[0]!.text);
  const fullOut = run(full.outputFiles[0]!.text);
  expect(leanOut).toEqual({ ...fullOut, locales: 0 });
  expect(fullOut.locales).toBeGreaterThan(10);
  expect(leanOut.message).toMatch(/expected number/i);
  expect(lean.outputFiles[0]!.text.length).toBeLessThan(full.outputFiles[0]!.text.length * 0.7);
});
