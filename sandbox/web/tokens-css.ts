// Atlassian design tokens (light, dark, spacing, typography, shape) as one stylesheet, read
// from @atlaskit/tokens' generated theme files. Both the Jira-like pages and the Custom UI
// frames (after view.theme.enable()) use it, so colours follow the same light/dark choice.
const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'] as const;

let cached: string | undefined;

export function tokensCss(): string {
  if (cached === undefined) {
    cached = THEMES.map((t) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${t}.js`) as { default: string };
      return `/* @atlaskit/tokens ${t} */\n${mod.default}`;
    }).join('\n');
  }
  return cached;
}

/** The value of html[data-theme] that turns every token set above on. */
export const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';
