// A bucket of the portfolio index against Forge's value limit: a bucket sized for
// ROWS_PER_BUCKET rows keeps taking rows until the reconcile's rebuild threshold
// (FULL_BUCKET_ROWS), and past BUCKET_MAX_BYTES a write is refused by the app with
// IndexBucketFullError (what the trigger and the save turn into "rebuild with more buckets"),
// never by Forge's VALUE_TOO_LARGE for the whole transaction. The real @forge/kvs against the
// sandbox's emulator, with the manifest's two entities.
import { kvsInProcess } from '../../support/kvs-in-process';
import type { IndexRow } from '../../../src/domain/portfolio-index';
import { BUCKET_MAX_BYTES, changeRows, IndexBucketFullError, readBuckets } from '../../../src/storage/portfolio-index/store';
import { FULL_BUCKET_ROWS, ROWS_PER_BUCKET } from '../../../src/usecases/portfolio-index/rebuild';

kvsInProcess({
  'portfolio-row': [
    { name: 'by-parent', partition: ['parentKey'], range: ['issueKey'] },
    { name: 'by-bucket', partition: ['bucket'], range: ['issueKey'] },
  ],
  'portfolio-bucket': [{ name: 'version', partition: [], range: ['version'] }],
});

const COMPANIES = ['att', 'comcast', 'ntt', 'orange', 'reliance-jio', 'intel'];

/** A Roadmap Item row as large as real ones get: every company listed, a long summary, a blocker. */
function row(n: number): IndexRow {
  const summary = `Placement: NUMA-aware scheduling with nested resource providers, part ${n}`;
  return {
    id: String(10_000 + n),
    key: `LCOO-${10_000 + n}`,
    projectId: '10000',
    projectKey: 'LCOO',
    lifecycle: 'portfolio',
    stage: 'being-vetted',
    next: 'prioritized',
    fst: 'resource-management',
    type: 'new',
    size: 'XL',
    releaseId: 'indri',
    companies: COMPANIES,
    interested: COMPANIES.slice(0, 3),
    people: [2, 1, 0, 3, 1, 0],
    completed: n % 13,
    integrity: 'valid',
    blockerCount: 2,
    parentKey: undefined,
    sortSummary: summary.toLowerCase(),
    updated: 1_764_000_000_000 + n * 1000,
    summary,
    issueType: 'Roadmap Item',
    blockers: [{ requirement: 'checklist', message: 'Checklist item 3 is missing.' }],
  } as IndexRow;
}

test('a bucket reaches the rebuild threshold before its size limit, and past it the app refuses the write itself', async () => {
  expect(FULL_BUCKET_ROWS).toBeGreaterThan(ROWS_PER_BUCKET);
  let stored = 0;
  let refused: unknown;
  for (let n = 0; n < 3000 && !refused; n += 25) {
    try {
      await changeRows({ put: Array.from({ length: 25 }, (_, i) => row(n + i)), generation: 1 }, 1);
      stored = n + 25;
    } catch (err) {
      refused = err;
    }
  }
  expect(refused).toBeInstanceOf(IndexBucketFullError);
  expect(stored).toBeGreaterThanOrEqual(FULL_BUCKET_ROWS);
  const { buckets } = await readBuckets(1);
  expect(buckets[0]!.rows).toHaveLength(stored);
  expect(BUCKET_MAX_BYTES).toBeLessThan(240 * 1024);
}, 60_000);
