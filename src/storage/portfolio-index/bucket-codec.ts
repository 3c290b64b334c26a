// A bucket of the portfolio index as one custom-entity value: the slim rows of the issues
// whose id falls in it, packed so that a gadget load reads the whole portfolio in one batch
// (Forge caps a value at 240 KiB and a batch at 25 keys). Every repeated string goes through one
// dictionary per bucket.
//
// Version 2 is columnar: each field of every row is ONE string (numbers and dictionary
// references joined by commas), summaries one array. A gadget load parses every bucket: JSON
// arrays of 10,000 tuples cost @forge/kvs's JSON.parse, a zod parse and the garbage of 200,000
// values (about 60 ms of a load at 10,000 items); a few long strings parse at memory speed, and
// the decoder reads the numbers straight from them, checking each (a malformed bucket is
// refused with the bucket and column named, never read as something else). Version 1 (a tuple
// per row) is still read, until the rebuild its version change starts writes every bucket again.
import { z } from 'zod';
import { INTEGRITY_STATES } from '../../domain/gates';
import { PORTFOLIO_STAGES, STAGES, type Stage } from '../../domain/lifecycle';
import type { SlimRow } from '../../domain/portfolio-index';
import { NONE, rowsOfTable, TableBuilder, type RowTable } from '../../domain/portfolio-table';
import { ITEM_TYPES, SIZES } from '../../domain/vetting';

export const PACK_VERSION = 2;

/** The columns of version 2, in order: numbers (or -1 for none) unless named a key or a list. */
const COLUMNS = [
  'id',
  'key', // issue keys (never hold a comma)
  'project', // dictionary: "<id>:<key>"
  'stage',
  'next',
  'fst', // dictionary
  'type',
  'size',
  'release', // dictionary
  'companies', // per row: dictionary references joined by spaces
  'interested', // bit i set for companies[i]
  'people', // per row: numbers joined by spaces, one per company
  'completed',
  'integrity',
  'blockers',
  'parent', // issue key, '' none
  'security', // dictionary
  'updated', // epoch seconds
  'generation', // of the index that wrote the row (a rebuild sweeps older ones)
] as const;
type Column = (typeof COLUMNS)[number];
const AT = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;

export interface PackedBucket {
  v: 2;
  n: number;
  /** The dictionary. */
  s: string[];
  /** One string per column of COLUMNS. */
  c: string[];
  /** The summaries' starts (lower case), one per row. */
  u: string[];
}

