// Two esbuild plugins that keep out of the Custom UI bundles what the apps never run:
//
// 1. offeredThemesOnly: @atlaskit/tokens lists every theme it publishes (light, dark, their
//    increased-contrast, future and finesse variants, the UNSAFE test and dynamic themes, motion...)
//    in one import map of dynamic imports. A bundle that reaches setGlobalTheme (Atlaskit's portal,
//    tooltip and app-provider import it) therefore carries all of them. The app offers Jira's two
//    colour themes, light and dark, so the map is rebuilt with just those two, still as dynamic
//    imports (lazy chunks with code splitting). Any other theme id resolves to an empty
//    stylesheet instead of throwing, so a component asking for one renders on the light/dark tokens.
//
// 2. featureFlagsOff: @atlaskit/platform-feature-flags resolves each flag through a resolver a
//    product registers on window.__PLATFORM_FEATURE_FLAGS__ (Jira, Confluence, Bitbucket do in
//    their own pages) and otherwise asks Atlassian's FeatureGates client (Statsig). Inside a
//    Forge Custom UI frame nobody registers a resolver and nobody initialises that client, so
//    its checkGate throws "not initialised", which the package catches and answers false: every
//    platform flag is off. This plugin keeps that exact behaviour (a registered resolver still
//    wins, anything else is false) without the client, which is 11-13% of each bundle.
//    test/unit/bundles/lean-bundle-plugins.test.ts runs the package's own resolver next to this one.
//
// 3. compiledTokenCalls: token('color.text', '#172B4D') looks the name up at run time in a map of
//    every token name (38 KB minified) to give "var(--ds-text, #172B4D)". The app's calls all name
//    literal tokens, so they are computed while building, with @atlaskit/tokens' own token() (as
//    Atlassian's babel-plugin-tokens does), and the map leaves the bundle. A call with anything
//    but string literals is left as it is (esbuild is told, as a warning).
//
// 4. zodEnglishOnly: zod's namespace `z` re-exports every locale it ships (`z.locales`, ~40
//    languages of default messages), so a bundle that imports `z` carries them all. The domain
//    words its own messages, and zod configures its English defaults itself (classic/schemas.js
//    imports locales/en.js directly), so the list of other languages becomes an empty module.
//    Only the issue panel's live check (a lazy chunk) imports zod in the browser.
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, extname, sep } from 'node:path';
import { count } from '../static/shared/plural';

/** The colour themes the app offers: the ones Jira and the sandbox switch between. */
export const OFFERED_THEMES = { light: 'atlassian-light', dark: 'atlassian-dark' } as const;

const THEME_IMPORT_MAP = /[\\/]@atlaskit[\\/]tokens[\\/]dist[\\/](esm|es2019|cjs)[\\/]artifacts[\\/]theme-import-map\.js$/;
const RESOLVE_BOOLEAN_FLAG = /[\\/]@atlaskit[\\/]platform-feature-flags[\\/]dist[\\/](esm|es2019|cjs)[\\/]resolveBooleanFlag\.js$/;

export function themeImportMapSource(): string {
  const entries = Object.entries(OFFERED_THEMES)
    .map(([id, file]) => `  ${JSON.stringify(id)}: () => import(${JSON.stringify(`./themes/${file}.js`)}),`)
    .join('\n');
  return `// Rebuilt by scripts/lean-bundle-plugins.ts: only the themes the app offers.
const offered = {
${entries}
};
const noTheme = () => Promise.resolve({ default: '' });
const themeImportMap = new Proxy(offered, { get: (map, id) => (Object.prototype.hasOwnProperty.call(map, id) ? map[id] : noTheme) });
export { themeImportMap };
export default themeImportMap;
`;
}

/** The default-off resolver: what the package answers in a page where no product registered one. */
export const DEFAULT_OFF_RESOLVER_SOURCE = `// Replaced by scripts/lean-bundle-plugins.ts: platform flags default off without the FeatureGates client.
export function resolveBooleanFlag(flagKey) {
  try {
    var holder = (typeof window !== 'undefined' ? window : globalThis).__PLATFORM_FEATURE_FLAGS__;
    var resolver = holder && holder.booleanResolver;
    if (typeof resolver !== 'function') return false;
    var result = resolver(flagKey);
    return typeof result === 'boolean' ? result : false;
  } catch (e) {
    return false;
  }
}
`;

export function offeredThemesOnly(): Plugin {
  return {
    name: 'offered-themes-only',
    setup(build) {
      build.onLoad({ filter: THEME_IMPORT_MAP }, (args) => ({
        contents: themeImportMapSource(),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

export function featureFlagsOff(): Plugin {
  return {
    name: 'feature-flags-off',
    setup(build) {
      build.onLoad({ filter: RESOLVE_BOOLEAN_FLAG }, (args) => ({
        contents: DEFAULT_OFF_RESOLVER_SOURCE,
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

const ZOD_LOCALES_INDEX = /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/;

export function zodEnglishOnly(): Plugin {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onLoad({ filter: ZOD_LOCALES_INDEX }, () => ({
        contents: '// Emptied by scripts/lean-bundle-plugins.ts: zod keeps its English defaults (locales/en.js).\nexport {};\n',
        loader: 'js',
      }));
    },
  };
}

const APP_SOURCE = /[\\/]static[\\/].+\.tsx?$/;
const STRING = `'(?:[^'\\\\\\n])*'|"(?:[^"\\\\\\n])*"`;
const LITERAL_CALL = new RegExp(`(?:/\\*\\s*@__PURE__\\s*\\*/\\s*)?\\btoken\\(\\s*(${STRING})\\s*(?:,\\s*(${STRING})\\s*)?\\)`, 'g');

/** Replaces token('name'[, 'fallback']) calls in one source text by the string token() returns. */
export function compileTokenCalls(source: string, token: (name: string, fallback?: string) => string): { code: string; left: number } {
  if (!source.includes('@atlaskit/tokens')) return { code: source, left: 0 };
  const unquote = (lit: string) => lit.slice(1, -1);
  const code = source.replace(LITERAL_CALL, (_all, name: string, fallback: string | undefined) =>
    JSON.stringify(fallback === undefined ? token(unquote(name)) : token(unquote(name), unquote(fallback))),
  );
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const left = [...withoutComments.matchAll(/\btoken\(/g)].length;
  return { code, left };
}

export function compiledTokenCalls(): Plugin {
  return {
    name: 'compiled-token-calls',
    setup(build) {
      // The package's CommonJS build, run in Node: the very function the bundle would have called.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { token } = require('@atlaskit/tokens') as { token: (name: string, fallback?: string) => string };
      build.onLoad({ filter: APP_SOURCE }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const { code, left } = compileTokenCalls(readFileSync(args.path, 'utf8'), token);
        return {
          contents: code,
          loader: extname(args.path) === '.tsx' ? 'tsx' : 'ts',
          ...(left > 0
            ? {
                warnings: [
                  {
                    text: `${count(left, 'token() call', 'token() calls')} not made of string literals ${left === 1 ? 'stays' : 'stay'} a run-time lookup`,
                  },
                ],
              }
            : {}),
        };
      });
    },
  };
}

export const leanBundlePlugins = (): Plugin[] => [offeredThemesOnly(), featureFlagsOff(), compiledTokenCalls(), zodEnglishOnly()];
