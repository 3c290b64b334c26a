// Performance marks the app sets so its speed can be measured from outside (npm run bench reads
// them with page.evaluate), the same way in the sandbox and in a real browser's profiler:
//   lcoo:start         the app's entry module runs (its imports are evaluated by then)
//   lcoo:first-render  its first real content (the record, or why it could not be loaded) is painted
//   lcoo:interactive   after that paint, the main thread is idle: a click or a key is handled at once
//   lcoo:theme         the colour theme is settled: detail {source: 'host' | 'app', mode} (static/shared/theme.ts)
// Marks are set once per page load; later renders do not move them.
import { useEffect } from 'react';

export const MARK = {
  start: 'lcoo:start',
  firstRender: 'lcoo:first-render',
  interactive: 'lcoo:interactive',
  theme: 'lcoo:theme',
} as const;

function markOnce(name: string, detail?: unknown): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name, detail === undefined ? undefined : { detail });
}

export function markStart(): void {
  markOnce(MARK.start);
}

export function markThemeSettled(detail: { source: 'host' | 'app'; mode: 'light' | 'dark' }): void {
  markOnce(MARK.theme, detail);
}

/** After the next paint: a frame callback runs just before it, a task queued from there just after. */
function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 0);
}

/** Call in the app's root component; `rendered` turns true once its first real content is on screen. */
export function useRenderMarks(rendered: boolean): void {
  useEffect(() => {
    if (!rendered) return;
    afterNextPaint(() => {
      markOnce(MARK.firstRender);
      whenIdle(() => markOnce(MARK.interactive));
    });
  }, [rendered]);
}
