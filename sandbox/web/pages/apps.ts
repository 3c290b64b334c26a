// "Manage apps": the app's jira:adminPage modules, each shown as a Custom UI frame.
import { esc } from '../http-util';
import type { FrameSpec } from '../layout';

export interface AdminModule {
  moduleKey: string;
  title: string;
  resourceKey: string;
}

export function appsIndexPage(pages: AdminModule[]): { title: string; body: string } {
  return {
    title: 'Apps',
    body: `<div class="breadcrumbs">Settings / Apps</div><h1>App administration</h1>
${pages.length ? `<ul>${pages.map((p) => `<li><a href="/admin/apps/${esc(p.moduleKey)}">${esc(p.title)}</a></li>`).join('')}</ul>` : '<p class="section-message">The app declares no jira:adminPage.</p>'}`,
  };
}

export function adminPage(page: AdminModule, renderFrame: (f: FrameSpec) => string): { title: string; body: string; frames: FrameSpec[] } {
  const frame: FrameSpec = {
    frameId: 'admin-0',
    moduleKey: page.moduleKey,
    resourceKey: page.resourceKey,
    title: page.title,
    target: { kind: 'admin' },
  };
  return {
    title: page.title,
    frames: [frame],
    body: `<div class="breadcrumbs"><a href="/admin/apps">Apps</a> / ${esc(page.title)}</div><h1>${esc(page.title)}</h1>${renderFrame(frame)}`,
  };
}
