// Follow Jira's light/dark theme. view.theme.enable() has the host set html[data-color-mode]
// and keep it in step with Jira; @atlaskit/tokens values (var(--ds-...)) pick the mode up from
// the theme stylesheet. Whether the host also brings that stylesheet into the frame is not
// settled by Atlassian's pages (docs/platform-facts.md), so: once the host has answered and its
// stylesheets have loaded, if no colour token has a value, the app loads its own theme for the
// current mode, lazily (a chunk per mode; the build ships only light and dark), and loads the
// other mode's chunk only when the person switches. A host that brings the tokens costs no
// download. Failing to enable theming only loses dark mode (colours keep their light fallbacks).
import { view } from '@forge/bridge';
import themeImportMap from '@atlaskit/tokens/dist/esm/artifacts/theme-import-map';
import { markThemeSettled } from './render-marks';

export type ColorMode = 'light' | 'dark';

/** html[data-theme] as @atlaskit/tokens' theme CSS expects it (its selectors match "light:light", "dark:dark"). */
const THEME_ATTR = 'light:light dark:dark';
/** A colour token every theme defines: if it has no value, no colour theme is on the page. */
const PROBE = '--ds-text';

const loading = new Map<ColorMode, Promise<void>>();

export function colorModeOf(el: HTMLElement = document.documentElement): ColorMode {
  return el.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
}

/** Loads one colour theme's CSS (once) as a <style data-theme="..."> like @atlaskit/tokens' own loader. */
export function loadColorTheme(mode: ColorMode): Promise<void> {
  let p = loading.get(mode);
  if (!p) {
    const importTheme = themeImportMap[mode];
    if (!importTheme) return Promise.reject(new Error(`This build has no ${mode} theme`));
    p = importTheme().then((m) => {
      if (document.head.querySelector(`style[data-theme="${mode}"]`)) return;
      const style = document.createElement('style');
      style.dataset['theme'] = mode;
      style.textContent = m.default;
      document.head.appendChild(style);
    });
    loading.set(mode, p);
  }
  return p;
}

/** Waits for the stylesheets <link>ed so far (the host's theme, if it brings one) to load or fail. */
function stylesheetsSettled(): Promise<void> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((l) => !l.sheet);
  return Promise.all(
    pending.map(
      (l) =>
        new Promise<void>((done) => {
          l.addEventListener('load', () => done(), { once: true });
          l.addEventListener('error', () => done(), { once: true });
        }),
    ),
  ).then(() => undefined);
}

function hostBroughtTokens(): boolean {
  return getComputedStyle(document.documentElement).getPropertyValue(PROBE).trim() !== '';
}

/** The app's own theme: the current mode now, the other one when html[data-color-mode] changes. */
function followWithOwnTheme(): void {
  const html = document.documentElement;
  const attrs = new Set((html.getAttribute('data-theme') ?? '').split(/\s+/).filter(Boolean));
  for (const a of THEME_ATTR.split(' ')) attrs.add(a);
  html.setAttribute('data-theme', [...attrs].join(' '));
  if (!html.hasAttribute('data-color-mode')) html.setAttribute('data-color-mode', 'light');
  const load = () => loadColorTheme(colorModeOf(html)).catch(() => undefined);
  void load().then(() => markThemeSettled({ source: 'app', mode: colorModeOf(html) }));
  new MutationObserver(() => void load()).observe(html, { attributes: true, attributeFilter: ['data-color-mode'] });
}

export function enableTheme(): void {
  const decide = () =>
    stylesheetsSettled().then(() => {
      if (hostBroughtTokens()) markThemeSettled({ source: 'host', mode: colorModeOf() });
      else followWithOwnTheme();
    });
  view.theme.enable().then(decide, decide);
}
