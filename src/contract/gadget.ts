// The portfolio gadget's contract: its saved configuration (edit view -> view.submit ->
// context.extension.gadgetConfiguration), the `portfolio/load` payload and its answer.
// The Custom UI app imports these schemas; the resolver parses every input with them.
import { z } from 'zod';
import type { GateSettingsSource } from './validator-config';
import { StageSchema } from '../domain/lifecycle';
import type { PortfolioRow } from '../domain/portfolio';
import { SortKeySchema, type IndexAggregates, type SortKey, type SortOrder } from '../domain/portfolio-index';
import { ItemTypeSchema } from '../domain/vetting';
import { ProjectKeySchema } from './project-key';
import { GADGET_COLUMNS, REFRESH_MINUTES, type GadgetColumn, type GadgetVocabulary } from './gadget-vocabulary';

export { GADGET_COLUMNS, GADGET_COLUMN_LABELS, REFRESH_MINUTES } from './gadget-vocabulary';
export type { GadgetColumn, GadgetVocabulary } from './gadget-vocabulary';

export const GadgetColumnSchema = z.enum(GADGET_COLUMNS);

export const GadgetScopeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('projects'),
    /** Empty: every project the viewer can browse. */
    projectKeys: z.array(ProjectKeySchema).max(20, { error: 'Pick at most 20 projects.' }).default([]),
  }),
  z.object({
    kind: z.literal('jql'),
    /** A JQL query or a saved filter (`filter = 10001`); the app always adds the LCOO issue types. */
    jql: z
      .string()
      .trim()
      .min(1, { error: 'Enter a JQL query, e.g. project = LCOO or filter = 10001.' })
      .max(2000, { error: 'Keep the JQL under 2000 characters.' }),
  }),
]);
export type GadgetScope = z.infer<typeof GadgetScopeSchema>;

const names = (what: string, max: number) => z.array(z.string().trim().min(1).max(200)).max(max, { error: `Pick at most ${max} ${what}.` });

/** The filters a person can set in the gadget (and save as its defaults). Empty = no filter. */
export const GadgetFiltersSchema = z.object({
  fsts: names('FSTs', 50).optional(),
  releases: names('releases', 50).optional(),
  companies: names('member companies', 100).optional(),
  stages: z.array(StageSchema).max(12).optional(),
  types: z.array(ItemTypeSchema).max(5).optional(),
  onlySlipped: z.boolean().optional(),
  onlyBlocked: z.boolean().optional(),
});
export type GadgetFilters = z.infer<typeof GadgetFiltersSchema>;

export const DEFAULT_GADGET_COLUMNS: GadgetColumn[] = [...GADGET_COLUMNS];

export const GadgetConfigSchema = z.object({
  version: z.literal(1).default(1),
  scope: GadgetScopeSchema.default({ kind: 'projects', projectKeys: [] }),
  filters: GadgetFiltersSchema.default({}),
  columns: z
    .array(GadgetColumnSchema)
    .min(1, { error: 'Show at least one column besides the key.' })
    .default(DEFAULT_GADGET_COLUMNS)
    // Keep the table's own order whatever order the boxes were ticked in.
    .transform((cols) => GADGET_COLUMNS.filter((c) => cols.includes(c))),
  refreshMinutes: z
    .number()
    .int()
    .refine((m) => (REFRESH_MINUTES as readonly number[]).includes(m), { error: 'Auto-refresh must be off, 5, 15, 30 or 60 minutes.' })
    .default(0),
});
export type GadgetConfig = z.infer<typeof GadgetConfigSchema>;

export const DEFAULT_GADGET_CONFIG: GadgetConfig = GadgetConfigSchema.parse({});

export const LoadPortfolioPayloadSchema = z.object({
  /** The configuration the view holds; the one Jira stores for the gadget takes precedence. */
  config: z.unknown().optional(),
  /** Filters chosen in the gadget right now; absent = the configuration's default filters. */
  filters: GadgetFiltersSchema.optional(),
  /** The table's order (server-side sort); default: issue key ascending. */
  sort: z.object({ key: SortKeySchema, order: z.enum(['ASC', 'DESC']) }).optional(),
  /** The table page to answer (1-based); a page past the end answers the last one. */
  page: z.number().int().min(1).max(100_000).optional(),
});

export type ConfigSource = 'gadget' | 'request' | 'default';

export interface NamedOption {
  id: string;
  name: string;
}

