import { z } from 'zod';
import type { AppConfig } from './app-config';
import { personWeeksOf } from './company-entries';
import { IntegritySchema } from './gates';
import {
  DELIVERY_STAGES,
  LifecycleIdSchema,
  PORTFOLIO_STAGES,
  StageSchema,
  STAGES,
  type DeliveryStage,
  type PortfolioStage,
  type Stage,
} from './lifecycle';
import { BUILTIN_CALENDAR, isReleased, releaseById, releaseSortKey, slipsOnceReleased, type ReleaseCalendar } from './releases';
import { COMPLETENESS_BUCKETS, NONE_LABEL, type CompanyCell, type Matrix, type PortfolioItem } from './portfolio';
import { ITEM_TYPES, ItemTypeSchema, SizeSchema, checklistCompleted, type ItemType, type Size } from './vetting';

/**
 * The portfolio index: one row per Roadmap Item and Upstream Deliverable, derived from the
 * item's signed record, its Jira fields and the gate check's answer, and kept by the app as
 * records change (src/usecases/portfolio-index). The signed record stays the source of truth;
 * a row can be derived again at any time with the same result.
 *
 * What a row holds is the item's OWN facts. A deliverable inherits FST, type, size, member
 * companies and (without a milestone) its target release from its Roadmap Item when a query
 * runs, over the rows the person may see, so a filter never cuts a deliverable off from what
 * it inherits and a Roadmap Item saved later shows through at once.
 */

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
  /** The issue's security level id, when it has one: the row is shown only to people who may see the issue. */
  securityLevel: z.string().optional(),
  /** When the item last changed: the later of the issue's `updated` and the record's save (epoch ms). */
  updated: z.number().int(),
});
export type SlimRow = z.infer<typeof SlimRowSchema>;

/**
 * The shape of what a row holds: a version that adds a field derived from the record (2: the
 * release scope tracker's proposer, commitments and milestone) changes the index's fingerprint,
 * so the next reconcile rebuilds and every row gains it.
 */
export const INDEX_ROW_VERSION = 2;

export const IndexRowSchema = SlimRowSchema.extend({
  summary: z.string(),
  issueType: z.string(),
  blockers: z.array(z.object({ requirement: z.string(), message: z.string() })),
  /** A deliverable's OpenStack project. */
  project: z.string().optional(),
  securityLevelName: z.string().optional(),
  /** A deliverable's milestone as its record names it (the release scope tracker checks it against the schedule). */
  milestone: z.object({ label: z.string(), date: z.string() }).optional(),
  /** A Roadmap Item's proposing company (id): the owner the release scope tracker shows. */
  proposer: z.string().optional(),
  /** A Roadmap Item's committed people and person-weeks per company (ids), for the release scope tracker. */
  commitments: z.array(z.object({ company: z.string(), people: z.array(z.string()), personWeeks: z.number().min(0) })).optional(),
});
export type IndexRow = z.infer<typeof IndexRowSchema>;

/** The Jira facts a row needs besides what the gate check decided. */
export interface RowFacts {
  id: string;
  projectId: string;
  projectKey: string;
  /** The issue's `updated` (epoch ms). */
  updatedMs: number;
  /** When the record was last saved (ISO), if there is one. */
  recordSavedAt?: string;
  securityLevel?: { id: string; name?: string };
}

/**
 * An FST or company as the configuration identifies it: a stored id, a current display name or a
 * former one (a record saved before ids, or before a rename) map to the id, as domain/directory.ts
 * reads them; anything else stays as written (an entry since removed).
 */
export function configIdOf(list: readonly { id: string; name: string; formerNames?: readonly string[] }[], value: string): string {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  const found =
    list.find((x) => x.id === trimmed) ??
    list.find((x) => x.name.toLowerCase() === lower) ??
    list.find((x) => (x.formerNames ?? []).some((n) => n.toLowerCase() === lower));
  return found?.id ?? trimmed;
}

