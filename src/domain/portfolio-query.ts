// The index query over a RowTable (portfolio-table.ts): what a deliverable inherits from its
// Roadmap Item, the filters, the pivots, the sort and one page, computed column by column. Only
// the page's rows become objects. `queryIndex` and `effectiveRows` (portfolio-index.ts) are this
// same code over rows given as objects.
import { DELIVERY_STAGES, PORTFOLIO_STAGES, STAGES } from './lifecycle';
import { COMPLETENESS_BUCKETS, NONE_LABEL, type CompanyCell } from './portfolio';
import type {
  EffectiveRow,
  IndexAggregates,
  IndexAnswer,
  IndexFilters,
  IndexQuery,
  ReleaseCell,
  SortKey,
  SortOrder,
} from './portfolio-rows';
import { NONE, PORTFOLIO_STAGE_COUNT, rowMaker, stringOf, type RowTable } from './portfolio-table';
import { BUILTIN_CALENDAR, isReleased, releaseById, releaseSortKey, slipsOnceReleased, type ReleaseCalendar } from './releases';
import { ITEM_TYPES, SIZES } from './vetting';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * What each selected row shows once a deliverable has inherited from its Roadmap Item (only an
 * item the person may see: one in the selection). Arrays are by position in the selection.
 */
export interface Effective {
  /** Table row of each position. */
  readonly rowOf: ArrayLike<number>;
  /** The row whose companies, interest and people the position shows (NONE: a deliverable without a visible item). */
  readonly from: Int32Array;
  /** A deliverable's Roadmap Item row (NONE: none visible, or a Roadmap Item). */
  readonly parent: Int32Array;
  readonly fst: Int32Array;
  readonly type: Int8Array;
  readonly size: Int8Array;
  readonly release: Int32Array;
  readonly slipped: Uint8Array;
}

export function effectiveOf(t: RowTable, selection: ArrayLike<number> | undefined, nowMs: number, calendar: ReleaseCalendar): Effective {
  const rowOf = selection ?? identity(t.n);
  const m = rowOf.length;
  const isDelivery = (i: number) => t.stage[i]! >= PORTFOLIO_STAGE_COUNT;
  const roadmapItem = roadmapItemFinder(t, rowOf);
  // A Development Ready item slips when its target shipped before all its deliverables were
  // Delivered: per Roadmap Item row, -1 none seen, 1 all Delivered, 0 not.
  const allDelivered = new Int8Array(t.n).fill(-1);
  const deliveredStage = STAGES.indexOf('delivered');
  const parentOf = new Int32Array(m);
  for (let p = 0; p < m; p++) {
    const i = rowOf[p]!;
    const parent = isDelivery(i) ? roadmapItem(i) : NONE;
    parentOf[p] = parent;
    if (parent !== NONE) allDelivered[parent] = allDelivered[parent] !== 0 && t.stage[i] === deliveredStage ? 1 : 0;
  }
  /** slipsOnceReleased per stage: [no deliverables known, all Delivered, not all]. */
  const slips = STAGES.map((stage) => [
    slipsOnceReleased(stage, undefined),
    slipsOnceReleased(stage, true),
    slipsOnceReleased(stage, false),
  ]);
  const empty = t.strings.indexOf('');
  /** A deliverable takes what its item has, an empty value counting as none. */
  const nonEmpty = (ref: number) => (ref === empty ? NONE : ref);
  const shipped = new Int8Array(t.strings.length).fill(-1);
  const released = (ref: number): boolean => {
    if (shipped[ref] === -1) shipped[ref] = isReleased(calendar, t.strings[ref]!, nowMs) ? 1 : 0;
    return shipped[ref] === 1;
  };
  const out = {
    rowOf,
    from: new Int32Array(m),
    parent: new Int32Array(m),
    fst: new Int32Array(m),
    type: new Int8Array(m),
    size: new Int8Array(m),
    release: new Int32Array(m),
    slipped: new Uint8Array(m),
  };
  for (let p = 0; p < m; p++) {
    const i = rowOf[p]!;
    let raw: number;
    /** Which of `slips` applies: 0 no deliverables known (a deliverable's own), 1 all Delivered, 2 not. */
    let known: number;
    if (isDelivery(i)) {
      const parent = parentOf[p]!;
      out.parent[p] = parent;
      out.from[p] = parent;
      if (parent === NONE) {
        out.fst[p] = NONE;
        out.type[p] = NONE;
        out.size[p] = NONE;
      } else {
        out.fst[p] = nonEmpty(t.fst[parent]!);
        out.type[p] = t.type[parent]!;
        out.size[p] = t.size[parent]!;
      }
      raw = t.release[i] !== NONE ? t.release[i]! : parent === NONE ? NONE : t.release[parent]!;
      out.release[p] = nonEmpty(raw);
      known = 0;
    } else {
      out.parent[p] = NONE;
      out.from[p] = i;
      out.fst[p] = t.fst[i]!;
      out.type[p] = t.type[i]!;
      out.size[p] = t.size[i]!;
      raw = t.release[i]!;
      out.release[p] = raw;
      const all = allDelivered[i]!;
      known = all === -1 ? 0 : all === 1 ? 1 : 2;
    }
    out.slipped[p] = raw !== NONE && raw !== empty && released(raw) && slips[t.stage[i]!]![known] ? 1 : 0;
  }
  return out;
}

