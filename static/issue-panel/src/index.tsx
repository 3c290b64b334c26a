// Entry of the issue-panel resource (manifest resource `issue-panel`). The panel shows nothing
// before panel/load answers, so the entry asks for it first and only then loads the app (React,
// Atlaskit: most of the code) from its own chunk, which index.html preloads. The browser passes
// a frame's messages on to Jira when the task that sent them ends, and evaluating the app is one
// long task: this way the request is under way while the app's code is evaluated, not after.
import { loadEarly } from './early-load';
import { markStart } from '../../shared/render-marks';

markStart();
loadEarly();
import('./mount.js').catch(() => {
  const root = document.getElementById('root');
  if (root) root.textContent = 'The LCOO panel could not be loaded. Reload the page to try again.';
});
