import { z } from 'zod';
import type { Delivery } from './delivery';
import type { Integrity, MissingRequirement } from './gates';
import {
  DELIVERY_STAGES,
  LifecycleIdSchema,
  PORTFOLIO_STAGES,
  StageSchema,
  stageDef,
  type DeliveryStage,
  type LifecycleId,
  type PortfolioStage,
  type Stage,
} from './lifecycle';
import { hasSlipped, releaseById, releaseSortKey, type ReleaseCalendar } from './releases';
import { ItemTypeSchema, checklistCompleted, type ItemType, type Size, type Vetting } from './vetting';

/**
 * The portfolio view the LRC reviews monthly and quarterly: every item with what blocks
 * its next stage and whether it slipped past its release, plus the summaries the source
 * deck asks for (funnels per lifecycle, FST x stage, release x FST, member companies x
 * stage with interest and committed people, checklist completeness). Linear in the number
 * of items. What blocks an item's next stage is decided by the gate check every entry point
 * uses (src/usecases/gate-check.ts) and arrives with the item.
 */

export interface PortfolioItem {
  key: string;
  summary: string;
  issueType: string;
  lifecycle: LifecycleId;
  stage: Stage;
  vetting?: Vetting;
  delivery?: Delivery;
  integrity: Integrity;
  /** The stage the item moves to next (absent at the end of its lifecycle). */
  next?: Stage;
  /** What the gate on that move still needs, as the gate check answered. */
  blockers: MissingRequirement[];
}

export const PortfolioFiltersSchema = z.object({
  lifecycle: LifecycleIdSchema.optional(),
  fsts: z.array(z.string().max(200)).max(50).optional(),
  stages: z.array(StageSchema).max(12).optional(),
  releases: z.array(z.string().max(40)).max(50).optional(),
  companies: z.array(z.string().max(200)).max(100).optional(),
  types: z.array(ItemTypeSchema).max(5).optional(),
  onlySlipped: z.boolean().optional(),
  onlyBlocked: z.boolean().optional(),
});
export type PortfolioFilters = z.infer<typeof PortfolioFiltersSchema>;

export interface PortfolioOptions {
  now: Date | number;
  /** The release calendar in effect (built-in merged with the admin's entries). */
  calendar: ReleaseCalendar;
  filters?: PortfolioFilters;
}

export interface PortfolioRow {
  key: string;
  summary: string;
  issueType: string;
  lifecycle: LifecycleId;
  stage: Stage;
  statusName: string;
  nextStage?: Stage;
  /** FST of the item; a deliverable inherits it from its Roadmap Item. */
  fst?: string;
  type?: ItemType;
  size?: Size;
  /** Target release; a deliverable uses its milestone's release, else its Roadmap Item's. */
  releaseId?: string;
  proposingCompany?: string;
  /** Member companies on the item (proposer first, then collaborators), as the company filter sees them. */
  companies: string[];
  roadmapItemKey?: string;
  project?: string;
  /** Checklist completeness (Roadmap Items only). */
  completeness?: { completed: number; total: 12; percent: number };
  /** What the next stage's gate still needs (empty at the last stage). */
  blockers: MissingRequirement[];
  slipped: boolean;
  integrity: Integrity;
}

/** cells[r][c] belongs to rows[r] x columns[c]. */
export interface Matrix<T> {
  rows: string[];
  columns: string[];
  cells: T[][];
}

export interface CompanyCell {
  /** Items the company proposed or is listed on as a collaborator. */
  items: number;
  /** Items it said yes to. */
  interested: number;
  /** People it committed, summed over the items. */
  committedPeople: number;
}

export const COMPLETENESS_BUCKETS = [
  { id: '0-24', label: 'Under 25%', min: 0, max: 24 },
  { id: '25-49', label: '25-49%', min: 25, max: 49 },
  { id: '50-74', label: '50-74%', min: 50, max: 74 },
  { id: '75-99', label: '75-99%', min: 75, max: 99 },
  { id: '100', label: 'Complete', min: 100, max: 100 },
] as const;

