// The portfolio index's bucket format (version 2, columnar): every row reads back as written,
// buckets written by version 1 still read, and a malformed bucket is refused with a sentence
// naming the bucket and what is wrong, never read as other rows.
import type { SlimRow } from '../../../src/domain/portfolio-index';
import { decodeBucket, encodeBucket, UnreadableBucketError } from '../../../src/storage/portfolio-index/bucket-codec';

const rows: SlimRow[] = [
  {
    id: '10001',
    key: 'LCOO-1',
    projectId: '10000',
    projectKey: 'LCOO',
    lifecycle: 'portfolio',
    stage: 'being-vetted',
    next: 'prioritized',
    fst: 'networking',
    type: 'new',
    size: 'XL',
    releaseId: 'indri',
    companies: ['att', 'comcast', 'ntt'],
    interested: ['att', 'ntt'],
    people: [2, 0, 11],
    completed: 12,
    integrity: 'valid',
    blockerCount: 3,
    parentKey: undefined,
    sortSummary: 'sr-iov, "live" migration\nà',
    securityLevel: undefined,
    updated: 1_764_000_000_000,
  },
  {
    id: '10002',
    key: 'UPS-22',
    projectId: '10001',
    projectKey: 'UPS',
    lifecycle: 'delivery',
    stage: 'delivered',
    next: undefined,
    fst: undefined,
    type: undefined,
    size: undefined,
    releaseId: undefined,
    companies: [],
    interested: [],
    people: [],
    completed: undefined,
    integrity: 'modified-outside-app',
    blockerCount: 0,
    parentKey: 'LCOO-1',
    sortSummary: '',
    securityLevel: '10200',
    updated: 1_700_000_001_000,
  },
];

test('rows and their generations read back exactly as written, through JSON; rows with the same companies share one frozen list', () => {
  const packed = JSON.parse(JSON.stringify(encodeBucket(rows, (r) => (r.id === '10001' ? 4 : 7)))) as unknown;
  const got = decodeBucket(3, packed);
  expect(got.rows).toEqual(rows);
  expect(got.generations).toEqual([4, 7]);
  expect(
    decodeBucket(
      0,
      encodeBucket([], () => 1),
    ),
  ).toEqual({ rows: [], generations: [] });
  const twins = decodeBucket(
    1,
    encodeBucket([rows[0]!, { ...rows[0]!, id: '10003', key: 'LCOO-3' }], () => 1),
  ).rows;
  expect(twins[1]!.companies).toBe(twins[0]!.companies);
  expect(Object.isFrozen(twins[0]!.companies) && Object.isFrozen(twins[0]!.interested) && Object.isFrozen(twins[0]!.people)).toBe(true);
});

test('a bucket version 1 wrote (a tuple per row) still reads', () => {
  const v1 = {
    v: 1,
    s: ['10000:LCOO', 'networking', 'att', 'comcast', 'indri'],
    r: [[10001, 'LCOO-1', 0, 1, 2, 1, 0, 3, 4, [2, 3], 1, [2, 0], 12, 0, 3, '', 'sr-iov', -1, 1_764_000_000, 5]],
  };
  const got = decodeBucket(1, v1);
  expect(got.generations).toEqual([5]);
  expect(got.rows[0]).toMatchObject({ id: '10001', key: 'LCOO-1', fst: 'networking', companies: ['att', 'comcast'], interested: ['att'] });
});

test('a malformed bucket is refused with the bucket and the problem named', () => {
  const good = encodeBucket(rows, () => 1);
  const broken = (change: (p: typeof good) => unknown) => () => decodeBucket(9, change(structuredClone(good)));
  expect(broken((p) => ({ ...p, c: p.c.map((c, i) => (i === 3 ? c.replace(/\d+$/, 'x') : c)) }))).toThrow(
    /Bucket 9 of the portfolio index cannot be read \(column stage, row 2 is not a number\)/,
  );
  expect(broken((p) => ({ ...p, c: p.c.map((c, i) => (i === 0 ? `${c},5` : c)) }))).toThrow(/column id does not hold 2 numbers/);
  expect(broken((p) => ({ ...p, c: p.c.map((c, i) => (i === 5 ? '99,-1' : c)) }))).toThrow(/column fst, row 1 names no dictionary entry/);
  expect(broken((p) => ({ ...p, c: p.c.map((c, i) => (i === 13 ? '0,42' : c)) }))).toThrow(/column integrity, row 2 holds 42/);
  expect(broken((p) => ({ ...p, u: ['one'] }))).toThrow(/its summaries are not 2 strings, one per row/);
  expect(broken((p) => ({ ...p, c: p.c.slice(1) }))).toThrow(UnreadableBucketError);
  expect(broken((p) => ({ ...p, c: p.c.map((c, i) => (i === 9 ? `${c},0` : c)) }))).toThrow(/column companies holds more than 2 lists/);
  expect(broken((p) => ({ ...p, c: p.c.map((c, i) => (i === 11 ? '2 x 11,' : c)) }))).toThrow(
    /column people, row 1 is not a list of numbers/,
  );
  expect(broken(() => ({ v: 3 }))).toThrow(/format version is 3/);
  expect(broken(() => 'rows')).toThrow(UnreadableBucketError);
});
