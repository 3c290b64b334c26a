// The column query (src/domain/portfolio-query.ts) equals the plain row-by-row query
// (test/support/plain-portfolio-query.ts) over random portfolios: what deliverables inherit
// (from visible items only), every filter, every aggregate, the page's rows; and a table read
// from stored buckets answers as the rows it was written from.
import fc from 'fast-check';
import { STAGES, PORTFOLIO_STAGES, DELIVERY_STAGES } from '../../../src/domain/lifecycle';
import { compareIssueKeys, queryIndex, queryTable, SORT_KEYS, type IndexFilters, type SlimRow } from '../../../src/domain/portfolio-index';
import { encodeBucket, tableOfBuckets } from '../../../src/storage/portfolio-index/bucket-codec';
import { plainAggregateRows, plainEffectiveRows, plainMatchesFilters } from '../../support/plain-portfolio-query';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const FSTS = ['resource-management', 'networking', '', 'Alpha'];
const RELEASES = ['flamingo', 'gazpacho', 'hibiscus', 'indri', '2031.2', ''];
const COMPANIES = ['att', 'ntt', 'orange', 'comcast'];
const PROJECTS = [
  ['10000', 'LCOO'],
  ['10001', 'NET'],
] as const;

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A portfolio: Roadmap Items, and deliverables naming one of them (or a key nobody has). */
const portfolioOf = (minLength: number) =>
  fc
    .array(
      fc.record({
        delivery: fc.boolean(),
        project: fc.constantFrom(...PROJECTS),
        portfolioStage: fc.constantFrom(...PORTFOLIO_STAGES),
        deliveryStage: fc.constantFrom(...DELIVERY_STAGES),
        next: opt(fc.constantFrom(...STAGES)),
        fst: opt(fc.constantFrom(...FSTS)),
        type: opt(fc.constantFrom('new', 'debt', 'bug', 'other' as const)),
        size: opt(fc.constantFrom('S', 'M', 'L', 'XL' as const)),
        release: opt(fc.constantFrom(...RELEASES)),
        companies: fc.uniqueArray(fc.constantFrom(...COMPANIES), { maxLength: 4 }),
        interestMask: fc.nat(15),
        people: fc.array(fc.nat(5), { minLength: 4, maxLength: 4 }),
        completed: fc.nat(12),
        integrity: fc.constantFrom('valid', 'valid', 'modified-outside-app', 'missing' as const),
        blockers: fc.nat(3),
        parent: fc.nat(30),
        security: opt(fc.constantFrom('10100', '10101')),
        summary: fc.constantFrom('échange', 'exchange', 'Zebra', 'apple'),
      }),
      { minLength, maxLength: 60 },
    )
    .map((specs) => {
      const rows: SlimRow[] = specs.map((s, i) => {
        // Now and then a key not of the form PROJECT-123 (found by its text, sorted as text).
        const key = i % 11 === 5 ? `${s.project[1]}-${i}x` : `${s.project[1]}-${i * 7 + 1}`;
        const base = {
          id: String(20000 + i),
          key,
          projectId: s.project[0],
          projectKey: s.project[1],
          integrity: s.integrity,
          blockerCount: s.blockers,
          sortSummary: s.summary,
          updated: NOW - i * 1000,
          ...(s.next ? { next: s.next } : {}),
          ...(s.security ? { securityLevel: s.security } : {}),
        };
        if (s.delivery)
          return {
            ...base,
            lifecycle: 'delivery' as const,
            stage: s.deliveryStage,
            companies: [],
            interested: [],
            people: [],
            ...(s.release !== undefined ? { releaseId: s.release } : {}),
          };
        return {
          ...base,
          lifecycle: 'portfolio' as const,
          stage: s.portfolioStage,
          companies: s.companies,
          interested: s.companies.filter((_, k) => (s.interestMask & (1 << k)) !== 0),
          people: s.people.slice(0, s.companies.length),
          completed: s.completed,
          ...(s.fst !== undefined ? { fst: s.fst } : {}),
          ...(s.type ? { type: s.type } : {}),
          ...(s.size ? { size: s.size } : {}),
          ...(s.release !== undefined ? { releaseId: s.release } : {}),
        };
      });
      // Deliverables name a Roadmap Item by key (some name one that is not there).
      specs.forEach((s, i) => {
        if (s.delivery) rows[i]!.parentKey = s.parent < specs.length ? rows[s.parent]!.key : `GONE-${s.parent}`;
      });
      return rows;
    });

