// The index query (src/domain/portfolio-index.ts): what a deliverable inherits under any
// filter, the pivots counting Roadmap Items and deliverables apart, the sort orders and paging.
import {
  compareIssueKeys,
  queryIndex,
  effectiveRows,
  SORT_KEYS,
  type SlimRow,
  type EffectiveRow,
  type SortKey,
} from '../../../src/domain/portfolio-index';
import { BUILTIN_CALENDAR, releaseSortKey } from '../../../src/domain/releases';
import { PORTFOLIO_STAGES, STAGES } from '../../../src/domain/lifecycle';
import { ITEM_TYPES, SIZES } from '../../../src/domain/vetting';

const NOW = Date.parse('2026-11-25T12:00:00Z');
let nextId = 100;

function item(key: string, over: Partial<SlimRow> = {}): SlimRow {
  return {
    id: String(nextId++),
    key,
    projectId: '10000',
    projectKey: 'LCOO',
    lifecycle: 'portfolio',
    stage: 'prioritized',
    next: 'development-ready',
    fst: 'resource-management',
    type: 'new',
    size: 'L',
    releaseId: 'indri',
    companies: ['att', 'ntt'],
    interested: ['att'],
    people: [0, 2],
    completed: 12,
    integrity: 'valid',
    blockerCount: 0,
    sortSummary: key.toLowerCase(),
    updated: NOW,
    ...over,
  };
}

function deliverable(key: string, parentKey: string | undefined, over: Partial<SlimRow> = {}): SlimRow {
  const row: SlimRow = {
    id: String(nextId++),
    key,
    projectId: '10000',
    projectKey: 'LCOO',
    lifecycle: 'delivery',
    stage: 'delivered',
    companies: [],
    interested: [],
    people: [],
    integrity: 'valid',
    blockerCount: 0,
    sortSummary: key.toLowerCase(),
    updated: NOW,
    ...over,
  };
  if (parentKey) row.parentKey = parentKey;
  return row;
}

describe('what a deliverable inherits', () => {
  const rows = [
    item('LCOO-1', { stage: 'development-ready' }),
    deliverable('LCOO-2', 'LCOO-1'),
    deliverable('LCOO-3', 'LCOO-1', { releaseId: 'hibiscus' }),
  ];

  test('with the Stage filter on Delivered, deliverables keep the FST, type, size and companies of their Roadmap Item', () => {
    const a = queryIndex(rows, { nowMs: NOW, filters: { stages: ['delivered'] } });
    expect(a.rows.map((r) => r.key)).toEqual(['LCOO-2', 'LCOO-3']);
    for (const r of a.rows) {
      expect(r).toMatchObject({ fst: 'resource-management', type: 'new', size: 'L', companies: ['att', 'ntt'], inherited: true });
    }
    expect(a.releaseByFst.columns).toEqual(['resource-management']);
    expect(a.releaseByFst.columns).not.toContain('(none)');
  });

  test('a milestone release is the deliverable own; without one it inherits the target release', () => {
    const [, d2, d3] = effectiveRows(rows, NOW);
    expect(d2?.releaseId).toBe('indri');
    expect(d3?.releaseId).toBe('hibiscus');
  });

  test('an FST filter finds the deliverables of that FST, a company filter too', () => {
    expect(queryIndex(rows, { nowMs: NOW, filters: { fsts: ['resource-management'] } }).matched).toBe(3);
    expect(queryIndex(rows, { nowMs: NOW, filters: { companies: ['ntt'], stages: ['delivered'] } }).matched).toBe(2);
    expect(queryIndex(rows, { nowMs: NOW, filters: { fsts: ['networking'] } }).matched).toBe(0);
  });

  test('a deliverable whose Roadmap Item is not among the rows (not visible) inherits nothing', () => {
    const a = queryIndex([deliverable('LCOO-9', 'LCOO-1')], { nowMs: NOW });
    expect(a.rows[0]).toMatchObject({ inherited: false, companies: [] });
    expect(a.rows[0]?.fst).toBeUndefined();
  });
});

