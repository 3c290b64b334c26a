// The gadget's plain constants, free of zod and of the domain's runtime code: the Custom UI
// bundle imports only this file (and types), which keeps zod's ~90 KB gzip out of it. The
// resolver does every zod check; the app gets the domain's words (stages, releases, types)
// in each answer as a GadgetVocabulary.
import type { LifecycleId, Stage } from '../domain/lifecycle';
import type { SortKey } from '../domain/portfolio-index';
import type { ItemType } from '../domain/vetting';

/** Columns a person may hide. The issue key is always shown: it is how a row is opened. */
export const GADGET_COLUMNS = [
  'summary',
  'fst',
  'type',
  'size',
  'stage',
  'release',
  'companies',
  'completeness',
  'blockers',
  'slipped',
] as const;
export type GadgetColumn = (typeof GADGET_COLUMNS)[number];

/**
 * The table sorts by the key and by every column. The domain's SORT_KEYS say the same (this file
 * may not import the domain's runtime code); tsc fails here if the two lists drift apart.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type ColumnsAreSortKeys = Holds<Same<SortKey, 'key' | GadgetColumn>>;

export const GADGET_COLUMN_LABELS: Record<GadgetColumn, string> = {
  summary: 'Summary',
  fst: 'FST',
  type: 'Type',
  size: 'Size',
  stage: 'Stage',
  release: 'Target release',
  companies: 'Member companies',
  completeness: 'Vetting',
  blockers: 'Blocks next gate',
  slipped: 'Slipped',
};

/** Auto-refresh choices in minutes (0 = off). Short intervals would burn the user's rate limit. */
export const REFRESH_MINUTES = [0, 5, 15, 30, 60] as const;

/** The domain's words the gadget shows, in the domain's order. */
export interface GadgetVocabulary {
  stages: { id: Stage; label: string; lifecycle: LifecycleId }[];
  /** Oldest first. */
  releases: { id: string; label: string }[];
  types: { id: ItemType; label: string }[];
}