export interface Portfolio {
  rows: PortfolioRow[];
  totals: { items: number; roadmapItems: number; deliverables: number; slipped: number; blocked: number; integrityProblems: number };
  funnels: {
    portfolio: { stage: PortfolioStage; statusName: string; count: number }[];
    delivery: { stage: DeliveryStage; statusName: string; count: number }[];
  };
  /** Roadmap Items per FST (rows) and portfolio stage (columns). */
  fstByStage: Matrix<number>;
  /** Items per target release (rows, oldest first) and FST (columns). */
  releaseByFst: Matrix<number>;
  /** Member companies (rows) per portfolio stage (columns). */
  companyByStage: Matrix<CompanyCell>;
  completeness: { bucket: string; label: string; count: number }[];
}

/** Row/column label for items without an FST or release. */
export const NONE_LABEL = '(none)';

function matchesAny(filter: readonly string[] | undefined, value: string | undefined): boolean {
  return !filter || filter.length === 0 || (value !== undefined && filter.includes(value));
}

/** The member companies an item involves: its proposer and every company listed as a collaborator. */
export function companiesOf(v: Vetting | undefined): string[] {
  const out: string[] = v?.proposingCompany ? [v.proposingCompany] : [];
  for (const c of v?.collaborators?.companies ?? []) if (!out.includes(c.company)) out.push(c.company);
  return out;
}

/** A company's cells (one per portfolio stage), created on first use. */
function cellsFor(companyCells: Map<string, CompanyCell[]>, company: string): CompanyCell[] {
  let cells = companyCells.get(company);
  if (!cells) {
    cells = PORTFOLIO_STAGES.map(() => ({ items: 0, interested: 0, committedPeople: 0 }));
    companyCells.set(company, cells);
  }
  return cells;
}

/** Whether a collaborator entry before `index` names `name` and says yes. */
function saidYesBefore(entries: readonly { company: string; interest: string }[], index: number, name: string): boolean {
  for (let j = 0; j < index; j++) {
    const c = entries[j]!;
    if (c.interest === 'yes' && c.company === name) return true;
  }
  return false;
}

function sortedLabels(set: Set<string>): string[] {
  return [...set].sort((a, b) => (a === NONE_LABEL ? 1 : b === NONE_LABEL ? -1 : a.localeCompare(b)));
}

const STAGE_INDEX = new Map<Stage, number>(PORTFOLIO_STAGES.map((s, i) => [s, i]));

/** One aggregation: rows and summaries counted as items are added. */
class Aggregation {
  readonly rows: PortfolioRow[] = [];
  readonly stageCounts = new Map<Stage, number>();
  /** Roadmap Items per FST label, per portfolio stage index (every label a row carries). */
  readonly fstStageCounts = new Map<string, number[]>();
  /** Items per release label, per FST label. */
  readonly releaseFstCounts = new Map<string, Map<string, number>>();
  readonly companyCells = new Map<string, CompanyCell[]>();
  readonly bucketCounts: number[] = COMPLETENESS_BUCKETS.map(() => 0);
  readonly totals = { items: 0, roadmapItems: 0, deliverables: 0, slipped: 0, blocked: 0, integrityProblems: 0 };

  constructor(
    private readonly nowMs: number,
    private readonly calendar: ReleaseCalendar,
    private readonly filters: PortfolioFilters,
    /** The Roadmap Items some deliverable names, by key: deliverables inherit FST and release from them. */
    private readonly roadmapByKey: ReadonlyMap<string, PortfolioItem>,
    /** Per Roadmap Item key, whether every deliverable of this load that names it is Delivered. */
    private readonly deliveredByKey: ReadonlyMap<string, boolean>,
  ) {}