describe('release x FST', () => {
  test('counts Roadmap Items and deliverables apart (Indri / Resource Management: 4 items + 4 deliverables)', () => {
    const rows: SlimRow[] = [];
    for (let i = 1; i <= 4; i++) {
      rows.push(item(`LCOO-${i}`));
      rows.push(deliverable(`LCOO-${10 + i}`, `LCOO-${i}`, { stage: 'coding-in-progress', next: 'code-committed' }));
    }
    const a = queryIndex(rows, { nowMs: NOW });
    const r = a.releaseByFst.rows.indexOf('indri');
    const c = a.releaseByFst.columns.indexOf('resource-management');
    expect(a.releaseByFst.cells[r]?.[c]).toEqual({ roadmapItems: 4, deliverables: 4 });
    expect(a.totals).toMatchObject({ items: 8, roadmapItems: 4, deliverables: 4 });
    // FST x stage and the company pivot count Roadmap Items only.
    expect(a.fstByStage.cells.flat().reduce((x, y) => x + y, 0)).toBe(4);
    const att = a.companyByStage.rows.indexOf('att');
    expect(a.companyByStage.cells[att]?.[2]).toEqual({ items: 4, interested: 4, committedPeople: 0 });
    const ntt = a.companyByStage.rows.indexOf('ntt');
    expect(a.companyByStage.cells[ntt]?.[2]).toEqual({ items: 4, interested: 0, committedPeople: 8 });
  });
});

/** Every row, sorted by the query (one page holds them all). */
function sortRows(rows: readonly SlimRow[], key: SortKey, order: 'ASC' | 'DESC', names?: { fst?: (id: string) => string }): EffectiveRow[] {
  return queryIndex(rows, {
    nowMs: NOW,
    sort: { key, order },
    pageSize: rows.length,
    maxPageSize: rows.length,
    ...(names ? { names } : {}),
  }).rows;
}

describe('sorting', () => {
  const rows = (): SlimRow[] => [
    item('LCOO-1', { completed: 5 }),
    deliverable('LCOO-2', 'LCOO-1', { stage: 'backlog', next: 'blueprint-in-progress', releaseId: 'flamingo' }),
    item('LCOO-3', { completed: 12, releaseId: 'flamingo', stage: 'being-vetted' }),
    item('LCOO-10', { completed: 0, integrity: 'modified-outside-app' }),
    item('LCOO-4', { stage: 'development-ready', next: undefined, blockerCount: 0 }),
  ];
  const keys = (r: EffectiveRow[]) => r.map((x) => x.key);

  test('Vetting: deliverables ("n/a") come last in both orders; an unsigned record below an honest 0', () => {
    expect(keys(sortRows(rows(), 'completeness', 'ASC'))).toEqual(['LCOO-10', 'LCOO-1', 'LCOO-3', 'LCOO-4', 'LCOO-2']);
    expect(keys(sortRows(rows(), 'completeness', 'DESC')).at(-1)).toBe('LCOO-2');
  });

  test('Slipped: the first (ascending) order shows slipped items first', () => {
    const asc = sortRows(rows(), 'slipped', 'ASC');
    expect(asc.slice(0, 2).every((r) => r.slipped)).toBe(true);
    expect(keys(asc.slice(0, 2))).toEqual(['LCOO-2', 'LCOO-3']);
    expect(sortRows(rows(), 'slipped', 'DESC').at(-1)?.slipped).toBe(true);
  });

  test('Blocks next gate: items at their last stage come last; keys sort by number', () => {
    expect(keys(sortRows(rows(), 'blockers', 'DESC')).at(-1)).toBe('LCOO-4');
    expect(keys(sortRows(rows(), 'key', 'ASC'))).toEqual(['LCOO-1', 'LCOO-2', 'LCOO-3', 'LCOO-4', 'LCOO-10']);
    expect(keys(sortRows(rows(), 'key', 'DESC'))[0]).toBe('LCOO-10');
  });

  test('FST sorts by the display name the configuration gives', () => {
    const r = [item('LCOO-1', { fst: 'zeta' }), item('LCOO-2', { fst: 'alpha' })];
    const names = { fst: (id: string) => (id === 'zeta' ? 'Aardvark' : 'Zulu') };
    expect(keys(sortRows(r, 'fst', 'ASC', names))).toEqual(['LCOO-1', 'LCOO-2']);
  });
});