const filters: fc.Arbitrary<IndexFilters> = fc.record(
  {
    fsts: fc.subarray([...FSTS, 'nobody']),
    stages: fc.subarray([...STAGES]),
    releases: fc.subarray([...RELEASES, 'nobody']),
    companies: fc.subarray([...COMPANIES, 'nobody']),
    types: fc.subarray(['new', 'debt', 'bug', 'open-sourcing', 'other'] as const),
    onlySlipped: fc.boolean(),
    onlyBlocked: fc.boolean(),
    projectKeys: fc.subarray(['LCOO', 'NET']),
  },
  { requiredKeys: [] },
);

/** The plain query's answer: matching rows in key order, and the aggregates. */
function plain(rows: SlimRow[], f: IndexFilters) {
  const matching = plainEffectiveRows(rows, NOW).filter((r) => plainMatchesFilters(r, f));
  return { aggregates: plainAggregateRows(matching), rows: [...matching].sort((a, b) => compareIssueKeys(a.key, b.key)) };
}

const everything = (n: number) => ({ nowMs: NOW, pageSize: Math.max(1, n), maxPageSize: Math.max(1, n) });

test('the column query answers as the plain one: inheritance, filters, aggregates and rows', () => {
  fc.assert(
    fc.property(portfolioOf(0), filters, fc.nat(60), (rows, f, hideFrom) => {
      // The person sees some of the rows: a deliverable may lose its Roadmap Item.
      const visible = rows.filter((_, i) => i < hideFrom || i % 3 !== 0);
      const got = queryIndex(visible, { ...everything(visible.length), filters: f });
      const want = plain(visible, f);
      const { rows: gotRows, matched, page, pageSize, ...aggregates } = got;
      expect(aggregates).toEqual(want.aggregates);
      expect(matched).toBe(want.rows.length);
      expect(gotRows).toEqual(want.rows);
      expect([page, pageSize]).toEqual([1, Math.max(1, visible.length)]);
    }),
    { numRuns: 300 },
  );
});

test('a table read from stored buckets, with a selection of its rows, answers as those rows do', () => {
  fc.assert(
    fc.property(portfolioOf(0), filters, fc.nat(4), (rows, f, buckets) => {
      const count = buckets + 1;
      // Stored and read back as Forge storage does: JSON.
      const stored = Array.from({ length: count }, (_, k) => {
        const own = rows.filter((r) => Number(r.id) % count === k);
        return own.length === 0 && k % 2 === 1 ? undefined : (JSON.parse(JSON.stringify(encodeBucket(own, () => 1))) as unknown);
      });
      const table = tableOfBuckets(stored);
      expect(table.n).toBe(rows.length);
      // The rows of projects the person may browse.
      const selection = Int32Array.from({ length: table.n }, (_, i) => i).filter((i) => table.projects[table.project[i]!]!.key === 'LCOO');
      const selected = new Set(Array.from(selection, (i) => String(table.id[i])));
      const got = queryTable(table, selection, { ...everything(rows.length), filters: f });
      const want = queryIndex(
        rows.filter((r) => selected.has(r.id)),
        { ...everything(rows.length), filters: f },
      );
      expect(got).toEqual(want);
    }),
    { numRuns: 200 },
  );
});

test('a page near the start (taken from a heap) is that slice of the whole sort, for every column and order', () => {
  fc.assert(
    fc.property(
      portfolioOf(24),
      fc.constantFrom(...SORT_KEYS),
      fc.constantFrom('ASC', 'DESC' as const),
      fc.integer({ min: 1, max: 3 }),
      (rows, key, order, page) => {
        const sort = { key, order };
        const whole = queryIndex(rows, { ...everything(rows.length), sort }).rows.map((r) => r.key);
        // 2 rows a page: page * 2 * 8 < rows.length, so the heap answers.
        const got = queryIndex(rows, { nowMs: NOW, sort, page, pageSize: 2 }).rows.map((r) => r.key);
        expect(got).toEqual(whole.slice((page - 1) * 2, page * 2));
      },
    ),
    { numRuns: 300 },
  );
});
