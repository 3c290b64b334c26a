// The panel app mounted into the page: loaded by index.tsx once the panel's data has been
// asked for (index.html preloads this chunk, so it downloads alongside the entry).
import { createRoot } from 'react-dom/client';
import { enableTheme } from '../../shared/theme';
import { App } from './app';

// Fields in a row share its width and wrap below 120px each; a few rules, so no CSS file is needed.
const style = document.createElement('style');
style.textContent = [
  '.lcoo-fields > * { flex: 1 1 120px; min-width: 0; }',
  // The checklist rows are plain buttons: they get the focus ring and hover of Atlaskit's own.
  '.lcoo-row-toggle:focus-visible { outline: 2px solid var(--ds-border-focused, #388BFF); outline-offset: -2px; }',
  '.lcoo-row-toggle:hover { background: var(--ds-background-neutral-subtle-hovered, #091E420F); }',
].join('\n');
document.head.appendChild(style);

enableTheme();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
