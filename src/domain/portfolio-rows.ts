// What the portfolio index's query reads and answers: the slim row, the filters, sort keys and
// the answer's shape. Its own module so that the index (portfolio-index.ts), the table
// (portfolio-table.ts) and the query (portfolio-query.ts) share them without importing each other.
import { z } from 'zod';
import { IntegritySchema } from './gates';
import { LifecycleIdSchema, StageSchema, type DeliveryStage, type PortfolioStage } from './lifecycle';
import type { CompanyCell, Matrix } from './portfolio';
import type { ReleaseCalendar } from './releases';
import { ItemTypeSchema, SizeSchema } from './vetting';

/** Characters of the summary the index keeps for sorting by summary (the page shows the whole summary). */
export const SUMMARY_SORT_CHARS = 24;

/** What a query reads of a row: every filter, pivot and sort dimension, nothing longer. */
export const SlimRowSchema = z.object({
  /** Jira issue id (the row's storage key). */
  id: z.string().regex(/^\d+$/),
  key: z.string().min(1),
  projectId: z.string(),
  projectKey: z.string(),
  lifecycle: LifecycleIdSchema,
  stage: StageSchema,
  /** The stage the item moves to next (absent at the last stage). */
  next: StageSchema.optional(),
  /** FST id as the configuration names it (a name no id matches stays as stored). */
  fst: z.string().optional(),
  type: ItemTypeSchema.optional(),
  size: SizeSchema.optional(),
  /** A Roadmap Item's target release; a deliverable's milestone release (else it inherits). */
  releaseId: z.string().optional(),
  /** Member companies (ids) on a Roadmap Item: the proposer first, then each listed collaborator once. */
  companies: z.array(z.string()),
  /** Of `companies`, those interested: the proposer and every company that said yes. */
  interested: z.array(z.string()),
  /** People each company of `companies` committed (same order). */
  people: z.array(z.number().int().min(0)),
  /** Roadmap Items: checklist items complete (0 for a record the app did not sign). */
  completed: z.number().int().min(0).max(12).optional(),
  integrity: IntegritySchema,
  blockerCount: z.number().int().min(0),
  /** The Roadmap Item a deliverable names (only from a record the app signed). */
  parentKey: z.string().optional(),
  sortSummary: z.string(),
  /** The security level id, when it has one: the row is shown only to people who may see the issue. */
  securityLevel: z.string().optional(),
  /** When the item last changed: the later of the issue's `updated` and the record's save (epoch ms). */
  updated: z.number().int(),
});
export type SlimRow = z.infer<typeof SlimRowSchema>;

export const SORT_KEYS = [
  'key',
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
export type SortKey = (typeof SORT_KEYS)[number];
export const SortKeySchema = z.enum(SORT_KEYS);
export type SortOrder = 'ASC' | 'DESC';

export const IndexFiltersSchema = z.object({
  fsts: z.array(z.string().max(200)).max(50).optional(),
  stages: z.array(StageSchema).max(12).optional(),
  releases: z.array(z.string().max(40)).max(50).optional(),
  companies: z.array(z.string().max(200)).max(100).optional(),
  types: z.array(ItemTypeSchema).max(5).optional(),
  onlySlipped: z.boolean().optional(),
  onlyBlocked: z.boolean().optional(),
  /** Only these projects (the gadget's project scope); absent = every project. */
  projectKeys: z.array(z.string()).max(50).optional(),
});
export type IndexFilters = z.infer<typeof IndexFiltersSchema>;

/** A row as the query answers it: the item's own facts with what a deliverable inherits filled in. */
export interface EffectiveRow extends SlimRow {
  slipped: boolean;
  /** True when FST, type, size, companies or release came from the Roadmap Item. */
  inherited: boolean;
}

/** Pivot cell of release x FST: Roadmap Items and Upstream Deliverables counted apart. */
export interface ReleaseCell {
  roadmapItems: number;
  deliverables: number;
}

export interface IndexAggregates {
  totals: { items: number; roadmapItems: number; deliverables: number; slipped: number; blocked: number; integrityProblems: number };
  funnels: {
    portfolio: { stage: PortfolioStage; count: number }[];
    delivery: { stage: DeliveryStage; count: number }[];
  };
  /** Roadmap Items per FST (rows) and portfolio stage (columns). */
  fstByStage: Matrix<number>;
  /** Per target release (rows, oldest first) and FST: Roadmap Items and deliverables counted apart. */
  releaseByFst: Matrix<ReleaseCell>;
  /** Member companies (rows) per portfolio stage (columns), Roadmap Items only. */
  companyByStage: Matrix<CompanyCell>;
  completeness: { bucket: string; label: string; count: number }[];
}

export interface IndexQuery {
  nowMs: number;
  /** The release calendar in effect (the admin's entries over the built-in series); default: the built-in series. */
  calendar?: ReleaseCalendar;
  filters?: IndexFilters;
  sort?: { key: SortKey; order: SortOrder };
  page?: number;
  pageSize?: number;
  /** The largest page allowed (default 100, a gadget's table); the roadmap page reads every matching row at once. */
  maxPageSize?: number;
  /** Display names for sorting by FST and companies (ids sort as themselves otherwise). */
  names?: { fst?: (id: string) => string; company?: (id: string) => string };
}

export interface IndexAnswer extends IndexAggregates {
  /** One page of rows, in the asked order. */
  rows: EffectiveRow[];
  /** Rows matching the filters (all pages). */
  matched: number;
  page: number;
  pageSize: number;
}