/** The row of one gated item. `config` maps FST and company names to ids. */
export function rowOfItem(
  item: PortfolioItem,
  facts: RowFacts,
  config: Pick<AppConfig, 'fsts' | 'companies'>,
  at: { nowMs: number; calendar: ReleaseCalendar },
): IndexRow {
  const { nowMs, calendar } = at;
  const isPortfolio = item.lifecycle === 'portfolio';
  const v = isPortfolio ? item.vetting : undefined;
  const companies: string[] = [];
  const interested: string[] = [];
  const people: number[] = [];
  if (v) {
    const indexOf = (id: string) => {
      let i = companies.indexOf(id);
      if (i < 0) {
        i = companies.push(id) - 1;
        people.push(0);
      }
      return i;
    };
    if (v.proposingCompany) {
      const id = configIdOf(config.companies, v.proposingCompany);
      indexOf(id);
      interested.push(id);
    }
    for (const c of v.collaborators?.companies ?? []) {
      if (!c.company) continue;
      const id = configIdOf(config.companies, c.company);
      const i = indexOf(id);
      people[i]! += c.people.length;
      if (c.interest === 'yes' && !interested.includes(id)) interested.push(id);
    }
  }
  const saved = facts.recordSavedAt ? Date.parse(facts.recordSavedAt) : Number.NaN;
  const row: IndexRow = {
    id: facts.id,
    key: item.key,
    projectId: facts.projectId,
    projectKey: facts.projectKey,
    lifecycle: item.lifecycle,
    stage: item.stage,
    companies,
    interested,
    people,
    integrity: item.integrity,
    blockerCount: item.blockers.length,
    sortSummary: item.summary.slice(0, SUMMARY_SORT_CHARS).toLowerCase(),
    // Whole seconds: what the index keeps.
    updated: Math.floor((Number.isNaN(saved) ? facts.updatedMs : Math.max(facts.updatedMs, saved)) / 1000) * 1000,
    summary: item.summary,
    issueType: item.issueType,
    blockers: item.blockers.map((b) => ({ requirement: b.requirement, message: b.message })),
  };
  if (item.next) row.next = item.next;
  if (v?.fst) row.fst = configIdOf(config.fsts, v.fst);
  if (v?.type) row.type = v.type;
  if (v?.size) row.size = v.size;
  const releaseId = isPortfolio ? v?.targetRelease : item.delivery?.milestone?.releaseId;
  if (releaseId) row.releaseId = releaseId;
  // A record the app did not sign never counts as done, whatever it claims.
  if (isPortfolio) row.completed = item.integrity === 'valid' && v ? checklistCompleted(v, { nowMs, calendar }) : 0;
  if (!isPortfolio && item.integrity === 'valid' && item.delivery?.roadmapItemKey) row.parentKey = item.delivery.roadmapItemKey;
  if (item.delivery?.project) row.project = item.delivery.project;
  if (!isPortfolio && item.delivery?.milestone)
    row.milestone = { label: item.delivery.milestone.label, date: item.delivery.milestone.date };
  if (v?.proposingCompany) row.proposer = configIdOf(config.companies, v.proposingCompany);
  const commitments = (v?.collaborators?.companies ?? [])
    .filter((c) => c.company && c.people.length > 0)
    .map((c) => ({ company: configIdOf(config.companies, c.company), people: c.people.map((p) => p.name), personWeeks: personWeeksOf(c) }));
  if (commitments.length > 0) row.commitments = commitments;
  if (facts.securityLevel) {
    row.securityLevel = facts.securityLevel.id;
    if (facts.securityLevel.name) row.securityLevelName = facts.securityLevel.name;
  }
  return row;
}

// ------------------------------------------------------------------------------ queries

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

const STAGE_ORDER = new Map<Stage, number>(STAGES.map((s, i) => [s, i]));
const PORTFOLIO_INDEX = new Map<Stage, number>(PORTFOLIO_STAGES.map((s, i) => [s, i]));
const TYPE_ORDER = new Map<ItemType, number>(ITEM_TYPES.map((t, i) => [t, i]));
const SIZE_ORDER: Record<Size, number> = { S: 0, M: 1, L: 2, XL: 3 };

/**
 * Fills in what a deliverable inherits from its Roadmap Item (when the person may see that item).
 * Runs over every visible row on each load, so it is written for speed: each effective row is
 * built with the same properties in the same order (one object shape for the filters, pivots
 * and sort that follow), and whether a series has shipped is decided once per series.
 */