  add(it: PortfolioItem): void {
    const filters = this.filters;
    const isPortfolio = it.lifecycle === 'portfolio';
    const parent = !isPortfolio && it.delivery?.roadmapItemKey ? this.roadmapByKey.get(it.delivery.roadmapItemKey)?.vetting : undefined;
    const v = isPortfolio ? it.vetting : parent;
    const fst = v?.fst || undefined;
    const releaseId = isPortfolio ? it.vetting?.targetRelease : (it.delivery?.milestone?.releaseId ?? parent?.targetRelease);

    if (filters.lifecycle && filters.lifecycle !== it.lifecycle) return;
    if (filters.stages?.length && !filters.stages.includes(it.stage)) return;
    if (!matchesAny(filters.fsts, fst)) return;
    if (!matchesAny(filters.releases, releaseId)) return;
    if (filters.types?.length && !(v?.type && filters.types.includes(v.type))) return;
    const companies = companiesOf(v);
    if (filters.companies?.length && !companies.some((c) => filters.companies?.includes(c))) return;
    const slipped =
      releaseId !== undefined &&
      hasSlipped(this.calendar, releaseId, it.stage, this.nowMs, isPortfolio ? this.deliveredByKey.get(it.key) : undefined);
    if (filters.onlySlipped && !slipped) return;
    if (filters.onlyBlocked && it.blockers.length === 0) return;

    let completeness: PortfolioRow['completeness'];
    if (isPortfolio) {
      // A record the app did not sign never counts as done, whatever it claims: it shows as
      // 0 of 12 (and its integrity says why) until someone re-saves it from the LCOO panel.
      // Read where the item stands: a target that shipped after it passed its gate has slipped, it is not a gap.
      const completed =
        it.integrity === 'valid' && it.vetting
          ? checklistCompleted(it.vetting, { nowMs: this.nowMs, calendar: this.calendar, stage: it.stage })
          : 0;
      completeness = { completed, total: 12, percent: Math.round((completed / 12) * 100) };
    }
    const row: PortfolioRow = {
      key: it.key,
      summary: it.summary,
      issueType: it.issueType,
      lifecycle: it.lifecycle,
      stage: it.stage,
      statusName: stageDef(it.stage).statusName,
      nextStage: it.next,
      fst,
      type: v?.type,
      size: v?.size,
      releaseId,
      proposingCompany: v?.proposingCompany,
      companies,
      roadmapItemKey: it.delivery?.roadmapItemKey,
      project: it.delivery?.project,
      completeness,
      blockers: it.blockers,
      slipped,
      integrity: it.integrity,
    };
    this.rows.push(row);
    this.count(row, isPortfolio ? it.vetting : undefined);
  }

  /** Counts a row into the summaries; `vetting` is a Roadmap Item's own record. */
  private count(row: PortfolioRow, vetting: Vetting | undefined): void {
    const totals = this.totals;
    this.stageCounts.set(row.stage, (this.stageCounts.get(row.stage) ?? 0) + 1);
    const fstLabel = row.fst ?? NONE_LABEL;
    const releaseLabel = row.releaseId ?? NONE_LABEL;
    let byFst = this.releaseFstCounts.get(releaseLabel);
    if (!byFst) {
      byFst = new Map();
      this.releaseFstCounts.set(releaseLabel, byFst);
    }
    byFst.set(fstLabel, (byFst.get(fstLabel) ?? 0) + 1);
    let stageRow = this.fstStageCounts.get(fstLabel);
    if (!stageRow) {
      stageRow = PORTFOLIO_STAGES.map(() => 0);
      this.fstStageCounts.set(fstLabel, stageRow);
    }
    if (row.slipped) totals.slipped += 1;
    if (row.blockers.length) totals.blocked += 1;
    if (row.integrity !== 'valid') totals.integrityProblems += 1;
    if (row.lifecycle === 'delivery') {
      totals.deliverables += 1;
      return;
    }
    totals.roadmapItems += 1;
    const si = STAGE_INDEX.get(row.stage) ?? 0;
    stageRow[si]! += 1;
    const pct = row.completeness?.percent ?? 0;
    let bi = 0;
    while (bi < COMPLETENESS_BUCKETS.length && !(pct >= COMPLETENESS_BUCKETS[bi]!.min && pct <= COMPLETENESS_BUCKETS[bi]!.max)) bi++;
    this.bucketCounts[bi < COMPLETENESS_BUCKETS.length ? bi : 0]! += 1;
    if (vetting) this.countCompanies(row.companies, vetting, si);
  }

