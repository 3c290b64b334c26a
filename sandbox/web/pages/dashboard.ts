// A dashboard with the app's gadgets. "Edit" shows the gadget's edit resource
// (extension.entryPoint 'edit'); the gadget's view.submit(config) saves the configuration
// (host-bridge.js -> /__forge/gadget-config) and the view re-renders with it.
import { esc } from '../http-util';
import type { FrameSpec } from '../layout';

export const DASHBOARD_ID = '10000';

export interface GadgetModule {
  moduleKey: string;
  title: string;
  resourceKey: string;
  editResourceKey?: string;
}

export const gadgetIdOf = (moduleKey: string) => `${moduleKey}-1`;

export function dashboardPage(
  gadgets: GadgetModule[],
  editing: string | null,
  renderFrame: (f: FrameSpec) => string,
): { title: string; body: string; frames: FrameSpec[] } {
  const frames: FrameSpec[] = [];
  const cards = gadgets.map((g, i) => {
    const gadgetId = gadgetIdOf(g.moduleKey);
    const isEdit = editing === gadgetId && g.editResourceKey !== undefined;
    const frame: FrameSpec = {
      frameId: `gadget-${i}${isEdit ? '-edit' : ''}`,
      moduleKey: g.moduleKey,
      resourceKey: isEdit ? (g.editResourceKey ?? g.resourceKey) : g.resourceKey,
      title: g.title,
      target: { kind: 'gadget', dashboardId: DASHBOARD_ID, gadgetId, ...(isEdit ? { entryPoint: 'edit' as const } : {}) },
    };
    frames.push(frame);
    const action = g.editResourceKey
      ? isEdit
        ? `<a class="btn" href="/dashboard">Cancel</a>`
        : `<a class="btn" href="/dashboard?edit=${encodeURIComponent(gadgetId)}" id="edit-${esc(gadgetId)}">Edit</a>`
      : '';
    return `<section class="app-panel gadget" data-gadget-id="${esc(gadgetId)}"><div class="app-panel-head">${esc(g.title)}${isEdit ? ' <span class="subtle">(editing)</span>' : ''}${action}</div>${renderFrame(frame)}</section>`;
  });
  return {
    title: 'Portfolio dashboard',
    frames,
    body: `<div class="breadcrumbs">Dashboards</div>
<h1>LCOO portfolio</h1>
${cards.length ? `<div class="gadget-grid">${cards.join('\n')}</div>` : '<p class="section-message">The app declares no jira:dashboardGadget.</p>'}`,
  };
}
