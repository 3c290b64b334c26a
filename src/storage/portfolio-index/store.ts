// The portfolio index in Forge's Custom Entity Store (manifest app.storage.entities):
//   portfolio-row     one entity per LCOO issue (key: issue id): the full row, for the page a
//                     gadget shows and for finding a Roadmap Item's deliverables (index by-parent);
//   portfolio-bucket  the slim rows of every issue whose id falls in the bucket, packed
//                     (bucket-codec.ts): a gadget load reads the whole portfolio in one batch.
// and one KVS key with what the index was built with and when (meta.ts).
//
// A row and its bucket change in ONE transaction, the bucket only if its version is still
// the one read (Forge's optimistic concurrency: a transaction condition), so two saves landing
// on one bucket at once never lose each other: the loser reads again and retries.
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { IndexRowSchema, type IndexRow, type SlimRow } from '../../domain/portfolio-index';
import type { RowTable } from '../../domain/portfolio-table';
import { decodeBucket, encodeBucket, tableOfBuckets, UnreadableBucketError } from './bucket-codec';
import { inParallel } from './in-parallel';

export const ROW_ENTITY = 'portfolio-row';
export const BUCKET_ENTITY = 'portfolio-bucket';
/** Forge answers at most 25 keys per batch operation (docs/platform-facts.md). */
export const BATCH_KEYS = 25;

export const bucketKey = (n: number) => `bucket-${n}`;
export const bucketOf = (issueId: string, bucketCount: number) => Number(issueId) % bucketCount;

/**
 * The most a bucket may hold, packed: under the 240 KiB a stored value may have
 * (docs/platform-facts.md), with room for the entity's other attributes.
 */
export const BUCKET_MAX_BYTES = 200 * 1024;

/** A bucket that would pass BUCKET_MAX_BYTES: the portfolio outgrew the bucket count; a rebuild sizes it again. */
export class IndexBucketFullError extends Error {
  constructor(bucket: number, bytes: number) {
    super(
      `Bucket ${bucket} of the portfolio index would hold ${bytes} bytes (at most ${BUCKET_MAX_BYTES}); the next reconcile rebuilds the index with more buckets.`,
    );
    this.name = 'IndexBucketFullError';
  }
}

const RowEntitySchema = z.object({ issueKey: z.string(), parentKey: z.string().optional(), bucket: z.number().int(), row: z.unknown() });
type RowEntity = z.infer<typeof RowEntitySchema>;
const BucketEntitySchema = z.object({ version: z.number().int(), rows: z.unknown() });

/** A bucket as read: its version (0 when it does not exist yet) and rows. */
export interface Bucket {
  n: number;
  version: number;
  rows: SlimRow[];
  /** The index generation each row was written in, by issue id. */
  generations: Map<string, number>;
}

/**
 * A stored bucket. One that cannot be read is refused with a sentence (UnreadableBucketError),
 * for a query and for a write alike, unless `unreadable` says what to do with it instead.
 */
function parseBucket(n: number, raw: unknown, unreadable?: 'replace'): Bucket {
  if (raw === undefined || raw === null) return { n, version: 0, rows: [], generations: new Map() };
  const entity = BucketEntitySchema.safeParse(raw);
  if (!entity.success) throw new UnreadableBucketError(n, 'it has no version');
  try {
    const { rows, generations } = decodeBucket(n, entity.data.rows);
    return { n, version: entity.data.version, rows, generations: new Map(rows.map((r, i) => [r.id, generations[i]!])) };
  } catch (err) {
    if (!(err instanceof UnreadableBucketError) || unreadable !== 'replace') throw err;
    // A rebuild's write: the bucket is written again from Jira; its old rows go with the sweep.
    console.warn(`[lcoo] ${err.message} The rebuild writes it again.`);
    return { n, version: entity.data.version, rows: [], generations: new Map() };
  }
}

/** Reads batches of keys (25 at a time, in parallel); values by key. */
async function batchRead(items: { key: string; entityName?: string }[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += BATCH_KEYS) chunks.push(items.slice(i, i + BATCH_KEYS));
  const results = await Promise.all(chunks.map((c) => kvs.batchGet<unknown>(c)));
  for (const r of results) {
    for (const ok of r.successfulKeys) out.set(`${ok.entityName ?? ''}/${ok.key}`, ok.value);
    // A key that does not exist is a failed key (KEY_NOT_FOUND); anything else is a failure.
    const broken = r.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (broken.length > 0) {
      throw new Error(`Forge storage could not read ${broken.map((f) => `${f.key} (${f.error.code})`).join(', ')}.`);
    }
  }
  return out;
}

