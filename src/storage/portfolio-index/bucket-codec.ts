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

const EMPTY: readonly never[] = Object.freeze([]);

/** "3 4" -> [3, 4], checked. */
function numbersOf(part: string, column: string, row: number, fail: (problem: string) => never): number[] {
  if (part === '') return EMPTY as never[];
  return Object.freeze(
    part.split(' ').map((x) => {
      const v = Number(x);
      if (x === '' || !Number.isInteger(v)) fail(`column ${column}, row ${row + 1} is not a list of numbers`);
      return v;
    }),
  ) as number[];
}

function decodeV2(bucket: number, packed: PackedBucket): DecodedBucket {
  const fail = (problem: string): never => {
    throw new UnreadableBucketError(bucket, problem);
  };
  const { n, s, c, u } = packed;
  const num = (col: Column) => integers(c[AT[col]]!, n, col, fail);
  const keysOf = (col: Column) => {
    const parts = n === 0 ? [] : c[AT[col]]!.split(',');
    if (parts.length !== n) fail(`column ${col} holds ${parts.length} keys for ${n} rows`);
    return parts;
  };
  const [id, project, stage, next, fst, type, size, release, interested, completed, integrity, blockers, security, updated, generation] = (
    [
      'id',
      'project',
      'stage',
      'next',
      'fst',
      'type',
      'size',
      'release',
      'interested',
      'completed',
      'integrity',
      'blockers',
      'security',
      'updated',
      'generation',
    ] as const
  ).map(num) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const keys = keysOf('key');
  const parents = keysOf('parent');
  /** A dictionary string (-1: none); a reference out of the dictionary is refused. */
  const str = (i: number, col: string, row: number): string | undefined => {
    if (i === -1) return undefined;
    const v = s[i];
    if (v === undefined) fail(`column ${col}, row ${row + 1} names no dictionary entry`);
    return v;
  };
  const of = <T>(list: readonly T[], i: number, col: string, row: number, optional: boolean): T | undefined => {
    if (optional && i === -1) return undefined;
    const v = list[i];
    if (v === undefined) fail(`column ${col}, row ${row + 1} holds ${i}, which names nothing`);
    return v;
  };
  const companies = lists(
    c[AT.companies]!,
    n,
    'companies',
    fail,
    (part, r) =>
      Object.freeze(
        numbersOf(part, 'companies', r, fail).map((i) => str(i, 'companies', r) ?? fail(`row ${r + 1} names company -1`)),
      ) as string[],
  );
  const people = lists(c[AT.people]!, n, 'people', fail, (part, r) => numbersOf(part, 'people', r, fail));
  // The interested companies of a company list and a mask, once per distinct pair.
  const interestedOf = new Map<string[], Map<number, string[]>>();
  const projects = new Map<number, { id: string; key: string }>();
  const rows = new Array<SlimRow>(n);
  const generations = new Array<number>(n);
  for (let r = 0; r < n; r++) {
    const p = project[r]!;
    let proj = projects.get(p);
    if (!proj) {
      const text = str(p, 'project', r) ?? fail(`row ${r + 1} has no project`);
      const colon = text.indexOf(':');
      projects.set(p, (proj = { id: text.slice(0, colon), key: text.slice(colon + 1) }));
    }
    const names = companies[r]!;
    const mask = interested[r]!;
    let byMask = interestedOf.get(names);
    if (!byMask) interestedOf.set(names, (byMask = new Map<number, string[]>()));
    let chosen = byMask.get(mask);
    if (!chosen) byMask.set(mask, (chosen = Object.freeze(names.filter((_, i) => i < 31 && (mask & (1 << i)) !== 0)) as string[]));
    const st = stage[r]!;
    const done = completed[r]!;
    rows[r] = {
      id: String(id[r]),
      key: keys[r]!,
      projectId: proj.id,
      projectKey: proj.key,
      lifecycle: st < PORTFOLIO_STAGES.length ? 'portfolio' : 'delivery',
      stage: of(STAGES, st, 'stage', r, false) as Stage,
      next: of(STAGES, next[r]!, 'next', r, true),
      fst: str(fst[r]!, 'fst', r),
      type: of(ITEM_TYPES, type[r]!, 'type', r, true),
      size: of(SIZES, size[r]!, 'size', r, true),
      releaseId: str(release[r]!, 'release', r),
      companies: names,
      interested: chosen,
      people: people[r]!,
      completed: done >= 0 ? done : undefined,
      integrity: of(INTEGRITY_STATES, integrity[r]!, 'integrity', r, false)!,
      blockerCount: blockers[r]!,
      parentKey: parents[r] !== '' ? parents[r] : undefined,
      sortSummary: u[r]!,
      securityLevel: str(security[r]!, 'security', r),
      updated: updated[r]! * 1000,
    };
    generations[r] = generation[r]!;
  }
  return { rows, generations };
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

/**
 * A stored bucket's rows, whatever version wrote it. Only version 1 goes through zod; version 2's
 * envelope is checked by hand and its columns as they are read. Throws UnreadableBucketError.
 */
export function decodeBucket(bucket: number, raw: unknown): DecodedBucket {
  const version = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown }).v : undefined;
  if (version === 2) return decodeV2(bucket, envelopeV2(bucket, raw));
  if (version === 1) {
    const parsed = PackedV1Schema.safeParse(raw);
    if (!parsed.success) throw new UnreadableBucketError(bucket, z.prettifyError(parsed.error).replace(/\s+/g, ' ').slice(0, 300));
    return decodeV1(parsed.data);
  }
  throw new UnreadableBucketError(bucket, `its format version is ${JSON.stringify(version)}, this app reads 1 and 2`);
}
