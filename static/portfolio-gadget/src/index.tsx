// The portfolio gadget's Custom UI: the same resource serves the gadget and its edit view
// (context.extension.entryPoint === 'edit'). The configuration Jira stores with the gadget
// (context.extension.gadgetConfiguration) is zod-checked by the resolver, never trusted here.
import { view } from '@forge/bridge';
import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { enableTheme } from '../../shared/theme';
import { GadgetView } from './gadget-view';
import { LoadingView, markSettled, Notice } from './states';
import { GLOBAL_CSS } from './styles';

// The edit view (Atlaskit form controls) is a chunk of its own: the dashboard view never loads it.
const EditView = lazy(() => import('./edit-view.js').then((m) => ({ default: m.EditView })));

type Boot = { state: 'loading' } | { state: 'ready'; edit: boolean; rawConfig: unknown } | { state: 'failed'; message: string };

/** Reads the two things the page needs from the context without trusting its shape. */
function readExtension(context: unknown): { edit: boolean; rawConfig: unknown } {
  const ext = typeof context === 'object' && context !== null ? (context as { extension?: unknown }).extension : undefined;
  if (typeof ext !== 'object' || ext === null) return { edit: false, rawConfig: undefined };
  const { entryPoint, gadgetConfiguration } = ext as { entryPoint?: unknown; gadgetConfiguration?: unknown };
  return { edit: entryPoint === 'edit', rawConfig: gadgetConfiguration };
}

function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  useEffect(() => {
    view
      .getContext()
      .then((ctx: unknown) => setBoot({ state: 'ready', ...readExtension(ctx) }))
      .catch((err: unknown) => {
        setBoot({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
        markSettled(true);
      });
  }, []);

  if (boot.state === 'loading')
    return (
      <div style={{ padding: 8 }}>
        <LoadingView />
      </div>
    );
  if (boot.state === 'failed') {
    return (
      <div style={{ padding: 8 }}>
        <Notice tone="error" title="The gadget could not start" testId="gadget-error">
          Jira did not tell the gadget where it is ({boot.message}). Reload the dashboard.
        </Notice>
      </div>
    );
  }
  return boot.edit ? (
    <Suspense
      fallback={
        <div style={{ padding: 8 }}>
          <LoadingView />
        </div>
      }
    >
      <EditView />
    </Suspense>
  ) : (
    <GadgetView rawConfig={boot.rawConfig} />
  );
}

const style = document.createElement('style');
style.textContent = GLOBAL_CSS;
document.head.appendChild(style);
enableTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