/**
 * Finds a deliverable's Roadmap Item among the selected rows by its parent key's project part
 * and number, through an array per project part (no string hashed per row). NONE when the item
 * is not selected (not visible to the person).
 */
function roadmapItemFinder(t: RowTable, rowOf: ArrayLike<number>): (i: number) => number {
  const m = rowOf.length;
  const largest = new Float64Array(t.keyPrefixes.length).fill(-1);
  for (let p = 0; p < m; p++) {
    const i = rowOf[p]!;
    const prefix = t.keyPrefix[i]!;
    if (t.stage[i]! < PORTFOLIO_STAGE_COUNT && t.keyNumber[i]! > largest[prefix]!) largest[prefix] = t.keyNumber[i]!;
  }
  // Numbers far above the row count (a project with keys in the millions) and keys of another
  // form (numbered -1) go through a Map instead.
  const byNumber = Array.from(largest, (max) => (max >= 0 && max <= 8 * m + 1024 ? new Int32Array(max + 1).fill(NONE) : undefined));
  const byMap = new Map<number, Map<number, number>>();
  for (let p = 0; p < m; p++) {
    const i = rowOf[p]!;
    if (t.stage[i]! >= PORTFOLIO_STAGE_COUNT) continue;
    const prefix = t.keyPrefix[i]!;
    const n = t.keyNumber[i]!;
    const slots = byNumber[prefix];
    if (slots && n >= 0) slots[n] = i;
    else {
      let map = byMap.get(prefix);
      if (!map) byMap.set(prefix, (map = new Map<number, number>()));
      map.set(n, i);
    }
  }
  return (i: number): number => {
    const prefix = t.parentPrefix[i]!;
    if (prefix === NONE) return NONE;
    const n = t.parentNumber[i]!;
    const slots = byNumber[prefix];
    if (slots && n >= 0) return n < slots.length ? slots[n]! : NONE;
    return byMap.get(prefix)?.get(n) ?? NONE;
  };
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** The positions (in the selection) of the rows matching the filters. */
function matching(t: RowTable, e: Effective, f: IndexFilters): Int32Array {
  const m = e.rowOf.length;
  const refsOf = (values: readonly string[] | undefined): Uint8Array | undefined => {
    if (!values || values.length === 0) return undefined;
    const wanted = new Set(values);
    return Uint8Array.from(t.strings, (s) => (wanted.has(s) ? 1 : 0));
  };
  const projects = f.projectKeys?.length ? Uint8Array.from(t.projects, (p) => (f.projectKeys!.includes(p.key) ? 1 : 0)) : undefined;
  const stages = f.stages?.length ? Uint8Array.from(STAGES, (s) => (f.stages!.includes(s) ? 1 : 0)) : undefined;
  const fsts = refsOf(f.fsts);
  const releases = refsOf(f.releases);
  const types = f.types?.length ? new Set(f.types) : undefined;
  const typeOk = types ? Uint8Array.from(ITEM_TYPES, (x) => (types.has(x) ? 1 : 0)) : undefined;
  const companies = refsOf(f.companies);
  const listOk = companies ? Uint8Array.from(t.companyLists, (list) => (list.some((c) => companies[c] === 1) ? 1 : 0)) : undefined;
  const out = new Int32Array(m);
  let k = 0;
  for (let p = 0; p < m; p++) {
    const i = e.rowOf[p]!;
    if (projects && projects[t.project[i]!] !== 1) continue;
    if (stages && stages[t.stage[i]!] !== 1) continue;
    if (fsts && (e.fst[p] === NONE || fsts[e.fst[p]!] !== 1)) continue;
    if (releases && (e.release[p] === NONE || releases[e.release[p]!] !== 1)) continue;
    if (typeOk && (e.type[p] === NONE || typeOk[e.type[p]!] !== 1)) continue;
    if (listOk && (e.from[p] === NONE || listOk[t.companies[e.from[p]!]!] !== 1)) continue;
    if (f.onlySlipped && e.slipped[p] !== 1) continue;
    if (f.onlyBlocked && t.blockers[i] === 0) continue;
    out[k++] = p;
  }
  return out.subarray(0, k);
}

function sortedLabels(set: Iterable<string>): string[] {
  return [...new Set(set)].sort((a, b) => (a === NONE_LABEL ? 1 : b === NONE_LABEL ? -1 : a.localeCompare(b)));
}

/** The completeness bucket of each checklist count (0 to 12). */
const BUCKET_OF_COMPLETED = Array.from({ length: 13 }, (_, c) => {
  const pct = Math.round((c / 12) * 100);
  const bi = COMPLETENESS_BUCKETS.findIndex((b) => pct >= b.min && pct <= b.max);
  return bi < 0 ? 0 : bi;
});

/** Counts the summaries over the matching positions. Linear in rows. */
function aggregate(t: RowTable, e: Effective, matched: Int32Array, calendar: ReleaseCalendar): IndexAggregates {
  const totals = { items: 0, roadmapItems: 0, deliverables: 0, slipped: 0, blocked: 0, integrityProblems: 0 };
  const stageCounts = new Int32Array(STAGES.length);
  // Counted per string reference (+1: 0 is none), turned into labels at the end.
  const S = t.strings.length + 1;
  const fstStage = new Map<number, Int32Array>();
  const releaseFst = new Map<number, ReleaseCell>();
  const companyCells = new Map<number, CompanyCell[]>();
  const fstSeen = new Uint8Array(S);
  const buckets = COMPLETENESS_BUCKETS.map(() => 0);
  const valid = 0; // INTEGRITY_STATES[0]
  for (let k = 0; k < matched.length; k++) {
    const p = matched[k]!;
    const i = e.rowOf[p]!;
    totals.items += 1;
    if (e.slipped[p] === 1) totals.slipped += 1;
    if (t.blockers[i]! > 0) totals.blocked += 1;
    if (t.integrity[i] !== valid) totals.integrityProblems += 1;
    const st = t.stage[i]!;
    stageCounts[st]! += 1;
    const fst = e.fst[p]! + 1;
    fstSeen[fst] = 1;
    const at = (e.release[p]! + 1) * S + fst;
    let cell = releaseFst.get(at);
    if (!cell) releaseFst.set(at, (cell = { roadmapItems: 0, deliverables: 0 }));
    if (st >= PORTFOLIO_STAGE_COUNT) {
      totals.deliverables += 1;
      cell.deliverables += 1;
      continue;
    }
    totals.roadmapItems += 1;
    cell.roadmapItems += 1;
    let stageRow = fstStage.get(fst);
    if (!stageRow) fstStage.set(fst, (stageRow = new Int32Array(PORTFOLIO_STAGE_COUNT)));
    stageRow[st]! += 1;
    const done = t.completed[i]!;
    buckets[BUCKET_OF_COMPLETED[done < 0 ? 0 : Math.min(done, 12)]!]! += 1;
    const list = t.companyLists[t.companies[i]!]!;
    const people = t.peopleLists[t.people[i]!]!;
    const mask = t.interested[i]!;
    for (let c = 0; c < list.length; c++) {
      const company = list[c]!;
      let cells = companyCells.get(company);
      if (!cells) companyCells.set(company, (cells = PORTFOLIO_STAGES.map(() => ({ items: 0, interested: 0, committedPeople: 0 }))));
      const cc = cells[st]!;
      cc.items += 1;
      if (c < 31 && (mask & (1 << c)) !== 0) cc.interested += 1;
      cc.committedPeople += people[c] ?? 0;
    }
  }
  const label = (refPlus1: number) => (refPlus1 === 0 ? NONE_LABEL : t.strings[refPlus1 - 1]!);
  // Two references with one label (a stored FST literally named like the none label) count as one.
  const fstStageByLabel = new Map<string, number[]>();
  for (const [fst, counts] of fstStage) {
    const l = label(fst);
    const row = fstStageByLabel.get(l) ?? PORTFOLIO_STAGES.map(() => 0);
    counts.forEach((c, s) => (row[s]! += c));
    fstStageByLabel.set(l, row);
  }
  const releaseFstByLabel = new Map<string, Map<string, ReleaseCell>>();
  for (const [at, cell] of releaseFst) {
    const r = label(Math.floor(at / S));
    const f = label(at % S);
    let byFst = releaseFstByLabel.get(r);
    if (!byFst) releaseFstByLabel.set(r, (byFst = new Map<string, ReleaseCell>()));
    const sum = byFst.get(f) ?? { roadmapItems: 0, deliverables: 0 };
    sum.roadmapItems += cell.roadmapItems;
    sum.deliverables += cell.deliverables;
    byFst.set(f, sum);
  }
  const fstLabels: string[] = [];
  fstSeen.forEach((seen, f) => seen === 1 && fstLabels.push(label(f)));
  const fsts = sortedLabels(fstLabels);
  const order = (id: string) => (id === NONE_LABEL ? Number.POSITIVE_INFINITY : releaseSortKey(calendar, id));
  const releases = [...releaseFstByLabel.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const companyByLabel = new Map<string, CompanyCell[]>();
  for (const [company, cells] of companyCells) companyByLabel.set(t.strings[company]!, cells);
  const companies = [...companyByLabel.keys()].sort((a, b) => a.localeCompare(b));
  const stageRowOf = (f: string) => fstStageByLabel.get(f) ?? PORTFOLIO_STAGES.map(() => 0);
  // FST x stage lists only FSTs with Roadmap Items; release x FST every FST a row carries.
  const fstsWithItems = fsts.filter((f) => fstStageByLabel.has(f));
  return {
    totals,
    funnels: {
      portfolio: PORTFOLIO_STAGES.map((stage) => ({ stage, count: stageCounts[STAGES.indexOf(stage)] ?? 0 })),
      delivery: DELIVERY_STAGES.map((stage) => ({ stage, count: stageCounts[STAGES.indexOf(stage)] ?? 0 })),
    },
    fstByStage: { rows: fstsWithItems, columns: [...PORTFOLIO_STAGES], cells: fstsWithItems.map(stageRowOf) },
    releaseByFst: {
      rows: releases.map((id) => (id === NONE_LABEL ? id : (releaseById(calendar, id)?.id ?? id))),
      columns: fsts,
      cells: releases.map((r) => fsts.map((f) => releaseFstByLabel.get(r)?.get(f) ?? { roadmapItems: 0, deliverables: 0 })),
    },
    companyByStage: { rows: companies, columns: [...PORTFOLIO_STAGES], cells: companies.map((c) => companyByLabel.get(c) ?? []) },
    completeness: COMPLETENESS_BUCKETS.map((b, i) => ({ bucket: b.id, label: b.label, count: buckets[i] ?? 0 })),
  };
}

/**
 * "LCOO-9" before "LCOO-10": project key, then the number. A key not of that form (none in Jira)
 * is compared as a project part of its own, after the numbered keys of a project it starts with:
 * a total order, so a sort and a heap agree.
 */
export function compareIssueKeys(a: string, b: string): number {
  const ma = /^(.*)-(\d+)$/.exec(a);
  const mb = /^(.*)-(\d+)$/.exec(b);
  const [pa, na] = ma ? [ma[1]!, Number(ma[2])] : [a, -1];
  const [pb, nb] = mb ? [mb[1]!, Number(mb[2])] : [b, -1];
  return pa.localeCompare(pb) || na - nb;
}

const SIZE_ORDER: Record<(typeof SIZES)[number], number> = { S: 0, M: 1, L: 2, XL: 3 };

/**
 * The first `upTo` matching positions in sorted order: the column's order, rows without a value last in
 * either order, then issue key ascending. "Slipped" sorts slipped items first in ascending
 * order, "Vetting" the least complete first: the first click shows what needs attention. Each
 * distinct text is ranked once, so the sort compares numbers; a page near the start takes the
 * smallest rows from a heap instead of sorting them all.
 */
function sortMatched(
  t: RowTable,
  e: Effective,
  matched: Int32Array,
  key: SortKey,
  order: SortOrder,
  names: IndexQuery['names'],
  calendar: ReleaseCalendar,
  upTo: number,
): Int32Array {
  const m = matched.length;
  const sign = order === 'DESC' ? -1 : 1;
  const collator = new Intl.Collator();
  /** Ranks of distinct texts, by reference (-1: not ranked yet). */
  const rankTexts = (texts: (string | undefined)[]): Float64Array => {
    const distinct = [...new Set(texts.filter((x): x is string => x !== undefined))].sort((a, b) => collator.compare(a, b));
    // Texts the collator holds equal share a rank: the issue key orders them, as it does ties.
    const rank = new Map<string, number>();
    let r = 0;
    distinct.forEach((x, i) => {
      if (i > 0 && collator.compare(distinct[i - 1]!, x) !== 0) r += 1;
      rank.set(x, r);
    });
    return Float64Array.from(texts, (x) => (x === undefined ? Number.NaN : rank.get(x)!));
  };
  // NaN: the column has no value for the row.
  const v = new Float64Array(m);
  /** Set instead of `v`: the texts to compare (every row has one). */
  let texts: string[] | undefined;
  const perRef = (refs: Int32Array, text: (ref: number) => string | undefined, size: number) => {
    const texts = Array.from({ length: size }, (_, r) => text(r));
    const ranks = rankTexts(texts);
    for (let k = 0; k < m; k++) {
      const ref = refs[matched[k]!]!;
      v[k] = ref === NONE ? Number.NaN : ranks[ref]!;
    }
  };
  const each = (f: (p: number, i: number) => number) => {
    for (let k = 0; k < m; k++) {
      const p = matched[k]!;
      v[k] = f(p, e.rowOf[p]!);
    }
  };
  switch (key) {
    case 'key':
      break;
    case 'summary': {
      const summaries = Array.from(matched, (p) => t.sortSummary[e.rowOf[p]!]!);
      // Ranking every summary is a sort of its own: for one page the heap compares the texts.
      if (upTo * 8 < m) texts = summaries;
      else v.set(rankTexts(summaries));
      break;
    }
    case 'fst':
      perRef(e.fst, (r) => (names?.fst?.(t.strings[r]!) ?? t.strings[r]!).toLowerCase(), t.strings.length);
      break;
    case 'type':
      each((p) => (e.type[p] === NONE ? Number.NaN : e.type[p]!));
      break;
    case 'size':
      each((p) => (e.size[p] === NONE ? Number.NaN : SIZE_ORDER[SIZES[e.size[p]!]!]));
      break;
    case 'stage':
      each((_, i) => t.stage[i]!);
      break;
    case 'release': {
      const keys = new Float64Array(t.strings.length).fill(Number.NaN);
      each((p) => {
        const r = e.release[p]!;
        if (r === NONE) return Number.NaN;
        if (Number.isNaN(keys[r]!)) keys[r] = Math.min(releaseSortKey(calendar, t.strings[r]!), 1e15);
        return keys[r]!;
      });
      break;
    }
    case 'companies': {
      // The companies a position shows are its `from` row's list.
      const lists = new Int32Array(m);
      for (let k = 0; k < m; k++) {
        const from = e.from[matched[k]!]!;
        lists[k] = from === NONE ? NONE : t.companies[from]!;
      }
      const texts = t.companyLists.map((list) =>
        list.length === 0
          ? undefined
          : list
              .map((c) => names?.company?.(t.strings[c]!) ?? t.strings[c]!)
              .join(', ')
              .toLowerCase(),
      );
      const ranks = rankTexts(texts);
      for (let k = 0; k < m; k++) v[k] = lists[k] === NONE ? Number.NaN : ranks[lists[k]!]!;
      break;
    }
    case 'completeness':
      // A record the app did not sign sorts below an honest 0 of 12; a deliverable has no checklist.
      each((_, i) => (t.stage[i]! >= PORTFOLIO_STAGE_COUNT ? Number.NaN : t.integrity[i] === 0 ? Math.max(0, t.completed[i]!) : -1));
      break;
    case 'blockers':
      each((_, i) => (t.next[i] === NONE ? Number.NaN : t.blockers[i]!));
      break;
    case 'slipped':
      each((p) => (e.slipped[p] === 1 ? 0 : 1));
      break;
  }
  // The issue key as compareIssueKeys orders it: the project part's rank, then the number.
  const byLocale = t.keyPrefixes.map((_, r) => r).sort((a, b) => t.keyPrefixes[a]!.localeCompare(t.keyPrefixes[b]!));
  const prefixRank = new Int32Array(t.keyPrefixes.length);
  byLocale.forEach((r, k) => {
    const same = k > 0 && t.keyPrefixes[byLocale[k - 1]!]!.localeCompare(t.keyPrefixes[r]!) === 0;
    prefixRank[r] = same ? prefixRank[byLocale[k - 1]!]! : k;
  });
  const prefix = new Int32Array(m);
  const num = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = e.rowOf[matched[k]!]!;
    prefix[k] = prefixRank[t.keyPrefix[i]!]!;
    num[k] = t.keyNumber[i]!;
  }
  const byKey = (a: number, b: number): number => prefix[a]! - prefix[b]! || num[a]! - num[b]!;
  const compare = (a: number, b: number): number => {
    if (key !== 'key') {
      if (texts) {
        const c = collator.compare(texts[a]!, texts[b]!);
        if (c !== 0) return sign * c;
      } else {
        const va = v[a]!;
        const vb = v[b]!;
        const na = Number.isNaN(va);
        const nb = Number.isNaN(vb);
        if (na && !nb) return 1;
        if (nb && !na) return -1;
        if (!na && !nb && va !== vb) return sign * (va - vb);
      }
    }
    // Two rows with one key (never in Jira) keep the order they came in.
    return (key === 'key' ? sign : 1) * byKey(a, b) || a - b;
  };
  const ranked = upTo * 8 < m ? smallest(m, upTo, compare) : Array.from({ length: m }, (_, k) => k).sort(compare);
  return Int32Array.from(ranked.length > upTo ? ranked.slice(0, upTo) : ranked, (k) => matched[k]!);
}

/**
 * The `k` smallest of 0..m-1 in `compare`'s order, sorted: a page near the start of 50,000 rows
 * needs a heap of k, not a sort of all of them.
 */
function smallest(m: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  // A max-heap of the k smallest so far: its top is the largest of them.
  const heap: number[] = [];
  const above = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => {
    const x = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = x;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && above(l, top)) top = l;
      if (r < heap.length && above(r, top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (let x = 0; x < m; x++) {
    if (heap.length < k) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0 && above(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (compare(x, heap[0]!) < 0) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(compare);
}

/** The objects of some positions: the row with what it inherits filled in. */
export function effectiveRowsAt(t: RowTable, e: Effective, positions: ArrayLike<number>): EffectiveRow[] {
  const make = rowMaker(t);
  const made = new Map<number, ReturnType<typeof make>>();
  const rowAt = (i: number) => {
    let r = made.get(i);
    if (!r) made.set(i, (r = make(i)));
    return r;
  };
  return Array.from({ length: positions.length }, (_, k): EffectiveRow => {
    const p = positions[k]!;
    const r = rowAt(e.rowOf[p]!);
    const from = e.from[p] === NONE ? undefined : rowAt(e.from[p]!);
    const type = e.type[p]!;
    const size = e.size[p]!;
    return {
      ...r,
      fst: stringOf(t, e.fst[p]!),
      type: type === NONE ? undefined : ITEM_TYPES[type],
      size: size === NONE ? undefined : SIZES[size],
      releaseId: stringOf(t, e.release[p]!),
      companies: from?.companies ?? [],
      interested: from?.interested ?? [],
      people: from?.people ?? [],
      inherited: e.parent[p] !== NONE,
      slipped: e.slipped[p] === 1,
    };
  });
}

/** Filters, aggregates, sorts and pages the selected rows of a table (the rows a person may see; undefined: all). */
export function queryTable(t: RowTable, selection: ArrayLike<number> | undefined, q: IndexQuery): IndexAnswer {
  const calendar = q.calendar ?? BUILTIN_CALENDAR;
  const e = effectiveOf(t, selection, q.nowMs, calendar);
  const matched = matching(t, e, q.filters ?? {});
  const aggregates = aggregate(t, e, matched, calendar);
  const pageSize = Math.max(1, Math.min(q.maxPageSize ?? 100, q.pageSize ?? DEFAULT_PAGE_SIZE));
  const lastPage = Math.max(1, Math.ceil(matched.length / pageSize));
  const page = Math.min(Math.max(1, q.page ?? 1), lastPage);
  const sort = q.sort ?? { key: 'key', order: 'ASC' };
  const sorted = sortMatched(t, e, matched, sort.key, sort.order, q.names, calendar, page * pageSize);
  return {
    ...aggregates,
    rows: effectiveRowsAt(t, e, sorted.subarray((page - 1) * pageSize)),
    matched: matched.length,
    page,
    pageSize,
  };
}
