import { z } from 'zod';
import type { Delivery } from './delivery';
import {
  GateConfigSchema,
  defaultGateConfig,
  evaluateGateTrusted,
  type GateConfig,
  type ChecklistLookup,
  type GateConfigInput,
  type Integrity,
  type MissingRequirement,
} from './gates';
import {
  DELIVERY_STAGES,
  LifecycleIdSchema,
  PORTFOLIO_STAGES,
  StageSchema,
  nextStage,
  stageDef,
  type DeliveryStage,
  type LifecycleId,
  type PortfolioStage,
  type Stage,
} from './lifecycle';
import { toTime } from './primitives';
import { RELEASES, hasSlipped, releaseById } from './releases';
import {
  CHECKLIST_ITEM_IDS,
  ItemTypeSchema,
  checklistItemMissing,
  type ChecklistItemId,
  type ItemType,
  type Size,
  type Vetting,
} from './vetting';

/**
 * The portfolio view the LRC reviews monthly and quarterly: every item with what blocks
 * its next stage and whether it slipped past its release, plus the summaries the source
 * deck asks for (funnels per lifecycle, FST x stage, release x FST, member companies x
 * stage with interest and committed people, checklist completeness). Pure and linear in
 * the number of items: the gadget aggregates up to thousands of issues per load.
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

/** The settings the gate on one move runs with, or the one reason it refuses that move every time. */
export type MoveGate = { ok: true; config: GateConfig } | { ok: false; missing: MissingRequirement };

/**
 * The stage after `stage` when each move's gate may run with its own settings. Only the skip
 * (Blueprint Accepted -> Coding In Progress) depends on a setting, and the gate on the move
 * into Coding In Progress is the one that allows or refuses it, so its settings decide.
 */
export function nextStageUnderGates(
  stage: Stage,
  fallback: GateConfig,
  gateFor: (target: Stage, from: Stage) => MoveGate,
): Stage | undefined {
  const skip = nextStage(stage, { specificationStep: false });
  const gate = skip ? gateFor(skip, stage) : undefined;
  return nextStage(stage, gate?.ok ? gate.config : fallback);
}

export interface PortfolioOptions {
  gateConfig?: GateConfig | GateConfigInput;
  /**
   * The settings each move's gate runs with when they can differ per move (a workflow rule's
   * configuration over the admin's); `gateConfig` for every move when absent. Asked once per
   * stage, not per item.
   */
  gateFor?: (target: Stage, from: Stage) => MoveGate;
  now: Date | number | string;
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

const RELEASE_ORDER = new Map(RELEASES.map((r, i) => [r.id, i]));
/** Percent complete for 0..12 items, computed once. */
const PERCENT = Array.from({ length: 13 }, (_, i) => Math.round((i / 12) * 100));
const CHECKLIST_INDEX = new Map<ChecklistItemId, number>(CHECKLIST_ITEM_IDS.map((id, i) => [id, i]));
// Imported functions and lists the per-item loop uses, held in module constants: a compiled
// module reads an import through its exporter's binding on every use.
const ITEM_IDS: readonly ChecklistItemId[] = CHECKLIST_ITEM_IDS;
const itemMissing = checklistItemMissing;
const gateTrusted = evaluateGateTrusted;
const slippedPast = hasSlipped;

function matchesAny(filter: readonly string[] | undefined, value: string | undefined): boolean {
  return !filter || filter.length === 0 || (value !== undefined && filter.includes(value));
}

/** The member companies an item involves: its proposer and every company listed as a collaborator. */
export function companiesOf(v: Vetting | undefined): string[] {
  const out: string[] = [];
  const proposer = v?.proposingCompany?.trim();
  if (proposer) out.push(proposer);
  for (const c of v?.collaborators?.companies ?? []) {
    const name = c.company.trim();
    if (name && !out.includes(name)) out.push(name);
  }
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
    if (c.interest === 'yes' && c.company.trim() === name) return true;
  }
  return false;
}

function sortedLabels(set: Set<string>): string[] {
  return [...set].sort((a, b) => (a === NONE_LABEL ? 1 : b === NONE_LABEL ? -1 : a.localeCompare(b)));
}