  /**
   * A company counts once per item (proposer or collaborator, listed once or twice); it is
   * interested if it proposed the item or any of its entries says yes.
   */
  private countCompanies(companies: readonly string[], v: Vetting, si: number): void {
    const companyCells = this.companyCells;
    for (const name of companies) cellsFor(companyCells, name)[si]!.items += 1;
    const proposer = v.proposingCompany;
    if (proposer) cellsFor(companyCells, proposer)[si]!.interested += 1;
    const entries = v.collaborators?.companies ?? [];
    for (let e = 0; e < entries.length; e++) {
      const c = entries[e]!;
      const name = c.company;
      if (!name) continue;
      const cell = cellsFor(companyCells, name)[si]!;
      if (c.interest === 'yes' && name !== proposer && !saidYesBefore(entries, e, name)) cell.interested += 1;
      cell.committedPeople += c.people.length;
    }
  }
}

/** Aggregates the portfolio; invalid filters are ignored. Linear in items. */
export function aggregatePortfolio(items: readonly PortfolioItem[], options: PortfolioOptions): Portfolio {
  const nowMs = typeof options.now === 'number' ? options.now : options.now.getTime();
  const filterParsed = PortfolioFiltersSchema.safeParse(options.filters ?? {});
  const filters: PortfolioFilters = filterParsed.success ? filterParsed.data : {};

  // Deliverables inherit FST and release from their Roadmap Item (the last one with a record
  // wins for a repeated key).
  const roadmapByKey = new Map<string, PortfolioItem>();
  for (const it of items) if (it.lifecycle === 'portfolio' && it.vetting) roadmapByKey.set(it.key, it);
  // A Development Ready item whose release shipped slipped if a deliverable of it was not
  // Delivered; without deliverables in the load, its delivery is not known here.
  const deliveredByKey = new Map<string, boolean>();
  for (const it of items) {
    const key = it.lifecycle === 'delivery' && it.integrity === 'valid' ? it.delivery?.roadmapItemKey : undefined;
    if (key) deliveredByKey.set(key, (deliveredByKey.get(key) ?? true) && it.stage === 'delivered');
  }

  const calendar = options.calendar;
  const agg = new Aggregation(nowMs, calendar, filters, roadmapByKey, deliveredByKey);
  for (const it of items) agg.add(it);
  const { rows, totals, stageCounts, fstStageCounts, releaseFstCounts, companyCells, bucketCounts } = agg;
  totals.items = rows.length;

  // Funnels.
  const funnels = {
    portfolio: PORTFOLIO_STAGES.map((stage) => ({ stage, statusName: stageDef(stage).statusName, count: stageCounts.get(stage) ?? 0 })),
    delivery: DELIVERY_STAGES.map((stage) => ({ stage, statusName: stageDef(stage).statusName, count: stageCounts.get(stage) ?? 0 })),
  };

  // FST x stage (Roadmap Items) and release x FST (all items).
  const fsts = sortedLabels(new Set(fstStageCounts.keys()));
  const fstCells = fsts.map((f) => fstStageCounts.get(f) ?? PORTFOLIO_STAGES.map(() => 0));
  const releases = [...releaseFstCounts.keys()].sort(
    (a, b) => releaseSortKey(calendar, a) - releaseSortKey(calendar, b) || a.localeCompare(b),
  );
  const releaseCells = releases.map((r) => {
    const byFst = releaseFstCounts.get(r);
    return fsts.map((f) => byFst?.get(f) ?? 0);
  });

  const companies = [...companyCells.keys()].sort((a, b) => a.localeCompare(b));
  return {
    rows,
    totals,
    funnels,
    fstByStage: { rows: fsts, columns: [...PORTFOLIO_STAGES], cells: fstCells },
    releaseByFst: {
      rows: releases.map((id) => (id === NONE_LABEL ? id : (releaseById(calendar, id)?.id ?? id))),
      columns: fsts,
      cells: releaseCells,
    },
    companyByStage: { rows: companies, columns: [...PORTFOLIO_STAGES], cells: companies.map((c) => companyCells.get(c) ?? []) },
    completeness: COMPLETENESS_BUCKETS.map((b, i) => ({ bucket: b.id, label: b.label, count: bucketCounts[i] ?? 0 })),
  };
}
