// Forge key-value storage, persisted in SQLite: serves every endpoint the real @forge/kvs
// 1.6.5 calls (read from node_modules/@forge/kvs/out/storage-api.js): get/set/delete,
// query (key BEGINS_WITH, cursor, limit), secret get/set/delete, custom entities
// (get/set/delete/query over manifest indexes), batch get/set/delete and transactions.
// Errors use the Forge shape `{code, message}` that @forge/kvs turns into ForgeKvsAPIError.
//
// Two behaviours no Atlassian page settles can be switched per test (configure()), so the app
// is tested under each possibility (docs/platform-facts.md):
// - how a FAIL_IF_EXISTS refusal is answered: HTTP 409 with `KEY_CONFLICT` (what apps report)
//   by default, or any other status/code pair;
// - whether an expired TTL key is still returned: Forge deletes expired keys up to 48 hours
//   late, so with `expiredKeys: 'readable'` they stay readable (and block FAIL_IF_EXISTS).
import type { Database } from 'better-sqlite3';
import { z } from 'zod';

export interface KvsReply {
  status: number;
  body?: unknown;
}

/**
 * A stored value as the JSON text it was stored as. Forge answers a read with the value as
 * JSON text inside the response, which @forge/kvs parses once; the emulator keeps values as
 * that text (SQLite), so it splices the text into the response instead of parsing it and
 * serialising it again (at 10,000 items a gadget load reads ~2 MB of buckets: the parse and
 * the second serialisation were the emulator's own cost, ~60 ms, not the app's).
 */
class StoredJson {
  constructor(readonly text: string) {}
}

const SPLICE = `__forge_kvs_stored_json_${Math.random().toString(36).slice(2)}_`;
const SPLICED = new RegExp(`"${SPLICE}(\\d+)"`, 'g');

/** The response text of a reply: JSON, with stored values spliced in as stored. */
export function replyText(body: unknown): string {
  const texts: string[] = [];
  const text = JSON.stringify(body, (_k, v: unknown) => (v instanceof StoredJson ? `${SPLICE}${texts.push(v.text) - 1}` : v));
  return texts.length === 0 ? text : text.replace(SPLICED, (_m, i: string) => texts[Number(i)]!);
}

/** `app.storage.entities` of the manifest: what entity queries may use. */
export interface EntityIndexSpec {
  name: string;
  range: string[];
  partition: string[];
}
export type EntityIndexes = Record<string, EntityIndexSpec[]>;

const MAX_QUERY_LIMIT = 100;
/** Atlassian, "Executing batch operations": at most 25 keys per batch; a batch with none, or one key twice, fails whole. */
const MAX_BATCH_KEYS = 25;
/** Not settled: no figure found for a transaction's operations; held to the batch figure (docs/platform-facts.md). */
const MAX_TRANSACTION_OPERATIONS = 25;
const DEFAULT_QUERY_LIMIT = 10;
const MAX_VALUE_BYTES = 240 * 1024; // Forge KVS value limit