describe('the sort is the plain comparison, computed faster', () => {
  // The query ranks strings and key parts once instead of comparing them row against row; this
  // is the comparison it must equal, written the obvious way (as the index first shipped it).
  function plainValue(r: EffectiveRow, key: SortKey): number | string | undefined {
    switch (key) {
      case 'key':
        return undefined;
      case 'summary':
        return r.sortSummary;
      case 'fst':
        return r.fst?.toLowerCase();
      case 'type':
        return r.type === undefined ? undefined : ITEM_TYPES.indexOf(r.type);
      case 'size':
        return r.size === undefined ? undefined : SIZES.indexOf(r.size);
      case 'stage':
        return STAGES.indexOf(r.stage);
      case 'release':
        return r.releaseId === undefined ? undefined : Math.min(releaseSortKey(BUILTIN_CALENDAR, r.releaseId), 1e15);
      case 'companies':
        return r.companies.length === 0 ? undefined : r.companies.join(', ').toLowerCase();
      case 'completeness':
        return r.lifecycle !== 'portfolio' ? undefined : r.integrity === 'valid' ? (r.completed ?? 0) : -1;
      case 'blockers':
        return r.next === undefined ? undefined : r.blockerCount;
      case 'slipped':
        return r.slipped ? 0 : 1;
    }
  }
  function plainSort(rows: EffectiveRow[], key: SortKey, order: 'ASC' | 'DESC'): string[] {
    const sign = order === 'DESC' ? -1 : 1;
    return [...rows]
      .sort((a, b) => {
        if (key !== 'key') {
          const [va, vb] = [plainValue(a, key), plainValue(b, key)];
          if (va === undefined && vb !== undefined) return 1;
          if (vb === undefined && va !== undefined) return -1;
          if (va !== undefined && vb !== undefined && va !== vb) {
            const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
            if (c !== 0) return sign * c;
          }
        }
        return (key === 'key' ? sign : 1) * compareIssueKeys(a.key, b.key);
      })
      .map((r) => r.key);
  }

  test('every column, both orders, over rows with ties, gaps, two projects and keys of every length', () => {
    let seed = 7;
    const pick = <T>(xs: readonly T[]): T => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return xs[(seed >>> 16) % xs.length]!;
    };
    const rows: SlimRow[] = [];
    for (let i = 1; i <= 300; i++) {
      const key = `${pick(['LCOO', 'LCOO', 'NET', 'AB'])}-${pick([i, i * 7, i * 113])}`;
      const over: Partial<SlimRow> = {
        stage: pick(PORTFOLIO_STAGES),
        fst: pick(['zeta', 'Alpha', 'beta', undefined]),
        type: pick(['new', 'debt', 'other', undefined] as const),
        size: pick(['S', 'XL', undefined] as const),
        releaseId: pick(['indri', 'flamingo', 'gazpacho', '2031.2', undefined]),
        companies: pick([[], ['att'], ['ntt', 'att'], ['Orange']]),
        completed: pick([0, 5, 12]),
        integrity: pick(['valid', 'valid', 'modified-outside-app'] as const),
        blockerCount: pick([0, 1, 3]),
        next: pick(['prioritized', undefined] as const),
        sortSummary: pick(['échange', 'exchange', 'Zebra', 'apple', 'apple']),
      };
      rows.push(
        i % 4 === 0
          ? deliverable(key, pick([rows[0]?.key, undefined]), { stage: 'backlog', sortSummary: over.sortSummary! })
          : item(key, over),
      );
    }
    const eff = effectiveRows(rows, NOW);
    for (const key of SORT_KEYS) {
      for (const order of ['ASC', 'DESC'] as const) {
        expect([key, order, sortRows(rows, key, order).map((r) => r.key)]).toEqual([key, order, plainSort(eff, key, order)]);
      }
    }
  });
});

describe('paging', () => {
  test('one page of rows, the aggregates over all of them; a page past the end answers the last', () => {
    const rows = Array.from({ length: 45 }, (_, i) => item(`LCOO-${i + 1}`));
    const a = queryIndex(rows, { nowMs: NOW, page: 3, pageSize: 20 });
    expect(a.rows.map((r) => r.key)).toEqual(['LCOO-41', 'LCOO-42', 'LCOO-43', 'LCOO-44', 'LCOO-45']);
    expect(a.totals.items).toBe(45);
    expect(a.matched).toBe(45);
    expect(queryIndex(rows, { nowMs: NOW, page: 9 }).page).toBe(3);
  });

  test('the project scope and "blocked only" narrow before counting', () => {
    const rows = [item('LCOO-1', { blockerCount: 2 }), item('NET-1', { projectKey: 'NET', projectId: '10001' })];
    expect(queryIndex(rows, { nowMs: NOW, filters: { projectKeys: ['NET'] } }).rows.map((r) => r.key)).toEqual(['NET-1']);
    expect(queryIndex(rows, { nowMs: NOW, filters: { onlyBlocked: true } }).totals).toMatchObject({ items: 1, blocked: 1 });
  });
});
