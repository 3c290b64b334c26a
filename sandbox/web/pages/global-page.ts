// A jira:globalPage: Jira lists it under Apps in the main navigation and shows it as a page of
// its own at /jira/apps/{appId}/{envId} (the sandbox uses the module key for the last part),
// the manifest's title above one Custom UI frame.
import { esc } from '../http-util';
import type { FrameSpec } from '../layout';

export interface GlobalPageModule {
  moduleKey: string;
  title: string;
  resourceKey: string;
}

export const globalPagePath = (moduleKey: string) => `/jira/apps/${encodeURIComponent(moduleKey)}`;

export function globalPage(
  page: GlobalPageModule,
  renderFrame: (f: FrameSpec) => string,
): { title: string; body: string; frames: FrameSpec[] } {
  const frame: FrameSpec = {
    frameId: 'page-0',
    moduleKey: page.moduleKey,
    resourceKey: page.resourceKey,
    title: page.title,
    target: { kind: 'page' },
  };
  return {
    title: page.title,
    frames: [frame],
    body: `<div class="breadcrumbs">Apps / ${esc(page.title)}</div><h1>${esc(page.title)}</h1>${renderFrame(frame)}`,
  };
}
