// The roadmap page's tabs, in order: one entry per tab, its panel loaded when first opened
// (lazy), so the page's first load carries only the first tab's code. A tab is added here and
// nowhere else (the scope tracker's entry points at ./scope-tracker/scope-tracker-tab).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface RoadmapTab {
  id: string;
  label: string;
  Panel: ComponentType | LazyExoticComponent<ComponentType>;
}

// A tab's module exports its panel by name (a component without props): tsc reads these files as
// CommonJS (tsconfig.check.json, nodenext), where a dynamic import's `default` is the whole
// module, while esbuild bundles them as ES modules, so a default export would type one way and
// run another.
export const ROADMAP_TABS: RoadmapTab[] = [
  { id: 'draft', label: 'Quarter draft', Panel: lazy(() => import('./draft/draft-tab.js').then((m) => ({ default: m.DraftTab }))) },
  {
    id: 'versions',
    label: 'Published versions',
    Panel: lazy(() => import('./versions/versions-tab.js').then((m) => ({ default: m.VersionsTab }))),
  },
  {
    id: 'compare',
    label: 'Compare versions',
    Panel: lazy(() => import('./compare/compare-tab.js').then((m) => ({ default: m.CompareTab }))),
  },
  {
    id: 'scope-tracker',
    label: 'Release scope tracker',
    Panel: lazy(() => import('./scope-tracker/scope-tracker-tab.js').then((m) => ({ default: m.ScopeTrackerTab }))),
  },
  { id: 'calendar', label: 'Calendar', Panel: lazy(() => import('./calendar/calendar-tab.js').then((m) => ({ default: m.CalendarTab }))) },
];