export function effectiveRows(rows: readonly SlimRow[], nowMs: number, calendar: ReleaseCalendar = BUILTIN_CALENDAR): EffectiveRow[] {
  const roadmapByKey = new Map<string, SlimRow>();
  for (const r of rows) if (r.lifecycle === 'portfolio') roadmapByKey.set(r.key, r);
  // A Development Ready item slips when its target shipped before all its deliverables were Delivered.
  const deliveredByKey = new Map<string, boolean>();
  for (const r of rows) {
    if (r.lifecycle === 'delivery' && r.parentKey) {
      deliveredByKey.set(r.parentKey, (deliveredByKey.get(r.parentKey) ?? true) && r.stage === 'delivered');
    }
  }
  const shipped = new Map<string, boolean>();
  const released = (id: string): boolean => {
    let v = shipped.get(id);
    if (v === undefined) shipped.set(id, (v = isReleased(calendar, id, nowMs)));
    return v;
  };
  const out = new Array<EffectiveRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const delivery = r.lifecycle === 'delivery';
    const parent = delivery && r.parentKey ? roadmapByKey.get(r.parentKey) : undefined;
    const from = delivery ? parent : r;
    const releaseId = delivery ? (r.releaseId ?? parent?.releaseId) : r.releaseId;
    out[i] = {
      id: r.id,
      key: r.key,
      projectId: r.projectId,
      projectKey: r.projectKey,
      lifecycle: r.lifecycle,
      stage: r.stage,
      next: r.next,
      // A deliverable takes what its item has (an empty value counts as none); an item keeps its own.
      fst: delivery ? parent?.fst || undefined : r.fst,
      type: delivery ? parent?.type || undefined : r.type,
      size: delivery ? parent?.size || undefined : r.size,
      releaseId: delivery ? releaseId || undefined : r.releaseId,
      companies: from?.companies ?? [],
      interested: from?.interested ?? [],
      people: from?.people ?? [],
      completed: r.completed,
      integrity: r.integrity,
      blockerCount: r.blockerCount,
      parentKey: r.parentKey,
      sortSummary: r.sortSummary,
      securityLevel: r.securityLevel,
      updated: r.updated,
      inherited: parent !== undefined,
      slipped:
        releaseId !== undefined &&
        releaseId !== '' &&
        released(releaseId) &&
        slipsOnceReleased(r.stage, delivery ? undefined : deliveredByKey.get(r.key)),
    };
  }
  return out;
}

const anyOf = (filter: readonly string[] | undefined, value: string | undefined): boolean =>
  !filter || filter.length === 0 || (value !== undefined && filter.includes(value));

export function matchesFilters(r: EffectiveRow, f: IndexFilters): boolean {
  if (f.projectKeys?.length && !f.projectKeys.includes(r.projectKey)) return false;
  if (f.stages?.length && !f.stages.includes(r.stage)) return false;
  if (!anyOf(f.fsts, r.fst)) return false;
  if (!anyOf(f.releases, r.releaseId)) return false;
  if (f.types?.length && !(r.type && f.types.includes(r.type))) return false;
  if (f.companies?.length && !r.companies.some((c) => f.companies!.includes(c))) return false;
  if (f.onlySlipped && !r.slipped) return false;
  if (f.onlyBlocked && r.blockerCount === 0) return false;
  return true;
}

function sortedLabels(set: Iterable<string>): string[] {
  return [...new Set(set)].sort((a, b) => (a === NONE_LABEL ? 1 : b === NONE_LABEL ? -1 : a.localeCompare(b)));
}