const TupleV1 = z.tuple([
  z.number(),
  z.string(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.array(z.number()),
  z.number(),
  z.array(z.number()),
  z.number(),
  z.number(),
  z.number(),
  z.string(),
  z.string(),
  z.number(),
  z.number(),
  z.number(),
]);
const PackedV1Schema = z.object({ v: z.literal(1), s: z.array(z.string()), r: z.array(TupleV1) });

/** A stored bucket this version cannot read: its number and what is wrong, in a sentence. */
export class UnreadableBucketError extends Error {
  constructor(
    readonly bucket: number,
    problem: string,
  ) {
    super(
      `Bucket ${bucket} of the portfolio index cannot be read (${problem}). An administrator can rebuild the index from the LCOO admin page ("Rebuild the portfolio index").`,
    );
    this.name = 'UnreadableBucketError';
  }
}

/** `generation(row)`: the index generation each row was written in. */
export function encodeBucket(rows: readonly SlimRow[], generation: (row: SlimRow) => number): PackedBucket {
  const s: string[] = [];
  const at = new Map<string, number>();
  const ref = (v: string | undefined): number => {
    if (v === undefined) return -1;
    let i = at.get(v);
    if (i === undefined) {
      i = s.push(v) - 1;
      at.set(v, i);
    }
    return i;
  };
  const cols: (string | number)[][] = COLUMNS.map(() => []);
  const put = (c: Column, v: string | number) => cols[AT[c]]!.push(v);
  for (const row of rows) {
    // Keys are joined by commas: Jira's issue keys never hold one (PROJECT-123).
    if (row.key.includes(',') || row.parentKey?.includes(',')) throw new Error(`The issue key ${row.key} cannot be packed (a comma).`);
    if (!STAGES.includes(row.stage) || !INTEGRITY_STATES.includes(row.integrity))
      throw new Error(`The row of ${row.key} cannot be packed (stage ${row.stage}, integrity ${row.integrity}).`);
    let mask = 0;
    row.companies.forEach((c, i) => {
      if (i < 31 && row.interested.includes(c)) mask |= 1 << i;
    });
    put('id', Number(row.id));
    put('key', row.key);
    put('project', ref(`${row.projectId}:${row.projectKey}`));
    put('stage', STAGES.indexOf(row.stage));
    put('next', row.next ? STAGES.indexOf(row.next) : -1);
    put('fst', ref(row.fst));
    put('type', row.type ? ITEM_TYPES.indexOf(row.type) : -1);
    put('size', row.size ? SIZES.indexOf(row.size) : -1);
    put('release', ref(row.releaseId));
    put('companies', row.companies.map((c) => ref(c)).join(' '));
    put('interested', mask);
    put('people', row.people.join(' '));
    put('completed', row.completed ?? -1);
    put('integrity', INTEGRITY_STATES.indexOf(row.integrity));
    put('blockers', row.blockerCount);
    put('parent', row.parentKey ?? '');
    put('security', ref(row.securityLevel));
    put('updated', Math.round(row.updated / 1000));
    put('generation', generation(row));
  }
  return { v: PACK_VERSION, n: rows.length, s, c: cols.map((c) => c.join(',')), u: rows.map((r) => r.sortSummary) };
}

/** A bucket as decoded: its rows, and the generation each was written in (same order). */
export interface DecodedBucket {
  rows: SlimRow[];
  generations: number[];
}

/**
 * Reads `n` integers joined by `sep` from `text`, checking each; `sep` inside a list column is a
 * space. Throws a sentence naming the column when the text is not exactly that.
 */
function integers(text: string, n: number, column: string, fail: (problem: string) => never): Float64Array {
  const out = new Float64Array(n);
  if (n === 0) {
    if (text !== '') fail(`column ${column} holds values for no rows`);
    return out;
  }
  let i = 0;
  let pos = 0;
  const len = text.length;
  while (true) {
    let negative = false;
    if (text.charCodeAt(pos) === 45) {
      negative = true;
      pos++;
    }
    const start = pos;
    let v = 0;
    for (let ch = text.charCodeAt(pos); ch >= 48 && ch <= 57; ch = text.charCodeAt(++pos)) v = v * 10 + (ch - 48);
    if (pos === start) fail(`column ${column}, row ${i + 1} is not a number`);
    out[i++] = negative ? -v : v;
    if (pos === len) break;
    if (text.charCodeAt(pos) !== 44 || i === n) fail(`column ${column} does not hold ${n} numbers`);
    pos++;
  }
  if (i !== n) fail(`column ${column} holds ${i} numbers for ${n} rows`);
  return out;
}

/**
 * The text of each row's list in a list column ("3 4,,1" -> "3 4", "", "1"), each turned into
 * its value once: rows with the same list share one (frozen) array, as most rows name the same
 * few companies.
 */
function lists<T>(text: string, n: number, column: string, fail: (problem: string) => never, read: (part: string, row: number) => T): T[] {
  const out = new Array<T>(n);
  const seen = new Map<string, T>();
  let pos = 0;
  for (let r = 0; r < n; r++) {
    let end = text.indexOf(',', pos);
    if (r === n - 1) {
      if (end >= 0) fail(`column ${column} holds more than ${n} lists`);
      end = text.length;
    } else if (end < 0) fail(`column ${column} holds ${r + 1} lists for ${n} rows`);
    const part = text.slice(pos, end);
    let v = seen.get(part);
    if (v === undefined) seen.set(part, (v = read(part, r)));
    out[r] = v;
    pos = end + 1;
  }
  if (n === 0 && text !== '') fail(`column ${column} holds lists for no rows`);
  return out;
}

/** "3 4" -> [3, 4], checked. */
function numbersOf(part: string, column: string, row: number, fail: (problem: string) => never): number[] {
  if (part === '') return [];
  return Object.freeze(
    part.split(' ').map((x) => {
      const v = Number(x);
      if (x === '' || !Number.isInteger(v)) fail(`column ${column}, row ${row + 1} is not a list of numbers`);
      return v;
    }),
  ) as number[];
}

/**
 * Appends a version 2 bucket's rows to a table, checking every value as it is read: a value out
 * of its range or a reference out of the dictionary is refused with the column and row named.
 * Returns the generation each row was written in (when asked).
 */
function appendV2(b: TableBuilder, bucket: number, packed: PackedBucket, withGenerations: boolean): Float64Array | undefined {
  const fail = (problem: string): never => {
    throw new UnreadableBucketError(bucket, problem);
  };
  const { n, s, c, u } = packed;
  const base = b.n;
  if (base + n > b.capacity) fail(`it holds ${n} rows, more than its count says`);
  const num = (col: Column) => integers(c[AT[col]]!, n, col, fail);
  const keysOf = (col: Column) => {
    const parts = n === 0 ? [] : c[AT[col]]!.split(',');
    if (parts.length !== n) fail(`column ${col} holds ${parts.length} keys for ${n} rows`);
    return parts;
  };
  /** The table's reference of each dictionary entry, made when a row first names it. */
  const refs = new Int32Array(s.length).fill(-2);
  const refOf = (i: number, col: string, row: number): number => {
    if (i === NONE) return NONE;
    if (i < 0 || i >= s.length) fail(`column ${col}, row ${row + 1} names no dictionary entry`);
    let v = refs[i]!;
    if (v === -2) refs[i] = v = b.ref(s[i]);
    return v;
  };
  const strings = (col: Column, into: Int32Array) => {
    const local = num(col);
    for (let r = 0; r < n; r++) into[base + r] = refOf(local[r]!, col, r);
  };
  /** An enum column: an index below `size` (or NONE where `optional`). */
  const enums = (col: Column, size: number, optional: boolean, into: Int8Array) => {
    const local = num(col);
    for (let r = 0; r < n; r++) {
      const v = local[r]!;
      if (!(v >= 0 && v < size) && !(optional && v === NONE)) fail(`column ${col}, row ${r + 1} holds ${v}, which names nothing`);
      into[base + r] = v;
    }
  };
  const id = num('id');
  const project = num('project');
  const projects = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    const p = project[r]!;
    let ref = projects.get(p);
    if (ref === undefined) {
      if (p < 0 || p >= s.length) fail(`row ${r + 1} has no project`);
      const text = s[p]!;
      const colon = text.indexOf(':');
      projects.set(p, (ref = b.projectRef(text.slice(0, colon), text.slice(colon + 1))));
    }
    b.project[base + r] = ref;
    b.id[base + r] = id[r]!;
  }
  enums('stage', STAGES.length, false, b.stage);
  enums('next', STAGES.length, true, b.next);
  enums('type', ITEM_TYPES.length, true, b.type);
  enums('size', SIZES.length, true, b.size);
  enums('integrity', INTEGRITY_STATES.length, false, b.integrity);
  enums('completed', 13, true, b.completed);
  strings('fst', b.fst);
  strings('release', b.release);
  strings('security', b.security);
  const interested = num('interested');
  const blockers = num('blockers');
  const updated = num('updated');
  for (let r = 0; r < n; r++) {
    b.interested[base + r] = interested[r]!;
    b.blockers[base + r] = blockers[r]!;
    b.updated[base + r] = updated[r]! * 1000;
  }
  lists(c[AT.companies]!, n, 'companies', fail, (part, r) =>
    b.companyListRef(
      numbersOf(part, 'companies', r, fail).map((i) => (i === NONE ? fail(`row ${r + 1} names company -1`) : refOf(i, 'companies', r))),
    ),
  ).forEach((ref, r) => (b.companies[base + r] = ref));
  lists(c[AT.people]!, n, 'people', fail, (part, r) => b.peopleListRef(numbersOf(part, 'people', r, fail))).forEach(
    (ref, r) => (b.people[base + r] = ref),
  );
  const keys = keysOf('key');
  const parents = keysOf('parent');
  for (let r = 0; r < n; r++) {
    b.setKeys(base + r, keys[r]!, parents[r]!);
    b.sortSummary[base + r] = u[r]!;
  }
  // A query has no use for the generations (a write's sweep does): not parsing them is 1/15 of a read.
  const generations = withGenerations ? num('generation') : undefined;
  b.n = base + n;
  return generations;
}

