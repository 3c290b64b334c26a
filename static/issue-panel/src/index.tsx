// Entry of the issue-panel resource (manifest resource `issue-panel`).
import { createRoot } from 'react-dom/client';
import { enableTheme } from '../../shared/theme';
import { App } from './app';

enableTheme();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