/**
 * Every bucket, plus any plain KVS keys asked alongside (one batch per 25 keys): a gadget load
 * reads the configuration with the buckets in the same call.
 */
export async function readBuckets(
  bucketCount: number,
  plainKeys: string[] = [],
): Promise<{ buckets: Bucket[]; plain: Map<string, unknown> }> {
  const items = [
    ...plainKeys.map((key) => ({ key })),
    ...Array.from({ length: bucketCount }, (_, n) => ({ key: bucketKey(n), entityName: BUCKET_ENTITY })),
  ];
  const got = await batchRead(items);
  const plain = new Map(plainKeys.map((k) => [k, got.get(`/${k}`)]));
  return { buckets: Array.from({ length: bucketCount }, (_, n) => parseBucket(n, got.get(`${BUCKET_ENTITY}/${bucketKey(n)}`))), plain };
}

/**
 * Every bucket's rows as one table (a query's read: no object per row), in one batch per 25
 * buckets. A bucket that cannot be read is refused with a sentence (UnreadableBucketError).
 */
export async function readTable(bucketCount: number): Promise<RowTable> {
  const items = Array.from({ length: bucketCount }, (_, n) => ({ key: bucketKey(n), entityName: BUCKET_ENTITY }));
  const got = await batchRead(items);
  return tableOfBuckets(
    Array.from({ length: bucketCount }, (_, n) => {
      const raw = got.get(`${BUCKET_ENTITY}/${bucketKey(n)}`);
      if (raw === undefined || raw === null) return undefined;
      const entity = BucketEntitySchema.safeParse(raw);
      if (!entity.success) throw new UnreadableBucketError(n, 'it has no version');
      return entity.data.rows;
    }),
  );
}

export async function readBucket(n: number, unreadable?: 'replace'): Promise<Bucket> {
  return parseBucket(n, await kvs.entity<unknown>(BUCKET_ENTITY).get(bucketKey(n)), unreadable);
}

/** The full rows of these issues (those the index holds). */
export async function readRows(issueIds: readonly string[]): Promise<Map<string, IndexRow>> {
  const got = await batchRead(issueIds.map((key) => ({ key, entityName: ROW_ENTITY })));
  const out = new Map<string, IndexRow>();
  for (const id of issueIds) {
    const entity = RowEntitySchema.safeParse(got.get(`${ROW_ENTITY}/${id}`));
    const row = entity.success ? IndexRowSchema.safeParse(entity.data.row) : undefined;
    if (row?.success) out.set(id, row.data);
  }
  return out;
}

/** The issue ids of a Roadmap Item's deliverables, as their rows name it (custom entity index by-parent). */
export async function deliverablesOf(parentKey: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs
      .entity<RowEntity>(ROW_ENTITY)
      .query()
      .index('by-parent', { partition: [parentKey] })
      .limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    ids.push(...page.results.map((r) => r.key));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** A transaction refused because a condition no longer held (someone wrote the bucket first). */
function isConditionFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, responseDetails } = err as { code?: unknown; responseDetails?: { status?: unknown } };
  return responseDetails?.status === 409 || (typeof code === 'string' && /CONDITION|CONFLICT/i.test(code));
}

/** Forge caps a transaction's operations (docs/platform-facts.md); rows are written in groups this size. */
export const TRANSACTION_ROWS = 24;

export interface RowChange {
  /** Rows to put (replacing the issue's row). */
  put?: readonly IndexRow[];
  /** Issue ids whose rows go. */
  remove?: readonly string[];
  /** The index generation the put rows belong to. */
  generation: number;
  /** Also removes every row of the bucket written in a generation older than this (a rebuild's last sweep). */
  sweepBefore?: number;
}

/**
 * Applies a change to the rows of ONE bucket: the row entities and the bucket in one
 * transaction, conditional on the bucket's version; on a lost race it reads the bucket again
 * and retries. Returns how many index writes it made (entities set or deleted, the bucket included).
 */
