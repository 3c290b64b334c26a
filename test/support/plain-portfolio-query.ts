// The index query written the plain way, an object per row (as the index first shipped it): the
// oracle the column query (src/domain/portfolio-query.ts) must equal. Test code only.
import { DELIVERY_STAGES, PORTFOLIO_STAGES, type Stage } from '../../src/domain/lifecycle';
import { COMPLETENESS_BUCKETS, NONE_LABEL, type CompanyCell } from '../../src/domain/portfolio';
import type { EffectiveRow, IndexAggregates, IndexFilters, ReleaseCell, SlimRow } from '../../src/domain/portfolio-index';
import {
  BUILTIN_CALENDAR,
  isReleased,
  releaseById,
  releaseSortKey,
  slipsOnceReleased,
  type ReleaseCalendar,
} from '../../src/domain/releases';

const PORTFOLIO_INDEX = new Map<Stage, number>(PORTFOLIO_STAGES.map((s, i) => [s, i]));

export function plainEffectiveRows(rows: readonly SlimRow[], nowMs: number, calendar: ReleaseCalendar = BUILTIN_CALENDAR): EffectiveRow[] {
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

export function plainMatchesFilters(r: EffectiveRow, f: IndexFilters): boolean {
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
export function plainAggregateRows(rows: readonly EffectiveRow[], calendar: ReleaseCalendar = BUILTIN_CALENDAR): IndexAggregates {
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