/** Version 1: a tuple per row (what earlier versions wrote). */
function decodeV1(packed: z.infer<typeof PackedV1Schema>): DecodedBucket {
  const { s } = packed;
  const str = (i: number): string | undefined => (i < 0 ? undefined : s[i]);
  const rows = packed.r.map((t): SlimRow => {
    const project = str(t[2]) ?? ':';
    const colon = project.indexOf(':');
    const companies = t[9].map((i) => s[i] ?? '');
    return {
      id: String(t[0]),
      key: t[1],
      projectId: project.slice(0, colon),
      projectKey: project.slice(colon + 1),
      lifecycle: t[3] < PORTFOLIO_STAGES.length ? 'portfolio' : 'delivery',
      stage: STAGES[t[3]] as Stage,
      next: t[4] >= 0 ? STAGES[t[4]] : undefined,
      fst: str(t[5]),
      type: t[6] >= 0 ? ITEM_TYPES[t[6]] : undefined,
      size: t[7] >= 0 ? SIZES[t[7]] : undefined,
      releaseId: str(t[8]),
      companies,
      interested: companies.filter((_, i) => i < 31 && (t[10] & (1 << i)) !== 0),
      people: t[11],
      completed: t[12] >= 0 ? t[12] : undefined,
      integrity: INTEGRITY_STATES[t[13]] ?? 'unreadable',
      blockerCount: t[14],
      parentKey: t[15] !== '' ? t[15] : undefined,
      sortSummary: t[16],
      securityLevel: str(t[17]),
      updated: t[18] * 1000,
    };
  });
  return { rows, generations: packed.r.map((t) => t[19]) };
}