type Move = { next: Stage | undefined; gate: MoveGate | undefined; statusName: string };
const STAGE_INDEX = new Map<Stage, number>(PORTFOLIO_STAGES.map((s, i) => [s, i]));
const UNSIGNED_PARENT: Vetting = Object.freeze({ schemaVersion: 2 }) as Vetting;

/**
 * One aggregation: rows and summaries counted as items are added. The per-item work lives in
 * small methods (not in one long loop body) so the engine optimizes it within the first call
 * and keeps it optimized on later calls.
 */
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
  private readonly moves = new Map<Stage, Move>();
  /** The current item's checklist answers, read by one lookup made once per aggregation. */
  private memo: (string | undefined)[] = [];
  private readonly memoLookup: ChecklistLookup;

  constructor(
    private readonly config: GateConfig,
    private readonly gateFor: (target: Stage, from: Stage) => MoveGate,
    private readonly nowMs: number,
    private readonly clockKnown: boolean,
    private readonly filters: PortfolioFilters,
    private readonly roadmapByKey: Map<string, PortfolioItem | undefined>,
  ) {
    this.memoLookup = (_v, id) => this.memo[CHECKLIST_INDEX.get(id) ?? 0];
  }

  private moveFrom(stage: Stage): Move {
    let m = this.moves.get(stage);
    if (!m) {
      const next = nextStageUnderGates(stage, this.config, this.gateFor);
      m = { next, gate: next ? this.gateFor(next, stage) : undefined, statusName: stageDef(stage).statusName };
      this.moves.set(stage, m);
    }
    return m;
  }

  add(it: PortfolioItem): void {
    const filters = this.filters;
    const isPortfolio = it.lifecycle === 'portfolio';
    const linked =
      !isPortfolio && it.lifecycle === 'delivery' && it.delivery?.roadmapItemKey
        ? this.roadmapByKey.get(it.delivery.roadmapItemKey)
        : undefined;
    const parent = linked?.vetting;
    const v = isPortfolio ? it.vetting : parent;
    // The gate counts a Roadmap Item's checklist only when the app signed it (as the stage
    // gate does): an unsigned one is an empty checklist there, whatever it claims.
    const gateVetting = isPortfolio ? it.vetting : linked && linked.integrity !== 'valid' ? UNSIGNED_PARENT : parent;
    const fst = v?.fst?.trim() || undefined;
    const releaseId =
      it.lifecycle === 'delivery' ? (it.delivery?.milestone?.releaseId ?? parent?.targetRelease) : it.vetting?.targetRelease;

    if (filters.lifecycle && filters.lifecycle !== it.lifecycle) return;
    if (filters.stages?.length && !filters.stages.includes(it.stage)) return;
    if (!matchesAny(filters.fsts, fst)) return;
    if (!matchesAny(filters.releases, releaseId)) return;
    if (filters.types?.length && !(v?.type && filters.types.includes(v.type))) return;
    const companies = companiesOf(v);
    if (filters.companies?.length && !companies.some((c) => filters.companies?.includes(c))) return;

    // Each checklist item is judged once per item, for both completeness and blockers.
    let itemMemo: (string | undefined)[] | undefined;
    if (isPortfolio) {
      itemMemo = new Array<string | undefined>(ITEM_IDS.length);
      for (let k = 0; k < ITEM_IDS.length; k++) itemMemo[k] = itemMissing(it.vetting, ITEM_IDS[k]!, this.nowMs);
      this.memo = itemMemo;
    }
    const move = this.moveFrom(it.stage);
    const { next, gate } = move;
    // A gate whose settings can't be used refuses the move whatever the record holds (as the validator does).
    const blockers =
      next && gate
        ? gate.ok
          ? gateTrusted(
              next,
              { lifecycle: it.lifecycle, from: it.stage, vetting: gateVetting, delivery: it.delivery, integrity: it.integrity },
              gate.config,
              this.nowMs,
              itemMemo ? this.memoLookup : itemMissing,
            ).missing
          : [gate.missing]
        : [];
    const slipped = releaseId !== undefined && this.clockKnown ? slippedPast(releaseId, it.stage, this.nowMs) : false;
    if (filters.onlySlipped && !slipped) return;
    if (filters.onlyBlocked && blockers.length === 0) return;

    let completeness: PortfolioRow['completeness'];
    if (itemMemo) {
      // A record the app did not sign never counts as done, whatever it claims: it shows as
      // 0 of 12 (and its integrity says why) until someone re-saves it from the LCOO panel.
      let completed = 0;
      if (it.integrity === 'valid') for (const m of itemMemo) if (m === undefined) completed += 1;
      completeness = { completed, total: 12, percent: PERCENT[completed] ?? 0 };
    }
    // One object shape for every row (absent values are undefined): keeps the loop monomorphic.
    const row: PortfolioRow = {
      key: it.key,
      summary: it.summary,
      issueType: it.issueType,
      lifecycle: it.lifecycle,
      stage: it.stage,
      statusName: move.statusName,
      nextStage: next,
      fst,
      type: v?.type,
      size: v?.size,
      releaseId,
      proposingCompany: v?.proposingCompany,
      companies,
      roadmapItemKey: it.delivery?.roadmapItemKey,
      project: it.delivery?.project,
      completeness,
      blockers,
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
    const proposer = v.proposingCompany?.trim();
    if (proposer) cellsFor(companyCells, proposer)[si]!.interested += 1;
    const entries = v.collaborators?.companies ?? [];
    for (let e = 0; e < entries.length; e++) {
      const c = entries[e]!;
      const name = c.company.trim();
      if (!name) continue;
      const cell = cellsFor(companyCells, name)[si]!;
      if (c.interest === 'yes' && name !== proposer && !saidYesBefore(entries, e, name)) cell.interested += 1;
      cell.committedPeople += c.people.length;
    }
  }
}

