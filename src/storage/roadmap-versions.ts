// Published roadmap versions in Forge KVS. Each is written once: its parts, then its summary,
// every key with FAIL_IF_EXISTS (no code path updates them), the summary last so a version is
// listed only when all of it is stored. Parts stay under 200,000 characters of JSON, below the
// 240 KiB a KVS value may hold. Listing is a key-prefix query over the summaries (small values).
import { kvs, WhereConditions } from '@forge/kvs';
import { VersionPartSchema, VersionSummarySchema, type VersionPart, type VersionSummary } from '../domain/roadmap/version';
import { KVS_KEYS } from './keys';

/** Characters of canonical JSON one part may hold. */
export const PART_MAX_CHARS = 200_000;
const QUERY_PAGE = 100;

export async function writeVersion(summary: VersionSummary, parts: readonly VersionPart[]): Promise<void> {
  await Promise.all(parts.map((p, n) => kvs.set(KVS_KEYS.roadmapVersionPart(summary.id, n), p, { keyPolicy: 'FAIL_IF_EXISTS' })));
  await kvs.set(KVS_KEYS.roadmapVersion(summary.id), summary, { keyPolicy: 'FAIL_IF_EXISTS' });
}

/** Every version's summary (unsorted) and the storage calls it took; one that does not parse is left out and counted. */
export async function listVersions(): Promise<{ versions: VersionSummary[]; unreadable: number; calls: number }> {
  const versions: VersionSummary[] = [];
  let unreadable = 0;
  let calls = 0;
  let cursor: string | undefined;
  do {
    let q = kvs.query().where('key', WhereConditions.beginsWith(KVS_KEYS.roadmapVersionPrefix)).limit(QUERY_PAGE);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<unknown>();
    calls += 1;
    for (const r of page.results) {
      const parsed = VersionSummarySchema.safeParse(r.value);
      if (parsed.success) versions.push(parsed.data);
      else unreadable += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { versions, unreadable, calls };
}

export interface StoredVersion {
  summary: VersionSummary;
  /** In order; undefined where a part is missing or does not parse. */
  parts: (VersionPart | undefined)[];
  calls: number;
}

export async function readVersion(id: string): Promise<StoredVersion | undefined> {
  const raw = await kvs.get<unknown>(KVS_KEYS.roadmapVersion(id));
  const parsed = VersionSummarySchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const summary = parsed.data;
  const keys = summary.parts.map((_, n) => KVS_KEYS.roadmapVersionPart(id, n));
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += 25) chunks.push(keys.slice(i, i + 25));
  const got = new Map<string, unknown>();
  for (const r of await Promise.all(chunks.map((c) => kvs.batchGet<unknown>(c.map((key) => ({ key })))))) {
    for (const ok of r.successfulKeys) got.set(ok.key, ok.value);
  }
  const parts = keys.map((k) => {
    const p = VersionPartSchema.safeParse(got.get(k));
    return p.success ? p.data : undefined;
  });
  return { summary, parts, calls: 1 + chunks.length };
}