async function changeBucket(n: number, change: RowChange, unreadable?: 'replace'): Promise<number> {
  const put = change.put ?? [];
  for (let attempt = 0; ; attempt++) {
    const bucket = await readBucket(n, unreadable);
    const remove = new Set(change.remove ?? []);
    if (change.sweepBefore !== undefined) {
      for (const [id, g] of bucket.generations) if (g < change.sweepBefore) remove.add(id);
    }
    const byId = new Map(bucket.rows.map((r) => [r.id, r]));
    const generations = new Map(bucket.generations);
    for (const id of remove) byId.delete(id);
    for (const row of put) {
      byId.set(row.id, slimOf(row));
      generations.set(row.id, change.generation);
      remove.delete(row.id);
    }
    if (put.length === 0 && remove.size === 0) return 0;
    const rows = [...byId.values()];
    const tx = kvs.transact();
    for (const row of put) {
      const value: RowEntity = { issueKey: row.key, bucket: n, row, ...(row.parentKey ? { parentKey: row.parentKey } : {}) };
      tx.set(row.id, value, { entityName: ROW_ENTITY });
    }
    if (put.length + remove.size < TRANSACTION_ROWS) {
      for (const id of remove) tx.delete(id, { entityName: ROW_ENTITY });
    } else {
      // A sweep removing many rows: the row entities go in batches first (queries read the
      // buckets, so a row entity without its bucket entry is never shown).
      const ids = [...remove];
      for (let i = 0; i < ids.length; i += BATCH_KEYS) {
        await kvs.batchDelete(ids.slice(i, i + BATCH_KEYS).map((key) => ({ key, entityName: ROW_ENTITY })));
      }
    }
    const condition =
      bucket.version === 0
        ? new Filter<{ version: number }>().and('version', FilterConditions.notExists())
        : new Filter<{ version: number }>().and('version', FilterConditions.equalTo(bucket.version));
    const packed = encodeBucket(rows, (r) => generations.get(r.id) ?? change.generation);
    const bytes = Buffer.byteLength(JSON.stringify(packed), 'utf8');
    // Refused here, before Forge refuses the whole transaction for its size.
    if (bytes > BUCKET_MAX_BYTES && put.length > 0) throw new IndexBucketFullError(n, bytes);
    tx.set(bucketKey(n), { version: bucket.version + 1, rows: packed }, { entityName: BUCKET_ENTITY, conditions: condition });
    try {
      await tx.execute();
      return put.length + remove.size + 1;
    } catch (err) {
      if (!isConditionFailure(err) || attempt >= 5) throw err;
    }
  }
}

/** The slim part of a row (what a bucket keeps). */
export function slimOf(row: IndexRow): SlimRow {
  const { summary: _s, issueType: _t, blockers: _b, project: _p, securityLevelName: _l, ...slim } = row;
  return slim;
}

/** Buckets written at once (each a read and a conditional transaction). */
export const WRITE_PARALLEL = 10;

/**
 * Puts and removes rows, at most TRANSACTION_ROWS rows per transaction: buckets in parallel
 * (WRITE_PARALLEL at a time), the rounds of one bucket in turn. Returns the index writes made.
 */
export async function changeRows(
  change: Omit<RowChange, 'sweepBefore'>,
  bucketCount: number,
  /** 'replace': a bucket that cannot be read is written anew (a rebuild's writes); else the write is refused. */
  unreadable?: 'replace',
): Promise<number> {
  const groups = new Map<number, { put: IndexRow[]; remove: string[] }>();
  const group = (n: number) => {
    let g = groups.get(n);
    if (!g) groups.set(n, (g = { put: [], remove: [] }));
    return g;
  };
  for (const row of change.put ?? []) group(bucketOf(row.id, bucketCount)).put.push(row);
  for (const id of change.remove ?? []) group(bucketOf(id, bucketCount)).remove.push(id);
  const writes = await inParallel([...groups], WRITE_PARALLEL, async ([n, g]) => {
    let made = 0;
    const rounds = Math.max(1, Math.ceil(Math.max(g.put.length, g.remove.length) / TRANSACTION_ROWS));
    for (let i = 0; i < rounds; i++) {
      const slice = <T>(list: readonly T[]) => list.slice(i * TRANSACTION_ROWS, (i + 1) * TRANSACTION_ROWS);
      made += await changeBucket(n, { generation: change.generation, put: slice(g.put), remove: slice(g.remove) }, unreadable);
    }
    return made;
  });
  return writes.reduce((a, b) => a + b, 0);
}

/**
 * A rebuild's sweep of these buckets: every row written in a generation older than
 * `sweepBefore` goes (issues no page of the rebuild returned). Buckets in parallel.
 */
export async function sweepBuckets(buckets: readonly number[], sweepBefore: number): Promise<number> {
  const writes = await inParallel(buckets, WRITE_PARALLEL, (n) => changeBucket(n, { generation: sweepBefore, sweepBefore }, 'replace'));
  return writes.reduce((a, b) => a + b, 0);
}

/** Empties buckets (a rebuild with another bucket count starts from none). */
export async function clearBuckets(from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) await kvs.entity(BUCKET_ENTITY).delete(bucketKey(n));
}