/**
 * Aggregates the portfolio. Invalid gate settings fall back to the defaults (the gadget
 * should still show the portfolio); invalid filters are ignored. Linear in items.
 */
export function aggregatePortfolio(items: readonly PortfolioItem[], options: PortfolioOptions): Portfolio {
  const cfgParsed = GateConfigSchema.safeParse(options.gateConfig ?? {});
  const config = cfgParsed.success ? cfgParsed.data : defaultGateConfig;
  const nowMs = toTime(options.now);
  const clockKnown = !Number.isNaN(nowMs);
  const filterParsed = PortfolioFiltersSchema.safeParse(options.filters ?? {});
  const filters: PortfolioFilters = filterParsed.success ? filterParsed.data : {};
  const gateFor = options.gateFor ?? ((): MoveGate => ({ ok: true, config }));

  // Deliverables inherit FST and release from their Roadmap Item. Only the Roadmap Items some
  // deliverable links to are indexed (the last one with a record wins for a repeated key).
  const roadmapByKey = new Map<string, PortfolioItem | undefined>();
  for (const it of items)
    if (it.lifecycle === 'delivery' && it.delivery?.roadmapItemKey) roadmapByKey.set(it.delivery.roadmapItemKey, undefined);
  if (roadmapByKey.size > 0)
    for (const it of items) if (it.lifecycle === 'portfolio' && it.vetting && roadmapByKey.has(it.key)) roadmapByKey.set(it.key, it);

  const agg = new Aggregation(config, gateFor, nowMs, clockKnown, filters, roadmapByKey);
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
    (a, b) => (RELEASE_ORDER.get(a) ?? 1e9) - (RELEASE_ORDER.get(b) ?? 1e9) || a.localeCompare(b),
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
      rows: releases.map((id) => (id === NONE_LABEL ? id : (releaseById(id)?.id ?? id))),
      columns: fsts,
      cells: releaseCells,
    },
    companyByStage: { rows: companies, columns: [...PORTFOLIO_STAGES], cells: companies.map((c) => companyCells.get(c) ?? []) },
    completeness: COMPLETENESS_BUCKETS.map((b, i) => ({ bucket: b.id, label: b.label, count: bucketCounts[i] ?? 0 })),
  };
}