const isStrings = (xs: unknown, n?: number): xs is string[] =>
  Array.isArray(xs) && (n === undefined || xs.length === n) && xs.every((x) => typeof x === 'string');

/** Version 2's envelope, checked by hand: zod spent 5 ms of a 10,000-item load on the summaries alone. */
function envelopeV2(bucket: number, raw: unknown): PackedBucket {
  const { n, s, c, u } = raw as Partial<Record<keyof PackedBucket, unknown>>;
  const fail = (problem: string): never => {
    throw new UnreadableBucketError(bucket, problem);
  };
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return fail('it has no row count');
  if (!isStrings(s)) return fail('its dictionary is not a list of strings');
  if (!isStrings(c, COLUMNS.length)) return fail(`it does not have the ${COLUMNS.length} columns of version 2`);
  if (!isStrings(u, n)) return fail(`its summaries are not ${n} strings, one per row`);
  return { v: 2, n, s, c, u };
}

/** A stored bucket's format, checked: version 2's envelope by hand, version 1 through zod. */
function envelope(bucket: number, raw: unknown): { v: 2; packed: PackedBucket } | { v: 1; packed: z.infer<typeof PackedV1Schema> } {
  const version = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown }).v : undefined;
  if (version === 2) return { v: 2, packed: envelopeV2(bucket, raw) };
  if (version === 1) {
    const parsed = PackedV1Schema.safeParse(raw);
    if (!parsed.success) throw new UnreadableBucketError(bucket, z.prettifyError(parsed.error).replace(/\s+/g, ' ').slice(0, 300));
    return { v: 1, packed: parsed.data };
  }
  throw new UnreadableBucketError(bucket, `its format version is ${JSON.stringify(version)}, this app reads 1 and 2`);
}

/**
 * A stored bucket's rows, whatever version wrote it, as objects (what a write changes). Throws
 * UnreadableBucketError.
 */
export function decodeBucket(bucket: number, raw: unknown): DecodedBucket {
  const e = envelope(bucket, raw);
  if (e.v === 1) return decodeV1(e.packed);
  const b = new TableBuilder(e.packed.n);
  const generations = appendV2(b, bucket, e.packed, true)!;
  return { rows: rowsOfTable(b.done()), generations: Array.from(generations) };
}

/**
 * Every stored bucket's rows as one table (what a query reads: no object per row). `raws[k]` is
 * bucket k's stored value (undefined: not written yet). Throws UnreadableBucketError.
 */
export function tableOfBuckets(raws: readonly unknown[]): RowTable {
  const envelopes = raws.map((raw, k) => (raw === undefined ? undefined : envelope(k, raw)));
  const capacity = envelopes.reduce((sum, e) => sum + (e === undefined ? 0 : e.v === 2 ? e.packed.n : e.packed.r.length), 0);
  const b = new TableBuilder(capacity);
  envelopes.forEach((e, k) => {
    if (e === undefined) return;
    if (e.v === 2) appendV2(b, k, e.packed, false);
    else for (const row of decodeV1(e.packed).rows) b.push(row);
  });
  return b.done();
}