/** Counts the summaries over the matching rows. Linear in rows. */
export function aggregateRows(rows: readonly EffectiveRow[], calendar: ReleaseCalendar = BUILTIN_CALENDAR): IndexAggregates {
  const totals = { items: 0, roadmapItems: 0, deliverables: 0, slipped: 0, blocked: 0, integrityProblems: 0 };
  const stageCounts = new Map<Stage, number>();
  const fstStage = new Map<string, number[]>();
  const releaseFst = new Map<string, Map<string, ReleaseCell>>();
  const companyCells = new Map<string, CompanyCell[]>();
  const buckets = COMPLETENESS_BUCKETS.map(() => 0);
  const fstLabels = new Set<string>();
  for (const r of rows) {
    totals.items += 1;
    if (r.slipped) totals.slipped += 1;
    if (r.blockerCount > 0) totals.blocked += 1;
    if (r.integrity !== 'valid') totals.integrityProblems += 1;
    stageCounts.set(r.stage, (stageCounts.get(r.stage) ?? 0) + 1);
    const fst = r.fst ?? NONE_LABEL;
    fstLabels.add(fst);
    const release = r.releaseId ?? NONE_LABEL;
    let byFst = releaseFst.get(release);
    if (!byFst) releaseFst.set(release, (byFst = new Map<string, ReleaseCell>()));
    let cell = byFst.get(fst);
    if (!cell) byFst.set(fst, (cell = { roadmapItems: 0, deliverables: 0 }));
    if (r.lifecycle === 'delivery') {
      totals.deliverables += 1;
      cell.deliverables += 1;
      continue;
    }
    totals.roadmapItems += 1;
    cell.roadmapItems += 1;
    const si = PORTFOLIO_INDEX.get(r.stage) ?? 0;
    let stageRow = fstStage.get(fst);
    if (!stageRow) fstStage.set(fst, (stageRow = PORTFOLIO_STAGES.map(() => 0)));
    stageRow[si]! += 1;
    const pct = Math.round(((r.completed ?? 0) / 12) * 100);
    const bi = COMPLETENESS_BUCKETS.findIndex((b) => pct >= b.min && pct <= b.max);
    buckets[bi < 0 ? 0 : bi]! += 1;
    r.companies.forEach((c, i) => {
      let cells = companyCells.get(c);
      if (!cells) companyCells.set(c, (cells = PORTFOLIO_STAGES.map(() => ({ items: 0, interested: 0, committedPeople: 0 }))));
      const cc = cells[si]!;
      cc.items += 1;
      if (r.interested.includes(c)) cc.interested += 1;
      cc.committedPeople += r.people[i] ?? 0;
    });
  }
  const fsts = sortedLabels(fstLabels);
  const order = (id: string) => (id === NONE_LABEL ? Number.POSITIVE_INFINITY : releaseSortKey(calendar, id));
  const releases = [...releaseFst.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const companies = [...companyCells.keys()].sort((a, b) => a.localeCompare(b));
  const stageRowOf = (f: string) => fstStage.get(f) ?? PORTFOLIO_STAGES.map(() => 0);
  // FST x stage lists only FSTs with Roadmap Items; release x FST every FST a row carries.
  const fstsWithItems = fsts.filter((f) => fstStage.has(f));
  return {
    totals,
    funnels: {
      portfolio: PORTFOLIO_STAGES.map((stage) => ({ stage, count: stageCounts.get(stage) ?? 0 })),
      delivery: DELIVERY_STAGES.map((stage) => ({ stage, count: stageCounts.get(stage) ?? 0 })),
    },
    fstByStage: { rows: fstsWithItems, columns: [...PORTFOLIO_STAGES], cells: fstsWithItems.map(stageRowOf) },
    releaseByFst: {
      rows: releases.map((id) => (id === NONE_LABEL ? id : (releaseById(calendar, id)?.id ?? id))),
      columns: fsts,
      cells: releases.map((r) => fsts.map((f) => releaseFst.get(r)?.get(f) ?? { roadmapItems: 0, deliverables: 0 })),
    },
    companyByStage: { rows: companies, columns: [...PORTFOLIO_STAGES], cells: companies.map((c) => companyCells.get(c) ?? []) },
    completeness: COMPLETENESS_BUCKETS.map((b, i) => ({ bucket: b.id, label: b.label, count: buckets[i] ?? 0 })),
  };
}

/** "LCOO-9" before "LCOO-10": project key, then the number. */
export function compareIssueKeys(a: string, b: string): number {
  const ma = /^(.*)-(\d+)$/.exec(a);
  const mb = /^(.*)-(\d+)$/.exec(b);
  if (!ma || !mb) return a.localeCompare(b);
  return ma[1]!.localeCompare(mb[1]!) || Number(ma[2]) - Number(mb[2]);
}

/**
 * A row's position for a column, or undefined when the column does not apply to it (a
 * deliverable's checklist, the blockers of an item at its last stage, an empty value): such
 * rows come last in either order. "Slipped" sorts slipped items first in ascending order,
 * "Vetting" the least complete first: the first click shows what needs attention.
 */
type SortValue = number | string | undefined;
function sortValue(r: EffectiveRow, key: SortKey, names: IndexQuery['names'], calendar: ReleaseCalendar): SortValue {
  switch (key) {
    case 'key':
      return undefined; // the tie-break below
    case 'summary':
      return r.sortSummary;
    case 'fst':
      return r.fst === undefined ? undefined : (names?.fst?.(r.fst) ?? r.fst).toLowerCase();
    case 'type':
      return r.type === undefined ? undefined : TYPE_ORDER.get(r.type);
    case 'size':
      return r.size === undefined ? undefined : SIZE_ORDER[r.size];
    case 'stage':
      return STAGE_ORDER.get(r.stage);
    case 'release':
      return r.releaseId === undefined ? undefined : Math.min(releaseSortKey(calendar, r.releaseId), 1e15);
    case 'companies':
      return r.companies.length === 0
        ? undefined
        : r.companies
            .map((c) => names?.company?.(c) ?? c)
            .join(', ')
            .toLowerCase();
    case 'completeness':
      if (r.lifecycle !== 'portfolio') return undefined;
      // A record the app did not sign sorts below an honest 0 of 12.
      return r.integrity === 'valid' ? (r.completed ?? 0) : -1;
    case 'blockers':
      return r.next === undefined ? undefined : r.blockerCount;
    case 'slipped':
      return r.slipped ? 0 : 1;
  }
}

/**
 * Each distinct value's rank in `compare`'s order: a sort over thousands of rows then compares
 * small numbers instead of comparing strings again and again.
 */
function ranks(values: Iterable<string>, compare: (a: string, b: string) => number): Map<string, number> {
  const distinct = [...new Set(values)].sort(compare);
  return new Map(distinct.map((v, i) => [v, i]));
}

/** Sorts in place: the column's order, rows without a value last, then issue key ascending. */
export function sortRows(
  rows: EffectiveRow[],
  key: SortKey,
  order: SortOrder,
  names?: IndexQuery['names'],
  calendar: ReleaseCalendar = BUILTIN_CALENDAR,
): EffectiveRow[] {
  const sign = order === 'DESC' ? -1 : 1;
  // The issue key as compareIssueKeys orders it: the project part's rank, then the number.
  const keyParts = rows.map((r) => {
    const m = /^(.*)-(\d+)$/.exec(r.key);
    return m ? { prefix: m[1]!, n: Number(m[2]) } : { prefix: r.key, n: Number.NaN };
  });
  const prefixRank = ranks(
    keyParts.map((k) => k.prefix),
    (a, b) => a.localeCompare(b),
  );
  // A series' position is looked up once per series, not once per row.
  const releaseKeys = new Map<string, number>();
  const releaseKey = (id: string): number => {
    let v = releaseKeys.get(id);
    if (v === undefined) releaseKeys.set(id, (v = Math.min(releaseSortKey(calendar, id), 1e15)));
    return v;
  };
  const raw = rows.map((r) =>
    key === 'release' ? (r.releaseId === undefined ? undefined : releaseKey(r.releaseId)) : sortValue(r, key, names, calendar),
  );
  const textRank = ranks(
    raw.filter((v): v is string => typeof v === 'string'),
    (a, b) => a.localeCompare(b),
  );
  const keyed = rows.map((r, i) => {
    const v = raw[i];
    const k = keyParts[i]!;
    return { r, v: typeof v === 'string' ? textRank.get(v)! : v, prefix: prefixRank.get(k.prefix)!, n: k.n };
  });
  const byKey = (a: (typeof keyed)[number], b: (typeof keyed)[number]): number => {
    // Keys without a number (none in Jira) compare by the whole key, as compareIssueKeys does.
    if (Number.isNaN(a.n) || Number.isNaN(b.n)) return compareIssueKeys(a.r.key, b.r.key);
    return a.prefix - b.prefix || a.n - b.n;
  };
  keyed.sort((a, b) => {
    if (key !== 'key') {
      if (a.v === undefined && b.v !== undefined) return 1;
      if (b.v === undefined && a.v !== undefined) return -1;
      if (a.v !== undefined && b.v !== undefined && a.v !== b.v) return sign * (a.v - b.v);
    }
    return (key === 'key' ? sign : 1) * byKey(a, b);
  });
  for (let i = 0; i < keyed.length; i++) rows[i] = keyed[i]!.r;
  return rows;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Filters, aggregates, sorts and pages the rows a person may see. */
export function queryIndex(visible: readonly SlimRow[], q: IndexQuery): IndexAnswer {
  const filters = q.filters ?? {};
  const calendar = q.calendar ?? BUILTIN_CALENDAR;
  const matching = effectiveRows(visible, q.nowMs, calendar).filter((r) => matchesFilters(r, filters));
  const aggregates = aggregateRows(matching, calendar);
  const pageSize = Math.max(1, Math.min(q.maxPageSize ?? 100, q.pageSize ?? DEFAULT_PAGE_SIZE));
  const lastPage = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(Math.max(1, q.page ?? 1), lastPage);
  const sort = q.sort ?? { key: 'key', order: 'ASC' };
  sortRows(matching, sort.key, sort.order, q.names, calendar);
  return { ...aggregates, rows: matching.slice((page - 1) * pageSize, page * pageSize), matched: matching.length, page, pageSize };
}