/** What `gadget/options` answers: the edit view's starting point and choices. */
export interface GadgetOptions {
  fsts: NamedOption[];
  companies: NamedOption[];
  vocabulary: GadgetVocabulary;
  /** Ids of the series not yet released (the current cycle and the next): the edit view's release choices. */
  targetReleases: string[];
  /** The gadget's stored configuration, parsed; the defaults when it has none or it no longer parses. */
  config: GadgetConfig;
  /** Set when the stored configuration could not be read (saving again repairs it). */
  problem?: string;
}

export const CheckConfigPayloadSchema = z.object({ config: z.unknown() });

/**
 * A portfolio row as it crosses the bridge: one page of them per answer. Every blocker
 * sentence travels once, in `blockerMessages`, and a row lists their indexes. Left out: what
 * follows from other fields (statusName, issueType and lifecycle from the stage; the proposer
 * is the first of `companies`) and the usual case of `slipped` (false) and `integrity` (valid).
 * FSTs and companies are ids; `labels` names them.
 */
export interface GadgetRow {
  key: string;
  summary: string;
  stage: PortfolioRow['stage'];
  nextStage?: PortfolioRow['stage'];
  fst?: string;
  type?: PortfolioRow['type'];
  size?: PortfolioRow['size'];
  releaseId?: string;
  /** Member companies on the item: the proposer first, then every listed collaborator. */
  companies: string[];
  roadmapItemKey?: string;
  project?: string;
  /** Roadmap Items only: checklist items complete (of 12); 0 for a record the app did not sign. */
  completed?: number;
  blockers: number[];
  /** Present (true) only when the target release shipped without the item reaching its stage. */
  slipped?: true;
  /** Present only when the record is not a valid, app-signed one. */
  integrity?: Exclude<PortfolioRow['integrity'], 'valid'>;
  /** Present when FST, type, size, companies or release come from the deliverable's Roadmap Item. */
  inherited?: true;
  /** The security level (its name), when it has one: only people who may see the issue get the row. */
  secured?: string;
  /** A Roadmap Item's place in the Roadmap Committee's ranking of the draft quarter (`rankQuarter`), when ranked. */
  rank?: number;
}

/** Where an answer's figures come from, and how fresh they are. */
export interface IndexStatus {
  /** 'index': the app's portfolio index; 'search': Jira searched in this load (the index is not built yet). */
  source: 'index' | 'search';
  /** When the index was last reconciled with Jira (ISO), and when it was last rebuilt in full. */
  reconciledAt?: string;
  builtAt?: string;
  /** A rebuild under way: items done so far, of about `total`. */
  rebuilding?: { done: number; total?: number };
  /** The gadget's JQL needs Jira for some clause (ids asked in this load): which one. */
  jqlAskedJira?: string;
}

/** What `portfolio/load` answers: the aggregates over every matching item, and one page of rows. */
export interface PortfolioLoad extends Omit<IndexAggregates, 'funnels'> {
  funnels: {
    portfolio: { stage: IndexAggregates['funnels']['portfolio'][number]['stage']; statusName: string; count: number }[];
    delivery: { stage: IndexAggregates['funnels']['delivery'][number]['stage']; statusName: string; count: number }[];
  };
  rows: GadgetRow[];
  blockerMessages: string[];
  /** The quarter whose ranking `rows[].rank` is ("2027 Q1"). */
  rankQuarter: string;
  /** Rows matching the filters (every page). */
  matched: number;
  page: number;
  pageSize: number;
  sort: { key: SortKey; order: SortOrder };
  fetchedAt: string;
  index: IndexStatus;
  /** Jira REST calls this load made, and Forge storage calls. */
  restCalls: number;
  storageCalls: number;
  /** True when the search fallback held more issues than one load reads (never with the index). */
  truncated: boolean;
  truncatedBy?: 'limit' | 'time';
  itemLimit: number;
  /** Issues in scope that are not in an LCOO stage (status outside both lifecycles): search fallback only. */
  skipped: { count: number; examples: { key: string; reason: string }[] };
  /** Rows left out because the person may not see them (issue security), when some were. */
  hidden?: { count: number; reason: string };
  config: GadgetConfig;
  configSource: ConfigSource;
  filters: GadgetFilters;
  /** The scope as the app reads it: the projects, or the JQL printed back from its parse. */
  jql: string;
  /** Display names from the app configuration (rows carry ids). */
  labels: { fsts: NamedOption[]; companies: NamedOption[] };
  vocabulary: GadgetVocabulary;
  timings: { readMs: number; queryMs: number; totalMs: number };
  /** Where the blockers' gate settings came from (the workflows' rules, as Jira enforces them, or the admin's alone). */
  gateSettingsSource: GateSettingsSource;
  /** Why the rules were not used; the gadget shows it as a note. */
  gateSettingsNote?: string;
}
