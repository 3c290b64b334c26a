// Follow Jira's light/dark theme: the host applies the colour mode, @atlaskit/tokens values
// (var(--ds-...)) pick it up. Failing to enable theming only loses dark mode, never the app.
import { view } from '@forge/bridge';

export function enableTheme(): void {
  view.theme.enable().catch(() => undefined);
}
