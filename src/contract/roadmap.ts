// What the LCOO roadmap page (jira:globalPage lcoo-roadmap-page) and its resolver exchange.
// Payload schemas are values (the resolver parses with them); answers are types only.
import { z } from 'zod';
import { QuarterIdSchema } from '../domain/roadmap/quarter';
import type { ChangeKind, ItemChange, VersionDiff } from '../domain/roadmap/compare';
import { DecisionChoiceSchema, type Decision } from '../domain/roadmap/decisions';
import { RankScopeSchema, type RankChange, type RankScope } from '../domain/roadmap/ranking';
import { VersionEventSchema, VersionIdSchema, VersionKindSchema, type VersionItem, type VersionKind } from '../domain/roadmap/version';

export type { Decision };
export type { ChangeKind, ItemChange, RankChange, RankScope, VersionDiff, VersionItem, VersionKind };

export const DraftLoadInputSchema = z.object({ quarter: QuarterIdSchema.optional() }).strict();

/** A ranker's list: the items (issue ids) in the order they left them, best first. */
export const RankingSaveInputSchema = z
  .object({
    quarter: QuarterIdSchema,
    scope: RankScopeSchema,
    order: z.array(z.string().regex(/^\d+$/)).max(10_000),
    /** The ranking revision the page loaded. */
    revision: z.number().int().min(0),
  })
  .strict();

/** An FST lead sends the FST's list (as saved) to the committee as the quarter's area roadmap submission. */
export const RankingSubmitInputSchema = z
  .object({ quarter: QuarterIdSchema, fst: z.string().min(1).max(40), revision: z.number().int().min(0) })
  .strict();

/** The committee records a target-release or delivery-strategy decision on a draft item (who and when: the server's). */
export const DecisionRecordInputSchema = z
  .object({
    quarter: QuarterIdSchema,
    itemId: z.string().regex(/^\d+$/, { error: 'Choose a Roadmap Item of the draft.' }),
    decision: DecisionChoiceSchema,
    /** The decisions revision the page loaded. */
    revision: z.number().int().min(0),
  })
  .strict();

/** One member company on a draft item: who joined and how many people it committed. */
export interface DraftCompany {
  id: string;
  name: string;
  interested: boolean;
  people: number;
}

/** A Roadmap Item of the quarter's draft, as the portfolio index holds it. */
export interface DraftItem {
  /** Jira issue id: what rank lists hold. */
  id: string;
  key: string;
  summary: string;
  stage: string;
  statusName: string;
  fst?: { id: string; name: string };
  type?: string;
  size?: string;
  /** The target release (series id) and its label ("2027.1 Indri"). */
  release?: { id: string; label: string };
  companies: DraftCompany[];
  integrity: string;
  slipped: boolean;
  /** Rolled up from the Upstream Deliverables that name it, when it has any. */
  progress?: { delivered: number; total: number; sentence: string };
  /** Place in the committee's list and in its FST's list (absent: not ranked there yet). */
  rank: { committee?: number; fst?: number };
  /** The committee's decisions on it this quarter, newest first (the latest of each kind is what holds); release ids with their labels. */
  decisions: (Decision & { label: string })[];
}

export interface Stamp {
  by: { accountId: string; displayName?: string };
  at: string;
}

/** One ranked list as the page shows it: every item of the list in order (unranked ones last). */
export interface RankListView {
  scope: RankScope;
  label: string;
  /** Issue ids, best first. */
  order: string[];
  /** How many of them a ranker placed (the rest follow in key order). */
  ranked: number;
  last?: Stamp;
  /** Whether this person may reorder it, and why not. */
  canRank: boolean;
  reason?: string;
  /** FST lists: the area roadmap submission for the quarter. */
  submitted?: Stamp & { count: number };
}

export interface RankingView {
  revision: number;
  lists: RankListView[];
  /** The newest changes first (who moved what, when). */
  history: RankChange[];
  problem?: string;
}

/** What one page load cost: Jira REST calls and storage calls, as the resolver counted them. */
export interface LoadCost {
  jiraCalls: number;
  storageCalls: number;
  ms: number;
}

export interface DraftView {
  quarter: { id: string; label: string };
  items: DraftItem[];
  /** Where the rows came from: the app's portfolio index, or a Jira search before its first build. */
  source: 'index' | 'search';
  /** Items of a security level the person may not see, left out. */
  hidden: number;
  cost: LoadCost;
  ranking: RankingView;
  /** The committee's decisions of the quarter: the revision a record names, and the releases open for targeting. */
  decisions: {
    revision: number;
    releases: { id: string; label: string }[];
    strategies: { id: string; label: string }[];
    canDecide: boolean;
    reason?: string;
    problem?: string;
  };
  /** What the person may do on the page. */
  rights: { committee: boolean; fsts: string[] };
}

/** A save's answer: the draft as it now is, and the items whose search value (lcooRank) could not be written. */
export interface RankingSaved extends DraftView {
  searchNotUpdated: string[];
  /** Rank properties left for the next save (a save writes at most 100). */
  searchLeft?: number;
}

// ---------------------------------------------------------------- published versions

export const VersionsListInputSchema = z.object({}).strict();
export const VersionPublishInputSchema = z
  .object({ quarter: QuarterIdSchema, kind: VersionKindSchema, event: VersionEventSchema })
  .strict();
export const VersionGetInputSchema = z.object({ id: VersionIdSchema }).strict();

/** A version in the list (its signature and part digests stay home). */
export interface VersionEntry {
  id: string;
  quarter: string;
  kind: VersionKind;
  event: string;
  name: string;
  publishedBy: { accountId: string; displayName?: string };
  publishedAt: string;
  itemCount: number;
}

export interface VersionsView {
  /** Newest first. */
  versions: VersionEntry[];
  /** Versions whose stored summary this app version can't read. */
  unreadable: number;
  canPublish: boolean;
  reason?: string;
  /** What the coming quarter's version would be called (the page's default). */
  proposal: { quarter: string; kind: VersionKind; event: string; name: string };
  cost: LoadCost;
  /** Set by versions/publish: the version just published. */
  published?: string;
}

export interface VersionView {
  version: VersionEntry;
  /** 'modified': the stored version is not what the app signed when it was published. */
  integrity: 'valid' | 'modified';
  /** In the committee's order at publication (ranked items first). */
  items: VersionItem[];
  /** Stage id -> Jira status name, for the stages the items are in. */
  stageNames: Record<string, string>;
  cost: LoadCost;
}

export const VersionCompareInputSchema = z.object({ to: VersionIdSchema, from: VersionIdSchema.optional() }).strict();

export interface CompareView {
  from: VersionEntry;
  to: VersionEntry;
  diff: VersionDiff;
  stageNames: Record<string, string>;
  /** Either version not as signed. */
  integrity: { from: 'valid' | 'modified'; to: 'valid' | 'modified' };
  cost: LoadCost;
}

export const VersionExportInputSchema = z.object({ id: VersionIdSchema, format: z.enum(['markdown', 'csv']) }).strict();

/** A file to download: the page saves `content` under `fileName` as `mimeType`. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
  integrity: 'valid' | 'modified';
}