const Key = z.string().min(1).max(500);
const MetadataFields = z.array(z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'])).optional();
const Ttl = z.object({ value: z.number().int().positive(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const SetOptions = z
  .object({
    ttl: Ttl.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: MetadataFields,
  })
  .optional();
// The conditions @forge/kvs can build (conditions.js): WhereConditions for key queries and
// entity ranges, FilterConditions for entity filters and transaction conditions.
const WHERE = ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'] as const;
const FILTER = [...WHERE, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'] as const;
const Condition = z.object({ property: z.string(), condition: z.enum(FILTER), values: z.array(z.unknown()) });
const Conditions = z.object({ and: z.array(Condition).optional(), or: z.array(Condition).optional() });
const GetReq = z.object({ key: Key, entityName: z.string().optional(), options: z.object({ metadataFields: MetadataFields }).optional() });
const SetReq = z.object({ key: Key, value: z.unknown(), entityName: z.string().optional(), options: SetOptions });
const DeleteReq = z.object({ key: Key, entityName: z.string().optional() });
const QueryReq = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z.array(z.object({ property: z.literal('key'), condition: z.enum(WHERE), values: z.array(z.unknown()) })).optional(),
  options: z.object({ metadataFields: MetadataFields }).optional(),
});
const EntityQueryReq = z.object({
  entityName: z.string(),
  indexName: z.string(),
  limit: z.number().int().optional(),
  cursor: z.string().optional(),
  range: z.object({ condition: z.enum(WHERE), values: z.array(z.unknown()) }).optional(),
  filters: Conditions.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  partition: z.array(z.unknown()).optional(),
  options: z.object({ metadataFields: MetadataFields }).optional(),
});
const TransactionReq = z.object({
  set: z.array(SetReq.extend({ conditions: Conditions.optional() })).optional(),
  delete: z.array(DeleteReq.extend({ conditions: Conditions.optional() })).optional(),
  check: z.array(DeleteReq.extend({ conditions: Conditions })).optional(),
});

interface Row {
  ns: string;
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TTL_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

function namespace(kind: 'app' | 'secret' | 'entity', entityName?: string): string {
  if (kind !== 'entity') return kind;
  if (!entityName) throw new KvsError(400, 'INVALID_REQUEST', 'entityName is required for entity storage');
  return `entity:${entityName}`;
}

function readPath(value: unknown, property: string): unknown {
  let cur: unknown = value;
  for (const part of property.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** One Forge where/filter/range condition against a value (undefined = attribute absent). */
function matches(actual: unknown, condition: string, values: unknown[]): boolean {
  const [v0, v1] = values;
  switch (condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'BEGINS_WITH':
      return actual !== undefined && String(actual).startsWith(String(v0));
    case 'EQUAL_TO':
      return actual === v0;
    case 'NOT_EQUAL_TO':
      return actual !== v0;
    case 'GREATER_THAN':
      return actual !== undefined && compare(actual, v0) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, v0) >= 0;
    case 'LESS_THAN':
      return actual !== undefined && compare(actual, v0) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, v0) <= 0;
    case 'BETWEEN':
      return actual !== undefined && compare(actual, v0) >= 0 && compare(actual, v1) <= 0;
    case 'CONTAINS':
      return Array.isArray(actual) ? actual.includes(v0) : typeof actual === 'string' && actual.includes(String(v0));
    case 'NOT_CONTAINS':
      return !(Array.isArray(actual) ? actual.includes(v0) : typeof actual === 'string' && actual.includes(String(v0)));
    default:
      throw new KvsError(400, 'INVALID_REQUEST', `Unsupported condition '${condition}'`);
  }
}

function conditionsHold(value: unknown, conditions: z.infer<typeof Conditions> | undefined): boolean {
  if (!conditions) return true;
  const test = (c: z.infer<typeof Condition>) => matches(readPath(value, c.property), c.condition, c.values);
  if (conditions.and && !conditions.and.every(test)) return false;
  if (conditions.or && conditions.or.length > 0 && !conditions.or.some(test)) return false;
  return true;
}

export interface KvsBehaviour {
  /** The answer to a FAIL_IF_EXISTS write on an existing key. Default: 409 KEY_CONFLICT. */
  failIfExists: { status: number; code: string };
  /** 'deleted' (default): an expired key is gone. 'readable': it is still returned, as Forge may for up to 48 hours. */
  expiredKeys: 'deleted' | 'readable';
  /** The emulator's clock (TTL expiry); tests move it instead of sleeping. */
  now: () => number;
}

export const DEFAULT_KVS_BEHAVIOUR: KvsBehaviour = {
  failIfExists: { status: 409, code: 'KEY_CONFLICT' },
  expiredKeys: 'deleted',
  now: () => Date.now(),
};

export interface KvsEmulator {
  /** Answers one @forge/kvs request (`/api/v1/...`, JSON body). */
  handle(path: string, body: unknown): KvsReply;
  /** The same answer as the response text Forge sends (what @forge/kvs parses): see StoredJson. */
  handleText(path: string, body: unknown): { status: number; text?: string };
  /** Changes how the emulator answers (tests); unset fields go back to the defaults. */
  configure(behaviour: Partial<KvsBehaviour>): void;
  /** Every stored key of the app namespace (tests and the admin view). */
  keys(): string[];
  reset(): void;
}

export function createKvsEmulator(db: Database, entityIndexes: EntityIndexes = {}): KvsEmulator {
  db.exec(`CREATE TABLE IF NOT EXISTS forge_kvs (
    ns TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
    PRIMARY KEY (ns, key))`);
  const getStmt = db.prepare<[string, string], Row>('SELECT * FROM forge_kvs WHERE ns = ? AND key = ?');
  const putStmt = db.prepare(
    `INSERT INTO forge_kvs (ns, key, value, created_at, updated_at, expire_at) VALUES (@ns, @key, @value, @now, @now, @expire)
     ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
  );
  const delStmt = db.prepare('DELETE FROM forge_kvs WHERE ns = ? AND key = ?');
  const rangeStmt = db.prepare<[string, string, number], Row>('SELECT * FROM forge_kvs WHERE ns = ? AND key > ? ORDER BY key LIMIT ?');
  const allStmt = db.prepare<[string], Row>('SELECT * FROM forge_kvs WHERE ns = ? ORDER BY key');

  let behaviour: KvsBehaviour = { ...DEFAULT_KVS_BEHAVIOUR };

  /** Custom entities exist only as manifest app.storage.entities declares them. */
  const declared = (entityName: string): string => {
    if (!entityIndexes[entityName]) {
      throw new KvsError(400, 'INVALID_REQUEST', `Entity '${entityName}' is not declared in manifest app.storage.entities`);
    }
    return entityName;
  };

  const live = (row: Row | undefined): Row | undefined => {
    if (row && row.expire_at !== null && row.expire_at <= behaviour.now()) {
      if (behaviour.expiredKeys === 'readable') return row;
      delStmt.run(row.ns, row.key);
      return undefined;
    }
    return row;
  };

  /** Set while handleText answers: values go out as their stored text. */
  let asText = false;
  const shape = (row: Row, entityName?: string) => ({
    key: row.key,
    value: asText ? (new StoredJson(row.value) as unknown) : (JSON.parse(row.value) as unknown),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.expire_at !== null ? { expireTime: new Date(row.expire_at).toISOString() } : {}),
    ...(entityName ? { entityName } : {}),
  });

  /** Query results carry key and value, plus only the metadata the caller asked for (as Forge does). */
  const listShape = (row: Row, fields: string[] | undefined) => {
    const full = shape(row);
    return {
      key: full.key,
      value: full.value,
      ...(fields?.includes('CREATED_AT') ? { createdAt: full.createdAt } : {}),
      ...(fields?.includes('UPDATED_AT') ? { updatedAt: full.updatedAt } : {}),
      ...(fields?.includes('EXPIRE_TIME') && full.expireTime ? { expireTime: full.expireTime } : {}),
    };
  };

  const notFound = (key: string) => new KvsError(404, 'KEY_NOT_FOUND', `The key '${key}' was not found`);

  function get(ns: string, key: string): Row {
    const row = live(getStmt.get(ns, key));
    if (!row) throw notFound(key);
    return row;
  }

  function set(ns: string, req: z.infer<typeof SetReq>): unknown {
    if (req.value === undefined) throw new KvsError(400, 'INVALID_REQUEST', `A value is required to set '${req.key}'`);
    const value = JSON.stringify(req.value);
    if (Buffer.byteLength(value) > MAX_VALUE_BYTES) {
      throw new KvsError(
        400,
        'VALUE_TOO_LARGE',
        `The value of '${req.key}' is ${Buffer.byteLength(value)} bytes; Forge KVS allows ${MAX_VALUE_BYTES}`,
      );
    }
    const previous = live(getStmt.get(ns, req.key));
    if (previous && req.options?.keyPolicy === 'FAIL_IF_EXISTS') {
      const { status, code } = behaviour.failIfExists;
      throw new KvsError(status, code, `The key '${req.key}' already exists (keyPolicy FAIL_IF_EXISTS)`);
    }
    const ttl = req.options?.ttl;
    const now = behaviour.now();
    putStmt.run({ ns, key: req.key, value, now, expire: ttl ? now + ttl.value * TTL_MS[ttl.unit] : null });
    if (req.options?.keyPolicy === 'OVERRIDE' && req.options.returnValue) {
      const row = req.options.returnValue === 'PREVIOUS' ? previous : getStmt.get(ns, req.key);
      return row ? shape(row) : undefined;
    }
    return undefined;
  }

  function del(ns: string, key: string): void {
    if (delStmt.run(ns, key).changes === 0) throw notFound(key);
  }

  function query(req: z.infer<typeof QueryReq>): unknown {
    const limit = req.limit ?? DEFAULT_QUERY_LIMIT;
    if (limit < 1 || limit > MAX_QUERY_LIMIT)
      throw new KvsError(400, 'INVALID_REQUEST', `limit must be 1..${MAX_QUERY_LIMIT}, got ${limit}`);
    const where = req.where ?? [];
    const after = req.after ? Buffer.from(req.after, 'base64url').toString('utf8') : '';
    const out: Row[] = [];
    let cursorKey = after;
    // Scan in key order, skipping expired rows and rows the where clause rejects.
    for (;;) {
      const batch = rangeStmt.all('app', cursorKey, 200);
      if (batch.length === 0) break;
      for (const row of batch) {
        cursorKey = row.key;
        if (!live(row)) continue;
        if (!where.every((w) => matches(row.key, w.condition, w.values))) continue;
        out.push(row);
        if (out.length > limit) break;
      }
      if (out.length > limit) break;
    }
    const page = out.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => listShape(r, req.options?.metadataFields)),
      ...(out.length > limit && last ? { cursor: Buffer.from(last.key, 'utf8').toString('base64url') } : {}),
    };
  }

  function entityQuery(req: z.infer<typeof EntityQueryReq>): unknown {
    const index = entityIndexes[req.entityName]?.find((i) => i.name === req.indexName);
    if (!index) {
      throw new KvsError(
        400,
        'INVALID_REQUEST',
        `Entity '${req.entityName}' has no index '${req.indexName}' in manifest app.storage.entities`,
      );
    }
    const limit = req.limit ?? DEFAULT_QUERY_LIMIT;
    if (limit < 1 || limit > MAX_QUERY_LIMIT)
      throw new KvsError(400, 'INVALID_REQUEST', `limit must be 1..${MAX_QUERY_LIMIT}, got ${limit}`);
    const rows = allStmt
      .all(namespace('entity', req.entityName))
      .filter((r) => live(r))
      .map((r) => ({ row: r, value: JSON.parse(r.value) as unknown }))
      .filter(({ value }) => index.partition.every((attr, i) => readPath(value, attr) === req.partition?.[i]))
      .filter(({ value }) => !req.range || matches(readPath(value, index.range[0] ?? ''), req.range.condition, req.range.values))
      .filter(({ value }) => conditionsHold(value, req.filters));
    const rangeAttr = index.range[0];
    rows.sort(
      (a, b) => (rangeAttr ? compare(readPath(a.value, rangeAttr), readPath(b.value, rangeAttr)) : 0) || compare(a.row.key, b.row.key),
    );
    if (req.sort === 'DESC') rows.reverse();
    const start = req.cursor ? Number(Buffer.from(req.cursor, 'base64url').toString('utf8')) : 0;
    const page = rows.slice(start, start + limit);
    return {
      data: page.map(({ row }) => listShape(row, req.options?.metadataFields)),
      ...(start + limit < rows.length ? { cursor: Buffer.from(String(start + limit)).toString('base64url') } : {}),
    };
  }

  const transaction = db.transaction((req: z.infer<typeof TransactionReq>) => {
    const ops = (req.set?.length ?? 0) + (req.delete?.length ?? 0) + (req.check?.length ?? 0);
    if (ops === 0) throw new KvsError(400, 'INVALID_REQUEST', 'A transaction needs at least one operation');
    if (ops > MAX_TRANSACTION_OPERATIONS) {
      throw new KvsError(400, 'INVALID_REQUEST', `A transaction can contain at most ${MAX_TRANSACTION_OPERATIONS} operations, got ${ops}`);
    }
    for (const item of [...(req.set ?? []), ...(req.delete ?? []), ...(req.check ?? [])]) if (item.entityName) declared(item.entityName);
    const guard = (ns: string, key: string, conditions: z.infer<typeof Conditions> | undefined) => {
      if (!conditions) return;
      const row = live(getStmt.get(ns, key));
      if (!conditionsHold(row ? (JSON.parse(row.value) as unknown) : undefined, conditions)) {
        throw new KvsError(409, 'CONDITION_CHECK_FAILED', `The transaction condition on '${key}' does not hold; nothing was written`);
      }
    };
    const nsOf = (entityName?: string) => (entityName ? namespace('entity', entityName) : 'app');
    for (const c of req.check ?? []) guard(nsOf(c.entityName), c.key, c.conditions);
    for (const s of req.set ?? []) guard(nsOf(s.entityName), s.key, s.conditions);
    for (const d of req.delete ?? []) guard(nsOf(d.entityName), d.key, d.conditions);
    for (const s of req.set ?? []) set(nsOf(s.entityName), s);
    for (const d of req.delete ?? []) delStmt.run(nsOf(d.entityName), d.key);
  });

  function batch<T extends { key: string; entityName?: string }>(items: T[], op: (item: T) => Record<string, unknown> | void) {
    if (items.length === 0) throw new KvsError(400, 'INVALID_REQUEST', 'A batch operation needs at least one key');
    if (items.length > MAX_BATCH_KEYS) {
      throw new KvsError(400, 'INVALID_REQUEST', `A batch operation can contain at most ${MAX_BATCH_KEYS} keys, got ${items.length}`);
    }
    const seen = new Set(items.map((i) => `${i.entityName ?? ''}/${i.key}`));
    if (seen.size !== items.length) throw new KvsError(400, 'INVALID_REQUEST', 'A batch operation names the same key twice');
    const successfulKeys: Record<string, unknown>[] = [];
    const failedKeys: Record<string, unknown>[] = [];
    for (const item of items) {
      try {
        successfulKeys.push(op(item) ?? { key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        const err = e instanceof KvsError ? e : new KvsError(500, 'INTERNAL_ERROR', String(e));
        failedKeys.push({
          key: item.key,
          ...(item.entityName ? { entityName: item.entityName } : {}),
          error: { code: err.code, message: err.message },
        });
      }
    }
    return { successfulKeys, failedKeys };
  }

  function handle(path: string, body: unknown): KvsReply {
    try {
      const out = route(path, body);
      return out === undefined ? { status: 204 } : { status: 200, body: out };
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: { code: e.code, message: e.message } };
      if (e instanceof z.ZodError)
        return { status: 400, body: { code: 'INVALID_REQUEST', message: `Bad KVS request to ${path}: ${z.prettifyError(e)}` } };
      throw e;
    }
  }

  function route(path: string, body: unknown): unknown {
    switch (path) {
      case '/api/v1/get':
        return shape(get('app', GetReq.parse(body).key));
      case '/api/v1/set':
        return set('app', SetReq.parse(body));
      case '/api/v1/delete':
        return del('app', DeleteReq.parse(body).key);
      case '/api/v1/query':
        return query(QueryReq.parse(body));
      case '/api/v1/secret/get':
        return shape(get('secret', GetReq.parse(body).key));
      case '/api/v1/secret/set':
        return set('secret', SetReq.parse(body));
      case '/api/v1/secret/delete':
        return del('secret', DeleteReq.parse(body).key);
      case '/api/v1/entity/get': {
        const req = GetReq.parse(body);
        return shape(get(namespace('entity', declared(req.entityName ?? '')), req.key), req.entityName);
      }
      case '/api/v1/entity/set': {
        const req = SetReq.parse(body);
        return set(namespace('entity', declared(req.entityName ?? '')), req);
      }
      case '/api/v1/entity/delete': {
        const req = DeleteReq.parse(body);
        return del(namespace('entity', req.entityName), req.key);
      }
      case '/api/v1/entity/query':
        return entityQuery(EntityQueryReq.parse(body));
      case '/api/v1/batch/set':
        return batch(z.array(SetReq).parse(body), (i) => void set(i.entityName ? namespace('entity', i.entityName) : 'app', i));
      case '/api/v1/batch/get':
        return batch(z.array(GetReq).parse(body), (i) =>
          shape(get(i.entityName ? namespace('entity', i.entityName) : 'app', i.key), i.entityName),
        );
      case '/api/v1/batch/delete':
        return batch(z.array(DeleteReq).parse(body), (i) => void del(i.entityName ? namespace('entity', i.entityName) : 'app', i.key));
      case '/api/v1/transaction':
        return transaction(TransactionReq.parse(body));
      default:
        throw new KvsError(404, 'UNSUPPORTED_OPERATION', `The local KVS does not serve ${path}`);
    }
  }

  return {
    configure(next) {
      behaviour = { ...DEFAULT_KVS_BEHAVIOUR, ...next };
    },
    handle,
    handleText(path, body) {
      asText = true;
      try {
        const reply = handle(path, body);
        return reply.body === undefined ? { status: reply.status } : { status: reply.status, text: replyText(reply.body) };
      } finally {
        asText = false;
      }
    },
    keys: () =>
      allStmt
        .all('app')
        .filter((r) => live(r))
        .map((r) => r.key),
    reset: () => void db.exec('DELETE FROM forge_kvs'),
  };
}
